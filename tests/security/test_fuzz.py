"""Schemathesis against the app's own OpenAPI schema, signed in: no 5xx, answers as documented.

Each operation gets valid requests (some aimed at the user's real records, some at made-up
ids) and invalid ones, a bounded number of each, on SQLite and on PostgreSQL. The cases are
derandomized, so a run is repeatable; a failure prints the curl command that reproduces it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import Case, CheckFunction, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from jobtracker.app import create_app
from jobtracker.config import Settings
from tests.documents.builders import upload_one
from tests.factories import ApiUser

EXAMPLES_PER_OPERATION = 25
ALL_CHECKS: list[CheckFunction] = [not_a_server_error, response_schema_conformance]
# The answer streams as Server-Sent Events; its documented schema describes the events' JSON
# payloads, while schemathesis validates each event's envelope (`event`, `data`) against it.
# FastAPI documents the envelope only for generator endpoints, so these are held to "no 5xx".
STREAMED = {
    "POST /api/applications/{application_id}/assistant",
    "POST /api/applications/{application_id}/assistant/retry",
}


def _operation_labels() -> list[str]:
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(
            _env_file=None,
            database_url=f"sqlite:///{Path(scratch) / 'unused.sqlite3'}",
            data_dir=Path(scratch),
            jwt_secret="fuzz-schema-secret-that-is-long-enough-for-hs256-0123456789",
        )
        app = create_app(settings)
        schema = app.openapi()
        app.state.engine.dispose()
    return [f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops]


def _seed(alice: ApiUser) -> dict[str, int]:
    """One of each record, so generated requests can hit real ones as well as missing ones."""
    application = alice.create_application(tags=["remote"])["id"]
    client = alice.client
    path = f"/api/applications/{application}"
    ids = {
        "application_id": application,
        "deliverable_id": client.post(f"{path}/deliverables", json={"title": "Essay"}).json()["id"],
        "contact_id": client.post(f"{path}/contacts", json={"name": "Ada"}).json()["id"],
        "writing_id": client.post("/api/writing", json={"title": "Note"}).json()["id"],
        "document_id": upload_one(alice, "cv.txt", b"my cv", "text/plain")["id"],
    }
    client.post(f"{path}/assistant", json={"message": "How do I prepare?"})
    return ids


@pytest.mark.parametrize("label", _operation_labels())
def test_no_server_error_and_every_response_as_documented(
    label: str, app: FastAPI, alice: ApiUser
) -> None:
    known_ids = _seed(alice)
    operation = schemathesis.openapi.from_asgi("/api/openapi.json", app)[label.split()[1]][
        label.split()[0]
    ]
    own = {name: value for name, value in known_ids.items() if f"{{{name}}}" in operation.path}
    strategy = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=own),
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )
    checks: list[CheckFunction] = [not_a_server_error] if label in STREAMED else ALL_CHECKS
    headers = {"Authorization": f"Bearer {alice.token}"}

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Case[Any]) -> None:
        case.call_and_validate(headers=headers, checks=checks)

    call()
