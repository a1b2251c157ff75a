"""Property tests of the victim-list readers (CSV, XLSX, JSON): any bytes give a table or
a clear BadInput naming the file, never a crash; a table written by a spreadsheet tool
comes back cell for cell, whatever the cells hold (quotes, separators, line breaks,
Persian text, leading zeros). Bounded: a few hundred examples each."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from gavah.core.errors import BadInput
from gavah.pipelines.victims.readers import detect_format, read_table

BOUNDED = settings(max_examples=200, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])
# Cell text as lists hold it: names in both scripts, digits of both kinds, and the
# characters that break naive CSV handling.
CELL_CHARS = st.sampled_from(list("abzAZ09 -'.,;|\t\"\n\r") + list("رضاحسینیكي۰۱۳۶۷\u200c")
                             + ["é", "\u202e"])
CELL = st.text(CELL_CHARS, min_size=1, max_size=12).filter(lambda s: s.strip() != "")
HEADER = st.lists(st.text(st.sampled_from(list("abcdefgh_")), min_size=1, max_size=8),
                  min_size=1, max_size=5, unique=True)
XML_SAFE = st.text(st.sampled_from(list("abzAZ09 -'.,;|\"") + list("رضاحسینی۰۱۳۶۷")),
                   min_size=1, max_size=12).filter(lambda s: s.strip() == s and s != "")


@st.composite
def tables(draw: st.DrawFn, cell: st.SearchStrategy[str] = CELL) -> list[list[str]]:
    header = draw(HEADER)
    rows = draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)),
                         min_size=1, max_size=6))
    return [header, *rows]


def _csv(rows: list[list[str]], delimiter: str) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL).writerows(rows)
    return out.getvalue().encode()


@BOUNDED
@given(rows=tables(), delimiter=st.sampled_from([",", ";", "\t"]))
# the sniffer alone took the ";" quoted in every row for the separator
@example(rows=[["_", "__", "___"], [";", "0", ";"], [";", "0", ";"]], delimiter=",")
def test_a_written_csv_comes_back_cell_for_cell(rows: list[list[str]], delimiter: str) -> None:
    table = read_table("list.csv", _csv(rows, delimiter), "csv")
    assert table.header == [h.strip() for h in rows[0]] or table.header == rows[0]
    assert [list(r.cells.values()) for r in table.rows] == rows[1:]
    assert [r.number for r in table.rows] == list(range(2, len(rows) + 1))
    assert not any(r.problem for r in table.rows)


@BOUNDED
@given(rows=tables(XML_SAFE))
def test_a_written_xlsx_comes_back_cell_for_cell(rows: list[list[str]]) -> None:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    assert detect_format("list.bin", data) == "xlsx"
    table = read_table("list.xlsx", data, "xlsx")
    assert [list(r.cells.values()) for r in table.rows] == rows[1:]


@BOUNDED
@given(data=st.binary(max_size=400), fmt=st.sampled_from(["csv", "json", "xlsx"]))
def test_any_bytes_give_a_table_or_a_clear_error(data: bytes, fmt: str) -> None:
    try:
        table = read_table("given.bin", data, fmt)
    except BadInput as exc:
        assert "given.bin" in str(exc)
    else:
        assert table.format == fmt
        assert all(r.number >= 1 for r in table.rows)


@BOUNDED
@given(members=st.dictionaries(st.sampled_from(["[Content_Types].xml", "xl/workbook.xml",
                                                 "xl/worksheets/sheet1.xml", "junk"]),
                               st.binary(max_size=200), min_size=1))
def test_a_broken_workbook_is_bad_input(members: dict[str, bytes]) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    try:
        read_table("broken.xlsx", out.getvalue(), "xlsx")
    except BadInput as exc:
        assert "broken.xlsx" in str(exc)


@BOUNDED
@given(value=st.recursive(st.one_of(st.none(), st.booleans(), st.integers(),
                                    st.floats(allow_nan=False), st.text(max_size=8)),
                          lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                  st.dictionaries(st.text(max_size=4), inner,
                                                                  max_size=3)),
                          max_leaves=12))
def test_any_json_gives_rows_or_a_clear_error(value: object) -> None:
    try:
        table = read_table("list.json", json.dumps(value).encode(), "json")
    except BadInput as exc:
        assert "list.json" in str(exc)
    else:
        for row in table.rows:
            assert all(isinstance(k, str) for k in row.cells)
