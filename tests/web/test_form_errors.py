"""Every kind of error the redaction form can meet is said from the catalogue
(gavah.web.form_errors), and in Persian too; an error of another kind keeps its words."""

from __future__ import annotations

import re
from pathlib import Path

from gavah.core.errors import BadInput
from gavah.web import locale
from gavah.web.form_errors import MESSAGES

ROOT = Path(__file__).resolve().parents[2] / "gavah"
RAISING = [ROOT / "pipelines" / "redact.py", ROOT / "core" / "redaction.py"]


def test_every_code_raised_has_a_translated_message() -> None:
    codes = {code for path in RAISING
             for code in re.findall(r'code="([a-z-]+)"', path.read_text())}
    assert len(codes) >= 10 and codes <= set(MESSAGES), codes - set(MESSAGES)
    persian = locale.translations("fa")
    for code in codes:
        said = persian.gettext(MESSAGES[code])
        assert said != MESSAGES[code] and re.search("[\u0600-\u06ff]", said), code


class _Page:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def gettext(self, message: str) -> str:
        return str(locale.translations(self.lang).gettext(message))


def test_params_fill_the_message_in_the_readers_digits() -> None:
    from gavah.web.form_errors import shown

    error = BadInput("span 0:99 is outside the text (42 characters)", field="span",
                     code="span-outside", params={"span": "0:99", "length": 42})
    assert shown(_Page("en"), error) == ("Spans to hide: 0:99 is outside the text, which "  # type: ignore[arg-type]
                                         "has 42 characters.")
    assert "۴۲" in shown(_Page("fa"), error)  # type: ignore[arg-type]
    other = BadInput("FICTIONAL: something else went wrong", field="reason")
    assert shown(_Page("fa"), other) == "FICTIONAL: something else went wrong"  # type: ignore[arg-type]
