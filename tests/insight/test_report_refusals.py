"""The report's bounds: dates checked in words, at most two years and a capped number of
applications, another user's applications never in it, and no crash without a Unicode font."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from jobtracker.applications.applied import Period
from jobtracker.insight import report as report_module
from jobtracker.insight.report import ProofOfSearch, ReportHeading
from jobtracker.insight.report_pdf import Fonts, render_pdf
from tests.factories import ApiUser
from tests.insight.report_builders import RANGE, build_history, csv_rows, pdf_pages, report


@pytest.mark.parametrize("kind", ["pdf", "csv"])
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "2026-03-01"}, "query.date_to", "This is required."),
        ({"date_to": "2026-03-01"}, "query.date_from", "This is required."),
        (
            {"date_from": "2026-03-01", "date_to": "2026-02-30"},
            "query.date_to",
            "Enter a date like 2026-12-31.",
        ),
        (
            {"date_from": "2026-03-01", "date_to": "2026-02-28"},
            "query.date_to",
            "Choose a last day on or after the first day.",
        ),
        (
            {"date_from": "2024-03-01", "date_to": "2026-03-01"},
            "query.date_to",
            "Choose a range of at most two years; make one report for each part of a longer one.",
        ),
    ],
)
def test_bad_dates_are_refused_in_words(
    alice: ApiUser, kind: str, params: dict[str, str], field: str, message: str
) -> None:
    response = alice.client.get(f"/api/reports/proof.{kind}", params=params)

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {field: message}


def test_two_years_to_the_day_are_accepted(alice: ApiUser) -> None:
    response = alice.client.get(
        "/api/reports/proof.csv", params={"date_from": "2024-03-02", "date_to": "2026-03-01"}
    )

    assert response.status_code == 200


def test_an_unknown_paper_size_is_refused(alice: ApiUser) -> None:
    response = alice.client.get("/api/reports/proof.pdf", params={**RANGE, "paper": "a3"})

    assert response.status_code == 422
    assert "query.paper" in response.json()["error"]["fields"]


@pytest.mark.parametrize("kind", ["pdf", "csv"])
def test_more_applications_than_a_report_holds_are_refused(
    alice: ApiUser, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    # The real cap is 2,000; three applications over a cap of two take the same path.
    monkeypatch.setattr(report_module, "MAX_REPORT_APPLICATIONS", 2)
    build_history(alice)

    response = alice.client.get(f"/api/reports/proof.{kind}", params=RANGE)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["message"] == (
        "3 applications were sent in this range; a report holds at most 2. "
        "Choose a shorter range and make several reports."
    )
    assert error["fields"] == {"date_to": "choose an earlier last day"}


def test_a_long_history_is_cut_with_a_note(alice: ApiUser, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_module, "MAX_MOVES_SHOWN", 2)
    application = alice.create_application(company="Busy", applied_on="2026-04-01")
    for stage in ("applied", "screening", "interview"):
        alice.client.patch(f"/api/applications/{application['id']}", json={"stage": stage})

    text = "\n".join(pdf_pages(report(alice, "pdf")))
    history = csv_rows(report(alice, "csv"))[0]["Stage history"].splitlines()

    assert "…and 2 later stage changes, left out of this report" in text
    assert len(history) == 3
    assert history[2] == "…and 2 later stage changes, left out of this report"


@pytest.mark.parametrize("kind", ["pdf", "csv"])
def test_another_users_applications_never_appear(alice: ApiUser, bob: ApiUser, kind: str) -> None:
    build_history(alice)
    bob.create_application(company="Bob's Bakery", stage="applied", applied_on="2026-04-01")

    bobs = report(bob, kind)
    alices = report(alice, kind)

    bobs_text = "\n".join(pdf_pages(bobs)) if kind == "pdf" else bobs.decode()
    alices_text = "\n".join(pdf_pages(alices)) if kind == "pdf" else alices.decode()
    assert "Bob's Bakery" in bobs_text
    for company in ("Ξενοδοχεία Δελφών", "Undated GmbH", "Backend Engineer"):
        assert company not in bobs_text
    assert "Bob's Bakery" not in alices_text


def test_without_a_unicode_font_the_pdf_falls_back_to_helvetica() -> None:
    period = Period(date(2026, 3, 1), date(2026, 3, 31), "UTC")
    heading = ReportHeading("Δήμητρα 王芳", "d@example.com", period, 0, datetime.now(UTC))

    content = render_pdf(ProofOfSearch(heading, iter([])), fonts=Fonts())

    text = pdf_pages(content)[0]
    assert "d@example.com" in text
    assert "Proof of job search" in text
    assert "??????? ??" in text  # each character no font here has, for "Δήμητρα 王芳"
    assert "holds every name exactly" in " ".join(text.split())


def test_too_many_reports_in_the_window_are_refused_with_the_wait(
    alice: ApiUser, bob: ApiUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_module, "MAX_REPORTS_PER_WINDOW", 2)
    for kind in ("pdf", "csv"):
        report(alice, kind)

    response = alice.client.get("/api/reports/proof.pdf", params=RANGE)

    assert response.status_code == 429
    assert response.json()["error"]["message"] == (
        "You made 2 reports in the last 15 minutes. Wait 15 minutes and try again."
    )
    assert int(response.headers["retry-after"]) > 0
    report(bob, "csv")  # another user's allowance is their own
