"""Reading published aggregated tables (`gavah estimate --from-table FILE.csv`)."""

import io
from pathlib import Path

import pytest

from gavah.core.errors import BadInput
from gavah.core.estimate import read_stratified_table_csv, read_table_csv

FIXTURES = Path(__file__).parents[2] / "fixtures" / "mse"


def test_reads_a_published_table_with_comments():
    text = (FIXTURES / "hepatitis_a_taiwan_1995.csv").read_text(encoding="utf-8")
    table = read_table_csv(text, name="hav.csv")
    assert table.lists == ("P", "Q", "E")
    assert table.documented == 271
    assert table.count({"P", "Q", "E"}) == 28


def test_reads_a_stream_and_fills_omitted_patterns_with_zero():
    stream = io.StringIO("A;B;C;Freq\n1;0;0;5\n0;1;1;2\n")
    table = read_table_csv(stream)
    assert table.documented == 7
    assert table.count({"B"}) == 0


def test_the_on_no_list_row_may_be_present_without_a_count():
    table = read_table_csv("A,B,C,count\n1,1,0,3\n0,0,0,NA\n0,0,1,4\n")
    assert table.documented == 7


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A,B,C\n1,0,0\n", "no 'count' column"),
        ("A,B,count\n1,0,5\n", "at least 3 lists"),
        ("A,B,C,count\n1,2,0,5\n", "line 2, column 'B': '2' is not 0 or 1"),
        ("A,B,C,count\n1,0,0,-3\n", "line 2, column 'count': '-3' is not a whole number"),
        ("A,B,C,count\n1,0,0,2.5\n", "'2.5' is not a whole number"),
        ("A,B,C,count\n1,0,0,\n", "'' is not a whole number"),
        ("A,B,C,count\n0,0,0,12\n", "line 2: the row 'on no list' has count '12'"),
        ("A,B,C,count\n1,0,0,3\n0,1,0,1\n1,0,0,4\n", "line 4: the same pattern as line 2"),
        ("A,B,C,count\n1,0,0\n", "line 2: 3 values for 4 columns"),
        ("A,B,C,count\n", "empty table"),
        ("A,B,C,count\n1,0,0,0\n", "empty table"),
        ("", "empty table"),
        ("A,,C,count\n1,0,0,1\n", "a list name is empty"),
    ],
)
def test_bad_tables_name_the_line_column_and_reason(text, message):
    with pytest.raises(BadInput) as caught:
        read_table_csv(text, name="t.csv")
    assert message in str(caught.value)
    assert str(caught.value).startswith("t.csv")


def test_every_problem_is_reported_at_once():
    with pytest.raises(BadInput) as caught:
        read_table_csv("A,B,C,count\n1,x,0,1\n1,0,0,-1\n0,1,0,1\n")
    message = str(caught.value)
    assert "2 problem(s)" in message
    assert "line 2" in message and "line 3" in message


def test_stratified_table_splits_by_the_stratum_column():
    text = "prison,A,B,C,count\nEvin,1,0,0,5\nEvin,0,1,1,2\nGohardasht,1,1,1,4\n"
    tables = read_stratified_table_csv(text, stratum_column="prison")
    assert set(tables) == {"Evin", "Gohardasht"}
    assert tables["Evin"].documented == 7
    assert tables["Gohardasht"].lists == ("A", "B", "C")


def test_duplicates_are_per_stratum():
    text = "s,A,B,C,count\nx,1,0,0,5\ny,1,0,0,2\nx,1,0,0,1\n"
    with pytest.raises(BadInput, match="line 4: the same pattern as line 2"):
        read_stratified_table_csv(text, stratum_column="s")
