"""The item page lists an item's redacted copies: what was hidden, why and by whom
(FICTIONAL items of tests/web/conftest.py)."""

from __future__ import annotations

from gavah.pipelines import redact
from gavah.pipelines.access import Viewer
from tests.web.conftest import Site


def test_item_page_lists_redacted_copies(site: Site) -> None:
    item = site.items["restricted"]
    site.user("ana", "analyst", "restricted")
    page = site.session("ana")
    assert "Redacted copies" not in page.get(f"/items/{item}").text
    made = redact.redact(site.ws, Viewer("user:ana", "restricted"), str(item), [(0, 9)], [],
                         "FICTIONAL: a name to hide")
    shown = page.get(f"/items/{item}").text
    assert "Redacted copies" in shown and "FICTIONAL: a name to hide" in shown
    assert made["sha256"][:16] in shown and "user:ana" in shown
    site.user("pari", "analyst", "restricted", language="fa")
    persian = site.session("pari").get(f"/items/{item}").text
    assert "نسخه‌های پوشانده" in persian and "متن پوشانده" in persian
