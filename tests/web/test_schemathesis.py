"""Fuzzing the REST API from its OpenAPI spec with schemathesis: every generated request
must get a documented status code and a response matching the documented schema, never
a 500, and never anything above the caller's clearance. Bounded: a few examples per
operation, so the run takes seconds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.web.conftest import MARKERS, Site, build_layer

EXAMPLES = 15


def test_api_conforms_to_its_spec(site: Site, tmp_path: Path) -> None:
    build_layer(site, tmp_path, victims=False)  # claims, entities, sources, events to find
    site.user("fuzz", "admin", "confidential")  # the strictly-confidential item stays hidden
    headers = site.token("fuzz")
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", site.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {f"{op.method.upper()} {op.path.removeprefix('/api/v1')}" for op in operations} \
        >= {"GET /items", "GET /items/{item_id}", "GET /items/{item_id}/original",
            "POST /items", "GET /search", "GET /me", "GET /claims", "GET /claims/{claim_id}",
            "GET /claims/{claim_id}/corroboration", "POST /claims/{claim_id}/confirm",
            "POST /claims/{claim_id}/reject", "POST /claims/{claim_id}/edit",
            "GET /entities", "GET /entities/{ref}", "POST /entities/{ref}/merge",
            "POST /entities/{ref}/split", "GET /sources", "GET /sources/{ref}",
            "POST /sources/{ref}/grades", "GET /events", "GET /events/{event_id}",
            "GET /victims/lists", "GET /victims/records", "GET /victims/records/{record_id}",
            "GET /victims/persons/{person_id}", "POST /victims/persons/{person_id}/split",
            "POST /victims/persons/{person_id}/merge", "GET /victims/decisions",
            "POST /victims/decisions"}

    for operation in operations:
        if operation.path.endswith("/exports"):
            continue  # a zip download, which the fuzzer reads as text: test_case_exports.py
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def fuzz(case: Any) -> None:
            response = case.call_and_validate(headers=headers)
            assert MARKERS["strictly-confidential"] not in response.text

        fuzz()
