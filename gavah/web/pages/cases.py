"""Case files: the list, one case (its charges and element matrix; a cell opens the
evidence behind it, supporting and undermining side by side) and its gap list with the
exculpatory material. Reading a case file records reads of protected evidence. Analysts
open cases, charge suspects, link evidence and download disclosure packages."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Path, Query
from fastapi.responses import RedirectResponse, Response

from gavah.core.errors import GavahError
from gavah.pipelines import cases
from gavah.web.api.filters import NO_NUL
from gavah.web.deps import (
    CsrfChecked,
    PageAnalyst,
    PageCtx,
    PageUser,
    SettingsDep,
    WorkspaceDep,
)
from gavah.web.exports import package_download

router = APIRouter()
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]
ElementId = Annotated[str, Form(min_length=1, max_length=128, pattern=r"^[a-z0-9.\-]+$")]
Short = Annotated[str, Form(max_length=255, pattern=NO_NUL)]
Text = Annotated[str, Form(max_length=10_000, pattern=NO_NUL)]


def _case_list(page: PageCtx, auth: PageUser, ws: WorkspaceDep, error: str | None = None
               ) -> Response:
    return page.render("cases.html", status=400 if error else 200, error=error,
                       cases=cases.list_cases(ws, auth.viewer),
                       frameworks=cases.framework_ids(ws), levels=auth.viewer.levels)


@router.get("/cases")
def case_list(page: PageCtx, auth: PageUser, ws: WorkspaceDep) -> Response:
    return _case_list(page, auth, ws)


@router.post("/cases")
def create_case(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
                title: Short, framework: Short = "", classification: Short = "public"
                ) -> Response:
    """Open a case (analyst); then its page, to charge suspects and link evidence."""
    try:
        case = cases.create(ws, auth.viewer, title, framework_id=framework or None,
                            classification=classification)
    except GavahError as exc:
        return _case_list(page, auth, ws, str(exc))
    return RedirectResponse(f"/cases/{case['id']}", status_code=303)


def _choices(ws: WorkspaceDep, framework_id: str) -> dict[str, list[tuple[str, str]]]:
    """The crimes and modes of liability a suspect may be charged with under the case's
    framework: (id, title with its article). Titles are English: isolated (U+2066 ..
    U+2069) so a right-to-left page keeps their parentheses in place."""
    found: dict[str, dict[str, str]] = {"crime": {}, "mode": {}}
    for element in cases.elements(ws, framework_id):
        if element["part"] in found:
            found[element["part"]].setdefault(
                element["crime"],
                f"\u2066{element['crime_title']} ({element['article']})\u2069")
    return {part: list(titles.items()) for part, titles in found.items()}


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


def _case_page(page: PageCtx, auth: PageUser, ws: WorkspaceDep, case_id: int,
               element: str | None, suspect: int | None, error: str | None = None,
               form_error: str | None = None, form: str | None = None) -> Response:
    """The case page; `form_error` is shown beside the form named `form` (charge or
    export), `error` in the open cell."""
    data = cases.show(ws, auth.viewer, case_id, via="web")
    return page.render("case.html", status=400 if error or form_error else 200, data=data,
                       selected=_selected(data, element, suspect), error=error,
                       form_error=form_error, form=form,
                       choices=_choices(ws, data["framework"]["id"]),
                       names={s["id"]: s["name"] for s in data["suspects"]},
                       labels={e["id"]: e for e in data["elements"]})


@router.get("/cases/{case_id}")
def case_page(page: PageCtx, auth: PageUser, ws: WorkspaceDep, case_id: CaseId,
              element: Annotated[str | None, Query(max_length=128,
                                                   pattern=r"^[a-z0-9.\-]+$")] = None,
              suspect: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None) -> Response:
    return _case_page(page, auth, ws, case_id, element, suspect)


def _back(case_id: int, element: str, suspect: int) -> Response:
    return RedirectResponse(f"/cases/{case_id}?element={element}&suspect={suspect}#cell",
                            status_code=303)


@router.post("/cases/{case_id}/link")
def link(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
         case_id: CaseId, element: ElementId, suspect: Annotated[int, Form(ge=1)],
         target: Short, target_id: Short, stance: Short, note: Text = "",
         only_suspect: Annotated[bool, Form()] = False) -> Response:
    """Link evidence to the element of the open cell, for its suspect or for all."""
    try:
        cases.link(ws, auth.viewer, case_id, element, target, target_id.strip(), stance,
                   suspect=str(suspect) if only_suspect else None, note=note.strip() or None)
    except GavahError as exc:
        return _case_page(page, auth, ws, case_id, element, suspect, str(exc))
    return _back(case_id, element, suspect)


@router.post("/cases/{case_id}/unlink")
def unlink(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
           case_id: CaseId, element: ElementId, suspect: Annotated[int, Form(ge=1)],
           target: Short, target_id: Short, link_suspect: Short = "") -> Response:
    try:
        cases.unlink(ws, auth.viewer, case_id, element, target, target_id,
                     suspect=link_suspect or None)
    except GavahError as exc:
        return _case_page(page, auth, ws, case_id, element, suspect, str(exc))
    return _back(case_id, element, suspect)


@router.get("/cases/{case_id}/gaps")
def gaps_page(page: PageCtx, auth: PageUser, ws: WorkspaceDep, case_id: CaseId) -> Response:
    data = cases.show(ws, auth.viewer, case_id, via="web")
    return page.render("case_gaps.html", data=data,
                       names={s["id"]: s["name"] for s in data["suspects"]},
                       labels={e["id"]: e for e in data["elements"]})


@router.post("/cases/{case_id}/charge")
def charge(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
           case_id: CaseId, suspect: Short, crime: ElementId, mode: Short = "") -> Response:
    """Charge a suspect (an entity's id or name) with a crime under a mode of liability."""
    try:
        cases.charge(ws, auth.viewer, case_id, suspect.strip(), crime, mode or None)
    except GavahError as exc:
        return _case_page(page, auth, ws, case_id, None, None, form_error=str(exc),
                          form="charge")
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/cases/{case_id}/export")
def export(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, settings: SettingsDep,
           _csrf: CsrfChecked, case_id: CaseId,
           recipient: Annotated[Literal["court", "defence", "public"], Form()],
           lang: Annotated[Literal["en", "fa"], Form()] = "en") -> Response:
    """The case's disclosure package as a zip download (recorded in the custody log)."""
    try:
        return package_download(ws, auth.viewer, case_id, recipient, lang,
                                settings.max_export_bytes)
    except GavahError as exc:
        return _case_page(page, auth, ws, case_id, None, None, form_error=str(exc),
                          form="export")
