"""Reading a victim list file (CSV, XLSX, JSON) into a header and rows of cells.

Row numbers are what a person opening the file sees: for CSV and XLSX the header is
row 1 and the first data row is row 2; for JSON, record 1 is the first object.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from charset_normalizer import from_bytes

from gavah.core.errors import BadInput

FORMATS = ("csv", "xlsx", "json")
_SUFFIX = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
           ".json": "json"}


@dataclass
class Row:
    number: int
    cells: dict[str, Any]
    problem: str | None = None  # a row the reader could not split into the columns


@dataclass
class Table:
    format: str
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    blank: int = 0  # rows with every cell empty: counted, not records
    notes: list[str] = field(default_factory=list)


def detect_format(name: str, data: bytes, given: str | None = None) -> str:
    if given:
        if given not in FORMATS:
            raise BadInput(f"{given!r} is not one of {', '.join(FORMATS)}", field="fmt")
        return given
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    if suffix in _SUFFIX:
        return _SUFFIX[suffix]
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{"):
        return "json"
    return "csv"


def read_table(name: str, data: bytes, fmt: str, sheet: str | None = None) -> Table:
    if fmt == "xlsx":
        return _read_xlsx(name, data, sheet)
    if fmt == "json":
        return _read_json(name, _decode(name, data))
    return _read_csv(name, _decode(name, data))


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise BadInput(f"{name}: not text in any encoding gavah recognises") from None
        return str(best)


def _header(cells: Iterable[Any]) -> list[str]:
    """Header names, made unique and never empty ("column 3" for a blank one)."""
    out: list[str] = []
    for number, cell in enumerate(cells, start=1):
        text = " ".join(str(cell).split()) if cell not in (None, "") else f"column {number}"
        base, n = text, 2
        while text in out:
            text, n = f"{base} ({n})", n + 1
        out.append(text)
    return out


def _blank(values: Iterable[Any]) -> bool:
    return all(v is None or str(v).strip() == "" for v in values)


_DELIMITERS = ",;\t|"


def _delimiter(sample: str) -> str:
    """The separator that reads the sample as one table: the same number of cells (more
    than one) on every line as on the first. The standard library's sniffer alone takes a
    separator quoted inside cells for the real one (`"_","__"` over lines of `";","0"`);
    it only breaks ties here, and "," is the default."""
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        sniffed = ","
    lines = sample if len(sample) < 8192 else sample[: sample.rfind("\n") + 1] or sample

    def fit(delimiter: str) -> tuple[float, bool]:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(lines, newline=""), csv.excel,
                                                 delimiter=delimiter) if r]
        except csv.Error:
            return (0.0, False)
        if not widths or widths[0] < 2:
            return (0.0, delimiter == sniffed)
        return (sum(w == widths[0] for w in widths) / len(widths), delimiter == sniffed)

    fits = {delimiter: fit(delimiter) for delimiter in _DELIMITERS}
    best = max(fits, key=fits.__getitem__)
    return best if fits[best][0] > 0 else sniffed


def _read_csv(name: str, text: str) -> Table:
    delimiter = _delimiter(text[:8192])
    # Only the separator is guessed. The sniffer's other guesses (doubled quotes, spaces
    # after separators) are wrong on ordinary files, e.g. it reads a cell `"0,` written by
    # a spreadsheet as `"0`; every spreadsheet tool writes quotes as Excel does.
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    try:
        header_cells = next(reader)
    except StopIteration:
        raise BadInput(f"{name}: the file is empty") from None
    except csv.Error as exc:
        raise BadInput(f"{name}: not readable as CSV: {exc}") from None
    table = Table("csv", _header(header_cells))
    number = 1
    try:
        for values in reader:
            number += 1
            if _blank(values):
                table.blank += 1
            else:
                table.rows.append(_row(table, number, values))
    except csv.Error as exc:
        raise BadInput(f"{name}: row {number + 1} is not readable as CSV: {exc}") from None
    return table


def _row(table: Table, number: int, values: list[Any]) -> Row:
    cells = dict(zip(table.header, values, strict=False))
    if len(values) > len(table.header):
        spill = values[len(table.header):]
        if not _blank(spill):
            cells["(cells past the last column)"] = " | ".join(str(v) for v in spill)
            return Row(number, cells, f"{len(values)} cells but the header has "
                                      f"{len(table.header)} columns")
    return Row(number, cells)


def _cell(value: Any) -> Any:
    """Spreadsheet values as the text a person sees."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _read_xlsx(name: str, data: bytes, sheet: str | None) -> Table:
    from openpyxl import load_workbook  # only XLSX imports need it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise BadInput(f"{name}: not a readable XLSX workbook ({exc})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise BadInput(f"{name}: no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})")
        ws = book[sheet] if sheet else book.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        first = next(rows, None)
        if first is None or _blank(first):
            raise BadInput(f"{name}: the first row of sheet {ws.title!r} must be a header")
        table = Table("xlsx", _header(first))
        if sheet is None and len(book.sheetnames) > 1:
            table.notes.append(f"read sheet {ws.title!r} of {len(book.sheetnames)}; name "
                               "another sheet to read that one")
        for number, values in enumerate(rows, start=2):
            cells = [_cell(v) for v in values]
            if _blank(cells):
                table.blank += 1
                continue
            table.rows.append(_row(table, number, cells))
        return table
    finally:
        book.close()


def _read_json(name: str, text: str) -> Table:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise BadInput(f"{name}: not valid JSON: {exc}") from None
    except RecursionError:
        raise BadInput(f"{name}: the JSON is nested too deeply to be a list of records") \
            from None
    if isinstance(data, dict):
        data = next((data[k] for k in ("records", "victims", "rows", "data")
                     if isinstance(data.get(k), list)), None)
    if not isinstance(data, list):
        raise BadInput(f"{name}: expected a JSON array of objects (or an object with "
                       "'records': [...])")
    header: dict[str, None] = {}
    for entry in data:
        if isinstance(entry, dict):
            header.update(dict.fromkeys(str(k) for k in entry))
    table = Table("json", list(header))
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            table.rows.append(Row(number, {"(value)": json.dumps(entry, ensure_ascii=False)},
                                  "not a JSON object"))
            continue
        cells = {str(k): v if v is None or (isinstance(v, (str, int)) and not isinstance(v, bool))
                 else _json_cell(v) for k, v in entry.items()}
        if _blank(cells.values()):
            table.blank += 1
            continue
        table.rows.append(Row(number, cells))
    return table


def _json_cell(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)
