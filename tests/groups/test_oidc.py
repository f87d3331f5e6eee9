"""Single sign-on through a standards-compliant provider on 127.0.0.1 (oidc-provider-mock): the
whole code flow through the app's routes, linking by verified email only, accounts made only
when allowed, and every refusal ending on the sign-in page with its reason."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.groups.models import UserIdentity
from tests.factories import DEFAULT_PASSWORD, ApiUser
from tests.groups.invite_builders import audit_actions, close_registration, invite
from tests.groups.oidc_providers import mock_provider, set_claims, sign_on, use_provider


@pytest.fixture
def issuer(settings: Settings) -> Iterator[str]:
    with mock_provider() as url:
        use_provider(settings, url)
        yield url


def signed_in_as(client: TestClient) -> str:
    return str(client.get("/api/me").json()["email"])


def test_signing_on_links_the_account_with_the_verified_email(
    app: FastAPI, client: TestClient, alice: ApiUser, issuer: str
) -> None:
    set_claims(issuer, "alice-sub", email="alice@example.com", email_verified=True)

    landed = sign_on(client, "alice-sub")

    assert landed.status_code == 303
    assert landed.headers["location"] == "/"
    assert signed_in_as(client) == "alice@example.com"
    with app.state.session_factory() as session:
        link = session.scalars(select(UserIdentity)).one()
        user = session.get(User, alice.id)
    assert (link.user_id, link.issuer, link.subject) == (alice.id, issuer, "alice-sub")
    assert user is not None
    assert user.last_sign_in_at is not None
    assert "sso.link" in audit_actions(app)


def test_signing_on_lands_on_the_page_asked_for(
    client: TestClient, alice: ApiUser, issuer: str
) -> None:
    set_claims(issuer, "alice-sub", email="alice@example.com", email_verified=True)

    landed = sign_on(client, "alice-sub", next_page="/join?invite=abc")

    assert landed.headers["location"] == "/join?invite=abc"
    assert signed_in_as(client) == "alice@example.com"


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "join", "/a\nb"]
)
def test_a_page_elsewhere_is_never_where_sign_on_lands(
    client: TestClient, alice: ApiUser, issuer: str, elsewhere: str
) -> None:
    set_claims(issuer, "alice-sub", email="alice@example.com", email_verified=True)

    landed = sign_on(client, "alice-sub", next_page=elsewhere)

    assert landed.headers["location"] == "/"


def test_a_later_sign_on_by_the_same_subject_works_after_the_email_changed(
    client: TestClient, alice: ApiUser, issuer: str
) -> None:
    set_claims(issuer, "alice-sub", email="alice@example.com", email_verified=True)
    sign_on(client, "alice-sub")
    client.cookies.clear()
    set_claims(issuer, "alice-sub", email="alice.new@example.org", email_verified=False)

    landed = sign_on(client, "alice-sub")

    assert landed.headers["location"] == "/"
    assert signed_in_as(client) == "alice@example.com"


def test_an_unverified_email_links_nothing(
    app: FastAPI, client: TestClient, alice: ApiUser, issuer: str
) -> None:
    set_claims(issuer, "mallory", email="alice@example.com", email_verified=False)

    landed = sign_on(client, "mallory")

    assert landed.headers["location"] == "/login?sso_error=unverified_email"
    assert client.get("/api/me").status_code == 401
    with app.state.session_factory() as session:
        assert session.scalars(select(UserIdentity)).all() == []


def test_a_domain_not_allowed_is_refused(
    client: TestClient, settings: Settings, alice: ApiUser, issuer: str
) -> None:
    settings.oidc_allowed_domains = "school.edu, @staff.school.edu"
    set_claims(issuer, "alice-sub", email="alice@example.com", email_verified=True)

    landed = sign_on(client, "alice-sub")

    assert landed.headers["location"] == "/login?sso_error=domain_not_allowed"
    assert client.get("/api/me").status_code == 401


def test_an_allowed_domain_creates_an_account_when_allowed(
    app: FastAPI, client: TestClient, settings: Settings, alice: ApiUser, issuer: str
) -> None:
    settings.oidc_allowed_domains = "school.edu"
    settings.oidc_create_accounts = True
    set_claims(issuer, "s1", email="Student@School.edu", email_verified=True, name="Stu Dent")

    landed = sign_on(client, "s1")

    assert landed.headers["location"] == "/"
    me = client.get("/api/me").json()
    assert (me["email"], me["display_name"], me["role"]) == (
        "student@school.edu",
        "Stu Dent",
        "user",
    )
    assert "sso.register" in audit_actions(app)


def test_no_account_is_made_when_sign_on_may_not_create_one(
    app: FastAPI, client: TestClient, alice: ApiUser, issuer: str
) -> None:
    set_claims(issuer, "new", email="new@example.com", email_verified=True)

    landed = sign_on(client, "new")

    assert landed.headers["location"] == "/login?sso_error=no_account"
    with app.state.session_factory() as session:
        assert session.scalar(select(User).where(User.email == "new@example.com")) is None


def test_account_creation_respects_closed_registration_and_the_user_limit(
    client: TestClient, settings: Settings, alice: ApiUser, issuer: str
) -> None:
    settings.oidc_create_accounts = True
    close_registration(alice.client)
    set_claims(issuer, "new", email="new@example.com", email_verified=True)

    closed = sign_on(client, "new")
    alice.client.patch("/api/admin/settings", json={"registration_open": True})
    settings.max_users = 1
    full = sign_on(client, "new")

    assert closed.headers["location"] == "/login?sso_error=registration"
    assert full.headers["location"] == "/login?sso_error=registration"
    assert client.get("/api/me").status_code == 401


def test_an_invitation_lets_sign_on_create_the_account_while_registration_is_closed(
    app: FastAPI, client: TestClient, alice: ApiUser, issuer: str
) -> None:
    close_registration(alice.client)
    token = invite(alice.client, email="invited@example.com")["token"]
    set_claims(issuer, "inv", email="invited@example.com", email_verified=True)

    landed = sign_on(client, "inv", invite=token)

    assert landed.headers["location"] == "/"
    assert signed_in_as(client) == "invited@example.com"
    assert alice.client.get("/api/admin/invites").json()["items"][0]["uses"] == 1


def test_an_invitation_for_another_email_is_refused(
    client: TestClient, alice: ApiUser, issuer: str
) -> None:
    close_registration(alice.client)
    token = invite(alice.client, email="invited@example.com")["token"]
    set_claims(issuer, "other", email="other@example.com", email_verified=True)

    landed = sign_on(client, "other", invite=token)

    assert landed.headers["location"] == "/login?sso_error=invite"


def test_a_disabled_account_cannot_sign_on(
    app: FastAPI, client: TestClient, alice: ApiUser, bob: ApiUser, issuer: str
) -> None:
    disabled = alice.client.patch(f"/api/admin/users/{bob.id}", json={"disabled": True})
    assert disabled.status_code == 200, disabled.text
    set_claims(issuer, "bob-sub", email="bob@example.com", email_verified=True)

    landed = sign_on(client, "bob-sub")

    assert landed.headers["location"] == "/login?sso_error=disabled"
    assert client.get("/api/me").status_code == 401


def test_password_sign_in_can_be_turned_off(
    client: TestClient, settings: Settings, alice: ApiUser, issuer: str
) -> None:
    settings.password_signin = False
    set_claims(issuer, "alice-sub", email="alice@example.com", email_verified=True)

    password = client.post(
        "/api/auth/login", json={"email": "alice@example.com", "password": DEFAULT_PASSWORD}
    )
    registration = client.post(
        "/api/auth/register", json={"email": "x@example.com", "password": DEFAULT_PASSWORD}
    )
    forgot = client.post("/api/auth/forgot-password", json={"email": "alice@example.com"})
    meta = client.get("/api/meta").json()["sign_on"]
    landed = sign_on(client, "alice-sub")

    assert password.status_code == 403
    assert password.json()["error"]["message"].startswith("Signing in and signing up with a")
    assert registration.status_code == 403
    assert forgot.status_code == 403
    assert meta == {"password": False, "oidc": True, "oidc_label": "Sign in with single sign-on"}
    assert landed.headers["location"] == "/"


def test_a_callback_without_the_flow_cookie_or_with_another_state_is_refused(
    client: TestClient, alice: ApiUser, issuer: str
) -> None:
    no_flow = client.get("/api/auth/oidc/callback?code=x&state=y", follow_redirects=False)
    client.get("/api/auth/oidc/login", follow_redirects=False)
    wrong_state = client.get("/api/auth/oidc/callback?code=x&state=y", follow_redirects=False)

    assert no_flow.headers["location"] == "/login?sso_error=expired_flow"
    assert wrong_state.headers["location"] == "/login?sso_error=expired_flow"


def test_a_provider_that_is_down_ends_on_the_sign_in_page(
    client: TestClient, settings: Settings
) -> None:
    use_provider(settings, "http://127.0.0.1:9")  # the discard port: nothing listens

    started = client.get("/api/auth/oidc/login", follow_redirects=False)

    assert started.status_code == 303
    assert started.headers["location"] == "/login?sso_error=unavailable"


def test_without_single_sign_on_the_routes_answer_404(client: TestClient) -> None:
    response = client.get("/api/auth/oidc/login", follow_redirects=False)

    assert response.status_code == 404
    assert client.get("/api/meta").json()["sign_on"]["oidc"] is False


def test_the_client_secret_never_reaches_the_browser_or_a_repr(
    client: TestClient, settings: Settings, issuer: str
) -> None:
    secret = settings.oidc_client_secret
    started = client.get("/api/auth/oidc/login", follow_redirects=False)

    assert secret not in started.headers["location"]
    assert secret not in client.get("/api/meta").text
    assert secret not in repr(settings)
