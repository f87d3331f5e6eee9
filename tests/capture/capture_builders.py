"""Builders for capture route tests: a posting page with JSON-LD, and a stand-in fetcher."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI

from jobtracker.capture.errors import FetchError
from jobtracker.capture.fetcher import FetchedPage
from jobtracker.capture.policy import FetchPolicy
from jobtracker.capture.routes import page_fetcher
from tests.factories import ApiUser


def posting_page(
    *,
    role: str = "Backend Engineer",
    company: str = "Acme Robotics",
    url: str = "https://jobs.acme.example/backend",
    **extra: Any,
) -> str:
    """A posting page whose JSON-LD JobPosting states role, company, place, salary and dates."""
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": role,
        "hiringOrganization": {"@type": "Organization", "name": company},
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": "Berlin"},
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": 70000,
                "maxValue": 90000,
                "unitText": "YEAR",
            },
        },
        "employmentType": "FULL_TIME",
        "datePosted": "2026-11-03",
        "validThrough": "2026-12-31",
        "description": "<p>Build the fleet API.</p><ul><li>Python</li><li>PostgreSQL</li></ul>",
        "url": url,
        **extra,
    }
    return (
        "<!DOCTYPE html><html><head><title>Careers</title>"
        f'<script type="application/ld+json">{json.dumps(posting)}</script>'
        f"</head><body><h1>{role}</h1><p>Build the fleet API.</p></body></html>"
    )


def html_page(
    url: str, body: str, status: int = 200, content_type: str = "text/html"
) -> FetchedPage:
    encoded = body.encode()
    textual = content_type.startswith("text/") or content_type == "application/json"
    return FetchedPage(
        url=url,
        status=status,
        content_type=content_type,
        charset="utf-8",
        body=encoded,
        text=body if textual else None,
        bytes_read=len(encoded),
    )


@dataclass
class StubFetcher:
    """Answers each URL from `pages` (a page, or a FetchError to raise) and keeps the calls."""

    pages: dict[str, FetchedPage | FetchError] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def __call__(self, url: str, policy: FetchPolicy) -> FetchedPage:
        self.calls.append(url)
        answer = self.pages.get(url)
        if answer is None:
            return html_page(url, "Not found", status=404)
        if isinstance(answer, FetchError):
            raise answer
        return answer


def stub_fetcher(app: FastAPI) -> StubFetcher:
    """The app's fetcher replaced by a stand-in; nothing leaves the test."""
    stub = StubFetcher()
    app.dependency_overrides[page_fetcher] = lambda: stub
    return stub


def capture(user: ApiUser, **body: Any) -> dict[str, Any]:
    response = user.client.post("/api/capture", json=body)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def values(answer: dict[str, Any]) -> dict[str, Any]:
    """Each found field's value (None when not found), for one comparison."""
    return {
        name: None if found is None else found["value"] for name, found in answer["fields"].items()
    }


def sources(answer: dict[str, Any]) -> dict[str, str]:
    return {name: found["source"] for name, found in answer["fields"].items() if found}
