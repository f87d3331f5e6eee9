"""Hostile input costs bounded work: oversized pages and text are trimmed, deep or broken
JSON-LD is skipped, and no text makes a pattern search slow."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import TypeVar

import pytest

from jobtracker.capture.extract import (
    MAX_HTML_CHARS,
    MAX_TEXT_CHARS,
    extract_from_capture,
    extract_from_html,
    extract_from_text,
)
from jobtracker.capture.html_text import MAX_DESCRIPTION_CHARS, html_to_text
from jobtracker.capture.job_boards import job_board_request
from jobtracker.capture.posting import ExtractedPosting, FieldSource
from jobtracker.capture.structured_data import MAX_JSON_LD_CHARS

T = TypeVar("T")
# Generous for a shared CI core: the point is seconds, not the minutes a runaway would take.
CPU_SECONDS = 2.0

JOB_POSTING = json.dumps(
    {"@context": "https://schema.org", "@type": "JobPosting", "title": "Engineer"}
)


def within_cpu_budget(work: Callable[[], T]) -> T:
    started = time.process_time()
    result = work()
    spent = time.process_time() - started
    assert spent < CPU_SECONDS, f"took {spent:.2f} s of CPU"
    return result


def _page(head: str = "", body: str = "<p>Hello.</p>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_json_ld_nested_deeper_than_the_parser_allows_is_skipped() -> None:
    deep = "[" * 200_000 + "]" * 200_000
    head = (
        f'<script type="application/ld+json">{deep}</script>'
        f'<script type="application/ld+json">{JOB_POSTING}</script>'
    )

    posting = within_cpu_budget(lambda: extract_from_html(_page(head), None))

    assert posting.role is not None
    assert posting.role.value == "Engineer"


def test_a_job_posting_buried_deep_in_json_ld_is_not_searched_for() -> None:
    buried = "[" * 50 + JOB_POSTING + "]" * 50

    posting = extract_from_capture(None, None, [buried], None)

    assert posting.role is None


def test_json_ld_past_the_size_limit_is_not_read() -> None:
    padding = json.dumps({"@type": "WebSite", "name": "x" * MAX_JSON_LD_CHARS})

    posting = within_cpu_budget(
        lambda: extract_from_capture(None, None, [padding, JOB_POSTING], None)
    )

    assert posting.role is None
    assert extract_from_capture(None, None, [JOB_POSTING], None).role is not None


def test_a_page_is_read_only_up_to_the_size_limit() -> None:
    filler = "<p>" + "filler text " * 1000 + "</p>"
    body = filler * (MAX_HTML_CHARS // len(filler) + 1)
    late = f'<script type="application/ld+json">{JOB_POSTING}</script>'

    posting = within_cpu_budget(lambda: extract_from_html(_page(body=body + late), None))

    assert posting.role is None  # the JSON-LD sat past 5 MB
    assert posting.job_description is not None
    assert len(posting.job_description.value) <= MAX_DESCRIPTION_CHARS


def test_pasted_text_is_read_only_up_to_the_size_limit() -> None:
    text = "Engineer\n\n" + ("A long line of posting text. " * 40 + "\n\n") * 600
    assert len(text) > MAX_TEXT_CHARS

    posting = within_cpu_budget(lambda: extract_from_text(text))

    assert posting.job_description is not None
    assert len(posting.job_description.value) <= MAX_DESCRIPTION_CHARS


def test_html_nested_a_hundred_thousand_deep_is_no_crash() -> None:
    nested = "<div>" * 100_000 + "deep" + "</div>" * 100_000

    posting = within_cpu_budget(lambda: extract_from_html(_page(body=nested), None))

    assert isinstance(posting, ExtractedPosting)
    assert within_cpu_budget(lambda: html_to_text(nested)) in ("", "deep")


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 250_000,  # digits and spaces: every position starts a figure
        "$1," * 150_000,  # currency and grouping without end
        "€" * 400_000,
        "Salary: " + "9" * 400_000,
        ("to " * 100_000) + "$",
        "Location: " + "x" * 499_000,  # one enormous labelled line
        "at " * 150_000,  # a title pattern's word, over and over
        "- " * 240_000 + ":",
    ],
)
def test_no_text_makes_the_pattern_searches_slow(text: str) -> None:
    posting = within_cpu_budget(lambda: extract_from_text(text))

    assert posting.salary_min is None or posting.salary_min.value > 0


def test_a_title_of_any_length_is_read_in_bounded_time() -> None:
    title = "Engineer " + "at Acme - " * 20_000
    head = f"<title>{title}</title>"

    posting = within_cpu_budget(lambda: extract_from_html(_page(head), None))

    assert posting.role is None or len(posting.role.value) <= 200


def test_a_posting_with_thousands_of_places_names_only_the_first_few() -> None:
    places = [{"@type": "Place", "address": f"Town {n}"} for n in range(20_000)]
    job = {"@type": "JobPosting", "title": "Driver", "jobLocation": places}

    posting = within_cpu_budget(lambda: extract_from_capture(None, None, [json.dumps(job)], None))

    assert posting.location is not None
    assert posting.location.value == "Town 0; Town 1; Town 2"


def test_long_fields_are_trimmed_to_what_the_form_stores() -> None:
    job = {
        "@type": "JobPosting",
        "title": "Engineer " * 100,
        "hiringOrganization": "Acme " * 100,
        "url": "https://acme.example/" + "a" * 3000,
    }

    posting = extract_from_capture(None, None, [json.dumps(job)], None)

    assert posting.role is not None
    assert len(posting.role.value) <= 200
    assert posting.company is not None
    assert len(posting.company.value) <= 200
    assert posting.job_url is None  # longer than any stored link


def test_a_very_long_link_is_no_board_posting() -> None:
    url = "https://boards.greenhouse.io/acme/jobs/" + "1" * 100_000

    assert within_cpu_budget(lambda: job_board_request(url)) is None


def test_a_page_of_a_hundred_thousand_small_elements_is_read_in_bounded_time() -> None:
    item = "<div itemscope itemtype='https://schema.org/Thing'><span itemprop='name'>x</span></div>"
    body = "<h1>Engineer</h1><p>We are hiring an engineer.</p>" + item * 50_000

    posting = within_cpu_budget(lambda: extract_from_html(_page(body=body), None))

    assert posting.job_description is not None
    assert posting.job_description.value.startswith("Engineer\n\nWe are hiring an engineer.")


def test_a_microdata_posting_crammed_with_items_is_not_handed_to_extruct() -> None:
    item = "<div itemscope itemtype='https://schema.org/Thing'><span itemprop='name'>x</span></div>"
    body = (
        "<div itemscope itemtype='https://schema.org/JobPosting'>"
        f"<h1 itemprop='title'>Engineer</h1>{item * 5_000}</div>"
    )

    posting = within_cpu_budget(lambda: extract_from_html(_page(body=body), None))

    assert posting.role is None or posting.role.source is not FieldSource.MICRODATA
