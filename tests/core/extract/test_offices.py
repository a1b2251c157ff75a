"""An office given as a speaker is its holder, when the text names them (FICTIONAL texts)."""

from __future__ import annotations

import pytest

from gavah.core.extract import extract
from gavah.core.extract.offices import office_holder
from tests.core.extract.claim_views import chains as _chains


def _speakers(text: str) -> list[str | None]:
    return [c.speaker.name if c.speaker else None
            for c in extract(text, publisher="Qalat Radio").claims if c.kind == "quotation"]


def test_the_un_chief_is_the_secretary_general_named() -> None:
    text = (
        "FICTIONAL. United Nations Secretary-General Leila Karimi said in a report that the "
        'raids continued. "Insurgents are intimidating the villages," the UN chief said.'
    )
    assert _speakers(text) == ["Leila Karimi"]


def test_the_envoy_is_the_special_representative_named() -> None:
    text = (
        '"We condemn the attack," said Omid Farahani, the Secretary-General’s Special '
        'Representative for Qalat. "There is no justification for it," said the UN envoy.'
    )
    assert _speakers(text) == ["Omid Farahani", "Omid Farahani"]


def test_the_holder_written_with_the_office_wins() -> None:
    text = (
        '"We regret the executions," said the UN Special Rapporteur on extrajudicial, summary '
        "or arbitrary executions, Leila Karimi. The UN Special Rapporteur on torture, Omid "
        "Farahani, agreed."
    )
    assert _speakers(text) == ["Leila Karimi"]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("the UN chief", "Leila Karimi"), ("Leila Karimi", None), ("the ministry", None)],
)
def test_only_an_office_is_resolved(phrase: str, expected: str | None) -> None:
    text = "FICTIONAL. Secretary-General Leila Karimi spoke. Later " + phrase + " said more."
    assert office_holder(text, phrase, text.index("Later") + 6) == expected


def test_an_office_nobody_holds_in_the_text_stays_the_office() -> None:
    text = 'FICTIONAL. "The raids must end," the UN High Commissioner for Human Rights said.'
    assert _speakers(text) == ["UN High Commissioner for Human Rights"]


def test_a_spokesperson_delivering_a_principals_words_is_a_level() -> None:
    text = (
        "FICTIONAL briefing\n\n"
        "UN rights chief Leila Karimi on Friday condemned the raids on Qalat. Delivering the "
        "High Commissioner’s statement, spokesperson Omid Farahani said the raids must end.\n\n"
        '"The raids have killed at least 40 people," Karimi said.'
    )
    chains = _chains(text, "Qalat Radio")
    assert chains == [["Qalat Radio", "Omid Farahani", "Leila Karimi"]]


def test_said_that_the_named_principal_is_a_relay() -> None:
    text = (
        "Omid Farahani of the Office of the Ombudsman said that UN High Commissioner for Human "
        'Rights Leila Karimi condemned the sentences. "It is outrageous," Karimi said.'
    )
    chains = _chains(text, "Qalat Radio")
    assert chains == [["Qalat Radio", "Omid Farahani", "Leila Karimi"]]


def test_the_deputy_is_not_the_high_commissioner() -> None:
    """FICTIONAL: "Deputy High Commissioner X" is X, with no "Deputy High" body; the
    High Commissioner named elsewhere is not the deputy."""
    text = ('FICTIONAL. High Commissioner Leila Karimi opened the session. Deputy High '
            'Commissioner Omid Farahani said the council must act. "More than half of the '
            'casualties were caused by shelling," the Deputy High Commissioner said.')
    chains = _chains(text, "Qalat Radio")
    assert chains == [["Qalat Radio", "Omid Farahani"]]


def test_a_persian_office_is_its_holder_named_in_apposition() -> None:
    """FICTIONAL: "وزیر خارجه داشت‌آباد ... نوشت" after "لیلا کریمی، وزیر خارجه داشت‌آباد،"."""
    text = ("لیلا کریمی، وزیر خارجه داشت‌آباد، در پیامی از گزارش تازه سخن گفت.\n"
            "وزیر خارجه داشت‌آباد روز پنجشنبه در پیامی نوشت: «مردم قلات خواهان آزادی هستند.»")
    (quote,) = [c for c in extract(text, publisher="رادیو قلات").claims
                if c.kind == "quotation"]
    assert [p.name for p in quote.attribution] == ["رادیو قلات", "لیلا کریمی"]
