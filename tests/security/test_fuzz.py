"""Schemathesis against the app's own OpenAPI schema, signed in: no 5xx, answers as documented.

Each operation gets valid requests (some aimed at the user's real records, some at made-up
ids) and invalid ones, a bounded number of each, on SQLite and on PostgreSQL. The cases are
derandomized, so a run is repeatable; a failure prints the curl command that reproduces it.

Below it, Hypothesis aims where the schema cannot lead: the restore endpoint, whose body is a
whole backup (a real one, with parts replaced by hostile values), and every moment and day
the API takes, written as a client might, from the year 1 to 9999 with any offset.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
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
from jobtracker.common import EARLIEST_DAY, LATEST_DAY
from jobtracker.config import Settings
from tests.documents.builders import upload_one
from tests.factories import ApiUser
from tests.portability.builders import create_feed, export_backup, restore_backup

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


TARGETED_EXAMPLES = 40
RESTORE_EXAMPLES = 150
TARGETED = settings(
    max_examples=TARGETED_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

# ---- Moments and days, written as a client might ----

_offsets = st.one_of(
    st.just("Z"),
    st.builds(
        lambda sign, hours, minutes: f"{sign}{hours:02d}:{minutes:02d}",
        st.sampled_from("+-"),
        st.integers(0, 23),
        st.integers(0, 59),
    ),
)
_iso_moments = st.builds(
    lambda day, clock, offset: f"{day.isoformat()}T{clock.isoformat()}{offset}",
    st.dates(),
    st.times(),
    _offsets,
)
_near_misses = st.sampled_from(
    [
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00+14:00",
        "2026-02-30T10:00:00Z",
        "2026-01-01T24:00:00Z",
        "2026-01-01T10:00:00+24:00",
        "2026-01-01",
        "1e308",
        "-1",
        "",
    ]
)
moments = st.one_of(_iso_moments, _near_misses, st.text(max_size=30))
days = st.one_of(st.dates().map(date.isoformat), _near_misses, st.text(max_size=12))


def _in_utc(text: str) -> datetime | None:
    """The moment in UTC if Python reads it as an aware ISO 8601 datetime it can convert."""
    try:
        moment = datetime.fromisoformat(text)
        return moment.astimezone(UTC) if moment.tzinfo else None
    except (ValueError, OverflowError):
        return None


def _storable(text: str) -> bool:
    moment = _in_utc(text)
    return moment is not None and EARLIEST_DAY <= moment.date() <= LATEST_DAY


def _refused_naming(response: Any, field: str) -> bool:
    error = response.json()["error"]
    return response.status_code == 422 and field in error["fields"] and bool(error["message"])


def test_a_due_at_is_stored_in_utc_when_in_range_and_refused_otherwise(alice: ApiUser) -> None:
    application = alice.create_application()["id"]
    deliverable = alice.client.post(
        f"/api/applications/{application}/deliverables", json={"title": "Essay"}
    ).json()["id"]

    @given(due_at=moments)
    @TARGETED
    def write(due_at: str) -> None:
        created = alice.client.post(
            f"/api/applications/{application}/deliverables",
            json={"title": "Essay", "due_at": due_at},
        )
        changed = alice.client.patch(f"/api/deliverables/{deliverable}", json={"due_at": due_at})
        for response in (created, changed):
            assert response.status_code in {200, 201, 422}, response.text
            if response.status_code == 422:
                assert _refused_naming(response, "due_at"), response.text
            elif _in_utc(due_at) is not None:
                stored = datetime.fromisoformat(response.json()["due_at"])
                assert stored == _in_utc(due_at)
            if _storable(due_at):
                assert response.status_code in {200, 201}, (due_at, response.text)

    write()


def test_the_due_date_filters_answer_a_page_or_a_422_naming_the_filter(alice: ApiUser) -> None:
    @given(name=st.sampled_from(["due_before", "due_after"]), moment=moments)
    @TARGETED
    def search(name: str, moment: str) -> None:
        response = alice.client.get("/api/deliverables", params={name: moment})

        assert response.status_code in {200, 422}, response.text
        if response.status_code == 422:
            assert _refused_naming(response, f"query.{name}"), response.text

    search()


def test_any_accepted_application_day_keeps_the_calendar_feed_readable(alice: ApiUser) -> None:
    feed = create_feed(alice)

    @given(name=st.sampled_from(["applied_on", "deadline"]), day=days)
    @TARGETED
    def create(name: str, day: str) -> None:
        response = alice.client.post(
            "/api/applications", json={"company": "Acme", "role": "Dev", name: day}
        )

        assert response.status_code in {201, 422}, response.text
        if response.status_code == 422:
            assert _refused_naming(response, name), response.text
            return
        assert alice.client.get(feed).status_code == 200

    create()


def test_the_dashboard_answers_any_day_range_or_a_422(alice: ApiUser) -> None:
    alice.create_application(stage="applied", applied_on="2026-01-15")

    @given(date_from=days, date_to=days)
    @TARGETED
    def read(date_from: str, date_to: str) -> None:
        response = alice.client.get(
            "/api/analytics", params={"date_from": date_from, "date_to": date_to}
        )

        assert response.status_code in {200, 422}, response.text

    read()


# ---- The restore endpoint ----


def _nested(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


hostile_values = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80),
    st.sampled_from([10**30, 2**31, 2**31 - 1, 2**63, -1, 0]),
    moments,
    days,
    st.text(max_size=40),
    st.sampled_from(["\x00", "a\x00b", "\ud800", "\u202e", "=cmd|' /C calc'!A0"]),
    st.floats(),
    st.booleans(),
    st.none(),
    st.integers(1, 400).map(_nested),
    st.just({}),
    st.just([]),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=3),
)


def _hostile_for(original: Any) -> st.SearchStrategy[Any]:
    """Hostile values, most of them of the kind the place holds: those pass the schema's
    type checks and reach the rules behind them (ranges, the database's own limits)."""
    if isinstance(original, bool):
        kin: st.SearchStrategy[Any] = st.booleans()
    elif original is None or isinstance(original, int):
        extremes = st.sampled_from([10**30, 2**63, 2**31, 2**31 - 1, -1, 0])
        kin = st.one_of(extremes, extremes, st.integers())
    elif isinstance(original, str) and _in_utc(original) is not None:
        kin = moments
    else:
        kin = st.text(max_size=40)
    return st.one_of(kin, kin, kin, hostile_values)


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON document, the document itself first."""
    yield path
    if isinstance(value, dict | list):
        for key, child in value.items() if isinstance(value, dict) else enumerate(value):
            yield from _paths(child, (*path, key))


def _replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = document
    for key in path[:-1]:
        if not isinstance(parent, dict | list) or (isinstance(parent, list) and key >= len(parent)):
            return document  # an earlier replacement took this place away
        if isinstance(parent, dict) and key not in parent:
            return document
        parent = parent[key]
    if isinstance(parent, dict) or (isinstance(parent, list) and path[-1] < len(parent)):
        parent[path[-1]] = value
    return document


def _empty_account(user: ApiUser) -> None:
    """Delete what a restore made, so the next one finds the account empty again."""
    for kind in ("applications", "writing", "documents"):
        for item in user.client.get(f"/api/{kind}", params={"limit": 200}).json()["items"]:
            assert user.client.delete(f"/api/{kind}/{item['id']}").status_code == 204


def test_a_restored_backup_with_hostile_values_is_restored_or_refused_never_a_500(
    alice: ApiUser, bob: ApiUser
) -> None:
    _seed(alice)
    backup = export_backup(alice)
    places = list(_paths(backup))

    change = st.sampled_from(places).flatmap(
        lambda place: st.tuples(st.just(place), _hostile_for(_at(backup, place)))
    )

    # More than the others: a backup has a hundred places, and few values break each one.
    @given(changes=st.lists(change, min_size=1, max_size=2))
    @settings(TARGETED, max_examples=RESTORE_EXAMPLES)
    def restore(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
        document = copy.deepcopy(backup)
        for path, value in changes:
            document = _replaced(document, path, value)

        response = restore_backup(bob, json.dumps(document).encode())

        assert response.status_code in {201, 422}, response.text
        if response.status_code == 422:
            assert response.json()["error"]["fields"], response.text
        else:
            _empty_account(bob)

    restore()


def test_restore_refuses_bytes_that_are_not_a_backup_with_a_422(
    alice: ApiUser, bob: ApiUser
) -> None:
    _seed(alice)
    backup = json.dumps(export_backup(alice)).encode()

    @given(
        content=st.one_of(
            st.binary(max_size=200),
            st.integers(0, len(backup) - 1).map(lambda end: backup[:end]),
            st.integers(1, 5000).map(lambda depth: b"[" * depth + b"]" * depth),
            st.integers(1, 5000).map(lambda depth: b'{"a":' * depth + b"1" + b"}" * depth),
        )
    )
    @TARGETED
    def restore(content: bytes) -> None:
        response = restore_backup(bob, content)

        assert response.status_code == 422, response.text
        assert response.json()["error"]["fields"], response.text

    restore()
