"""Postings pasted as text (pages behind a sign-in) and captured by the browser extension."""

from __future__ import annotations

import json
from datetime import date

import pytest

from jobtracker.applications.stages import EmploymentType, SalaryPeriod, WorkMode
from jobtracker.capture.extract import extract_from_capture, extract_from_text
from jobtracker.capture.posting import FieldSource
from tests.capture.extraction_fixtures import (
    description,
    expected,
    fields_and_sources,
    page,
    pasted,
)

TEXT = FieldSource.PAGE_TEXT
JSON_LD = FieldSource.JSON_LD
META = FieldSource.META


def test_linkedin_style_paste_reads_the_header_and_the_compensation_line() -> None:
    posting = extract_from_text(pasted("linkedin_paste"))

    assert fields_and_sources(posting) == expected(
        TEXT,
        company="Brightwave",
        role="Staff Product Designer",
        location="Amsterdam, North Holland, Netherlands",
        work_mode=WorkMode.HYBRID,
        salary_min=85_000,
        salary_max=100_000,
        salary_currency="EUR",
        salary_period=SalaryPeriod.YEAR,
        employment_type=EmploymentType.FULL_TIME,
    )
    assert description(posting).value.startswith("Staff Product Designer\nBrightwave · ")
    assert "\n\nAbout the job\n\nBrightwave builds tools" in description(posting).value


def test_german_paste_reads_its_labelled_lines() -> None:
    posting = extract_from_text(pasted("pasted_german"))

    assert fields_and_sources(posting) == expected(
        TEXT,
        company="Alpenmilch AG",  # "Unternehmen: …"
        role="Teamleiter Kundenservice (m/w/d)",  # the title line above the labels
        location="München",  # "Standort: …"
        work_mode=WorkMode.ONSITE,  # "Arbeitsmodell: Vor Ort"
        salary_min=3_800,
        salary_max=3_800,
        salary_currency="EUR",
        salary_period=SalaryPeriod.MONTH,  # "brutto pro Monat"
        employment_type=EmploymentType.PART_TIME,  # "Teilzeit"
        deadline=date(2027, 1, 31),  # "31.01.2027"
    )


def test_plain_text_without_cues_gives_only_its_description() -> None:
    text = "We are hiring!\n\n\n   Great team,   great coffee.  \r\nCome say hi."

    posting = extract_from_text(text)

    assert fields_and_sources(posting) == expected(TEXT)
    assert description(posting).value == "We are hiring!\n\nGreat team, great coffee.\nCome say hi."


def test_an_ambiguous_deadline_is_left_empty() -> None:
    posting = extract_from_text("Engineer\n\nCompany: Acme\nApply by: 03/04/2027")

    assert posting.deadline is None
    assert posting.company is not None


def test_pasted_html_is_read_as_a_page() -> None:
    posting = extract_from_text(page("json_ld_only"))

    assert posting.role is not None
    assert (posting.role.value, posting.role.source) == ("Clinical Data Coordinator", JSON_LD)
    # No page address to resolve the JSON-LD's relative link against: no link at all.
    assert posting.job_url is None


def test_capture_reads_the_extensions_json_ld_first_then_the_selected_text() -> None:
    json_ld = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Machine Learning Engineer",
        "hiringOrganization": {"@type": "Organization", "name": "Quokka AI"},
        "jobLocation": {"@type": "Place", "address": "Sydney NSW, Australia"},
        "datePosted": "2026-11-30",
    }
    selected = (
        "Machine Learning Engineer\n"
        "Quokka AI · Sydney (Remote)\n\n"
        "Salary: AU$180,000 \u2013 AU$210,000 per year\n\n"
        "You will train models that read bushfire imagery."
    )
    url = "https://www.linkedin.com/jobs/view/4012345678/?trk=public_jobs"

    posting = extract_from_capture(url, None, ["{not json", json.dumps(json_ld)], selected)

    assert posting.board == "LinkedIn"
    assert fields_and_sources(posting) == expected(
        JSON_LD,
        company="Quokka AI",
        role="Machine Learning Engineer",
        location="Sydney NSW, Australia",  # an address written as text
        work_mode=(WorkMode.REMOTE, TEXT),
        salary_min=(180_000, TEXT),
        salary_max=(210_000, TEXT),
        salary_currency=("AUD", TEXT),
        salary_period=(SalaryPeriod.YEAR, TEXT),
        posted_on=date(2026, 11, 30),
        job_url=(url, META),
    )
    assert description(posting).source is TEXT


def test_capture_with_the_page_html_fills_what_json_ld_and_text_left_empty() -> None:
    url = "https://jobs.lever.co/northwind/5ac21346-8e0c-4494-8e7a-3eb92ff77902"

    posting = extract_from_capture(url, page("lever_job_page"), [], None)

    assert posting.board == "Lever"
    assert posting.role is not None
    assert (posting.role.value, posting.role.source) == ("Site Reliability Engineer", JSON_LD)


def test_capture_with_nothing_but_a_url_gives_the_url() -> None:
    posting = extract_from_capture("https://acme.example/jobs/1", None, [], "   ")

    assert fields_and_sources(posting) == expected(META, job_url="https://acme.example/jobs/1")


@pytest.mark.parametrize(
    ("text", "minimum", "maximum", "currency", "period"),
    [
        ("Pay: $150,000 - $180,000 a year", 150_000, 180_000, "USD", SalaryPeriod.YEAR),
        ("$45/hr, paid weekly", 45, 45, "USD", SalaryPeriod.HOUR),
        ("Salary: USD 120,000\u2013150,000", 120_000, 150_000, "USD", None),
        ("€60.000 - €75.000 brutto pro Jahr", 60_000, 75_000, "EUR", SalaryPeriod.YEAR),
        ("Gehalt: 4.500 € pro Monat", 4_500, 4_500, "EUR", SalaryPeriod.MONTH),
        ("Rémunération : 45 000 € à 55 000 € par an", 45_000, 55_000, "EUR", SalaryPeriod.YEAR),
        ("Salario: 30.000 - 36.000 € al año", 30_000, 36_000, "EUR", SalaryPeriod.YEAR),
        ("£45,000 - £55,000 per annum", 45_000, 55_000, "GBP", SalaryPeriod.YEAR),
        ("£550 per day outside IR35", 550, 550, "GBP", SalaryPeriod.DAY),
        ("CTC: ₹25,00,000 - ₹35,00,000 per annum", 2_500_000, 3_500_000, "INR", SalaryPeriod.YEAR),
        ("Stipend: INR 40,000 per month", 40_000, 40_000, "INR", SalaryPeriod.MONTH),
        ("$150k-$180k + equity", 150_000, 180_000, "USD", None),
    ],
)
def test_salaries_stated_in_text(
    text: str, minimum: int, maximum: int, currency: str, period: SalaryPeriod | None
) -> None:
    posting = extract_from_text(f"Engineer\n\n{text}\n\nJoin us.")

    salary = (posting.salary_min, posting.salary_max, posting.salary_currency)
    assert [found and (found.value, found.source) for found in salary] == [
        (minimum, TEXT),
        (maximum, TEXT),
        (currency, TEXT),
    ]
    assert (posting.salary_period and posting.salary_period.value) == period


@pytest.mark.parametrize(
    "text",
    [
        "A $1,000 learning budget and a new laptop.",
        "We raised $120M last year.",
        "Founded in 2019, 150 people in 12 countries.",
        "Salary: competitive",
    ],
)
def test_figures_that_are_no_salary_are_left_alone(text: str) -> None:
    posting = extract_from_text(text)

    assert posting.salary_min is None
    assert posting.salary_currency is None


@pytest.mark.parametrize(
    ("header", "work_mode", "employment_type"),
    [
        ("Senior Engineer (Remote)", WorkMode.REMOTE, None),
        (
            "Ingeniero de datos · 100% remoto · Jornada completa",
            WorkMode.REMOTE,
            EmploymentType.FULL_TIME,
        ),
        ("Développeur · Télétravail partiel · CDD", WorkMode.HYBRID, EmploymentType.CONTRACT),
        ("Werkstudent Data (m/w/d) · Homeoffice", WorkMode.REMOTE, EmploymentType.INTERNSHIP),
        ("Stage \u2013 Assistant marketing · Sur site", WorkMode.ONSITE, None),
        ("Early-stage startup, other perks", None, None),
    ],
)
def test_work_mode_and_contract_words_in_several_languages(
    header: str, work_mode: WorkMode | None, employment_type: EmploymentType | None
) -> None:
    posting = extract_from_text(f"{header}\n\nDescription follows.")

    assert (posting.work_mode and posting.work_mode.value) == work_mode
    assert (posting.employment_type and posting.employment_type.value) == employment_type


def test_json_ld_references_to_the_employer_in_its_graph_are_followed() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "JobPosting",
                "title": "Barista",
                "hiringOrganization": {"@id": "https://bean.example/#organization"},
            },
            {"@type": "Organization", "@id": "https://bean.example/#organization", "name": "Bean"},
        ],
    }

    posting = extract_from_capture(None, None, [json.dumps(graph)], None)

    assert posting.company is not None
    assert (posting.company.value, posting.company.source) == ("Bean", JSON_LD)
