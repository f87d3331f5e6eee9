"""CSV export: every field, spreadsheet encoding, the list's filters, formulas, streaming."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.applications.builders import EVERY_FIELD, list_applications, user_fields
from tests.deliverables.builders import create_deliverable
from tests.factories import ApiUser
from tests.portability.builders import BOM, csv_records, export_csv, import_csv


def test_a_row_holds_every_field_tags_counts_and_iso_dates(alice: ApiUser) -> None:
    application = alice.create_application(**EVERY_FIELD)
    create_deliverable(alice, application["id"], title="Essay", state="done")
    create_deliverable(alice, application["id"], title="Form")

    [row] = csv_records(export_csv(alice))

    assert row == {
        "Company": "Acme Robotics",
        "Role": "Backend Engineer",
        "Stage": "interview",
        "Priority": "high",
        "Applied on": "2026-10-01",
        "Deadline": "2026-12-15",
        "Tags": "python, robotics",
        "Location": "Berlin",
        "Work mode": "hybrid",
        "Salary min": "70000",
        "Salary max": "90000",
        "Salary currency": "EUR",
        "Source": "Referral",
        "Job URL": "https://jobs.example.com/acme/backend",
        "Job description": "Build and run the fleet API.\n\n- Python\n- PostgreSQL",
        "Notes": "Talked to Sam at the meetup.",
        "Salary period": "month",
        "Employment type": "full_time",
        "Posted on": "2026-09-20",
        "Deliverables": "2",
        "Open deliverables": "1",
        "Interviews": "0",
        "Next interview": "",
        "Created at": row["Created at"],
        "Updated at": row["Updated at"],
        "ID": str(application["id"]),
    }
    assert row["Created at"].startswith(application["created_at"][:19])
    assert row["Created at"].endswith("+00:00")


def test_the_file_is_utf8_with_a_bom_and_named_for_download(alice: ApiUser) -> None:
    alice.create_application(company="Société Générale", role="Ingénieure")

    response = export_csv(alice)

    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith('attachment; filename="applications-')
    assert response.content.startswith(BOM.encode())
    assert "Société Générale" in response.content.decode("utf-8")


def test_empty_optional_fields_are_empty_cells(alice: ApiUser) -> None:
    alice.create_application(company="Plain", role="Dev")

    [row] = csv_records(export_csv(alice))

    assert row["Salary min"] == row["Tags"] == row["Deadline"] == row["Work mode"] == ""
    assert row["Deliverables"] == row["Open deliverables"] == "0"


def test_the_list_filters_choose_the_rows(alice: ApiUser) -> None:
    alice.create_application(company="Kept", stage="applied", tags=["remote"])
    alice.create_application(company="Other stage", stage="wishlist", tags=["remote"])
    alice.create_application(company="Other tag", stage="applied", tags=["onsite"])

    rows = csv_records(export_csv(alice, stage="applied", tag="remote"))

    assert [row["Company"] for row in rows] == ["Kept"]


def test_text_search_and_sort_apply_as_in_the_list(alice: ApiUser) -> None:
    for company in ["Beta Labs", "Alpha Labs", "Gamma Corp"]:
        alice.create_application(company=company)

    rows = csv_records(export_csv(alice, q="labs", sort="company"))

    assert [row["Company"] for row in rows] == ["Alpha Labs", "Beta Labs"]


def test_an_unknown_sort_is_refused_before_anything_is_sent(alice: ApiUser) -> None:
    response = alice.client.get("/api/export/applications.csv", params={"sort": "salary"})

    assert response.status_code == 422
    assert "sort" in response.json()["error"]["fields"]


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_would_run_as_formulas_are_neutralised(alice: ApiUser, trigger: str) -> None:
    payload = f'{trigger}HYPERLINK("https://evil.example","x")'
    alice.create_application(company=f"{trigger}Evil", role="Dev", notes=payload, tags=["x"])

    [row] = csv_records(export_csv(alice))

    # Company is trimmed on input, so a leading tab or CR is gone before it is stored.
    if trigger.strip():
        assert row["Company"] == f"'{trigger}Evil"
    assert row["Notes"] == "'" + payload


def test_a_cell_that_already_starts_with_a_quote_and_a_trigger_gets_another(
    alice: ApiUser,
) -> None:
    alice.create_application(company="Q", role="Dev", notes="'=1+1")

    [row] = csv_records(export_csv(alice))

    assert row["Notes"] == "''=1+1"


def test_harmless_cells_are_left_alone(alice: ApiUser) -> None:
    alice.create_application(company="O'Reilly", role="Writer (C++)", notes="a-b = c")

    [row] = csv_records(export_csv(alice))

    assert (row["Company"], row["Role"], row["Notes"]) == ("O'Reilly", "Writer (C++)", "a-b = c")


@pytest.mark.parametrize("separator", [",", ";", "\t"])
@pytest.mark.parametrize("trigger", ["=", "+", "-", "@"])
def test_a_formula_after_a_separator_inside_a_cell_is_neutralised(
    alice: ApiUser, separator: str, trigger: str
) -> None:
    # A spreadsheet whose locale splits on this separator would start a cell right there.
    alice.create_application(company=f"Acme{separator}{trigger}1+1", role="Dev")

    [row] = csv_records(export_csv(alice))

    assert row["Company"] == f"Acme{separator}'{trigger}1+1"


def test_a_cell_with_a_semicolon_is_quoted(alice: ApiUser) -> None:
    alice.create_application(company="Acme;=1+1", role="Dev")

    lines = export_csv(alice).content.decode("utf-8-sig").splitlines()

    assert lines[1].startswith('"Acme;\'=1+1","Dev",')


def test_full_width_formula_signs_are_neutralised(alice: ApiUser) -> None:
    alice.create_application(company="\uff1dSUM(1)", role="Dev", notes="x;\uff20A1")

    [row] = csv_records(export_csv(alice))

    assert (row["Company"], row["Notes"]) == ("'\uff1dSUM(1)", "x;'\uff20A1")


def test_markdown_lists_and_negative_words_inside_text_are_left_alone(alice: ApiUser) -> None:
    description = "Duties:\n- build\n- run\nPay: 10 - 20 = fair, +bonus"
    alice.create_application(company="Acme", role="Dev", job_description=description)

    [row] = csv_records(export_csv(alice))

    assert row["Job description"] == description


def test_neutralised_cells_import_back_to_the_same_values(alice: ApiUser, bob: ApiUser) -> None:
    alice.create_application(
        company="Acme;=1+1",
        role="-Ology",
        location="Paris,\t@home",
        notes="'=quoted;''+twice\n- list\r\n=line",
        tags=["+x", "a;=b"],
    )
    alice.create_application(company="\uff0bBeta", role="Dev,;-Ops", salary_min=0)

    response = import_csv(bob, export_csv(alice, sort="created_at").content)

    assert response.status_code == 201, response.text
    originals = [user_fields(item) for item in list_applications(alice, sort="created_at")["items"]]
    copies = [user_fields(item) for item in list_applications(bob, sort="created_at")["items"]]
    assert copies == originals


def test_no_one_else_s_applications_are_exported(alice: ApiUser, bob: ApiUser) -> None:
    alice.create_application(company="Alice's")
    bob.create_application(company="Bob's")

    rows = csv_records(export_csv(bob))

    assert [row["Company"] for row in rows] == ["Bob's"]


def test_the_export_needs_a_session(client: TestClient) -> None:
    assert client.get("/api/export/applications.csv").status_code == 401


def _insert_applications(alice: ApiUser, count: int) -> None:
    """Many applications, created quickly: through the spreadsheet import."""
    lines = ["Company,Role,Tags"] + [f'Company {n},Role {n},"a, b"' for n in range(count)]
    response = alice.client.post(
        "/api/import/applications",
        files={"file": ("many.csv", "\n".join(lines).encode(), "text/csv")},
        data={"confirm": "true"},
    )
    assert response.status_code == 201, response.text


def test_thousands_of_rows_are_streamed_in_several_chunks(alice: ApiUser) -> None:
    _insert_applications(alice, 2_100)

    chunks: list[Any] = []
    with alice.client.stream("GET", "/api/export/applications.csv") as response:
        assert response.status_code == 200
        chunks.extend(response.iter_raw())

    text = b"".join(chunks).decode("utf-8")
    assert len(chunks) >= 5  # the header, then one per batch of 500
    assert text.count("\r\n") == 2_101
    assert max(len(chunk) for chunk in chunks) < len(text) / 3
