"""Entities: the list, one entity (names in every script, identifiers, positions,
events, claims about it by who says them, its timeline and network), and an analyst's
merge and its undo (split), both kept as judgements and custody entries."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from gavah.core.errors import BadInput, NotFound
from gavah.pipelines import dossiers
from gavah.pipelines import entities as entity_pipeline
from gavah.web.api.filters import NO_NUL
from gavah.web.deps import CsrfChecked, PageAnalyst, PageCtx, PageUser, WorkspaceDep
from gavah.web.graph import layout, timeline_chart

router = APIRouter()
EntityRef = Annotated[str, Path(max_length=255, pattern=NO_NUL)]
Text = Annotated[str, Form(max_length=10_000, pattern=NO_NUL)]
Ref = Annotated[str, Form(max_length=255, pattern=NO_NUL)]


@router.get("/entities")
def entities(page: PageCtx, auth: PageUser, ws: WorkspaceDep,
             type: Annotated[str | None, Query(max_length=32, pattern=NO_NUL)] = None,
             ) -> Response:
    rows = entity_pipeline.list_entities(ws, auth.viewer, type or None)
    return page.render("entities.html", entities=rows, type=type or "")


def _entity_page(page: PageCtx, auth: PageUser, ws: WorkspaceDep, ref: str,
                 error: str | None = None) -> Response:
    # The body (network, positions, events, claims by source, timeline: a long template
    # for a person named in thousands of claims) is rendered once per computed page and
    # language by whichever process is asked first; readers with the same clearance
    # share it.
    data = dossiers.entity(
        ws, auth.viewer, ref, via="web", with_candidates=auth.can("analyse"),
        part=page.lang, render=lambda e: page.templates.render(
            page.lang, "_entity_body.html", {
                "entity": e, "graph": layout(e["network"]),
                "chart": timeline_chart(e["positions"], e["timeline"])}))
    body = Markup(data["body"])
    return page.render("entity.html", status=400 if error else 200, entity=data, body=body,
                       error=error, done=page.request.query_params.get("done"))


@router.get("/entities/{ref}")
def entity(page: PageCtx, auth: PageUser, ws: WorkspaceDep, ref: EntityRef) -> Response:
    return _entity_page(page, auth, ws, ref)


@router.post("/entities/{ref}/merge")
def merge(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
          ref: EntityRef, other: Ref = "", reason: Text = "") -> Response:
    """Merge `other` into this entity."""
    try:
        if not other.strip():
            raise BadInput("name the entity to merge into this one (its id or a name)")
        data = entity_pipeline.merge(ws, auth.viewer, ref, other.strip(),
                                     reason.strip() or None)
    except (BadInput, NotFound) as exc:  # the other one: shown on this page
        return _entity_page(page, auth, ws, ref, str(exc))
    return RedirectResponse(f"/entities/{data['id']}?done=merge", status_code=303)


@router.post("/entities/{ref}/split")
def split(page: PageCtx, auth: PageAnalyst, ws: WorkspaceDep, _csrf: CsrfChecked,
          ref: EntityRef, other: Ref = "", reason: Text = "") -> Response:
    """Undo the merge of `other` into this entity."""
    try:
        entity_pipeline.split(ws, auth.viewer, ref, other.strip(), reason.strip() or None)
    except (BadInput, NotFound) as exc:  # the other one: shown on this page
        return _entity_page(page, auth, ws, ref, str(exc))
    return RedirectResponse(f"/entities/{quote(ref, safe='')}?done=split", status_code=303)
