"""Security headers on every response: API, UI, documents, the docs page; HSTS only over https."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.app import create_app
from jobtracker.config import Settings
from jobtracker.security.headers import API_POLICY, DOCS_POLICY, PERMISSIONS_POLICY, UI_POLICY
from tests.documents.builders import upload_one
from tests.factories import ApiUser

BUILT_INDEX = Path(__file__).resolve().parents[2] / "src" / "jobtracker" / "static" / "index.html"
COMMON = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
}


@pytest.fixture
def ui(settings: Settings) -> Path:
    """A stand-in for the built UI in the app's static directory."""
    assert settings.static_dir is not None
    settings.static_dir.mkdir(parents=True, exist_ok=True)
    (settings.static_dir / "index.html").write_text("<!doctype html><title>Job Tracker</title>")
    return settings.static_dir


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/health", 200),
        ("GET", "/api/me", 401),
        ("GET", "/api/no-such-thing", 404),
        ("POST", "/api/applications", 401),
        ("GET", "/calendar/not-a-token.ics", 404),
        ("POST", "/mcp", 401),  # the MCP endpoint, refused without an access token
        ("GET", "/mcp", 405),  # stateless: no event stream to open
    ],
)
def test_api_responses_carry_the_security_headers(
    client: TestClient, method: str, path: str, status: int
) -> None:
    response = client.request(method, path)

    assert response.status_code == status
    assert response.headers["content-security-policy"] == API_POLICY
    assert {name: response.headers.get(name) for name in COMMON} == COMMON


def test_validation_errors_carry_the_security_headers(alice: ApiUser) -> None:
    response = alice.client.post("/api/applications", json={"company": ""})

    assert response.status_code == 422
    assert response.headers["content-security-policy"] == API_POLICY


@pytest.mark.parametrize("path", ["/", "/applications/12", "/settings"])
def test_ui_pages_allow_only_the_apps_own_scripts_and_styles(
    ui: Path, client: TestClient, path: str
) -> None:
    response = client.get(path)

    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert policy == UI_POLICY
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert {name: response.headers.get(name) for name in COMMON} == COMMON


class _InlineCode(HTMLParser):
    """Finds what a policy without 'unsafe-inline' would block: inline scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src"):
            self.found.append("an inline <script>")
        if tag == "style":
            self.found.append("a <style> element")
        self.found += [f"{tag} {name}=" for name in attributes if name.startswith("on")]
        if "style" in attributes:
            self.found.append(f"a style attribute on <{tag}>")


def test_the_built_ui_has_no_inline_script_or_style() -> None:
    if not BUILT_INDEX.is_file():
        pytest.skip("the UI is not built (make ui)")
    parser = _InlineCode()
    parser.feed(BUILT_INDEX.read_text(encoding="utf-8"))

    assert parser.found == []


def test_a_document_preview_can_be_framed_by_the_app_and_keeps_its_sandbox(
    alice: ApiUser,
) -> None:
    document = upload_one(alice, "notes.txt", b"my notes", "text/plain")

    response = alice.client.get(f"/api/documents/{document['id']}/content?inline=1")

    assert response.status_code == 200
    assert response.headers["content-security-policy"] == "sandbox"
    assert response.headers["x-frame-options"] == "SAMEORIGIN"


def test_a_routes_own_referrer_policy_is_kept(alice: ApiUser) -> None:
    feed = alice.client.post("/api/calendar/token").json()["url"]

    response = alice.client.get(feed.removeprefix("http://testserver"))

    assert response.status_code == 200
    assert response.headers["referrer-policy"] == "no-referrer"


def test_the_api_docs_page_gets_the_policy_swagger_ui_needs(client: TestClient) -> None:
    response = client.get("/api/docs")

    assert response.status_code == 200
    assert response.headers["content-security-policy"] == DOCS_POLICY
    assert "unsafe-inline" not in DOCS_POLICY
    assert "https:" not in DOCS_POLICY


class _LoadedAddresses(HTMLParser):
    """Every address a page loads a script, a style sheet or an icon from."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        address = attributes.get("src") or attributes.get("href")
        if address:
            self.addresses.append(address)
        elif tag == "script":
            self.inline_scripts += 1


def test_the_api_docs_page_loads_everything_from_this_server(client: TestClient) -> None:
    parser = _LoadedAddresses()
    parser.feed(client.get("/api/docs").text)

    assert parser.addresses
    assert parser.inline_scripts == 0
    for address in parser.addresses:
        assert address.startswith("/api/docs/"), address
        assert client.get(address).status_code == 200, address


def test_the_api_docs_script_and_styles_are_swagger_ui(client: TestClient) -> None:
    script = client.get("/api/docs/assets/swagger-ui-bundle.js")
    styles = client.get("/api/docs/assets/swagger-ui.css")
    start = client.get("/api/docs/start.js")

    assert "SwaggerUIBundle" in script.text
    assert script.headers["content-type"].startswith("text/javascript")
    assert styles.headers["content-type"].startswith("text/css")
    assert "/api/openapi.json" in start.text


@pytest.mark.parametrize("path", ["/api/health", "/api/docs", "/calendar/not-a-token.ics"])
def test_every_response_refuses_browser_features_the_app_does_not_use(
    client: TestClient, path: str
) -> None:
    policy = client.get(path).headers["permissions-policy"]

    assert policy == PERMISSIONS_POLICY
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_ui_pages_refuse_browser_features_too(ui: Path, client: TestClient) -> None:
    assert client.get("/").headers["permissions-policy"] == PERMISSIONS_POLICY


def test_no_hsts_over_plain_http(client: TestClient) -> None:
    assert "strict-transport-security" not in client.get("/api/health").headers


def test_hsts_over_https(app: FastAPI) -> None:
    with TestClient(app, base_url="https://testserver") as client:
        response = client.get("/api/health")

    assert response.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"


def test_hsts_when_the_public_address_is_https(settings: Settings) -> None:
    settings.public_url = "https://jobs.example.com"
    app = create_app(settings)
    with TestClient(app) as client:
        response = client.get("/api/health")
    app.state.engine.dispose()

    assert "max-age=31536000" in response.headers["strict-transport-security"]
