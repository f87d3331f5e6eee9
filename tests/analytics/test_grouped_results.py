"""Results by group on a hand-built history: every rate and 95% interval by resume version,
source, work mode and month, small groups flagged, and only supported differences named.

The history (23 applied applications):
- 5 from referrals (spelled "Referral", " referral", "REFERRAL "), answered (Screening), sent
  with resume.pdf v2 in March; 3 remote, 2 on-site;
- 10 from a job board, never answered, in March; 5 sent with resume.pdf v1, 5 with no resume
  recorded (one of them with a cover letter); 2 remote, 3 on-site, 5 with no work mode;
- 6 from LinkedIn in February, no resume, no work mode: 3 reached Interview (1 then Offer);
- 2 with no source in January, answered, sent with a resume since deleted (old.pdf).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI

from jobtracker.documents.models import DocumentKind
from tests.analytics.grouped_builders import (
    Interval,
    add_resume,
    grouped_results,
    groups,
    rate,
    record_sent,
    same_rates,
)
from tests.analytics.histories import add_application
from tests.factories import ApiUser

MOMENT = datetime(2026, 3, 2, 9, tzinfo=UTC)
RATES = ("response", "interview", "offer")


def _applied(user: ApiUser, app: FastAPI, later: list[str], applied_on: str, **fields: Any) -> int:
    history = [("applied", MOMENT), *[(stage, MOMENT) for stage in later]]
    return add_application(user, app, history, applied_on=applied_on, **fields)


@pytest.fixture
def history(alice: ApiUser, app: FastAPI) -> None:
    first = add_resume(app, alice, "resume.pdf", datetime(2026, 1, 1, tzinfo=UTC))
    second = add_resume(app, alice, "resume.pdf", datetime(2026, 2, 1, tzinfo=UTC), first)
    spellings = ["Referral", " referral", "REFERRAL ", "Referral", "Referral"]
    for index, source in enumerate(spellings):
        mode = "remote" if index < 3 else "onsite"
        referral = _applied(alice, app, ["screening"], "2026-03-03", source=source, work_mode=mode)
        record_sent(app, alice, referral, "resume.pdf", second)
    for index in range(10):
        mode = ["remote"] * 2 + ["onsite"] * 3 + [None] * 5
        board = _applied(alice, app, [], "2026-03-10", source="Job board", work_mode=mode[index])
        if index < 5:
            record_sent(app, alice, board, "resume.pdf", first)
        elif index == 5:
            record_sent(app, alice, board, "letter.pdf", None, DocumentKind.COVER_LETTER)
    for later in (["interview", "offer"], ["interview"], ["interview"], [], [], []):
        _applied(alice, app, later, "2026-02-14", source="LinkedIn")
    for _ in range(2):
        unsourced = _applied(alice, app, ["screening"], "2026-01-20")
        record_sent(app, alice, unsourced, "old.pdf", None)


def _rates(group: dict[str, Any]) -> list[Interval]:
    return [rate(group, name) for name in RATES]


@pytest.mark.usefixtures("history")
def test_rates_by_source_merge_spellings_and_carry_intervals(alice: ApiUser) -> None:
    by_source = groups(grouped_results(alice), "source")

    assert list(by_source) == ["Job board", "LinkedIn", "Referral", "Not recorded"]
    assert same_rates(
        _rates(by_source["Referral"]),
        [
            (5, 5, 0.566, 1.0),
            (0, 5, 0.0, 0.434),
            (0, 5, 0.0, 0.434),
        ],
    )
    assert same_rates(_rates(by_source["Job board"]), [(0, 10, 0.0, 0.278)] * 3)
    assert same_rates(
        _rates(by_source["LinkedIn"]),
        [
            (3, 6, 0.188, 0.812),
            (3, 6, 0.188, 0.812),
            (1, 6, 0.03, 0.564),
        ],
    )
    assert same_rates(
        _rates(by_source["Not recorded"]),
        [
            (2, 2, 0.342, 1.0),
            (0, 2, 0.0, 0.658),
            (0, 2, 0.0, 0.658),
        ],
    )
    assert by_source["Referral"]["response"]["value"] == 1.0
    assert by_source["LinkedIn"]["offer"]["value"] == pytest.approx(0.1667)


@pytest.mark.usefixtures("history")
def test_groups_under_five_are_flagged_too_few(alice: ApiUser) -> None:
    body = grouped_results(alice)

    assert body["min_group_size"] == 5
    flagged = {
        (part["dimension"], group["label"])
        for part in body["dimensions"]
        for group in part["groups"]
        if group["too_few"]
    }
    assert flagged == {
        ("source", "Not recorded"),
        ("resume", "old.pdf (deleted)"),
        ("month", "January 2026"),
    }


@pytest.mark.usefixtures("history")
def test_rates_by_resume_version(alice: ApiUser) -> None:
    by_resume = groups(grouped_results(alice), "resume")

    assert list(by_resume) == [
        "old.pdf (deleted)",
        "resume.pdf (v1)",
        "resume.pdf (v2)",
        "No resume recorded",
    ]
    assert same_rates(
        _rates(by_resume["resume.pdf (v2)"]),
        [
            (5, 5, 0.566, 1.0),
            (0, 5, 0.0, 0.434),
            (0, 5, 0.0, 0.434),
        ],
    )
    assert same_rates(_rates(by_resume["resume.pdf (v1)"]), [(0, 5, 0.0, 0.434)] * 3)
    # The cover letter sent with one of them is not a resume.
    assert same_rates(
        _rates(by_resume["No resume recorded"]),
        [
            (3, 11, 0.097, 0.566),
            (3, 11, 0.097, 0.566),
            (1, 11, 0.016, 0.377),
        ],
    )
    assert by_resume["No resume recorded"]["recorded"] is False
    assert same_rates(_rates(by_resume["old.pdf (deleted)"])[:1], [(2, 2, 0.342, 1.0)])


@pytest.mark.usefixtures("history")
def test_rates_by_work_mode(alice: ApiUser) -> None:
    by_mode = groups(grouped_results(alice), "work_mode")

    assert list(by_mode) == ["On-site", "Remote", "Not recorded"]
    assert same_rates(
        _rates(by_mode["Remote"]),
        [
            (3, 5, 0.231, 0.882),
            (0, 5, 0.0, 0.434),
            (0, 5, 0.0, 0.434),
        ],
    )
    assert same_rates(_rates(by_mode["On-site"])[:1], [(2, 5, 0.118, 0.769)])
    assert same_rates(
        _rates(by_mode["Not recorded"]),
        [
            (5, 13, 0.177, 0.645),
            (3, 13, 0.082, 0.503),
            (1, 13, 0.014, 0.333),
        ],
    )


@pytest.mark.usefixtures("history")
def test_rates_by_month_newest_first(alice: ApiUser) -> None:
    by_month = groups(grouped_results(alice), "month")

    assert list(by_month) == ["March 2026", "February 2026", "January 2026"]
    assert same_rates(
        _rates(by_month["March 2026"]),
        [
            (5, 15, 0.152, 0.583),
            (0, 15, 0.0, 0.204),
            (0, 15, 0.0, 0.204),
        ],
    )
    assert same_rates(_rates(by_month["February 2026"])[1:2], [(3, 6, 0.188, 0.812)])


@pytest.mark.usefixtures("history")
def test_what_stands_out_names_only_differences_the_intervals_support(alice: ApiUser) -> None:
    standouts = grouped_results(alice)["standouts"]

    # LinkedIn's interviews (3 of 6) against the job board's (0 of 10), remote against the rest
    # and February against March all differ, but their intervals overlap: none is named.
    assert [(item["dimension"], item["rate"]) for item in standouts] == [
        ("source", "response"),
        ("resume", "response"),
    ]
    assert [item["text"] for item in standouts] == [
        "Applications from Referral got a response 100% of the time (5 of 5), "
        "against 0% from Job board (0 of 10).",
        "Applications sent with resume.pdf (v2) got a response 100% of the time (5 of 5), "
        "against 0% with resume.pdf (v1) (0 of 5).",
    ]


def test_nothing_stands_out_without_enough_applications(alice: ApiUser, app: FastAPI) -> None:
    for source, later in (("Referral", ["screening"]), ("Job board", [])):
        for _ in range(4):
            _applied(alice, app, later, "2026-03-03", source=source)

    body = grouped_results(alice)

    assert body["standouts"] == []
    assert all(group["too_few"] for group in groups(body, "source").values())


def test_applications_never_sent_are_left_out(alice: ApiUser, app: FastAPI) -> None:
    alice.create_application(stage="wishlist", source="Referral")
    _applied(alice, app, [], "2026-03-03", source="Referral")

    by_source = groups(grouped_results(alice), "source")

    assert by_source["Referral"]["applications"] == 1


def test_a_long_tail_of_sources_keeps_the_largest_groups(alice: ApiUser) -> None:
    for _ in range(3):
        alice.create_application(stage="applied", applied_on="2026-03-03", source="Job  board")
    for number in range(26):
        alice.create_application(stage="applied", applied_on="2026-03-03", source=f"Site {number}")

    body = grouped_results(alice)

    (source,) = [part for part in body["dimensions"] if part["dimension"] == "source"]
    assert len(source["groups"]) == 24
    assert source["groups"][0]["label"] == "Job board"  # spaces inside collapsed too
    assert (source["groups_left_out"], source["applications_left_out"]) == (3, 3)
