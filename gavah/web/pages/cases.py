"""Case files: the list, one case (its charges and element matrix; a cell opens the
evidence behind it, supporting and undermining side by side) and its gap list with the
exculpatory material. Reading a case file records reads of protected evidence."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from gavah.pipelines import cases
from gavah.web.deps import PageCtx, PageUser, WorkspaceDep

router = APIRouter()
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/cases")
def case_list(page: PageCtx, auth: PageUser, ws: WorkspaceDep) -> Response:
    return page.render("cases.html", cases=cases.list_cases(ws, auth.viewer))


def _selected(data: dict[str, Any], element: str | None, suspect: int | None
              ) -> dict[str, Any] | None:
    """The cell chosen, with its evidence split by stance (None when none is chosen)."""
    if element is None or suspect is None:
        return None
    row = next((r for r in data["matrix"] if r["element"] == element), None)
    cell = next((c for c in row["cells"] if c["suspect"] == suspect), None) if row else None
    if cell is None or not cell["applies"]:
        return None
    by_link = {e["link"]["id"]: e for e in data["evidence"]}
    undermining = [by_link[i] for i in cell["undermining_links"]]
    # what must be disclosed besides the undermining links, each claim once
    shown = {e["target_id"] for e in undermining if e["kind"] == "claim"}
    disclose: dict[str, dict[str, Any]] = {}
    for x in data["exculpatory"]:
        key = x["claim"] or f"{x['about']['target']}:{x['about']['target_id']}"
        if x["about"]["element"] == element and x["kind"] != "undermining-link" \
                and key not in shown:
            disclose.setdefault(key, x)
    return {"cell": cell,
            "element": next(e for e in data["elements"] if e["id"] == element),
            "suspect": next(s for s in data["suspects"] if s["id"] == suspect),
            "supporting": [by_link[i] for i in cell["supporting_links"]],
            "undermining": undermining, "exculpatory": list(disclose.values())}


@router.get("/cases/{case_id}")
def case_page(page: PageCtx, auth: PageUser, ws: WorkspaceDep, case_id: CaseId,
              element: Annotated[str | None, Query(max_length=128,
                                                   pattern=r"^[a-z0-9.\-]+$")] = None,
              suspect: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None) -> Response:
    data = cases.show(ws, auth.viewer, case_id, via="web")
    return page.render("case.html", data=data, selected=_selected(data, element, suspect),
                       names={s["id"]: s["name"] for s in data["suspects"]},
                       labels={e["id"]: e for e in data["elements"]})


@router.get("/cases/{case_id}/gaps")
def gaps_page(page: PageCtx, auth: PageUser, ws: WorkspaceDep, case_id: CaseId) -> Response:
    data = cases.show(ws, auth.viewer, case_id, via="web")
    return page.render("case_gaps.html", data=data,
                       names={s["id"]: s["name"] for s in data["suspects"]},
                       labels={e["id"]: e for e in data["elements"]})
