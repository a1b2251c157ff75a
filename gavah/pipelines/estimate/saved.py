"""Estimates run from the web app, kept in the workspace (`estimates/N/`: the result as
JSON and its figures as PNG and SVG) so that a page can show the latest one without
computing it again. Each keeps who ran it, when, with which parameters, and the
classification of the lists it read: a reader sees an estimate only when they may
see every one of them, at their classification now (a list whose file was raised or
that received a file above the reader since hides the estimate too).

By default an estimate counts the lists the person running it may see in full. Asked
for some lists, it reads those lists only: records, pairs and warnings of other lists
the runner may see count for nothing, so they cannot show through the result's counts
to a reader cleared for the chosen lists alone."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from gavah.core.custody import utc_now
from gavah.core.errors import BadInput, NotFound
from gavah.core.estimate import METHODS
from gavah.core.levels import LEVELS, is_protected, rank
from gavah.pipelines.access import Viewer, record_object_read
from gavah.pipelines.estimate import run
from gavah.pipelines.victims.browse import list_levels
from gavah.store.audit import Pending
from gavah.store.workspace import Workspace

FOLDER = "estimates"
RESULT = "result.json"
FIGURES = ("overlaps.png", "overlaps.svg", "estimate.png", "estimate.svg")
MEDIA_TYPES = {".png": "image/png", ".svg": "image/svg+xml"}
_ID = re.compile(r"^[0-9]{1,9}$")


def _root(ws: Workspace) -> Path:
    return ws.home / FOLDER


def _ids(ws: Workspace) -> list[int]:
    root = _root(ws)
    if not root.is_dir():
        return []
    return sorted(int(p.name) for p in root.iterdir()
                  if _ID.match(p.name) and (p / RESULT).is_file())


def _new_folder(ws: Workspace) -> tuple[int, Path]:
    root = _root(ws)
    root.mkdir(parents=True, exist_ok=True)
    taken = [int(p.name) for p in root.iterdir() if _ID.match(p.name)]
    number = max(taken, default=0) + 1
    while True:
        try:
            (root / str(number)).mkdir()
            return number, root / str(number)
        except FileExistsError:  # another request took it: the next one
            number += 1


def run_estimate(ws: Workspace, viewer: Viewer, *, lists: list[str] | None = None,
                 stratify: str | None = None, method: str = "loglinear",
                 seed: int = 0, imputations: int = 0) -> dict[str, Any]:
    if method not in METHODS:
        raise BadInput(f"method {method!r}: expected one of {', '.join(METHODS)}")
    levels = list_levels(ws)
    mine = sorted(name for name, level in levels.items() if viewer.may_see(level))
    if lists:
        hidden = [name for name in lists if name not in mine]
        if hidden:
            raise BadInput(f"unknown list(s): {', '.join(hidden)}; the lists you may use "
                           f"are {', '.join(mine) or 'none'}")
    read = sorted(set(lists)) if lists else mine
    number, folder = _new_folder(ws)
    try:
        # Lists above the reader's clearance are not read at all, and nothing in the
        # result says whether there are any.
        result = run.from_persons(ws, lists=lists or None, stratify=stratify or None,
                                  method=method, figures=folder, seed=seed, visible=read,
                                  imputations=imputations)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    chosen = result["lists"]
    result["figures"] = [Path(p).name for p in result["figures"]]
    result["saved"] = {
        "id": number, "created_at": utc_now(), "actor": viewer.actor, "seed": seed,
        "stratify": stratify or None, "requested_lists": lists or None,
        "imputations": imputations, "read_lists": read,
        "classification": max((levels[n] for n in [*chosen, *read] if n in levels),
                              key=rank, default=LEVELS[0])}
    (folder / RESULT).write_text(json.dumps(result, ensure_ascii=False, indent=1),
                                 encoding="utf-8")
    return result


def _load(ws: Workspace, number: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (_root(ws) / str(number) / RESULT).read_text(encoding="utf-8"))
    return data


def _level_now(data: dict[str, Any], levels: dict[str, str]) -> str:
    """The saved classification, raised to the current level of any list it read."""
    meta = data["saved"]
    names = [*data.get("lists", []), *(meta.get("read_lists") or [])]
    return max([meta["classification"], *(levels[n] for n in names if n in levels)],
               key=rank)


def _visible(ws: Workspace, viewer: Viewer) -> list[dict[str, Any]]:
    """Saved estimates the reader may see, newest first, each classified as now."""
    levels = list_levels(ws)
    out = []
    for number in reversed(_ids(ws)):
        data = _load(ws, number)
        level = _level_now(data, levels)
        if viewer.may_see(level):
            data["saved"]["classification"] = level
            out.append(data)
    return out


def latest(ws: Workspace, viewer: Viewer) -> dict[str, Any] | None:
    """The newest saved estimate the reader may see, or None."""
    for data in _visible(ws, viewer):
        _read(ws, viewer, data)
        return data
    return None


def _read(ws: Workspace, viewer: Viewer, data: dict[str, Any]) -> None:
    record_object_read(ws, viewer, "estimate", int(data["saved"]["id"]),
                       data["saved"]["classification"])


def get(ws: Workspace, viewer: Viewer, number: int) -> dict[str, Any]:
    if number not in _ids(ws):
        raise NotFound(f"no estimate {number}")
    data = _load(ws, number)
    level = _level_now(data, list_levels(ws))
    if not viewer.may_see(level):
        raise NotFound(f"no estimate {number}")
    data["saved"]["classification"] = level
    _read(ws, viewer, data)
    return data


HEADLINE = ("saved", "method", "lists", "documented", "estimate", "lower", "upper")


def saved(ws: Workspace, viewer: Viewer, *, audit_via: str | None = None
          ) -> list[dict[str, Any]]:
    """Every saved estimate the reader may see, newest first (parameters and headline).
    `audit_via`: record the read of the protected ones shown (one entry for all), saying
    where they were read."""
    shown = _visible(ws, viewer)
    protected = [[int(d["saved"]["id"]), d["saved"]["classification"]] for d in shown
                 if is_protected(d["saved"]["classification"])]
    if audit_via and protected:
        ws.audit.append([Pending(viewer.actor, "viewed", None,
                                 {"estimates": protected, "via": audit_via})])
    return [{key: data.get(key) for key in HEADLINE}
            | {"linkage": linkage_headline(data.get("linkage"))} for data in shown]


def linkage_headline(info: dict[str, Any] | None) -> dict[str, Any] | None:
    if not info:
        return None
    return {key: info.get(key) for key in (
        "imputations", "linkage_share_of_width", "undecided_pairs")}


def figure(ws: Workspace, viewer: Viewer, number: int, name: str) -> tuple[bytes, str]:
    """(bytes, media type) of one figure of a saved estimate."""
    if name not in FIGURES:
        raise NotFound(f"no figure {name!r}")
    get(ws, viewer, number)
    path = _root(ws) / str(number) / name
    if not path.is_file():
        raise NotFound(f"no figure {name!r}")
    return path.read_bytes(), MEDIA_TYPES[path.suffix]
