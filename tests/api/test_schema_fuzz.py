"""Schemathesis over the app's own OpenAPI: no 5xx, responses conform to the schema.

Bounded: 20 examples per operation; GET operations plus the two POSTs sent without
a key (they must answer 401 and store nothing)."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                         status_code_conformance)

pytestmark = pytest.mark.slow
from api_fixtures import API_KEY  # noqa: E402
from search_api.app import create_app  # noqa: E402
from search_api.settings import Settings  # noqa: E402

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


APP = create_app(Settings(api_key=API_KEY, max_upload_bytes=200_000))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).include(method=["GET", "POST"])


@pytest.fixture(autouse=True)
def _serve_session_store(store):
    APP.state.store = store
    yield
    APP.state.store = None


@schema.parametrize()
@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_schema_fuzz_no_server_errors(case, store):
    before = store.count()
    response = case.call_and_validate(checks=CHECKS)
    if case.operation.method.upper() == "POST" and case.method.upper() == "POST":
        assert response.status_code in (401, 413, 422), response.text
        assert store.count() == before
