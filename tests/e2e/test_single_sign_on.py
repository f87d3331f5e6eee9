"""Single sign-on in the browser: the sign-in page shows the provider's button, and signing in
through a standards-compliant provider on 127.0.0.1 (oidc-provider-mock) lands on the board, by
way of the account's own two-factor code when it uses one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from jobtracker import migrations
from jobtracker.app import create_app
from jobtracker.config import Settings
from tests.e2e.api import ApiUser, register
from tests.e2e.conftest import STATIC_DIR, TIMEOUT_MS
from tests.e2e.ui import authenticator_code, main_nav
from tests.groups.oidc_providers import CLIENT_ID, CLIENT_SECRET, mock_provider, set_claims
from tests.live_server import serve

pytestmark = pytest.mark.e2e
BUTTON = "Sign in with School account"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="module")
def sso_server(
    ui_built: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str, ApiUser]]:
    """An instance with single sign-on through the mock provider, and its admin."""
    data_dir: Path = tmp_path_factory.mktemp("sso-data")
    database_url = f"sqlite:///{data_dir / 'sso.sqlite3'}"
    migrations.upgrade(database_url)
    with mock_provider() as issuer:
        settings = Settings(
            _env_file=None,
            database_url=database_url,
            data_dir=data_dir,
            jwt_secret="sso-e2e-secret-that-is-long-enough-for-hs256-0123456789abcdef",
            static_dir=STATIC_DIR,
            oidc_issuer=issuer,
            oidc_client_id=CLIENT_ID,
            oidc_client_secret=CLIENT_SECRET,
            oidc_button_label=BUTTON,
            scheduler_in_web=False,
        )
        app = create_app(settings)
        with serve(app) as url:
            admin = register(url, display_name="Ada Admin")
            yield url, issuer, admin
            admin.close()
        app.state.engine.dispose()


def _loopback_only(route: Route) -> None:
    # The provider's page links a stylesheet on a CDN: tests reach nothing but this machine.
    if urlsplit(route.request.url).hostname in LOOPBACK:
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def sso_page(browser: Browser, sso_server: tuple[str, str, ApiUser]) -> Iterator[Page]:
    context = browser.new_context(base_url=sso_server[0], locale="en-US", timezone_id="UTC")
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", _loopback_only)
    yield context.new_page()
    context.close()


def test_signing_in_through_the_provider_lands_on_the_board(
    sso_page: Page, sso_server: tuple[str, str, ApiUser]
) -> None:
    _, issuer, admin = sso_server
    set_claims(issuer, "ada-at-school", email=admin.email, email_verified=True)

    sso_page.goto("/login")
    sso_page.get_by_role("link", name=BUTTON).click()
    sso_page.get_by_placeholder("sub").fill("ada-at-school")
    sso_page.get_by_role("button", name="Authorize").click()

    expect(sso_page.get_by_role("navigation", name="Main")).to_be_visible()
    assert urlsplit(sso_page.url).path == "/"


def test_signing_in_through_the_provider_comes_back_to_the_page_asked_for(
    sso_page: Page, sso_server: tuple[str, str, ApiUser]
) -> None:
    _, issuer, admin = sso_server
    set_claims(issuer, "ada-at-school", email=admin.email, email_verified=True)

    sso_page.goto("/settings")  # signed out: the sign-in page, then back here
    sso_page.get_by_role("link", name=BUTTON).click()
    sso_page.get_by_placeholder("sub").fill("ada-at-school")
    sso_page.get_by_role("button", name="Authorize").click()

    expect(sso_page.get_by_role("heading", name="Settings", exact=True)).to_be_visible()
    assert urlsplit(sso_page.url).path == "/settings"


def test_a_refused_sign_on_is_explained_on_the_sign_in_page(
    sso_page: Page, sso_server: tuple[str, str, ApiUser]
) -> None:
    _, issuer, _ = sso_server
    set_claims(issuer, "stranger", email="stranger@example.com", email_verified=False)

    sso_page.goto("/login")
    sso_page.get_by_role("link", name=BUTTON).click()
    sso_page.get_by_placeholder("sub").fill("stranger")
    sso_page.get_by_role("button", name="Authorize").click()

    expect(sso_page.get_by_role("alert")).to_contain_text(
        "Your provider has not verified your email address"
    )
    expect(sso_page.get_by_role("button", name="Sign in")).to_be_visible()


def test_an_account_with_two_factor_is_asked_for_its_code_after_the_provider(
    sso_page: Page, sso_server: tuple[str, str, ApiUser]
) -> None:
    url, issuer, _ = sso_server
    user = register(url, display_name="Tess Two-Factor")
    secret = user.api.post("/api/auth/2fa/setup").json()["secret"]
    enabled = user.api.post("/api/auth/2fa/enable", json={"code": authenticator_code(secret)})
    assert enabled.status_code == 200, enabled.text
    set_claims(issuer, "tess-at-school", email=user.email, email_verified=True)

    sso_page.goto("/login")
    sso_page.get_by_role("link", name=BUTTON).click()
    sso_page.get_by_placeholder("sub").fill("tess-at-school")
    sso_page.get_by_role("button", name="Authorize").click()

    code_field = sso_page.get_by_label("Code", exact=True)
    expect(code_field).to_be_visible()
    expect(main_nav(sso_page)).to_have_count(0)
    right = authenticator_code(secret, steps_ahead=1)
    code_field.fill(str((int(right) + 1) % 1_000_000).zfill(6))
    sso_page.get_by_role("button", name="Verify and sign in").click()
    expect(sso_page.get_by_text("That code is not right.")).to_be_visible()
    expect(main_nav(sso_page)).to_have_count(0)

    code_field.fill(right)
    sso_page.get_by_role("button", name="Verify and sign in").click()

    expect(main_nav(sso_page)).to_be_visible()
    assert urlsplit(sso_page.url).path == "/"
    user.close()
