"""/api/meta: the instance's limits and choices for everyone, usage for the signed-in caller."""

from __future__ import annotations

from fastapi.testclient import TestClient

from jobtracker.config import Settings
from tests.factories import ApiUser
from tests.instance.builders import change_settings

STAGES = [
    "wishlist",
    "drafting",
    "applied",
    "screening",
    "interview",
    "offer",
    "accepted",
    "rejected",
    "withdrawn",
    "ghosted",
]
FINAL_STAGES = {"accepted", "rejected", "withdrawn", "ghosted"}


def test_meta_without_a_session_shows_the_limits(client: TestClient, settings: Settings) -> None:
    settings.max_users = 7
    settings.max_applications_per_user = 3
    settings.max_upload_mb = 12

    limits = client.get("/api/meta").json()["limits"]

    assert limits["max_users"] == 7
    assert limits["max_applications_per_user"] == 3
    assert limits["max_upload_mb"] == 12
    assert limits["registration_open"] is True


def test_meta_without_a_session_shows_no_usage(client: TestClient, alice: ApiUser) -> None:
    alice.create_application()

    response = client.get("/api/meta")

    assert response.status_code == 200
    assert response.json()["usage"] is None


def test_meta_lists_the_ten_stages_in_order_with_final_flags(client: TestClient) -> None:
    stages = client.get("/api/meta").json()["stages"]

    assert [stage["id"] for stage in stages] == STAGES
    assert {stage["id"] for stage in stages if stage["final"]} == FINAL_STAGES
    assert all(stage["label"] for stage in stages)


def test_meta_lists_deliverable_kinds_and_states(client: TestClient) -> None:
    meta = client.get("/api/meta").json()

    assert [kind["id"] for kind in meta["deliverable_kinds"]] == [
        "essay",
        "question",
        "resume",
        "cover_letter",
        "form",
        "coding_task",
        "other",
    ]
    assert [state["id"] for state in meta["deliverable_states"]] == [
        "not_started",
        "in_progress",
        "done",
    ]


def test_meta_names_the_ai_provider_in_use(client: TestClient) -> None:
    assert client.get("/api/meta").json()["ai_provider"] == "offline"


def test_meta_says_whether_the_instance_sends_email(client: TestClient, settings: Settings) -> None:
    assert client.get("/api/meta").json()["email"] is False

    settings.smtp_host = "127.0.0.1"

    assert client.get("/api/meta").json()["email"] is True


def test_meta_never_shows_a_secret(client: TestClient, settings: Settings) -> None:
    settings.openai_api_key = "sk-this-must-stay-on-the-server"

    assert "sk-this-must-stay-on-the-server" not in client.get("/api/meta").text
    assert settings.jwt_secret not in client.get("/api/meta").text


def test_meta_reflects_the_admins_run_time_limits(client: TestClient, alice: ApiUser) -> None:
    change_settings(alice, max_users=4, max_applications_per_user=9, registration_open=False)

    limits = client.get("/api/meta").json()["limits"]

    assert (limits["max_users"], limits["max_applications_per_user"]) == (4, 9)
    assert limits["registration_open"] is False


def test_meta_usage_counts_only_the_callers_applications(alice: ApiUser, bob: ApiUser) -> None:
    alice.create_application()
    alice.create_application()
    bob.create_application()

    assert alice.client.get("/api/meta").json()["usage"]["applications"] == 2
    assert bob.client.get("/api/meta").json()["usage"]["applications"] == 1


def test_meta_shows_the_user_count_to_the_admin_only(alice: ApiUser, bob: ApiUser) -> None:
    assert alice.client.get("/api/meta").json()["usage"]["users"] == 2
    assert bob.client.get("/api/meta").json()["usage"]["users"] is None
