"""create_application from a posting's link, through capture's fetcher: names resolve as the
test decides and nothing but loopback is ever connected to."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from jobtracker.capture.policy import FetchPolicy
from tests.auth.access_token_builders import create_token
from tests.capture.builders import LoopbackSite, html
from tests.capture.capture_builders import posting_page
from tests.capture.conftest import connections, dns, site
from tests.factories import ApiUser
from tests.mcp.client import answer, call_tool, refusal

__all__ = ["connections", "dns", "site"]  # the capture tests' fixtures, used here too


@pytest.fixture
def token(alice: ApiUser) -> str:
    return str(create_token(alice, scope="write")["token"])


def test_a_posting_link_is_fetched_and_read(
    live: str, app: FastAPI, token: str, site: LoopbackSite, dns: dict[str, list[str]]
) -> None:
    dns["jobs.acme.example"] = ["127.0.0.1"]
    app.state.mcp_endpoint.backend.fetch_policy = site.policy("jobs.acme.example")
    link = site.url("/jobs/7", host="jobs.acme.example")
    site.pages["/jobs/7"] = html(posting_page(role="Site Reliability Engineer", url=link))

    created = answer(call_tool(live, token, "create_application", url=link, tags=["found-by-ai"]))

    assert (created["company"], created["role"]) == ("Acme Robotics", "Site Reliability Engineer")
    assert (created["salary_min"], created["salary_currency"]) == (70_000, "EUR")
    assert created["job_url"] == link
    assert created["tags"] == ["found-by-ai"]


def test_a_private_address_is_refused_before_any_connection(
    live: str, app: FastAPI, token: str, site: LoopbackSite, alice: ApiUser
) -> None:
    app.state.mcp_endpoint.backend.fetch_policy = FetchPolicy(
        allowed_ports=frozenset({80, 443, site.port})
    )
    site.pages["/jobs/7"] = html(posting_page())

    refused = refusal(call_tool(live, token, "create_application", url=site.url("/jobs/7")))

    assert "private network" in refused
    assert site.request_headers == []
    assert alice.client.get("/api/applications").json()["total"] == 0
