"""schemathesis against the OpenAPI spec: every documented operation, a few examples each."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from tamatrix.web import accounts


@pytest.fixture
def api_schema(app: FastAPI, ingested: dict[str, int]) -> Iterator[schemathesis.schemas.BaseSchema]:
    """The application's OpenAPI spec, called with an admin's API token."""
    session = app.state.sessions()
    admin = accounts.authenticate(session, "ada", "correct horse battery", "127.0.0.1")
    assert admin.user_id is not None
    token, _row = accounts.create_token(session, admin.user_id, "schemathesis")
    session.close()
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    schema.config.headers = {"Authorization": f"Bearer {token}"}
    # The note takes seconds to draft; test_report_download covers it.
    yield schema.exclude(path="/api/report")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi_spec(case: schemathesis.Case) -> None:
    # An upload's bytes are not described by the schema: a schema-valid request may carry a
    # file that cannot be ingested, which is answered with 422 and the problem's code.
    upload = case.operation.method.upper() == "POST" and case.operation.path == "/api/documents"
    case.call_and_validate(excluded_checks=[positive_data_acceptance] if upload else None)
