"""Field-by-field agreement between two records, in the linkage model's levels.
Every name here is FICTIONAL."""

from __future__ import annotations

from gavah.core.victims.agreement import compare
from gavah.core.victims.keys import linkage_features


def _features(rid: int, **fields: object) -> dict[str, object]:
    return linkage_features({"id": rid, "list": "A", **fields})


def test_agreement_across_scripts_and_missing_is_not_disagreement() -> None:
    a = _features(1, name="Reza Jaafari", father_name="Karim", birth_year=1962,
                  death_date_start="1988-08-03", death_date_end="1988-08-03",
                  prison="Evin", sex="m")
    b = _features(2, name="رضا جعفری", father_name=None, birth_year=1963,
                  death_date_start="1988-08-01", death_date_end="1988-08-31",
                  prison="اوین", sex="f")
    found = compare(a, b)
    assert found["name"]["verdict"] == "agree" and found["name"]["similarity"] > 0.9
    assert found["father_name"] == {"level": "missing", "verdict": "missing"}
    assert found["birth_year"] == {"level": "1 year(s) apart", "verdict": "close"}
    assert found["death_date"] == {"level": "periods overlap", "verdict": "agree"}
    assert found["prison"]["verdict"] == "agree"
    assert found["sex"]["verdict"] == "disagree"
    assert found["arrest_date"]["verdict"] == "missing"


def test_different_people_disagree() -> None:
    a = _features(1, name="Reza Jaafari", father_name="Karim", birth_year=1962,
                  death_date_start="1988-08-03", death_date_end="1988-08-03")
    b = _features(2, name="Bijan Sharifi", father_name="Nasser", birth_year=1950,
                  death_date_start="1981-06-01", death_date_end="1981-06-30")
    found = compare(a, b)
    assert [found[k]["verdict"] for k in ("name", "father_name", "birth_year",
                                          "death_date")] == ["disagree"] * 4
