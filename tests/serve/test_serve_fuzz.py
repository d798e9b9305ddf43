"""Schemathesis fuzzes every operation of the desk's OpenAPI schema, as an analyst and as a viewer: no 500.

Generated web addresses for ``POST /api/v1/documents`` are pointed at a closed loopback port, so the
fuzzer never makes the desk fetch from another host.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from .helpers import bearer, fill

LOOPBACK_NOWHERE = "http://127.0.0.1:9/report.html"
EXAMPLES = 40
log = logging.getLogger(__name__)


def _call(case: Any, token: str) -> Any:
    if case.path == "/api/v1/documents" and isinstance(case.body, dict) and case.body.get("url") is not None:
        case.body["url"] = LOOPBACK_NOWHERE
    return case.call(headers=bearer(token))


def _check(case: Any, tokens: dict[str, str]) -> None:
    for role in ("analyst", "viewer"):
        response = _call(case, tokens[role])
        assert response.status_code < 500, (role, case.method, case.path, response.status_code, response.text[:500])
        writes = case.method.upper() in ("PATCH", "PUT", "DELETE", "POST") and case.path != "/api/v1/reports"
        if role == "viewer" and writes:
            assert response.status_code == 403, (case.method, case.path, response.status_code)


def test_serve_fuzz_every_operation_no_server_error(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from strikewatch.serve import ServeSettings, create_app

    monkeypatch.setenv("STRIKEWATCH_FETCH_TIMEOUT", "1")
    url = db_url
    tokens = fill(url)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(ServeSettings(db=url)))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        slow = operation.path in ("/api/v1/reports", "/api/v1/documents")
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):  # valid requests, then malformed ones
            examples = (5 if slow else EXAMPLES) if mode is GenerationMode.POSITIVE else (5 if slow else EXAMPLES // 2)

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def fuzz(case: Any) -> None:
                _check(case, tokens)

            started = time.perf_counter()
            try:
                fuzz()
            except Unsatisfiable:
                # nothing malformed can be said to this operation (a free-text path parameter, no body)
                assert mode is GenerationMode.NEGATIVE, operation.path
            log.info("fuzzed %s %s (%s) in %.1f s", operation.method.upper(), operation.path, mode.value,
                     time.perf_counter() - started)  # fmt: skip
