"""The safe fetcher reaches public pages only, within its size and time limits."""

from __future__ import annotations

import socket
import time
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from jobtracker.capture import network
from jobtracker.capture.errors import FetchRefused, FetchTimedOut, PageTooLarge, SiteUnreachable
from jobtracker.capture.fetcher import (
    NOT_AN_ADDRESS,
    PRIVATE_NETWORK,
    UNVERIFIED_CERTIFICATE,
    fetch,
)
from jobtracker.capture.policy import FetchPolicy
from tests.capture.builders import LoopbackSite, html, loopback_site, redirect, self_signed_tls

MB = 1024 * 1024


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/jobs",
        "http://10.0.0.1/jobs",
        "http://[::1]/jobs",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:10.0.0.1]/jobs",
        "http://100.64.0.1/jobs",
        "http://0.0.0.0/jobs",
        "http://[fd00::1]/jobs",
        "http://224.0.0.1/jobs",
    ],
)
def test_a_private_address_is_refused_before_connecting(url: str, connections: list[str]) -> None:
    with pytest.raises(FetchRefused) as refusal:
        fetch(url, FetchPolicy())

    assert refusal.value.message == PRIVATE_NETWORK
    assert refusal.value.status_code == 422
    assert connections == []


def test_a_name_resolving_to_loopback_is_refused(
    dns: dict[str, list[str]], connections: list[str]
) -> None:
    dns["jobs.example.test"] = ["127.0.0.1"]

    with pytest.raises(FetchRefused, match="private network"):
        fetch("https://jobs.example.test/posting/1", FetchPolicy())

    assert connections == []


def test_a_name_resolving_to_a_public_and_a_private_address_is_refused(
    dns: dict[str, list[str]], connections: list[str]
) -> None:
    dns["jobs.example.test"] = ["93.184.215.14", "10.0.0.1"]

    with pytest.raises(FetchRefused, match="private network"):
        fetch("https://jobs.example.test/posting/1", FetchPolicy())

    assert connections == []


@pytest.mark.parametrize("url", ["ftp://jobs.example.test/posting", "file:///etc/passwd"])
def test_only_http_and_https_are_fetched(url: str, connections: list[str]) -> None:
    with pytest.raises(FetchRefused) as refusal:
        fetch(url, FetchPolicy())

    assert refusal.value.message == (
        "Only web addresses starting with http:// or https:// can be fetched."
    )
    assert connections == []


@pytest.mark.parametrize("url", ["http://", "https://jobs.example.test:99999/posting"])
def test_something_that_is_not_a_web_address_is_refused(url: str, connections: list[str]) -> None:
    with pytest.raises(FetchRefused) as refusal:
        fetch(url, FetchPolicy())

    assert refusal.value.message == NOT_AN_ADDRESS
    assert connections == []


def test_a_port_other_than_the_web_ports_is_refused(connections: list[str]) -> None:
    with pytest.raises(FetchRefused, match="port 6379"):
        fetch("http://93.184.215.14:6379/", FetchPolicy())

    assert connections == []


def test_an_allowed_private_host_is_fetched_at_its_checked_address_under_its_name(
    site: LoopbackSite, dns: dict[str, list[str]], connections: list[str]
) -> None:
    dns["jobs.intranet.test"] = ["127.0.0.1"]
    site.pages["/posting"] = html("<h1>Data engineer</h1>")

    page = fetch(site.url("/posting", host="jobs.intranet.test"), site.policy("jobs.intranet.test"))

    assert page.status == 200
    assert page.text == "<h1>Data engineer</h1>"
    assert site.request_headers[0]["host"] == f"jobs.intranet.test:{site.port}"
    assert connections == ["127.0.0.1"]


def test_an_allowed_ipv6_literal_is_fetched_with_its_address_in_brackets(
    connections: list[str],
) -> None:
    with loopback_site(address="::1") as site:
        site.pages["/posting"] = html("<h1>Data engineer</h1>")
        page = fetch(site.url("/posting", host="[::1]"), site.policy("::1"))

    assert page.status == 200
    assert site.request_headers[0]["host"] == f"[::1]:{site.port}"
    assert connections == ["::1"]


def test_the_name_is_resolved_once_so_a_changed_answer_is_never_connected(
    site: LoopbackSite,
    dns: dict[str, list[str]],
    connections: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Rebinding: the first answer passes the check, every later one points elsewhere.
    dns["jobs.intranet.test"] = ["127.0.0.1"]
    first_answers = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding_getaddrinfo(host: str, *args: Any, **kwargs: Any) -> Any:
        answer = first_answers(host, *args, **kwargs)
        if host == "jobs.intranet.test":
            lookups.append(host)
            dns[host] = ["10.0.0.1"]
        return answer

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    site.pages["/posting"] = html("<h1>Data engineer</h1>")

    page = fetch(site.url("/posting", host="jobs.intranet.test"), site.policy("jobs.intranet.test"))

    assert page.status == 200
    assert lookups.count("jobs.intranet.test") == 1
    assert connections == ["127.0.0.1"]


def test_https_at_the_checked_address_verifies_the_certificate_for_the_name(
    dns: dict[str, list[str]], connections: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server_tls, trusting_client = self_signed_tls("jobs.intranet.test")
    monkeypatch.setattr(network, "_tls", trusting_client)
    dns["jobs.intranet.test"] = ["127.0.0.1"]

    with loopback_site(server_tls) as site:
        site.pages["/posting"] = html("<h1>Data engineer</h1>")
        page = fetch(
            site.url("/posting", host="jobs.intranet.test"), site.policy("jobs.intranet.test")
        )

    assert page.text == "<h1>Data engineer</h1>"
    assert connections == ["127.0.0.1"]


def test_https_with_a_certificate_for_another_name_is_not_fetched(
    dns: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    server_tls, trusting_client = self_signed_tls("elsewhere.test")
    monkeypatch.setattr(network, "_tls", trusting_client)
    dns["jobs.intranet.test"] = ["127.0.0.1"]

    with loopback_site(server_tls) as site, pytest.raises(SiteUnreachable) as unreachable:
        fetch(site.url("/posting", host="jobs.intranet.test"), site.policy("jobs.intranet.test"))

    assert unreachable.value.message == UNVERIFIED_CERTIFICATE


def test_a_redirect_to_a_private_address_is_refused_without_contacting_it(
    site: LoopbackSite, connections: list[str]
) -> None:
    site.pages["/posting"] = redirect("http://10.0.0.1/admin")

    with pytest.raises(FetchRefused) as refusal:
        fetch(site.url("/posting"), site.policy())

    assert refusal.value.message == PRIVATE_NETWORK
    assert connections == ["127.0.0.1"]


def test_five_redirects_are_followed(site: LoopbackSite) -> None:
    for hop in range(5):
        site.pages[f"/hop/{hop}"] = redirect(f"/hop/{hop + 1}")
    site.pages["/hop/5"] = html("<h1>Arrived</h1>")

    page = fetch(site.url("/hop/0"), site.policy())

    assert page.text == "<h1>Arrived</h1>"
    assert page.url == site.url("/hop/5")


def test_a_sixth_redirect_is_refused(site: LoopbackSite) -> None:
    for hop in range(6):
        site.pages[f"/hop/{hop}"] = redirect(f"/hop/{hop + 1}")
    site.pages["/hop/6"] = html("<h1>Never reached</h1>")

    with pytest.raises(FetchRefused, match="Too many redirects"):
        fetch(site.url("/hop/0"), site.policy())

    assert len(site.request_headers) == 6


def _drip_body(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(30):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(1)


def _drip_headers(handler: BaseHTTPRequestHandler) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * 30:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(1)


@pytest.mark.parametrize("drip", [_drip_body, _drip_headers], ids=["body", "headers"])
def test_a_server_dripping_a_byte_a_second_is_cut_off_at_the_deadline(
    site: LoopbackSite, drip: object
) -> None:
    site.pages["/slow"] = drip  # type: ignore[assignment]
    started = time.monotonic()

    with pytest.raises(FetchTimedOut) as timeout:
        fetch(site.url("/slow"), site.policy(timeout_seconds=2.5))

    assert time.monotonic() - started < 4
    assert timeout.value.message == "The page took longer than 2.5 seconds to answer."
    assert timeout.value.status_code == 504


def _fifty_megabytes(site: LoopbackSite) -> object:
    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        chunk = b"a" * (64 * 1024)
        while site.bytes_sent < 50 * MB:
            handler.wfile.write(chunk)
            site.bytes_sent += len(chunk)

    return write


def test_a_50_mb_body_is_cut_off_at_the_cap_without_reading_it_all(site: LoopbackSite) -> None:
    site.pages["/huge"] = _fifty_megabytes(site)  # type: ignore[assignment]

    with pytest.raises(PageTooLarge) as too_large:
        fetch(site.url("/huge"), site.policy())

    assert (
        too_large.value.message
        == "The page is larger than 5 MB, so Job Tracker stopped reading it."
    )
    assert too_large.value.status_code == 413
    assert site.finished.wait(10)
    # What the server managed to send before the hang-up: the cap plus the sockets' buffers.
    assert site.bytes_sent < 25 * MB


def test_a_declared_length_over_the_cap_is_refused_before_reading(site: LoopbackSite) -> None:
    def declared(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(50 * MB))
        handler.end_headers()
        handler.wfile.write(b"a" * 1024)

    site.pages["/huge"] = declared

    with pytest.raises(PageTooLarge):
        fetch(site.url("/huge"), site.policy())


def test_a_text_page_is_decoded_by_its_charset(site: LoopbackSite) -> None:
    site.pages["/posting.txt"] = html("Café barista", content_type="text/plain; charset=iso-8859-1")

    page = fetch(site.url("/posting.txt"), site.policy())

    assert page.content_type == "text/plain"
    assert page.charset == "iso-8859-1"
    assert page.text == "Café barista"
    assert page.bytes_read == len("Café barista")


def test_a_binary_page_keeps_its_bytes_and_has_no_text(site: LoopbackSite) -> None:
    site.pages["/posting.pdf"] = html("%PDF-1.7", content_type="application/pdf")

    page = fetch(site.url("/posting.pdf"), site.policy())

    assert page.content_type == "application/pdf"
    assert page.body == b"%PDF-1.7"
    assert page.text is None


def test_cookies_a_site_sets_are_never_sent_back(site: LoopbackSite) -> None:
    site.pages["/login"] = redirect("/posting", ("Set-Cookie", "session=abc; Path=/"))
    site.pages["/posting"] = html("<h1>Data engineer</h1>")

    fetch(site.url("/login"), site.policy())

    assert [headers.get("cookie") for headers in site.request_headers] == [None, None]


def test_the_user_agent_names_job_tracker(site: LoopbackSite) -> None:
    site.pages["/posting"] = html("<h1>Data engineer</h1>")

    fetch(site.url("/posting"), site.policy(user_agent="JobTracker/1.2 (+https://jobs.example)"))

    assert site.request_headers[0]["user-agent"] == "JobTracker/1.2 (+https://jobs.example)"


def test_a_name_that_does_not_resolve_is_unreachable(connections: list[str]) -> None:
    with pytest.raises(SiteUnreachable) as unreachable:
        fetch("https://no-such-site.test/jobs", FetchPolicy())

    assert "couldn't find the site no-such-site.test" in unreachable.value.message
    assert unreachable.value.status_code == 502
    assert connections == []


def test_a_site_refusing_the_connection_is_unreachable() -> None:
    with socket.socket() as probe:  # a port nothing listens on once the probe closes
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    policy = FetchPolicy(
        allowed_private_hosts=frozenset({"127.0.0.1"}), allowed_ports=frozenset({closed_port})
    )

    with pytest.raises(SiteUnreachable, match="try again later"):
        fetch(f"http://127.0.0.1:{closed_port}/posting", policy)
