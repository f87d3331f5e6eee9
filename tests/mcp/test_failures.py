"""What a failed call says: the domain's own words, fields by label, passing database trouble as
such, and for anything else a plain sentence (the trace goes to the log, not the model)."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, ProgrammingError

from jobtracker.errors import NotFound
from jobtracker.mcp import reading
from jobtracker.mcp.service import DATABASE_UNAVAILABLE, SOMETHING_WENT_WRONG, message_for
from tests.auth.access_token_builders import create_token
from tests.factories import ApiUser
from tests.mcp.client import call_tool, refusal


class Deliverable(BaseModel):
    title: str
    due_at: int


def validation_error() -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        Deliverable.model_validate({"due_at": "soon"})
    return raised.value


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (NotFound("Application 12 was not found."), "Application 12 was not found."),
        (
            validation_error(),
            "Please correct: Title: This is required. Due at: Enter a whole number.",
        ),
        (IntegrityError("INSERT", {}, Exception()), "This conflicts with data that already"),
        (DataError("INSERT", {}, Exception()), "A value cannot be stored"),
        (OperationalError("SELECT", {}, Exception()), DATABASE_UNAVAILABLE),
        (ProgrammingError("SELECT", {}, Exception("syntax error")), SOMETHING_WENT_WRONG),
        (KeyError("secret internals"), SOMETHING_WENT_WRONG),
    ],
)
def test_each_failure_is_worded_for_a_person(error: BaseException, message: str) -> None:
    assert message_for(error).startswith(message)


def test_a_crash_answers_a_plain_sentence_and_logs_its_trace(
    live: str,
    alice: ApiUser,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    app: FastAPI,
) -> None:
    def crash(*_args: object, **_kwargs: object) -> None:
        raise KeyError("secret internals")

    monkeypatch.setattr(reading, "tags", crash)
    token = create_token(alice, scope="read")["token"]
    caplog.set_level(logging.ERROR, logger="jobtracker.mcp")

    refused = refusal(call_tool(live, token, "list_tags"))

    assert refused == SOMETHING_WENT_WRONG
    assert "secret internals" not in refused
    [logged] = [record for record in caplog.records if record.name == "jobtracker.mcp"]
    assert logged.getMessage() == "MCP tool list_tags failed"
    assert logged.exc_info is not None
