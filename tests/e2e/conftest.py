"""Browser-test fixtures: the real app served on a free port, Chromium driven by Playwright.

One live server (fresh SQLite database, real migrations, the built UI) serves the whole
session; every test gets its own browser context, so cookies never leak between tests, and
its own users, so data never does either.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from jobtracker import migrations
from jobtracker.app import create_app
from jobtracker.config import Settings
from tests.e2e.api import APPLICATION_LIMIT, ApiUser, register
from tests.e2e.ui import ARTIFACTS, DESKTOP, Viewport
from tests.live_server import serve

REPO_ROOT = Path(__file__).resolve().parents[2]
STATIC_DIR = REPO_ROOT / "src" / "jobtracker" / "static"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMEOUT_MS = 10_000

expect.set_options(timeout=TIMEOUT_MS)


@dataclass(frozen=True)
class LiveServer:
    url: str
    admin: ApiUser  # registered before any test runs, so it is the instance's admin


@pytest.fixture(scope="session")
def ui_built() -> None:
    if (STATIC_DIR / "index.html").is_file():
        return
    message = (
        f"the web UI is not built ({STATIC_DIR / 'index.html'} is missing): "
        "run `cd frontend && npm ci && npm run build` (make test does it)"
    )
    if os.environ.get("CI"):
        pytest.fail(message)  # in CI a missing build is a broken pipeline, not a reason to skip
    pytest.skip(message)


@pytest.fixture(scope="session")
def live_server(ui_built: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("e2e-data")
    database_url = f"sqlite:///{data_dir / 'e2e.sqlite3'}"
    migrations.upgrade(database_url)
    settings = Settings(
        _env_file=None,
        database_url=database_url,
        data_dir=data_dir,
        jwt_secret="e2e-test-secret-that-is-long-enough-for-hs256-0123456789abcdef",
        max_applications_per_user=APPLICATION_LIMIT,
        max_users=0,
        registration_max_per_ip=10_000,  # every test signs up from 127.0.0.1
        static_dir=STATIC_DIR,
    )
    app = create_app(settings)
    with serve(app) as url:
        admin = register(url, display_name="Ada Admin")
        yield LiveServer(url=url, admin=admin)
        admin.close()
    app.state.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(
    browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest
) -> Iterator[_ContextFactory]:
    factory = _ContextFactory(browser, live_server.url)
    yield factory
    failed = getattr(request.node, "e2e_failed", False)
    factory.close_all(request.node.name if failed else None)


@pytest.fixture
def page(new_context: _ContextFactory) -> Page:
    """A desktop-sized page in a fresh context, signed in as nobody."""
    return new_context().new_page()


@pytest.fixture
def make_user(live_server: LiveServer) -> Iterator[Callable[..., ApiUser]]:
    """Registers fresh users through the API, for tests about something other than sign-up."""
    made: list[ApiUser] = []

    def make(display_name: str | None = None) -> ApiUser:
        made.append(register(live_server.url, display_name=display_name))
        return made[-1]

    yield make
    for api_user in made:
        api_user.close()


@pytest.fixture
def user(make_user: Callable[..., ApiUser]) -> ApiUser:
    return make_user()


@pytest.fixture
def admin(live_server: LiveServer) -> Iterator[ApiUser]:
    """The instance's admin; whatever a test changes is put back, other tests share the server."""
    before = live_server.admin.api.get("/api/admin/settings").json()
    yield live_server.admin
    restore = {key: before[key] for key in ("max_users", "registration_open")}
    live_server.admin.api.patch("/api/admin/settings", json=restore).raise_for_status()


@pytest.fixture
def user_page(new_context: _ContextFactory, user: ApiUser) -> Page:
    """A desktop page already signed in as `user`, on the board."""
    context = new_context()
    user.sign_in_context(context)
    signed_in = context.new_page()
    signed_in.goto("/")
    expect(signed_in.get_by_role("navigation", name="Main")).to_be_visible()
    return signed_in


class _ContextFactory:
    """Opens browser contexts for one test; on failure saves a screenshot of each open page
    and prints what the browser complained about, so a red test explains itself."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.contexts: list[BrowserContext] = []
        self.console: list[str] = []

    def __call__(self, viewport: Viewport = DESKTOP) -> BrowserContext:
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport={"width": viewport.width, "height": viewport.height},
            is_mobile=viewport.mobile,
            has_touch=viewport.mobile,
            device_scale_factor=viewport.scale,
            locale="en-US",
            timezone_id="UTC",
            color_scheme="light",
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", self._listen)
        self.contexts.append(context)
        return context

    def _listen(self, page: Page) -> None:
        page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: (
                self.console.append(f"console {message.type}: {message.text}")
                if message.type in {"error", "warning"}
                else None
            ),
        )

    def close_all(self, failed_test: str | None) -> None:
        if failed_test:
            slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", failed_test)
            (ARTIFACTS / "failures").mkdir(parents=True, exist_ok=True)
            for number, context in enumerate(self.contexts):
                for index, open_page in enumerate(context.pages):
                    path = ARTIFACTS / "failures" / f"{slug}-{number}-{index}.png"
                    open_page.screenshot(path=path, full_page=True)
                    print(f"screenshot of {open_page.url} saved to {path}")
            print("\n".join(self.console) or "the browser logged no errors")
        for context in self.contexts:
            context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    report = yield
    if call.when == "call" and report.failed:  # type: ignore[attr-defined]
        item.e2e_failed = True  # type: ignore[attr-defined]
    return report


E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A real browser on a shared two-core machine: a browser test that fails is run once more,
    # and the summary lists it as rerun, so an intermittent failure is seen without sinking the
    # run. One that fails twice fails. Races found this way are fixed, not left to the rerun.
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.flaky(reruns=1))
