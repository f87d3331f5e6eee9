"""The browser extension loaded unpacked into Chromium: connect it to the live server, capture a
posting page served by the test, edit what was found, save it, and capture it again.

A test cannot click the toolbar button, so two things stand in for that click, both explained
where they happen: the popup is opened as a page with `?tab=<id>` naming the posting's tab (the
shipped popup reads that parameter and otherwise uses the active tab), and the test's copy of
the manifest grants loopback up front, since activeTab (what the click grants in real use)
cannot be had without it.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from jobtracker.capture.schemas import MAX_HTML_BYTES
from tests.e2e.api import APPLICATION_LIMIT, ApiUser
from tests.e2e.conftest import CHROMIUM, TIMEOUT_MS, LiveServer
from tests.e2e.extension_build import EXTENSION_SOURCE, build
from tests.e2e.ui import ARTIFACTS, Viewport, section, shoot

pytestmark = pytest.mark.e2e

# A toolbar popup is as wide as its content (the popup's 440 px) and at most 600 px high.
POPUP = Viewport("popup", 460, 600)
OPTIONS = Viewport("options", 1024, 700)
POSTING_PATH = "/careers/jobs/4821-senior-data-engineer?utm_source=newsletter"


# A company careers page as such sites publish them: navigation, the posting as readable HTML,
# and schema.org JobPosting in JSON-LD for search engines.
POSTING_JSON_LD = {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    "title": "Senior Data Engineer",
    "description": (
        "<p>We are looking for a <strong>Senior Data Engineer</strong> to build our "
        "streaming platform.</p><ul><li>Design pipelines in Python and SQL</li>"
        "<li>Run Kafka and PostgreSQL in production</li></ul>"
    ),
    "datePosted": "2026-11-20",
    "validThrough": "2027-01-31T23:59:59+01:00",
    "employmentType": "FULL_TIME",
    "hiringOrganization": {
        "@type": "Organization",
        "name": "Nordlicht Analytics GmbH",
        "sameAs": "https://nordlicht.example",
    },
    "jobLocation": {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Berlin",
            "addressCountry": "DE",
        },
    },
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 70000,
            "maxValue": 85000,
            "unitText": "YEAR",
        },
    },
}
POSTING_PAGE = f"""<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Senior Data Engineer | Careers at Nordlicht Analytics</title>
<meta property="og:title" content="Senior Data Engineer">
<meta property="og:site_name" content="Nordlicht Analytics">
<script type="application/ld+json">{json.dumps(POSTING_JSON_LD)}</script>
<script>window.analytics = {{ track() {{}} }};</script>
<style>body {{ font-family: sans-serif; }}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/careers">Careers</a> <a href="/about">About us</a></nav>
<main><article>
<h1>Senior Data Engineer</h1>
<p>Berlin · Full-time · €70,000 to €85,000 a year</p>
<p>We are looking for a <strong>Senior Data Engineer</strong> to build our streaming
platform.</p>
<ul><li>Design pipelines in Python and SQL</li><li>Run Kafka and PostgreSQL in production</li></ul>
<p>Apply by 31 January 2027.</p>
</article></main>
<footer>© 2026 Nordlicht Analytics GmbH</footer>
</body></html>"""


@dataclass(frozen=True)
class LoadedExtension:
    context: BrowserContext
    base: str  # chrome-extension://<id>
    # What the extension's pages complained about (a CSP refusal, an uncaught error); not the
    # browser's note on each 4xx answer, some of which are expected (the token's write probe).
    complaints: list[str] = field(default_factory=list)

    def page(self, path: str) -> Page:
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.complaints.append(f"{path}: {error}"))
        page.on(
            "console",
            lambda message: (
                self.complaints.append(f"{path}: {message.text}")
                if message.type == "error" and not message.text.startswith("Failed to load")
                else None
            ),
        )
        page.goto(f"{self.base}/{path}")
        return page


# The same posting buried in 6 MB of other text: more than the extension sends as HTML, and
# more than the capture route accepts (5 MB).
HUGE_PATH = "/careers/archive"
HUGE_PAGE = POSTING_PAGE.replace(
    "</article>", "</article>" + ("<p>" + "Earlier openings, all filled. " * 160 + "</p>") * 1_400
)


class _PostingHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = (HUGE_PAGE if self.path == HUGE_PATH else POSTING_PAGE).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def posting_site() -> Iterator[str]:
    """A careers site on its own loopback port, apart from the Job Tracker instance."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PostingHandler)
    thread = threading.Thread(target=server.serve_forever, name="posting-site", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def extension(
    tmp_path: Path, live_server: LiveServer, posting_site: str, browser: Browser
) -> Iterator[LoadedExtension]:
    # What ships (the build's Chromium folder), with loopback granted up front: in real use
    # activeTab comes from the toolbar click and the instance's origin from the options page's
    # permission prompt, neither of which a test can produce. Any port of 127.0.0.1, so a
    # closed one can stand for an instance that is down.
    build.build(tmp_path / "dist")
    unpacked = tmp_path / "dist" / "chromium"
    manifest_path = unpacked / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["host_permissions"] = ["http://127.0.0.1/*"]
    manifest_path.write_text(json.dumps(manifest))
    # Through the session's Playwright (one per thread): extensions need a persistent context.
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        headless=True,  # Chromium's --headless is the new headless mode, which runs extensions
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            f"--disable-extensions-except={unpacked}",
            f"--load-extension={unpacked}",
        ],
        ignore_default_args=["--disable-extensions"],  # Playwright's default
        locale="en-US",
        timezone_id="UTC",
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        worker = context.service_workers[0] if context.service_workers else None
        worker = worker or context.wait_for_event("serviceworker")
        base = f"chrome-extension://{worker.url.split('/')[2]}"
        # On install the extension opens its options page by itself; wait for it and close
        # it, so it cannot race a test's own navigation to that page.
        _wait_for_page(context, f"{base}/options.html").close()
        yield LoadedExtension(context, base)
    finally:
        context.close()


def _wait_for_page(context: BrowserContext, url: str) -> Page:
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        for page in context.pages:
            if page.url == url:
                page.wait_for_load_state()
                return page
        context.pages[0].wait_for_timeout(50)  # lets Playwright take in the browser's events
    raise AssertionError(f"no page opened {url}; open: {[page.url for page in context.pages]}")


def _write_token(user: ApiUser, scope: str = "write") -> str:
    response = user.api.post("/api/tokens", json={"name": "Browser extension", "scope": scope})
    response.raise_for_status()
    token: str = response.json()["token"]
    return token


def _token_from_settings(
    new_context: Callable[[], BrowserContext], user: ApiUser, instance_url: str
) -> str:
    """What a person does: Settings -> Browser extension -> create, and copy the two values."""
    context = new_context()
    user.sign_in_context(context)
    page = context.new_page()
    page.goto("/settings")
    part = section(page, "Browser extension")
    part.get_by_role("button", name="Create a token for the extension").click()
    expect(part.get_by_text(instance_url, exact=True)).to_be_visible()
    token = part.get_by_test_id("extension-token").inner_text().strip()
    part.screenshot(path=ARTIFACTS / "extension-token-in-settings.png")
    part.get_by_role("button", name="Done").click()
    listed = section(page, "Access tokens").get_by_role("listitem")
    expect(listed.filter(has_text="Browser extension")).to_contain_text("Read and write")
    return token


def _connect(extension: LoadedExtension, instance_url: str, token: str) -> Page:
    options = extension.page("options.html")
    options.get_by_label("Job Tracker address").fill(instance_url)
    options.get_by_label("Access token").fill(token)
    options.get_by_role("button", name="Save").click()
    return options


def _open_posting(extension: LoadedExtension, options: Page, posting_url: str) -> int:
    """Opens the posting in a tab of its own; its tab id, for the popup's `?tab=`."""
    posting = extension.context.new_page()
    posting.goto(posting_url, wait_until="domcontentloaded")
    # Asked of the browser from an extension page (the test copy may see both origins' tabs).
    tab_ids: list[int] = options.evaluate(
        "async (url) => (await chrome.tabs.query({url})).map((tab) => tab.id)", posting_url
    )
    assert len(tab_ids) == 1
    return tab_ids[0]


def _popup_for(extension: LoadedExtension, tab_id: int) -> Page:
    popup = extension.page(f"popup.html?tab={tab_id}")
    popup.set_viewport_size({"width": POPUP.width, "height": POPUP.height})
    return popup


def test_capture_edit_save_then_the_same_posting_is_reported_as_tracked(
    extension: LoadedExtension,
    live_server: LiveServer,
    posting_site: str,
    user: ApiUser,
    new_context: Callable[[], BrowserContext],
) -> None:
    token = _token_from_settings(new_context, user, live_server.url)
    options = _connect(extension, live_server.url, token)
    expect(options.get_by_role("status")).to_contain_text(
        f"Connected to Job Tracker as {user.display_name}"
    )
    shoot(options, "extension-options", OPTIONS)

    posting_url = posting_site + POSTING_PATH
    posting_tab = _open_posting(extension, options, posting_url)
    popup = _popup_for(extension, posting_tab)
    expect(popup.get_by_label("Company")).to_have_value("Nordlicht Analytics GmbH")
    expect(popup.get_by_label("Role")).to_have_value("Senior Data Engineer")
    expect(popup.get_by_label("From")).to_have_value("70000")
    expect(popup.get_by_label("Currency")).to_have_value("EUR")
    shoot(popup, "extension-found", POPUP)
    popup.get_by_label("Role").fill("Senior Data Engineer (Streaming)")
    popup.get_by_label("Applied, today").check()
    popup.get_by_role("button", name="Save to Job Tracker").click()

    expect(popup.get_by_text("Saved Senior Data Engineer (Streaming) at Nordlicht")).to_be_visible()
    items = user.api.get("/api/applications").json()["items"]
    assert len(items) == 1
    saved = items[0]
    assert saved["company"] == "Nordlicht Analytics GmbH"
    assert saved["role"] == "Senior Data Engineer (Streaming)"
    assert (saved["stage"], saved["applied_on"]) == (
        "applied",
        datetime.now(UTC).date().isoformat(),
    )
    assert (saved["salary_min"], saved["salary_max"], saved["salary_currency"]) == (
        70000,
        85000,
        "EUR",
    )
    assert (saved["salary_period"], saved["employment_type"]) == ("year", "full_time")
    assert (saved["posted_on"], saved["deadline"]) == ("2026-11-20", "2027-01-31")
    assert saved["location"] == "Berlin, DE"
    assert saved["job_url"] == posting_url
    assert "Kafka" in saved["job_description"]
    expect(popup.get_by_role("link", name="Open it in Job Tracker")).to_have_attribute(
        "href", f"{live_server.url}/applications/{saved['id']}"
    )

    again = _popup_for(extension, posting_tab)
    expect(again.get_by_text("You saved this on")).to_contain_text("now in Applied")
    expect(again.get_by_role("link", name="Open it in Job Tracker")).to_have_attribute(
        "href", f"{live_server.url}/applications/{saved['id']}"
    )
    expect(again.get_by_role("button", name="Save to Job Tracker")).to_be_hidden()
    assert extension.complaints == []
    shoot(again, "extension-already-tracked", POPUP)
    assert len(user.api.get("/api/applications").json()["items"]) == 1


def test_a_page_too_large_to_send_whole_is_captured_from_its_text(
    extension: LoadedExtension, live_server: LiveServer, posting_site: str, user: ApiUser
) -> None:
    assert len(HUGE_PAGE) > max(build_limit_bytes(), MAX_HTML_BYTES)
    options = _connect(extension, live_server.url, _write_token(user))
    expect(options.get_by_role("status")).to_contain_text("Connected")
    popup = _popup_for(extension, _open_posting(extension, options, posting_site + HUGE_PATH))
    expect(popup.get_by_label("Company")).to_have_value("Nordlicht Analytics GmbH")
    expect(popup.get_by_label("Apply by")).to_have_value("2027-01-31")


def build_limit_bytes() -> int:
    """The extension's own bound on the HTML it sends, read from its source."""
    source = (EXTENSION_SOURCE / "lib" / "collect.js").read_text()
    found = re.search(r"maxHtmlBytes: ([\d_]+)", source)
    assert found is not None
    return int(found.group(1).replace("_", ""))


def test_a_read_only_token_is_named_as_such_by_the_connection_test(
    extension: LoadedExtension, live_server: LiveServer, user: ApiUser
) -> None:
    options = _connect(extension, live_server.url, _write_token(user, scope="read"))
    expect(options.get_by_role("status")).to_contain_text("this token can only read")


def test_a_revoked_token_sends_the_popup_to_the_options(
    extension: LoadedExtension, live_server: LiveServer, posting_site: str, user: ApiUser
) -> None:
    token = _write_token(user)
    options = _connect(extension, live_server.url, token)
    expect(options.get_by_role("status")).to_contain_text("Connected")
    for listed in user.api.get("/api/tokens").json()["tokens"]:
        user.api.delete(f"/api/tokens/{listed['id']}").raise_for_status()

    popup = _popup_for(extension, _open_posting(extension, options, posting_site + POSTING_PATH))
    expect(popup.get_by_role("status")).to_contain_text("refused the access token")
    expect(popup.get_by_role("button", name="Open the extension's options")).to_be_visible()


def test_an_instance_that_is_down_is_named_in_the_connection_test(
    extension: LoadedExtension, user: ApiUser
) -> None:
    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    options = _connect(extension, closed, _write_token(user))
    expect(options.get_by_role("status")).to_contain_text(
        f"Could not reach Job Tracker at {closed}"
    )


def test_an_address_that_is_not_a_job_tracker_is_named_as_such(
    extension: LoadedExtension, posting_site: str, user: ApiUser
) -> None:
    options = _connect(extension, posting_site, _write_token(user))
    expect(options.get_by_role("status")).to_contain_text(
        f"{posting_site} answered, but not the way Job Tracker does"
    )


def test_an_unconfigured_extension_asks_to_be_connected(extension: LoadedExtension) -> None:
    popup = extension.page("popup.html")
    expect(popup.get_by_role("status")).to_contain_text("Connect the extension to your Job Tracker")
    expect(popup.get_by_role("button", name="Open the extension's options")).to_be_visible()


def test_the_address_is_checked_before_anything_is_asked(extension: LoadedExtension) -> None:
    options = extension.page("options.html")
    options.get_by_label("Job Tracker address").fill("ftp://jobs.example.org")
    options.get_by_label("Access token").fill("not-a-token")
    options.get_by_role("button", name="Save").click()
    expect(options.get_by_text("The address must start with https://")).to_be_visible()
    expect(options.get_by_text("they start with jtpat_")).to_be_visible()


def test_a_refusal_from_the_server_is_shown_as_it_words_it(
    extension: LoadedExtension, live_server: LiveServer, posting_site: str, user: ApiUser
) -> None:
    for _ in range(APPLICATION_LIMIT):
        user.create_application()
    refusal = user.api.post("/api/applications", json={"company": "One", "role": "More"})
    assert refusal.status_code == 403
    options = _connect(extension, live_server.url, _write_token(user))
    expect(options.get_by_role("status")).to_contain_text("Connected")

    popup = _popup_for(extension, _open_posting(extension, options, posting_site + POSTING_PATH))
    popup.get_by_role("button", name="Save to Job Tracker").click()
    expect(popup.get_by_role("alert")).to_have_text(refusal.json()["error"]["message"])
    expect(popup.get_by_label("Company")).to_have_value("Nordlicht Analytics GmbH")  # kept


def test_without_access_to_the_instance_the_popup_says_how_to_allow_it(
    extension: LoadedExtension, user: ApiUser
) -> None:
    options = extension.page("options.html")
    # Stored directly: saving from the form would ask the browser for access, and a test
    # cannot answer that prompt. localhost is not among the test copy's granted origins.
    options.evaluate(
        "(token) => chrome.storage.local.set({instanceOrigin: 'http://localhost:9', token})",
        _write_token(user),
    )
    popup = extension.page("popup.html")
    expect(popup.get_by_role("status")).to_contain_text(
        "The extension may not reach http://localhost:9 yet"
    )
    expect(popup.get_by_role("button", name="Open the extension's options")).to_be_visible()


def test_a_salary_that_is_not_a_whole_number_is_named_before_saving(
    extension: LoadedExtension, live_server: LiveServer, posting_site: str, user: ApiUser
) -> None:
    options = _connect(extension, live_server.url, _write_token(user))
    expect(options.get_by_role("status")).to_contain_text("Connected")
    popup = _popup_for(extension, _open_posting(extension, options, posting_site + POSTING_PATH))
    popup.get_by_label("From").fill("70,000")
    popup.get_by_role("button", name="Save to Job Tracker").click()
    expect(popup.get_by_text("Enter a whole number")).to_be_visible()
    expect(popup.get_by_label("From")).to_be_focused()
    assert user.api.get("/api/applications").json()["items"] == []
