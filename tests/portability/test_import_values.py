"""Reading spreadsheet cells as people write them: status words, dates and salaries."""

from __future__ import annotations

from datetime import date

import pytest

from jobtracker.applications.stages import Stage
from jobtracker.portability.import_values import (
    ImportedSalary,
    column_date_order,
    date_order_is_ambiguous,
    parse_date,
    parse_salary,
    settled_date_order,
    stage_from_word,
)


@pytest.mark.parametrize(
    ("word", "stage"),
    [
        ("Submitted", Stage.APPLIED),
        ("Applied", Stage.APPLIED),
        ("Phone Screen", Stage.SCREENING),
        ("Recruiter Call", Stage.SCREENING),
        ("Interviewing", Stage.INTERVIEW),
        ("Technical Interview", Stage.INTERVIEW),
        ("Onsite", Stage.INTERVIEW),
        ("Offer Received", Stage.OFFER),
        ("Negotiating", Stage.OFFER),
        ("Bookmarked", Stage.WISHLIST),
        ("Saved", Stage.WISHLIST),
        ("Interested", Stage.WISHLIST),
        ("Draft", Stage.DRAFTING),
        ("Applying", Stage.DRAFTING),
        ("No Response", Stage.GHOSTED),
        ("Ghosted", Stage.GHOSTED),
        ("Declined", Stage.WITHDRAWN),
        ("Withdrawn", Stage.WITHDRAWN),
        ("Expired", Stage.GHOSTED),
        ("Archived", Stage.GHOSTED),
        ("Rejected", Stage.REJECTED),
        ("Accepted", Stage.ACCEPTED),
        ("Screen", Stage.SCREENING),
        ("Take-home assignment", Stage.SCREENING),
        ("Interview Scheduled", Stage.INTERVIEW),
        ("Final Round", Stage.INTERVIEW),
        ("Offer Extended", Stage.OFFER),
        ("Offer Accepted", Stage.ACCEPTED),
        ("Offer Declined", Stage.WITHDRAWN),
        ("I Withdrew", Stage.WITHDRAWN),
        ("Not Selected", Stage.REJECTED),
        ("Position filled", Stage.REJECTED),
        ("No Response \U0001f515", Stage.GHOSTED),
        ("Not started", Stage.WISHLIST),
        ("Waiting", Stage.APPLIED),
        ("Beworben", Stage.APPLIED),
        ("Vorstellungsgespräch", Stage.INTERVIEW),
        ("Absage", Stage.REJECTED),
        ("Zurückgezogen", Stage.WITHDRAWN),
        ("Entretien", Stage.INTERVIEW),
        ("Refusée", Stage.REJECTED),
        ("Rechazado", Stage.REJECTED),
        ("Sin respuesta", Stage.GHOSTED),
        ("Afgewezen", Stage.REJECTED),
    ],
)
def test_a_status_word_names_its_stage(word: str, stage: Stage) -> None:
    assert stage_from_word(word) is stage


@pytest.mark.parametrize("word", ["SAVED", "phone-screen", "  no   response ", "Offer_Received"])
def test_status_words_ignore_case_and_spacing(word: str) -> None:
    assert stage_from_word(word) is not None


@pytest.mark.parametrize("stage", list(Stage))
def test_every_stage_id_names_itself(stage: Stage) -> None:
    assert stage_from_word(stage.value.upper()) is stage


@pytest.mark.parametrize("word", ["Dreaming", "Done", "", "   ", "?", "x" * 500])
def test_an_unknown_status_word_names_no_stage(word: str) -> None:
    assert stage_from_word(word) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-09-14", date(2026, 9, 14)),
        ("2026-09-14T10:00:00Z", date(2026, 9, 14)),
        ("2026-09-14T23:30:00+02:00", date(2026, 9, 14)),
        ("2026-09-14 08:15", date(2026, 9, 14)),
        ("2026/09/14", date(2026, 9, 14)),
        ("September 3, 2026", date(2026, 9, 3)),
        ("Sept. 3, 2026", date(2026, 9, 3)),
        ("Thursday, September 3rd, 2026", date(2026, 9, 3)),
        ("3 Sep 2026", date(2026, 9, 3)),
        ("3 September 2026", date(2026, 9, 3)),
        ("3.9.2026", date(2026, 9, 3)),
        ("03.09.26", date(2026, 9, 3)),
        ("46000", date(2025, 12, 9)),
        ("46000.5", date(2025, 12, 9)),
        ("2026-09-14T10:00:00.000Z", date(2026, 9, 14)),
        ("2026-09-14T10:00:00.123456-07:00", date(2026, 9, 14)),
        ("2026-09-14 19:17:05", date(2026, 9, 14)),
        ("2026-9-4", date(2026, 9, 4)),
        ("2026.09.14", date(2026, 9, 14)),
        ("Sep 3, 2026", date(2026, 9, 3)),
        ("Sep 3, 2026, 2:22 PM", date(2026, 9, 3)),
        ("September 3, 2026 2:22 PM", date(2026, 9, 3)),
        ("3 Sep 2026 14:22", date(2026, 9, 3)),
        ("14.09.2026", date(2026, 9, 14)),
    ],
)
def test_a_date_in_any_common_style_is_read(cell: str, expected: date) -> None:
    assert parse_date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("9/14/2026", date(2026, 9, 14)),
        ("10/3/26, 2:22 PM", date(2026, 10, 3)),
        ("10/3/2026 14:22", date(2026, 10, 3)),
        ("10-3-2026", date(2026, 10, 3)),
        ("10/3/26", date(2026, 10, 3)),
        ("10/3/26 2:22pm", date(2026, 10, 3)),
        ("10/03/2026 02:22:59 a.m.", date(2026, 10, 3)),
    ],
)
def test_a_slashed_date_reads_month_first_by_default(cell: str, expected: date) -> None:
    assert parse_date(cell) == expected


def test_a_day_first_date_reads_day_first_when_the_column_is() -> None:
    assert parse_date("3/10/2026", "day_first") == date(2026, 10, 3)


def test_a_first_field_of_13_or_more_makes_the_column_day_first() -> None:
    assert column_date_order(["3/10/2026", "", "N/A", "14/9/2026"]) == "day_first"


def test_a_second_field_of_13_or_more_makes_the_column_month_first() -> None:
    assert column_date_order(["9/14/2026", "14/9/2026"]) == "month_first"


def test_an_ambiguous_column_is_month_first() -> None:
    assert column_date_order(["3/10/2026", "4/5/2026", "2026-12-31"]) == "month_first"


def test_dotted_dates_do_not_decide_a_slashed_column() -> None:
    assert column_date_order(["14.9.2026"]) == "month_first"


def test_a_column_whose_values_never_say_has_no_settled_order() -> None:
    assert settled_date_order(["3/10/2026", "4/5/2026", "2026-12-31", "N/A"]) is None


@pytest.mark.parametrize(
    "values",
    [
        ["3/10/2026", "4/5/2026"],
        ["10/3/26, 2:22 PM", "", "N/A"],
        ["5-6-2026"],
    ],
)
def test_a_column_readable_both_ways_is_ambiguous(values: list[str]) -> None:
    assert date_order_is_ambiguous(values)


@pytest.mark.parametrize(
    "values",
    [
        ["3/10/2026", "14/9/2026"],  # settled day-first by the 14
        ["3/10/2026", "9/14/2026"],  # settled month-first by the 14
        ["3/3/2026", "12/12/2026"],  # the same date either way
        ["2026-09-14", "September 3, 2026", "14.09.2026"],
        ["", "N/A", "soon"],
        [],
    ],
)
def test_a_column_with_one_reading_is_not_ambiguous(values: list[str]) -> None:
    assert not date_order_is_ambiguous(values)


def test_the_order_of_a_column_is_settled_by_its_first_deciding_value() -> None:
    assert settled_date_order(["1/2/2026", "25/12/2026", "12/25/2026"]) == "day_first"


@pytest.mark.parametrize("cell", ["", "  ", "N/A", "n/a", "-", "none", "None", "\u2014"])
def test_a_placeholder_is_no_date(cell: str) -> None:
    assert parse_date(cell) is None


@pytest.mark.parametrize(
    "cell",
    [
        "Yes", "No", "TRUE", "31/13/2026", "2026-13-01", "13/14/2026", "soon", "9" * 500,
        "10001", "99999", "2/30/2026", "Smarch 3, 2026",
    ],
)  # fmt: skip
def test_a_cell_that_is_no_date_says_how_to_write_one(cell: str) -> None:
    with pytest.raises(ValueError, match="is not a date; write it like 2026-10-01"):
        parse_date(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("$150,000", ImportedSalary(150_000, 150_000, "USD", "year")),
        ("150k-180k", ImportedSalary(150_000, 180_000, None, "year")),
        ("150-180k", ImportedSalary(150_000, 180_000, None, "year")),
        ("$120k \u2013 $150k", ImportedSalary(120_000, 150_000, "USD", "year")),
        ("€60.000", ImportedSalary(60_000, 60_000, "EUR", "year")),
        ("60.000 - 70.000 €", ImportedSalary(60_000, 70_000, "EUR", "year")),
        ("£45,000 per year", ImportedSalary(45_000, 45_000, "GBP", "year")),
        ("USD 120000", ImportedSalary(120_000, 120_000, "USD", "year")),
        ("120000 usd", ImportedSalary(120_000, 120_000, "USD", "year")),
        ("100 000 to 120 000 EUR", ImportedSalary(100_000, 120_000, "EUR", "year")),
        ("72.5k", ImportedSalary(72_500, 72_500, None, "year")),
        ("$50/hr", ImportedSalary(50, 50, "USD", "hour")),
        ("€4,500 per month", ImportedSalary(4_500, 4_500, "EUR", "month")),
        ("CHF 900 a week", ImportedSalary(900, 900, "CHF", "week")),
    ],
)
def test_a_salary_as_people_write_it_is_read(cell: str, expected: ImportedSalary) -> None:
    assert parse_salary(cell) == expected


@pytest.mark.parametrize("cell", ["", "N/A", "-", "none"])
def test_a_placeholder_is_no_salary(cell: str) -> None:
    assert parse_salary(cell) is None


@pytest.mark.parametrize("cell", ["Competitive", "DOE", "1, 2, 3", "$ lots", "1" * 200])
def test_a_cell_that_is_no_salary_is_refused(cell: str) -> None:
    with pytest.raises(ValueError, match="is not a salary"):
        parse_salary(cell)


def test_a_salary_range_written_backwards_is_refused() -> None:
    with pytest.raises(ValueError, match="put the lower first"):
        parse_salary("180k-150k")
