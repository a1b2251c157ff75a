"""Victim records: reading cells and rows, mapping columns, linkage forms, clustering."""

from __future__ import annotations

import pytest

from gavah.core.errors import BadInput
from gavah.core.victims.clusters import Decision, cluster
from gavah.core.victims.keys import linkage_features, name_forms
from gavah.core.victims.rows import Mapping, Record, Rejected, normalise_row, script_of
from gavah.core.victims.values import (
    CellError,
    ascii_digits,
    clean,
    parse_age,
    parse_cell_date,
    parse_sex,
    parse_year,
)


def test_cells_digits_and_empties() -> None:
    assert ascii_digits("۱۳۶۷/۰۵/۱۲") == "1367/05/12"
    assert ascii_digits("١٣٦٧") == "1367"  # Arabic-Indic
    assert clean("  Reza\u00a0 Jafari ") == "Reza Jafari"
    for empty in ("", "  ", "-", "?", "N/A", "نامعلوم", None):
        assert clean(empty) is None


def test_age_sex_and_years() -> None:
    assert parse_age("۲۶") == 26
    assert parse_age("34.0") == 34  # spreadsheets
    with pytest.raises(CellError, match="outside"):
        parse_age("300")
    with pytest.raises(CellError, match="not a whole number"):
        parse_age("thirty")
    assert parse_sex("مرد") == parse_sex("M") == parse_sex("ذكر") == "male"
    assert parse_sex("زن") == parse_sex("Female") == parse_sex("أنثى") == "female"
    with pytest.raises(CellError):
        parse_sex("x")
    assert parse_year("۱۳۴۱").gregorian == 1962 and parse_year("1341").calendar == "jalali"
    assert parse_year("1962").gregorian == 1962 and parse_year("1962").calendar == "gregorian"
    assert parse_year("1367/05/12").gregorian == 1988
    with pytest.raises(CellError, match="neither"):
        parse_year("1000")


def test_dates_keep_their_precision_and_calendar() -> None:
    day = parse_cell_date("۱۲ مرداد ۱۳۶۷")
    assert (day.start, day.end, day.precision, day.calendar) == (
        "1988-08-03", "1988-08-03", "day", "jalali")
    month = parse_cell_date("شهریور ۱۳۶۷")
    assert month.precision == "month" and month.start == "1988-08-23"
    assert parse_cell_date("1988-09").end == "1988-09-30"
    assert parse_cell_date("1367").precision == "year"
    with pytest.raises(CellError, match="not readable"):
        parse_cell_date("soon after the trial")
    with pytest.raises(CellError, match="does not exist"):
        parse_cell_date("1367/13/01")
    with pytest.raises(CellError, match="does not exist"):
        parse_cell_date("31/02/1988")


def test_mapping_self_explicit_extras_and_id() -> None:
    m = Mapping.build(["ref", "Name", "Father name", "place", "page"], {"place": "prison"})
    assert m.fields == {"prison": "place", "name": "Name", "father_name": "Father name"}
    assert m.id_column == "ref"
    assert m.extras == ("page",)
    with pytest.raises(BadInput, match="unknown field 'nam'"):
        Mapping.build(["a"], {"a": "nam"})
    with pytest.raises(BadInput, match="no column 'b'"):
        Mapping.build(["a"], {"b": "name"})
    with pytest.raises(BadInput, match="ref: no such column") as found:
        Mapping.build(["a"], id_column="ref")
    assert found.value.field == "id_column"  # the CLI names it as its flag
    with pytest.raises(BadInput, match="two columns"):
        Mapping.build(["a", "b"], {"a": "name", "b": "name"})


def test_a_row_becomes_a_record() -> None:
    m = Mapping.build(["ref", "name", "father_name", "age", "death_date", "prison", "page"])
    rec = normalise_row(2, {"ref": "۷", "name": "رضا جعفری", "father_name": "کریم",
                            "age": "۲۶", "death_date": "۱۲ مرداد ۱۳۶۷", "prison": "",
                            "page": "3"}, m)
    assert isinstance(rec, Record)
    assert rec.source_ref == "7" and rec.key == "ref:7"
    assert rec.script == "arabic"
    assert rec.values["age"] == 26 and "prison" not in rec.values  # empty = unknown
    assert rec.dates["death_date"].start == "1988-08-03"
    assert rec.extra == {"page": "3"}  # unmapped columns are kept


def test_bad_rows_name_every_problem() -> None:
    m = Mapping.build(["name", "age", "death_date"])
    bad = normalise_row(5, {"name": "", "age": "300", "death_date": "soon"}, m)
    assert isinstance(bad, Rejected)
    assert [(p.row, p.field) for p in bad.problems] == [(5, "name"), (5, "age"),
                                                        (5, "death_date")]
    assert bad.raw == {"name": "", "age": "300", "death_date": "soon"}


def test_mixed_scripts_are_kept_with_a_warning() -> None:
    m = Mapping.build(["name"])
    rec = normalise_row(2, {"name": "Ali رضایی"}, m)
    assert isinstance(rec, Record) and rec.script == "mixed"
    assert any("mixes" in w for w in rec.warnings)
    assert script_of("Reza") == "latin" and script_of("123") == "other"


def test_rows_without_ref_are_keyed_by_content() -> None:
    m = Mapping.build(["name", "prison"])
    one = normalise_row(2, {"name": "Reza", "prison": "Evin"}, m)
    two = normalise_row(9, {"name": "Reza", "prison": "Evin"}, m)
    other = normalise_row(3, {"name": "Reza", "prison": "Gohardasht"}, m)
    assert one.key == two.key != other.key


def test_linkage_forms_cross_scripts() -> None:
    latin, script = name_forms("name", "Reza Ja'fari"), name_forms("name", "رضا جعفری")
    assert latin["name_key"] == script["name_key"]
    assert latin["name_first"] == script["name_first"]
    features = linkage_features({"id": 4, "list": "C", "name": "Reza Ja'fari", "age": 26,
                                 "death_date_start": "1988-08-03"})
    assert features["birth_year"] == 1962  # from age at death
    assert features["father_fold"] is None


def test_clusters_follow_pairs_and_decisions() -> None:
    pairs = [(1, 2, 0.99), (2, 3, 0.95), (4, 5, 0.5)]
    plain = cluster(range(1, 7), pairs, 0.9)
    assert plain.members() == {1: [1, 2, 3], 4: [4], 5: [5], 6: [6]}
    # "different" on 1 and 3 also keeps the chain 1-2-3 from joining them.
    apart = cluster(range(1, 7), pairs, 0.9, [Decision(1, 3, False)])
    assert apart.person_of[1] != apart.person_of[3]
    assert apart.refused == [(2, 3)]
    # "same" joins what the model left apart; a later decision overrides an earlier one.
    joined = cluster(range(1, 7), pairs, 0.9, [Decision(4, 6, False), Decision(6, 4, True)])
    assert joined.person_of[6] == joined.person_of[4] == 4
    conflict = cluster([1, 2, 3], [], 0.9, [Decision(1, 2, True), Decision(2, 3, True),
                                            Decision(1, 3, False)])
    assert conflict.conflicts == [(2, 3)]
    assert conflict.persons == 2
