"""Postings read from saved pages: JSON-LD, microdata, OpenGraph, or only a title and text."""

from __future__ import annotations

from datetime import date

import pytest

from jobtracker.applications.stages import EmploymentType, SalaryPeriod, WorkMode
from jobtracker.capture.extract import extract_from_html
from jobtracker.capture.posting import FIELD_NAMES, FieldSource
from tests.capture.extraction_fixtures import description, expected, fields_and_sources, page

JSON_LD = FieldSource.JSON_LD
MICRODATA = FieldSource.MICRODATA
META = FieldSource.META
TEXT = FieldSource.PAGE_TEXT


def test_greenhouse_page_reads_its_json_ld_and_the_pay_range_in_its_text() -> None:
    url = "https://job-boards.greenhouse.io/acmerockets/jobs/4012345006"

    posting = extract_from_html(page("greenhouse_job_page"), url)

    assert posting.board == "Greenhouse"
    assert fields_and_sources(posting) == expected(
        JSON_LD,
        company="Acme Rockets",
        role="Senior Backend Engineer, Payments",
        location="Remote - US",
        work_mode=(WorkMode.REMOTE, TEXT),
        salary_min=(160_000, TEXT),
        salary_max=(210_000, TEXT),
        salary_currency=("USD", TEXT),
        posted_on=date(2026, 11, 2),
        job_url=(url, META),
    )
    assert description(posting).value == (
        "Acme Rockets builds reusable launch vehicles.\n\n"
        "What you'll do\n\n"
        "- Design the ledger that settles launch contracts\n"
        "- Own services in Go and PostgreSQL"
    )


def test_lever_page_reads_its_json_ld_then_work_mode_and_salary_from_the_page() -> None:
    url = "https://jobs.lever.co/northwind/5ac21346-8e0c-4494-8e7a-3eb92ff77902"

    posting = extract_from_html(page("lever_job_page"), url)

    assert posting.board == "Lever"
    assert fields_and_sources(posting) == expected(
        JSON_LD,
        company="Northwind",
        role="Site Reliability Engineer",
        location="London",
        work_mode=(WorkMode.HYBRID, TEXT),
        salary_min=(85_000, TEXT),
        salary_max=(105_000, TEXT),
        salary_currency=("GBP", TEXT),
        salary_period=(SalaryPeriod.YEAR, TEXT),
        employment_type=EmploymentType.FULL_TIME,
        posted_on=date(2026, 11, 3),
        job_url=(url, META),
    )
    assert description(posting).source is JSON_LD


def test_json_ld_in_a_graph_with_remote_work_an_hourly_wage_and_an_html_description() -> None:
    url = "https://www.pinecrest.example/careers/clinical-data-coordinator/?utm_source=x"

    posting = extract_from_html(page("json_ld_only"), url)

    assert posting.board is None
    assert fields_and_sources(posting) == expected(
        JSON_LD,
        company="Pinecrest Health",  # hiringOrganization given as a plain name
        role="Clinical Data Coordinator",
        location="USA, Canada",  # from applicantLocationRequirements: no office
        work_mode=WorkMode.REMOTE,  # jobLocationType TELECOMMUTE
        salary_min=38,
        salary_max=46,  # 46.5 an hour, stored whole
        salary_currency="USD",
        salary_period=SalaryPeriod.HOUR,
        employment_type=EmploymentType.PART_TIME,  # the first of a list
        deadline=date(2027, 1, 31),
        posted_on=date(2026, 11, 18),
        job_url="https://www.pinecrest.example/careers/clinical-data-coordinator/",  # resolved
    )
    # Lists kept, the script inside the description and the page's nav and footer gone.
    assert description(posting).value == (
        "Pinecrest runs clinical trials for rural hospitals.\n\n"
        "Responsibilities\n\n"
        "- Clean and reconcile trial data\n"
        "- Answer site queries within a day\n\n"
        "Apply by January."
    )


def test_microdata_only_page() -> None:
    posting = extract_from_html(page("microdata_only"), "https://tamarind.example/jobs/qa")

    assert fields_and_sources(posting) == expected(
        MICRODATA,
        company="Tamarind Systems Pvt. Ltd.",
        role="QA Automation Engineer",
        location="Bengaluru, Karnataka, IN",
        salary_min=90_000,
        salary_max=120_000,
        salary_currency="INR",
        salary_period=SalaryPeriod.MONTH,
        employment_type=EmploymentType.FULL_TIME,
        deadline=date(2026, 12, 20),
        posted_on=date(2026, 11, 20),
        job_url=("https://tamarind.example/jobs/qa", META),
    )
    assert description(posting).value == (
        "Tamarind builds billing software for Indian utilities.\n\n"
        "You will:\n\n"
        "- Automate regression tests with Playwright\n"
        "- Keep the CI pipeline green"
    )
    assert description(posting).source is MICRODATA


def test_opengraph_only_page_guesses_role_and_company_from_og_title() -> None:
    posting = extract_from_html(page("opengraph_only"), "https://careers.fjord.example/j/1")

    assert fields_and_sources(posting) == expected(
        META,
        company="Fjord Analytics",
        role="Senior Data Engineer",
        location=("Manchester", TEXT),  # "Location: Manchester (hybrid, two days a week…)"
        work_mode=(WorkMode.HYBRID, TEXT),
        salary_min=(55_000, TEXT),
        salary_max=(65_000, TEXT),
        salary_currency=("GBP", TEXT),
        salary_period=(SalaryPeriod.YEAR, TEXT),
        job_url="https://careers.fjord.example/jobs/senior-data-engineer",  # og:url
    )
    text = description(posting)
    assert text.source is TEXT
    assert text.value.startswith(
        "Senior Data Engineer\n\nLocation: Manchester (hybrid, two days a week in the office)\n\n"
        "Fjord Analytics helps retailers"
    )
    assert "- Mentor two junior engineers\n- Work with analysts" in text.value
    for chrome in ("cookies", "All jobs", "Related jobs", "Privacy", "analytics.js"):
        assert chrome not in text.value


def test_page_with_only_a_title_and_text() -> None:
    posting = extract_from_html(page("title_and_text"), None)

    assert fields_and_sources(posting) == expected(
        TEXT,
        company=("Kestrel Labs", META),  # "Backend Developer - Kestrel Labs"
        role=("Backend Developer", META),
        location="Austin, Texas",  # "Location: Austin, Texas (On-site)"
        work_mode=WorkMode.ONSITE,
        salary_min=150_000,
        salary_max=180_000,
        salary_currency="USD",
        salary_period=SalaryPeriod.YEAR,
    )
    assert description(posting).value == (
        "Backend Developer\n\n"
        "Kestrel Labs makes scheduling software for vets. We are a team of twelve and we ship "
        "every day.\n\n"
        "Location: Austin, Texas (On-site)\n\n"
        "You will\n\n"
        "- Build our appointments API in Python\n"
        "- Talk to customers every week\n\n"
        "Pay: $150,000 - $180,000 a year, plus equity."
    )


def test_german_posting() -> None:
    posting = extract_from_html(page("german_posting"), None)

    assert fields_and_sources(posting) == expected(
        JSON_LD,
        company="Hanse Digital GmbH",
        role="Softwareentwickler (m/w/d)",
        location="Hamburg, DE",
        work_mode=(WorkMode.HYBRID, TEXT),  # "Arbeitsmodell: Hybrid (…Homeoffice…)"
        salary_min=60_000,
        salary_max=75_000,
        salary_currency="EUR",
        salary_period=SalaryPeriod.YEAR,
        employment_type=EmploymentType.FULL_TIME,  # "Vollzeit"
        deadline=date(2026, 12, 31),
        posted_on=date(2026, 11, 16),
        job_url=("https://karriere.hanse-digital.example/stellen/softwareentwickler-mwd", META),
    )
    assert description(posting).value == (
        "Wir digitalisieren die Hafenlogistik.\n\n"
        "Deine Aufgaben\n\n"
        "- Du entwickelst unsere Plattform in Kotlin\n"
        "- Du arbeitest eng mit dem Produktteam"
    )


def test_french_posting() -> None:
    posting = extract_from_html(page("french_posting"), None)

    assert fields_and_sources(posting) == expected(
        TEXT,
        company=("Camembert Tech", META),  # "Développeur Python H/F chez Camembert Tech"
        role=("Développeur Python H/F", META),
        location="Lyon",
        work_mode=WorkMode.HYBRID,  # "Télétravail : hybride"
        salary_min=45_000,
        salary_max=55_000,
        salary_currency="EUR",
        salary_period=SalaryPeriod.YEAR,  # "45 000 € à 55 000 € par an"
        employment_type=EmploymentType.FULL_TIME,  # "CDI"
        deadline=date(2027, 1, 15),  # "15/01/2027" can only be day-first
        job_url=("https://emplois.camembert-tech.example/offres/developpeur-python", META),
    )
    assert "- Développer notre API en Python et Django" in description(posting).value


def test_malformed_json_ld_is_skipped_and_the_page_still_read() -> None:
    posting = extract_from_html(page("malformed_json_ld"), "https://orchard.example/jobs/7")

    assert fields_and_sources(posting) == expected(
        META,
        company="Orchard",  # "Support Specialist | Orchard Careers"
        role="Support Specialist",
        job_url="https://orchard.example/jobs/7",
    )
    assert description(posting).value == (
        "Support Specialist\n\n"
        "Orchard answers questions from farmers about irrigation sensors, by phone and by chat, "
        "in English and Spanish.\n\n"
        "- Answer support tickets\n"
        "- Write help-centre articles"
    )


@pytest.mark.parametrize(
    ("title", "site_name", "role", "company"),
    [
        ("Senior Engineer at Acme", None, "Senior Engineer", "Acme"),
        ("Data at Scale Engineer at Acme | Acme Careers", None, "Data at Scale Engineer", "Acme"),
        ("Senior Engineer at Coca-Cola - Atlanta", None, "Senior Engineer", "Coca-Cola"),
        ("Acme - Senior Engineer", None, "Senior Engineer", "Acme"),
        ("Senior Engineer | Acme Careers", None, "Senior Engineer", "Acme"),
        ("Growth Lead \u2013 Acme", "Acme", "Growth Lead", "Acme"),
        ("Job Application for Data Analyst at Acme", None, "Data Analyst", "Acme"),
        # Unclear: nothing guessed.
        ("Welcome", None, None, None),
        ("Acme - Berlin", None, None, None),
        ("Senior Engineer - Berlin - Acme", None, None, None),
    ],
)
def test_role_and_company_come_from_a_title_only_when_its_pattern_is_clear(
    title: str, site_name: str | None, role: str | None, company: str | None
) -> None:
    site = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    html = f"<html><head><title>{title}</title>{site}</head><body><p>Hi.</p></body></html>"

    posting = extract_from_html(html, None)

    assert (posting.role and posting.role.value, posting.company and posting.company.value) == (
        role,
        company,
    )


def test_a_job_board_site_name_is_not_the_company() -> None:
    html = (
        '<html><head><meta property="og:site_name" content="LinkedIn">'
        "<title>Welcome</title></head><body><p>Sign in to see more.</p></body></html>"
    )

    posting = extract_from_html(html, "https://www.linkedin.com/jobs/view/123")

    assert posting.company is None
    assert posting.board == "LinkedIn"


def test_an_empty_or_unparseable_page_gives_no_fields() -> None:
    for html in ("", "   ", "\x00\x00", '<?xml version="1.0" encoding="utf-8"?>'):
        posting = extract_from_html(html, None)

        assert posting.missing() == list(FIELD_NAMES)
