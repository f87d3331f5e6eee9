"""Other trackers' exports: recognised by their headers, and imported with the right fields,
stages and dates through the import API; our own export and Teal's round-trip."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from jobtracker.applications.stages import Stage
from jobtracker.portability.columns import guess_mapping
from jobtracker.portability.csv_reading import read_table
from jobtracker.portability.import_formats import (
    LAYOUTS,
    KnownFormat,
    Layout,
    detect_format,
    suggest_mapping,
)
from jobtracker.portability.import_values import stage_from_word
from tests.applications.builders import list_applications, user_fields
from tests.factories import ApiUser
from tests.portability.builders import csv_records, export_csv, import_csv, preview

FILES = Path(__file__).parent / "files"


@dataclass(frozen=True)
class FormatFile:
    file: str
    format: str
    mapping: dict[str, str | None]  # some of the columns, and the field each maps to
    # Company → what its application holds once imported (a few fields each).
    imported: dict[str, dict[str, Any]]
    extra_columns: dict[str, str] = field(default_factory=dict)


FORMAT_FILES = [
    FormatFile(
        "huntr.csv",
        "Huntr",
        {"title": "role", "companyName": "company", "listName": "stage", "createdAt": None},
        {
            "Northwind Traders": {
                "stage": "interview",
                "deadline": "2026-09-30",
                "salary_min": 140_000,
                "salary_max": 165_000,
                "salary_currency": "USD",
                "job_url": "https://boards.greenhouse.io/northwind/jobs/4411",
            },
            "Contoso": {"stage": "applied", "applied_on": None, "deadline": None},
            "Fabrikam": {"job_url": None, "job_description": None, "salary_min": 150_000},
            "Tailspin Toys": {"stage": "wishlist", "location": None},
            "Adatum": {"stage": "offer", "salary_min": 210_000},
            "Wingtip": {"stage": "screening"},
        },
        {"boardName": "tags"},
    ),
    FormatFile(
        "teal.csv",
        "Teal",
        {"Job Position": "role", "Status": "stage", "Date Saved": None},
        {
            "Northwind Traders": {
                "stage": "applied",
                "applied_on": "2026-08-04",
                "salary_min": 120_000,
                "salary_max": 140_000,
            },
            "Fabrikam": {"stage": "wishlist", "applied_on": None, "deadline": "2026-09-30"},
            "Adatum": {"stage": "offer", "applied_on": "2026-07-14"},
            "Litware": {"stage": "withdrawn"},
            "Tailspin Toys": {"stage": "rejected"},
            "Wingtip": {"stage": "ghosted"},
            "Proseware": {"stage": "drafting"},
        },
        {"Excitement": "notes", "Follow Up": "notes", "Date Saved": "notes"},
    ),
    FormatFile(
        "simplify.csv",
        "Simplify",
        {"Company Name": "company", "Job Status": "stage", "Salary": "salary"},
        {
            "Northwind Traders": {"stage": "applied", "applied_on": "2026-08-02"},
            "Contoso": {"stage": "screening", "salary_min": 120_000, "salary_max": 140_000},
            "Tailspin Toys": {"stage": "wishlist", "applied_on": None},
            "Adatum": {"stage": "offer", "salary_min": 150_000},
        },
        {"Job Type": "notes"},
    ),
    FormatFile(
        "jobsync.csv",
        "JobSync",
        {"JobTitle": "role", "appliedDate": "applied_on", "applied": None, "JobSource": "source"},
        {
            "Northwind Traders": {
                "stage": "applied",
                "applied_on": "2026-08-02",
                "source": "LinkedIn",
                "location": "Berlin",
            },
            "Contoso": {"stage": "drafting", "applied_on": None},
            "Adatum": {"stage": "ghosted", "location": None, "source": None},
            "Litware": {"stage": "accepted"},
        },
        {"jobType": "notes"},
    ),
    FormatFile(
        "notion.csv",
        "Notion",
        {"Company": "company", "Position": "role", "Applied": "applied_on", "Created time": None},
        {
            "Northwind Traders": {
                "stage": "applied",
                "applied_on": "2026-09-03",
                "salary_min": 65_000,
                "salary_currency": "EUR",
                "tags": ["design", "remote-ok"],
            },
            "Fabrikam": {"stage": "wishlist", "applied_on": None},
            "Adatum": {"stage": "offer", "applied_on": "2026-07-15", "salary_currency": "GBP"},
        },
        {"Contact": "notes"},
    ),
    FormatFile(
        "linkedin_job_applications.csv",
        "LinkedIn Job Applications",
        {"Application Date": "applied_on", "Company Name": "company", "Job Url": "job_url"},
        {
            "Northwind Traders": {
                "role": "Senior Backend Engineer",
                "applied_on": "2026-10-03",
                "job_url": "https://www.linkedin.com/jobs/view/4000000101",
            },
            "Fabrikam": {"applied_on": "2026-09-14"},
            "Adatum": {"applied_on": "2026-08-02"},
        },
        {"Resume Name": "notes", "Question And Answers": "notes"},
    ),
    FormatFile(
        "linkedin_saved_jobs.csv",
        "LinkedIn Saved Jobs",
        {"Job Title": "role", "Saved Date": None},
        {"Contoso": {"role": "Principal Engineer", "applied_on": None}},
        {"Saved Date": "notes"},
    ),
    FormatFile(
        "google_sheets_template.csv",
        "Google Sheets job tracker",
        {"Position": "role", "Date Applied": "applied_on", "Link": "job_url"},
        {
            "Northwind Traders": {"stage": "applied", "applied_on": "2026-09-14"},
            "Contoso": {"stage": "screening", "applied_on": "2026-09-02"},
            "Fabrikam": {"stage": "ghosted"},
            "Adatum": {"stage": "offer", "salary_min": 95_000, "salary_max": 105_000},
        },
        {"Follow-up Date": "notes"},
    ),
    FormatFile(
        "excel_template.txt",
        "Excel job application tracker",
        {"Application Status": "stage", "Job Posting URL": "job_url"},
        {
            "Northwind Traders": {
                "stage": "applied",
                "applied_on": "2026-09-14",
                "salary_min": 60_000,
                "salary_max": 70_000,
            },
            "Contoso": {"stage": "interview"},
            "Fabrikam": {"stage": "rejected"},
            "Tailspin Toys": {
                "stage": "wishlist",
                "salary_min": 25,
                "salary_currency": "USD",
                "salary_period": "hour",
            },
            "Adatum": {"stage": "offer"},
        },
        {"Interview Date": "notes"},
    ),
    FormatFile(
        "job_hunt_template.csv",
        "Job hunt spreadsheet",
        {"Employer": "company", "Date Submitted": "applied_on", "Pay": "salary"},
        {
            "Nordwind GmbH": {
                "stage": "applied",
                "applied_on": "2026-09-14",
                "deadline": "2026-09-30",
                "salary_min": 55_000,
                "salary_currency": "EUR",
            },
            "Contoso AG": {"stage": "interview", "applied_on": "2026-09-03"},
            "Fabrikam SE": {"stage": "rejected"},
            "Tailspin GmbH": {"salary_min": 60_000, "salary_max": 70_000},
        },
        {"Next Step": "notes"},
    ),
    FormatFile(
        "own_export.csv",
        "Job Tracker",
        {"Stage": "stage", "Open deliverables": None, "ID": None},
        {
            "Northwind Traders": {
                "stage": "interview",
                "priority": "high",
                "applied_on": "2026-09-02",
                "work_mode": "remote",
                "tags": ["python", "remote"],
            },
            "Fabrikam": {"notes": "-Idea: ask Dana for a referral"},
        },
    ),
]
IDS = [case.file for case in FORMAT_FILES]


def _content(name: str) -> bytes:
    return (FILES / name).read_bytes()


def _detected(columns: list[str]) -> KnownFormat:
    known = detect_format(columns)
    assert known is not None, columns
    return known


def _by_company(user: ApiUser) -> dict[str, dict[str, Any]]:
    page = list_applications(user, limit=100)
    return {application["company"]: application for application in page["items"]}


@pytest.mark.parametrize("case", FORMAT_FILES, ids=IDS)
def test_a_format_file_is_recognised_by_its_header_row(case: FormatFile) -> None:
    table = read_table(_content(case.file))

    known = _detected(table.columns)

    assert known.name == case.format
    assert known.description.startswith("Looks like")
    assert {column: known.mapping[column] for column in case.mapping} == case.mapping
    assert case.extra_columns.items() <= known.extra_columns.items()


@pytest.mark.parametrize("case", FORMAT_FILES, ids=IDS)
def test_a_format_file_imports_with_the_right_fields_stages_and_dates(
    alice: ApiUser, case: FormatFile
) -> None:
    content = _content(case.file)
    rows = len(read_table(content).rows)

    body = preview(alice, content)
    response = import_csv(alice, content)

    assert body["counts"]["valid"] == rows
    assert response.status_code == 201, response.text
    imported = _by_company(alice)
    assert len(imported) == rows
    for company, expected in case.imported.items():
        assert {name: imported[company][name] for name in expected} == expected, company


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.name for layout in LAYOUTS])
def test_a_formats_status_words_are_in_the_synonym_table(layout: Layout) -> None:
    read = {word: stage_from_word(word) for word in layout.status_words}

    assert read == layout.status_words


def test_linkedin_files_give_the_stage_their_rows_are_in() -> None:
    applications = _detected(read_table(_content("linkedin_job_applications.csv")).columns)
    saved = _detected(read_table(_content("linkedin_saved_jobs.csv")).columns)

    assert applications.default_stage is Stage.APPLIED
    assert saved.default_stage is Stage.WISHLIST


def test_headers_are_matched_whatever_their_spelling_and_keyed_as_the_file_spells_them() -> None:
    known = _detected(["COMPANY_NAME", "list name", "Title", "board-name", "Extra"])

    assert known.name == "Huntr"
    assert known.mapping == {
        "COMPANY_NAME": "company",
        "list name": "stage",
        "Title": "role",
        "board-name": None,
    }
    assert known.extra_columns == {"board-name": "tags"}


def test_the_most_specific_format_wins() -> None:
    # Both the Google Sheets template (5 signature headers) and Notion (4) fit these headers.
    columns = ["Company", "Position", "Status", "Date Applied", "Follow-up Date", "Created time"]

    assert _detected(columns).name == "Google Sheets job tracker"


def test_a_suggested_mapping_adds_guesses_for_columns_the_format_lacks() -> None:
    columns = ["Job Position", "Company", "Status", "Excitement", "Priority", "Job Title"]

    known, mapping = suggest_mapping(columns, lambda _field, _column: True)

    assert known is not None
    assert known.name == "Teal"
    # Priority is guessed; "Job Title" would be the role, which Job Position already is.
    assert mapping == {
        "Job Position": "role",
        "Company": "company",
        "Status": "stage",
        "Excitement": None,
        "Priority": "priority",
        "Job Title": None,
    }


def test_a_suggested_mapping_for_an_unknown_file_is_the_guess() -> None:
    known, mapping = suggest_mapping(["Company", "Role", "Applied"], lambda _field, _c: True)

    assert known is None
    assert mapping == {"Company": "company", "Role": "role", "Applied": "applied_on"}


@pytest.mark.parametrize(
    "columns",
    [
        ["Company", "Role", "Status"],
        ["Job Position", "Company", "Status"],  # Teal's, without its Excitement column
        ["Application Date", "Company Name", "Job Title"],
        [],
    ],
)
def test_a_file_without_a_formats_signature_is_no_known_format(columns: list[str]) -> None:
    assert detect_format(columns) is None


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("companyName", "company"),
        ("Company Name", "company"),
        ("company_name", "company"),
        ("Firma", "company"),
        ("JobTitle", "role"),
        ("Position", "role"),
        ("job-title", "role"),
        ("Intitulé du poste", "role"),
        ("Application Date", "applied_on"),
        ("applied_at", "applied_on"),
        ("Date Applied", "applied_on"),
        ("appliedDate", "applied_on"),
        ("Datum", "applied_on"),
        ("Notes/Comments", "notes"),
        ("statusName", "stage"),
        ("APPLICATION STATUS", "stage"),
        ("Job Link", "job_url"),
        ("Posting URL", "job_url"),
        ("Salary Range", "salary"),
        ("Pay", "salary"),
        ("Gehalt", "salary"),
        ("Ubicación", "location"),
        ("Währung", "salary_currency"),
        ("htmlDescription", "job_description"),
        ("Unrelated", None),
    ],
)
def test_a_header_in_any_common_spelling_is_guessed(header: str, field: str | None) -> None:
    assert guess_mapping([header], lambda _field, _column: True) == {header: field}


def test_a_specific_header_wins_its_field_over_a_loose_one() -> None:
    mapping = guess_mapping(["Date", "Company", "Date applied"], lambda _field, _column: True)

    assert mapping == {"Date": None, "Company": "company", "Date applied": "applied_on"}


def test_a_loose_header_still_takes_a_field_no_other_column_names() -> None:
    mapping = guess_mapping(["Company", "Date"], lambda _field, _column: True)

    assert mapping["Date"] == "applied_on"


def test_a_yes_no_applied_column_is_not_the_applied_date(alice: ApiUser) -> None:
    content = b"Company,Role,Applied?\r\nAcme,Dev,Yes\r\nBeta,QA,No\r\n"

    body = preview(alice, content)

    assert body["mapping"]["Applied?"] is None


def test_our_own_export_file_round_trips_through_the_list_and_the_export(
    alice: ApiUser,
) -> None:
    content = _content("own_export.csv")
    user_columns = slice(0, 16)  # Company … Notes; the rest describe the records themselves
    original = [row.cells[user_columns] for row in read_table(content).rows]

    assert import_csv(alice, content).status_code == 201
    exported = csv_records(export_csv(alice, sort="company"))

    by_company = {record["Company"]: list(record.values())[user_columns] for record in exported}
    assert [by_company[cells[0]] for cells in original] == original


def test_a_teal_export_round_trips_through_our_export_into_another_account(
    alice: ApiUser, bob: ApiUser
) -> None:
    assert import_csv(alice, _content("teal.csv")).status_code == 201
    exported = export_csv(alice, sort="company").content

    assert import_csv(bob, exported).status_code == 201

    originals = [user_fields(item) for item in list_applications(alice, sort="company")["items"]]
    copies = [user_fields(item) for item in list_applications(bob, sort="company")["items"]]
    assert copies == originals
    assert len(copies) == 8
