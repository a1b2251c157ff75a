"""The report's HTML and exhibit list on a small FICTIONAL case file: supporting links
beyond the cap are counted, not listed, while undermining ones always are; the exhibit
list is a CSV of every item."""

from __future__ import annotations

import csv
import io
from typing import Any

from gavah.pipelines.export import report


def _link(n: int, stance: str) -> dict[str, Any]:
    return {"link": {"id": n, "element": "cah-murder.1", "stance": stance, "note": None},
            "kind": "item", "target_id": str(n), "title": f"FICTIONAL exhibit {n:05d}",
            "originators": []}


def _case(supporting: int, undermining: int) -> dict[str, Any]:
    evidence = [_link(n, "supports") for n in range(supporting)]
    evidence += [_link(supporting + n, "undermines") for n in range(undermining)]
    items = [{"id": n, "file": f"data/items/{n}/original/x.txt", "file_sha256": "ab" * 32,
              "redacted": n == 0, "sha256": "cd" * 32, "original_name": f"x,{n}.txt",
              "media_type": "text/plain", "size": 10, "classification": "public",
              "acquired_at": "2026-01-01T00:00:00Z", "acquired_by": "FICTIONAL",
              "source": None} for n in range(3)]
    return {"format": "gavah-disclosure/1", "case": {"id": 1, "title": "FICTIONAL case"},
            "recipient": "court", "level": "restricted", "exported_at": "2026-01-01",
            "framework": {"title": "FICTIONAL law", "version": "1"}, "charges": [],
            "suspects": [], "matrix": [], "withheld": [], "gaps": [], "estimates": [],
            "elements": [{"id": "cah-murder.1", "label": "killed", "citation": "art. 1"}],
            "evidence": evidence, "exculpatory": [], "items": items}


def test_supporting_links_are_capped_undermining_never() -> None:
    cap = report.SUPPORTING_IN_PDF
    page = report.html(_case(cap + 25, 3), "0" * 64, "key", "en")
    assert page.count("FICTIONAL exhibit") == cap + 3
    assert f"FICTIONAL exhibit {cap + 25 + 2:05d}" in page  # the last undermining link
    assert "25 more supporting links" in page
    assert "more supporting" not in report.html(_case(cap, 1), "0" * 64, "key", "en")
    persian = report.html(_case(cap + 1, 0), "0" * 64, "key", "fa")
    assert "1 پیوند تأییدکنندهٔ دیگر" in persian
    assert "3 فایل (1 تا نسخهٔ پوشانده)" in persian


def test_exhibit_list_is_a_csv_of_every_item() -> None:
    rows = list(csv.DictReader(io.StringIO(report.exhibits_csv(_case(1, 0)).decode())))
    assert [r["id"] for r in rows] == ["0", "1", "2"]
    assert rows[1]["original_name"] == "x,1.txt" and rows[1]["source"] == ""
    assert [r["redacted"] for r in rows] == ["true", "false", "false"]
    assert list(rows[0]) == list(report.COLUMNS)


def test_exhibit_list_cells_never_run_as_formulas() -> None:
    case = _case(1, 0)
    case["items"][0]["original_name"] = '=HYPERLINK("http://example.invalid","FICTIONAL")'
    case["items"][1]["source"] = "@SUM(1+1)"
    case["items"][2]["original_name"] = "-2+3"
    rows = list(csv.DictReader(io.StringIO(report.exhibits_csv(case).decode())))
    assert rows[0]["original_name"] == "'" + case["items"][0]["original_name"]
    assert rows[1]["source"] == "'@SUM(1+1)"
    assert rows[2]["original_name"] == "'-2+3"
    assert rows[0]["sha256"] == case["items"][0].get("sha256", "")  # hashes untouched
