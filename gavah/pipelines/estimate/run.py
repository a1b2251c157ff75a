"""`gavah estimate`: a capture-history table from the linked persons (each person's set
of lists) or from a published aggregated table, then multiple systems estimation, and
figures of the overlaps and of the estimate when asked.

The statistics are `gavah.core.estimate`'s; this module gathers the table, adds what a
reader must know about where it came from (which linkage run, records not yet linked,
pairs not yet reviewed) and writes the figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from gavah.core.errors import BadInput
from gavah.core.estimate import (
    CaptureTable,
    Estimate,
    estimate,
    estimate_stratified,
    read_stratified_table_csv,
    read_table_csv,
    tables_by_stratum,
)
from gavah.core.estimate.table import check_list_names
from gavah.core.names import name_similarity
from gavah.core.victims.fields import FIELDS
from gavah.pipelines.estimate.figures import plot_estimate, plot_overlaps
from gavah.pipelines.estimate.uncertainty import with_uncertainty
from gavah.store import victim_links as links
from gavah.store import victims as store
from gavah.store.workspace import Workspace

SAME_VALUE = 0.85  # name similarity at which two spellings name one stratum


def parse_lists(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [name.strip() for name in text.split(",") if name.strip()]


def from_table(path: str | Path, *, lists: list[str] | None = None, stratify: str | None = None,
               method: str = "loglinear", figures: str | Path | None = None,
               seed: int = 0) -> dict[str, Any]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot read the table: {exc}") from None
    if stratify:
        tables = read_stratified_table_csv(text, stratum_column=stratify, name=str(path))
    else:
        tables = {"": read_table_csv(text, name=str(path))}
    if lists is not None:
        tables = {name: table.subset(lists) for name, table in tables.items()}
    return _finish(tables, method, seed, figures, {"kind": "table", "file": str(path)}, [])


def from_persons(ws: Workspace, *, lists: list[str] | None = None, stratify: str | None = None,
                 method: str = "loglinear", figures: str | Path | None = None,
                 seed: int = 0, visible: Collection[str] | None = None,
                 imputations: int = 0) -> dict[str, Any]:
    """`visible`: the lists the reader may see (all when None). Records of other lists
    count for nothing, strata and warnings included: not even their number shows.
    `imputations`: linkages drawn from the pair probabilities and pooled into the
    estimate (0: the run's persons only); without strata, the result's "linkage" says
    what the undecided pairs could change."""
    if imputations < 0:
        raise BadInput("the number of imputed linkages cannot be negative",
                       field="imputations")
    if stratify is not None and stratify == "list":
        raise BadInput("not by list: lists are what MSE compares; stratify by a field of "
                       "the records (e.g. prison, sex, death_place)", field="stratify")
    with ws.db.read() as session:
        run = links.latest_run(session)
        if run is None:
            raise BadInput("no linkage run yet: link the victim records first, or estimate "
                           "from an aggregated table")
        lists_of, values, unlinked = store.memberships(session, stratify, visible)
        decided = {(d.record_a, d.record_b) for d in links.decisions(session)}
        seen = store.record_ids_in(session, visible) if visible is not None else None
        pending = sum(1 for p in links.pairs_of(session, run.id, review_only=True)
                      if (p.record_a, p.record_b) not in decided
                      and (seen is None or {p.record_a, p.record_b} <= seen))
    every = sorted({name for on in lists_of.values() for name in on})
    chosen = check_list_names(lists if lists is not None else every,
                              where=None if lists is not None else "linked lists",
                              field="lists" if lists is not None else None)
    unknown = [name for name in chosen if name not in every]
    if unknown:
        raise BadInput(f"unknown list(s) {', '.join(unknown)}; the linked lists are "
                       f"{', '.join(every)}", field="lists")
    warnings = _provenance_warnings(unlinked, pending)
    people = {pid: on & set(chosen) for pid, on in lists_of.items()}
    people = {pid: on for pid, on in people.items() if on}
    if stratify:
        if stratify not in FIELDS and not any(v for vals in values.values() for v in vals):
            raise BadInput(f"{stratify!r} is not a field of the records (fields: "
                           f"{', '.join(FIELDS)}, or an extra column of the lists)",
                           field="stratify")
        strata, notes = _strata(values, people)
        warnings += notes
        tables = tables_by_stratum(((people[pid], strata.get(pid)) for pid in people), chosen)
    else:
        tables = {"": CaptureTable.from_memberships(people.values(), chosen)}
    source = {"kind": "linked persons", "link_run": run.id, "persons": len(people),
              "records_not_linked": unlinked, "review_pending": pending}
    def carry(result: Estimate) -> tuple[Estimate, dict[str, Any]]:
        return with_uncertainty(ws, result, lists=chosen, method=method, seed=seed,
                                imputations=imputations, visible=visible)

    return _finish(tables, method, seed, figures, source, warnings,
                   linkage=None if stratify else carry)


def _provenance_warnings(unlinked: int, pending: int) -> list[str]:
    out = []
    if unlinked:
        out.append(f"{unlinked} record(s) were imported after the last linkage run and are "
                   "not counted; run `gavah victims link` again")
    if pending:
        out.append(f"{pending} uncertain pair(s) await review (`gavah victims review`); "
                   "linkage errors bias the estimate (missed links inflate it, false links "
                   "deflate it)")
    return out


def _same_value_groups(values: Iterable[str]) -> dict[str, str]:
    """Spellings of one value across scripts (Evin / اوین / Evine) -> one key: the most
    frequent spelling. Only values with letters are compared this way; numbers stay
    as written."""
    counts = Counter(values)
    key_of: dict[str, str] = {}
    keys: list[str] = []
    for value, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        match = None
        if any(ch.isalpha() for ch in value):
            match = next((k for k in keys if any(ch.isalpha() for ch in k)
                          and name_similarity(k, value) >= SAME_VALUE), None)
        if match is None:
            keys.append(value)
            match = value
        key_of[value] = match
    return key_of


def _strata(values: dict[int, list[Any]], people: dict[int, set[str]]
            ) -> tuple[dict[int, str | None], list[str]]:
    """Each person's stratum: the value most of their records give, with spellings of
    one value grouped across scripts; people whose records disagree are counted."""
    given = {pid: [str(v).strip() for v in values.get(pid, []) if v not in (None, "")]
             for pid in people}
    key_of = _same_value_groups(v for vs in given.values() for v in vs)
    out: dict[int, str | None] = {}
    conflicts = 0
    for pid, vs in given.items():
        keys = Counter(key_of[v] for v in vs)
        conflicts += len(keys) > 1
        out[pid] = sorted(keys.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if keys else None
    notes = [f"{conflicts} person(s) have records that disagree on the stratum; the value "
             "most of their records give was used"] if conflicts else []
    return out, notes


def _finish(tables: dict[str, CaptureTable], method: str, seed: int,
            figures: str | Path | None, source: dict[str, Any], warnings: list[str],
            linkage: Callable[[Estimate], tuple[Estimate, dict[str, Any]]] | None = None
            ) -> dict[str, Any]:
    info = None
    if list(tables) == [""]:
        table = tables[""]
        result: Estimate = estimate(table, method, seed=seed)
        if linkage is not None:
            result, info = linkage(result)
    else:
        result = estimate_stratified(tables, method, seed=seed)
        table = _overall(tables.values())
    result.warnings = warnings + result.warnings
    out = result.to_dict()
    out["source"] = source
    if info is not None:
        out["linkage"] = info
    out["table"] = [{"lists": list(on), "count": n} for on, n in table.cells()]
    out["list_sizes"] = table.list_sizes()
    out["figures"] = [str(p) for p in _figures(table, result, figures)] if figures else []
    return out


def _overall(tables: Iterable[CaptureTable]) -> CaptureTable:
    parts = list(tables)
    counts = sum((t.counts for t in parts[1:]), parts[0].counts.copy())
    return CaptureTable(parts[0].lists, counts)


def _figures(table: CaptureTable, result: Estimate, folder: str | Path) -> list[Path]:
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"{folder}: {exc.strerror or exc}", field="figures") from None
    written = []
    for suffix in (".png", ".svg"):
        written.append(plot_overlaps(table, folder / f"overlaps{suffix}"))
        written.append(plot_estimate(result, folder / f"estimate{suffix}"))
    return written
