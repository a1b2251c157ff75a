"""Facet filters as query parameters, shared by /items and /search."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query
from pydantic import StringConstraints

from gavah.pipelines.browse import FACETS

NO_NUL = r"^[^\x00]*$"  # no database stores NUL in text; nothing can match it
Value = Annotated[str, StringConstraints(max_length=255, pattern=NO_NUL)]
Values = Annotated[list[Value] | None, Query()]


def facet_filters(source: Values = None, media_type: Values = None, language: Values = None,
                  year: Values = None, classification: Values = None,
                  tag: Values = None) -> dict[str, list[str]]:
    given = dict(zip(FACETS, (source, media_type, language, year, classification, tag),
                     strict=True))
    return {k: v for k, v in given.items() if v}


Filters = Annotated[dict[str, list[str]], Depends(facet_filters)]
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
