"""Property-based fuzzing of the JSON API against its own OpenAPI schema (schemathesis).

Every operation gets generated requests, valid and invalid: no response may be a 5xx, and each
must match the schema (status documented, body shape, content type). Examples are kept few so
the suite stays fast; raise FUZZ_EXAMPLES for a deeper run.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="fuzzing needs the dev extra")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from storydesk.web.app import create_app  # noqa: E402

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


OPERATIONS = [
    ("GET", "/api/health"),
    ("GET", "/api/stories"),
    ("GET", "/api/stories/{story_id}"),
    ("POST", "/api/summarize"),
    ("POST", "/api/articles"),
]


def test_fuzzing_covers_every_api_operation(desk_file: Path) -> None:
    schema = create_app(desk_file).openapi()
    found = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_never_fails_and_matches_its_schema(desk_file: Path, method: str, path: str) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(desk_file, token="t0k"))
    operation = schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.call_and_validate(checks=CHECKS)

    run()
