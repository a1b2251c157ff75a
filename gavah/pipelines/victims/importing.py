"""Import a victim list: the file becomes an evidence item first (hash, custody), then
each row a record pointing at that item, or a reject kept aside with its raw cells.

Everything a run adds (list, import, records, rejects, custody entry) is written in
one transaction, so an import that fails adds nothing. Rows already imported into the
list (same ref, or the same cells when the list has no ref column) are counted, not
added again.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gavah.core.custody import utc_now
from gavah.core.errors import BadInput
from gavah.core.names import fold_name
from gavah.core.victims.keys import folded
from gavah.core.victims.rows import Mapping, Problem, Record, Rejected, normalise_row
from gavah.pipelines import ingest
from gavah.pipelines.victims.readers import Table, detect_format, read_table
from gavah.store import victims as store
from gavah.store.workspace import Workspace

MAX_LISTED = 200  # rejected row numbers named in the custody entry


@dataclass
class ImportReport:
    list_name: str
    source: str
    file: str
    format: str
    item_id: int = 0
    import_id: int = 0
    rows: int = 0
    added: int = 0
    already: int = 0
    blank: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mapping: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"list": self.list_name, "source": self.source, "file": self.file,
                "format": self.format, "item_id": self.item_id, "import_id": self.import_id,
                "rows": self.rows, "added": self.added, "already": self.already,
                "blank": self.blank, "rejected": self.rejected, "warnings": self.warnings,
                "notes": self.notes, "mapping": self.mapping}


def import_list(ws: Workspace, path: str | Path, *, list_name: str, source: str, actor: str,
                mapping: dict[str, str] | None = None, id_column: str | None = None,
                fmt: str | None = None, sheet: str | None = None,
                classification: str = "public") -> ImportReport:
    list_name, source = list_name.strip(), source.strip()
    if not list_name:
        raise BadInput("the list needs a name", field="list_name")
    if not source:
        raise BadInput("the list needs a source: who published or provided it", field="source")
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path}: {exc.strerror or exc}") from None
    fmt = detect_format(path.name, data, fmt)
    table = read_table(str(path), data, fmt, sheet)
    columns = Mapping.build(table.header, mapping, id_column)
    report = ImportReport(list_name, source, str(path), fmt, rows=len(table.rows),
                          blank=table.blank, notes=list(table.notes),
                          mapping=columns.to_dict())
    records, rejects = _normalise(table, columns, report)
    report.notes += _script_notes(records, columns)

    report.item_id = _ingest(ws, path, data, source, actor, classification)
    now = utc_now()
    with ws.db.write() as session:
        store.ensure_list(session, list_name, source, actor)
        known = store.existing_keys(session, list_name, [r.key for r in records])
        fresh = [r for r in records if r.key not in known]
        known_rejects = store.reject_keys(session, list_name)
        new_rejects = [r for r in rejects if r.key not in known_rejects]
        report.added, report.already = len(fresh), len(records) - len(fresh)
        entry = ws.custody.append(session, actor, "victims-imported", report.item_id, {
            "list": list_name, "source": source, "format": fmt, "rows": report.rows,
            "added": report.added, "already": report.already, "rejected": len(rejects),
            "blank": report.blank, "mapping": report.mapping,
            "rejected_rows": [r.row for r in rejects][:MAX_LISTED],
        })
        report.import_id = store.add_import(
            session, list_name=list_name, item_id=report.item_id, source=source,
            imported_at=now, imported_by=actor, file_format=fmt,
            mapping_json=json.dumps(report.mapping, ensure_ascii=False), rows=report.rows,
            added=report.added, already=report.already, rejected=len(rejects),
            custody_seq=entry.seq)
        store.add_records(session, [_record_row(r, list_name, report, now) for r in fresh])
        store.add_rejects(session, [_reject_row(r, list_name, report, now) for r in new_rejects])
    return report


def _normalise(table: Table, columns: Mapping, report: ImportReport
               ) -> tuple[list[Record], list[Rejected]]:
    records: list[Record] = []
    rejects: list[Rejected] = []
    first_row: dict[str, int] = {}
    for row in table.rows:
        result = normalise_row(row.number, row.cells, columns)
        if row.problem:
            problems = [Problem(row.number, "(row)", row.problem)]
            if isinstance(result, Rejected):
                problems += result.problems
            result = Rejected(row.number, result.key, problems, dict(row.cells))
        elif result.key in first_row:
            what = (f"ref {result.key[4:]!r}" if result.key.startswith("ref:")
                    else "the same cells")
            result = Rejected(row.number, f"{result.key}#row{row.number}",
                              [Problem(row.number, columns.id_column or "(row)",
                                       f"duplicate: {what} as row {first_row[result.key]}")],
                              dict(row.cells))
        if isinstance(result, Rejected):
            rejects.append(result)
            report.rejected.append({"row": result.row,
                                    "problems": [{"field": p.field, "reason": p.reason}
                                                 for p in result.problems]})
        else:
            first_row[result.key] = row.number
            records.append(result)
            report.warnings += [{"row": result.row, "message": w} for w in result.warnings]
    return records, rejects


def _script_notes(records: list[Record], columns: Mapping) -> list[str]:
    scripts = Counter(r.script for r in records)
    if scripts["arabic"] and scripts["latin"]:
        column = columns.fields.get("name", "name")
        return [f"column {column!r} mixes scripts: {scripts['arabic']} name(s) in "
                f"Persian/Arabic script, {scripts['latin']} in Latin script "
                f"({scripts['mixed']} mixing both in one cell); all are kept and linkage "
                "compares them across scripts"]
    return []


def _ingest(ws: Workspace, path: Path, data: bytes, source: str, actor: str,
            classification: str) -> int:
    options = ingest.Options(source=source, method="import", classification=classification)
    result = ingest.ingest_paths(ws, [str(path)], options, actor)
    done = result.acquired + result.already
    if not done:
        reason = result.skipped[0]["reason"] if result.skipped else "not stored"
        raise BadInput(f"{path}: {reason}")
    if done[0]["sha256"] != hashlib.sha256(data).hexdigest():
        raise BadInput(f"{path}: the file changed while it was being imported; import again")
    return int(done[0]["item"])


def _record_row(r: Record, list_name: str, report: ImportReport, now: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        "list_name": list_name, "record_key": r.key, "import_id": report.import_id,
        "item_id": report.item_id, "row_number": r.row, "source_ref": r.source_ref,
        "name": r.name, "name_folded": folded(r.name) or "",
        "name_latin": fold_name(r.name) or folded(r.name) or "", "script": r.script,
        "birth_year": r.birth_year.gregorian if r.birth_year else None,
        "birth_year_calendar": r.birth_year.calendar if r.birth_year else None,
        "extra_json": json.dumps(r.extra, ensure_ascii=False, sort_keys=True),
        "warnings_json": json.dumps(r.warnings, ensure_ascii=False),
        "created_at": now, "person_id": None, "link_run_id": None,
    }
    for name in ("father_name", "sex", "age", "arrest_place", "death_place", "prison",
                 "affiliation", "notes"):
        row[name] = r.values.get(name)
    for prefix in ("arrest_date", "death_date"):
        date = r.dates.get(prefix)
        row[prefix] = date.text if date else None
        row[f"{prefix}_start"] = date.start if date else None
        row[f"{prefix}_end"] = date.end if date else None
        row[f"{prefix}_precision"] = date.precision if date else None
        row[f"{prefix}_calendar"] = date.calendar if date else None
    return row


def _reject_row(r: Rejected, list_name: str, report: ImportReport, now: str) -> dict[str, Any]:
    return {"list_name": list_name, "record_key": r.key, "import_id": report.import_id,
            "item_id": report.item_id, "row_number": r.row,
            "raw_json": json.dumps({k: _text(v) for k, v in r.raw.items()}, ensure_ascii=False),
            "problems_json": json.dumps([{"field": p.field, "reason": p.reason}
                                         for p in r.problems], ensure_ascii=False),
            "created_at": now}


def _text(value: Any) -> Any:
    return value if value is None or isinstance(value, (str, int)) else str(value)
