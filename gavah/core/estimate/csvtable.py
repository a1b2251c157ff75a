"""Read the aggregated capture-history tables statisticians publish (`--from-table`).

One 0/1 column per list plus a `count` column (R's `Freq` is accepted too), one row per
capture pattern. Patterns left out count as 0, as in published tables that omit empty
cells. Lines starting with `#` are comments, so a table can carry its citation.

Duplicate patterns are refused, not summed: a published table has one row per pattern,
so a repeated row is far more likely a copy-and-paste slip than intent, and summing it
would silently double-count victims. Every problem is reported, with its line number,
in one BadInput.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from typing import TextIO

import numpy as np

from gavah.core.errors import BadInput
from gavah.core.estimate.table import CaptureTable, check_list_names

COUNT_COLUMNS = ("count", "freq")
# How the unobservable "on no list" row is written when a table includes it anyway.
UNKNOWN_COUNT = {"", "na", "nan", "?", "-", "0", "unknown"}
MAX_PROBLEMS = 20


def read_table_csv(source: str | TextIO, *, name: str = "table") -> CaptureTable:
    """Parse CSV text (or an open text stream) into one capture-history table."""
    tables = _parse(source, name=name, stratum_column=None)
    return tables[""]


def read_stratified_table_csv(
    source: str | TextIO, *, stratum_column: str, name: str = "table"
) -> dict[str, CaptureTable]:
    """Parse a table with one extra column naming the stratum of each row."""
    return _parse(source, name=name, stratum_column=stratum_column)


def _lines(source: str | TextIO) -> Iterator[tuple[int, str]]:
    stream = io.StringIO(source) if isinstance(source, str) else source
    for number, line in enumerate(stream, start=1):
        if number == 1:
            line = line.lstrip("\ufeff")
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _parse(
    source: str | TextIO, *, name: str, stratum_column: str | None
) -> dict[str, CaptureTable]:
    lines = _lines(source)
    try:
        header_no, header_line = next(lines)
    except StopIteration:
        raise BadInput(f"{name}: empty table (no header, no rows)") from None
    delimiter = max(",;\t", key=header_line.count)
    header = [h.strip() for h in next(csv.reader([header_line], delimiter=delimiter))]
    lowered = [h.lower() for h in header]
    count_at = next((lowered.index(c) for c in COUNT_COLUMNS if c in lowered), None)
    if count_at is None:
        raise BadInput(
            f"{name}, line {header_no}: no 'count' column; expected one 0/1 column per "
            f"list plus a 'count' column, found {', '.join(header) or 'nothing'}"
        )
    stratum_at = None
    if stratum_column is not None:
        if stratum_column not in header:
            raise BadInput(f"{name}, line {header_no}: no stratum column {stratum_column!r}")
        stratum_at = header.index(stratum_column)
    list_at = [i for i in range(len(header)) if i not in (count_at, stratum_at)]
    lists = check_list_names([header[i] for i in list_at], where=f"{name}, line {header_no}")

    problems: list[str] = []
    cells: dict[str, dict[int, tuple[int, int]]] = {}  # stratum -> mask -> (count, line)
    for number, line in lines:
        values = [v.strip() for v in next(csv.reader([line], delimiter=delimiter))]
        where = f"line {number}"
        if len(values) != len(header):
            problems.append(f"{where}: {len(values)} values for {len(header)} columns")
            continue
        mask, ok = 0, True
        for bit, i in enumerate(list_at):
            if values[i] not in ("0", "1"):
                problems.append(f"{where}, column {header[i]!r}: {values[i]!r} is not 0 or 1")
                ok = False
            elif values[i] == "1":
                mask |= 1 << bit
        raw = values[count_at]
        if mask == 0 and ok:
            if raw.lower() not in UNKNOWN_COUNT:
                problems.append(
                    f"{where}: the row 'on no list' has count {raw!r}; no list can record "
                    "the people it missed (leave it empty or remove the row)"
                )
            continue
        count = _count(raw)
        if count is None:
            problems.append(
                f"{where}, column {header[count_at]!r}: {raw!r} is not a whole number >= 0"
            )
            ok = False
        if not ok or count is None:
            continue
        stratum = values[stratum_at] if stratum_at is not None else ""
        if stratum_at is not None and not stratum:
            problems.append(f"{where}, column {stratum_column!r}: empty stratum")
            continue
        seen = cells.setdefault(stratum, {})
        if mask in seen:
            problems.append(
                f"{where}: the same pattern as line {seen[mask][1]}; each pattern must "
                "appear once (duplicates are refused rather than summed)"
            )
            continue
        seen[mask] = (count, number)

    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        tail = [f"... and {more} more"] if more else []
        raise BadInput(f"{name}: {len(problems)} problem(s)\n" + "\n".join(shown + tail))
    if not cells or all(sum(c for c, _ in s.values()) == 0 for s in cells.values()):
        raise BadInput(f"{name}: empty table (no one is counted on any list)")

    tables: dict[str, CaptureTable] = {}
    for stratum, by_mask in cells.items():
        counts = [0] * 2 ** len(lists)
        for mask, (count, _) in by_mask.items():
            counts[mask] = count
        label = f"{name}, stratum {stratum!r}" if stratum_at is not None else name
        if sum(counts) == 0:
            raise BadInput(f"{label}: empty (no one is counted on any list)")
        tables[stratum] = CaptureTable(lists, np.asarray(counts, dtype=np.int64))
    return tables


def _count(raw: str) -> int | None:
    try:
        value = float(raw)
    except ValueError:
        return None
    if not math.isfinite(value) or value < 0 or value != int(value):
        return None
    return int(value)
