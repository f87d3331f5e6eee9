"""The built UI as the app serves it: precompressed copies by Accept-Encoding, caching, HEAD."""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response  # what the TestClient answers with

from jobtracker.config import Settings
from jobtracker.security.headers import UI_POLICY

BUILT_STATIC = Path(__file__).resolve().parents[1] / "src" / "jobtracker" / "static"
INDEX = b"<!doctype html><title>Job Tracker</title><script type=module src=/assets/app-abc123.js>"
SCRIPT = b"export const greeting = 'hello';\n" * 100
# Stand-ins for the build's copies, told apart by their bytes: the test reads them raw.
SCRIPT_BROTLI = b"brotli copy of app-abc123.js"
SCRIPT_GZIP = gzip.compress(SCRIPT, mtime=0)
INDEX_GZIP = gzip.compress(INDEX, mtime=0)
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture
def static_dir(settings: Settings) -> Path:
    """A built UI in the app's static directory: index.html with a gzip copy, one script
    with a brotli and a gzip copy."""
    assert settings.static_dir is not None
    assets = settings.static_dir / "assets"
    assets.mkdir(parents=True)
    (settings.static_dir / "index.html").write_bytes(INDEX)
    (settings.static_dir / "index.html.gz").write_bytes(INDEX_GZIP)
    (assets / "app-abc123.js").write_bytes(SCRIPT)
    (assets / "app-abc123.js.br").write_bytes(SCRIPT_BROTLI)
    (assets / "app-abc123.js.gz").write_bytes(SCRIPT_GZIP)
    return settings.static_dir


def fetch(
    client: TestClient, path: str, accept_encoding: str, method: str = "GET"
) -> tuple[Response, bytes]:
    """The response and its body as sent, not decoded."""
    with client.stream(method, path, headers={"Accept-Encoding": accept_encoding}) as response:
        return response, b"".join(response.iter_raw())


@pytest.mark.parametrize(
    ("accept_encoding", "coding", "body"),
    [
        ("gzip, deflate, br, zstd", "br", SCRIPT_BROTLI),
        ("br", "br", SCRIPT_BROTLI),
        ("*", "br", SCRIPT_BROTLI),
        ("gzip, deflate", "gzip", SCRIPT_GZIP),
        ("x-gzip", "gzip", SCRIPT_GZIP),
        ("br;q=0, gzip", "gzip", SCRIPT_GZIP),
        ("BR;Q=0.000, GZIP", "gzip", SCRIPT_GZIP),
        ("gzip;q=1.0, br;q=0.5", "gzip", SCRIPT_GZIP),
        ("*;q=0.5, br;q=0", "gzip", SCRIPT_GZIP),
        ("", None, SCRIPT),
        ("identity", None, SCRIPT),
        ("deflate, zstd", None, SCRIPT),
        ("br;q=0, gzip;q=0", None, SCRIPT),
        ("*;q=0", None, SCRIPT),
        ("gzip;q=0.5, identity", None, SCRIPT),
        ("br;q=high, gzip;q=2", None, SCRIPT),
    ],
)
def test_the_copy_sent_follows_accept_encoding(
    static_dir: Path, client: TestClient, accept_encoding: str, coding: str | None, body: bytes
) -> None:
    response, sent = fetch(client, "/assets/app-abc123.js", accept_encoding)

    assert response.status_code == 200
    assert response.headers.get("content-encoding") == coding
    assert sent == body
    assert response.headers["content-length"] == str(len(body))


@pytest.mark.parametrize("accept_encoding", ["br", "gzip", "identity"])
def test_an_asset_keeps_its_type_and_is_cached_for_a_year_in_every_encoding(
    static_dir: Path, client: TestClient, accept_encoding: str
) -> None:
    response, _ = fetch(client, "/assets/app-abc123.js", accept_encoding)

    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert response.headers["cache-control"] == IMMUTABLE
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["content-security-policy"] == UI_POLICY


@pytest.mark.parametrize("path", ["/", "/index.html", "/applications/12"])
def test_the_page_is_sent_compressed_and_never_cached(
    static_dir: Path, client: TestClient, path: str
) -> None:
    response, sent = fetch(client, path, "gzip, deflate, br, zstd")

    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"  # the only copy it has
    assert sent == INDEX_GZIP
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["content-security-policy"] == UI_POLICY


@pytest.mark.parametrize(
    ("path", "accept_encoding", "encoding", "length"),
    [
        ("/", "identity", None, len(INDEX)),
        ("/", "gzip, br", "gzip", len(INDEX_GZIP)),
        ("/assets/app-abc123.js", "gzip, br", "br", len(SCRIPT_BROTLI)),
    ],
)
def test_head_answers_with_the_headers_of_get_and_no_body(
    static_dir: Path,
    client: TestClient,
    path: str,
    accept_encoding: str,
    encoding: str | None,
    length: int,
) -> None:
    response, sent = fetch(client, path, accept_encoding, method="HEAD")

    assert response.status_code == 200
    assert sent == b""
    assert response.headers.get("content-encoding") == encoding
    assert response.headers["content-length"] == str(length)
    assert response.headers["vary"] == "Accept-Encoding"


@pytest.mark.parametrize("path", ["/api/health", "/api/applications", "/calendar/x.ics"])
def test_head_on_an_api_address_is_not_answered_as_missing(
    static_dir: Path, client: TestClient, path: str
) -> None:
    """The UI's catch-all takes HEAD, but an API address that answers GET is not missing."""
    response = client.head(path)

    assert response.status_code == 405
    assert client.get("/api/health").status_code == 200


def test_a_copy_asked_for_by_name_is_not_passed_off_as_a_script(
    static_dir: Path, client: TestClient
) -> None:
    response, sent = fetch(client, "/assets/app-abc123.js.br", "identity")

    assert sent == SCRIPT_BROTLI
    assert response.headers["content-type"] == "application/octet-stream"
    assert "content-encoding" not in response.headers


@pytest.mark.parametrize("path", ["/..%2Fsecret.txt", "/assets/..%2F..%2Fsecret.txt"])
def test_files_outside_the_static_directory_stay_out_of_reach(
    static_dir: Path, client: TestClient, path: str
) -> None:
    (static_dir.parent / "secret.txt").write_text("the password is swordfish")
    (static_dir.parent / "secret.txt.gz").write_bytes(gzip.compress(b"the password is swordfish"))

    response = client.get(path, headers={"Accept-Encoding": "gzip"})

    assert b"swordfish" not in response.content
    if path.startswith("/assets/"):
        assert response.status_code == 404
    else:  # any other address is a client-side route: the page itself
        assert response.content == INDEX


@pytest.mark.parametrize("path", ["/api/no-such-thing", "/calendar/nothing", "/api"])
def test_the_api_addresses_are_not_answered_with_the_page(
    static_dir: Path, client: TestClient, path: str
) -> None:
    response = client.get(path, headers={"Accept-Encoding": "gzip, br"})

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_an_unbuilt_ui_says_how_to_build_it(client: TestClient) -> None:
    response = client.get("/")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "ui_not_built"
    assert "make ui" in response.json()["error"]["message"]


def test_the_build_writes_brotli_and_gzip_copies_of_the_main_script() -> None:
    index = BUILT_STATIC / "index.html"
    if not index.is_file():
        message = f"the web UI is not built ({index} is missing): run `make ui`"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing build is a broken pipeline, not a reason to skip
        pytest.skip(message)
    entry = re.search(r'<script type="module"[^>]* src="/(assets/[^"]+\.js)"', index.read_text())
    assert entry is not None, "index.html loads no module script"
    script = BUILT_STATIC / entry.group(1)
    copies = {suffix: script.with_name(script.name + suffix) for suffix in (".br", ".gz")}
    missing = [copy.name for copy in copies.values() if not copy.is_file()]
    assert not missing, f"no {missing}: does `npm run build` run scripts/precompress.mjs?"
    brotli_copy, gzip_copy = copies[".br"].read_bytes(), copies[".gz"].read_bytes()

    assert gzip.decompress(gzip_copy) == script.read_bytes()
    # Brotli at its best quality beats gzip at its best on minified JavaScript by ~10-20%.
    assert 0 < len(brotli_copy) < len(gzip_copy) < script.stat().st_size
