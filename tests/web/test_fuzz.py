"""Property-based requests generated from the OpenAPI spec (schemathesis): no 5xx, ever.

Bounded and derandomized: 30 examples per operation, the same ones each run,
in-process through ASGI (no network).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from hadath.web.app import create_app

OPERATIONS = [
    ("GET", "/api/documents"),
    ("POST", "/api/documents"),
    ("GET", "/api/documents/{doc_id}"),
    ("GET", "/api/search"),
    ("GET", "/api/events"),
    ("GET", "/api/events.csv"),
    ("GET", "/api/actors"),
    ("GET", "/api/quotes"),
    ("GET", "/api/series"),
    ("GET", "/api/facets"),
    ("GET", "/api/places"),
    ("POST", "/api/read"),
]
CHECKS = (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
)


@pytest.fixture(scope="module")
def api_schema(db: Path) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db))


def test_fuzz_covers_every_operation(api_schema: Any) -> None:
    found = {
        (method.upper(), path)
        for path, methods in api_schema.raw_schema["paths"].items()
        for method in methods
    }
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_fuzz_api_never_fails_on_the_server(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=30,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        response = case.call()
        case.validate_response(response, checks=CHECKS)

    run()
