"""CSV import: preview, column mapping, all-or-nothing import, quota, encodings and bad files."""

from __future__ import annotations

from jobtracker.config import Settings
from tests.applications.builders import EVERY_FIELD, companies, list_applications, user_fields
from tests.factories import ApiUser
from tests.portability.builders import (
    application_count,
    export_csv,
    import_csv,
    make_csv,
    preview,
    upload,
)

HEADER = ["Company", "Role", "Stage", "Applied on", "Salary min", "Tags"]


def _errors(response: object) -> dict[str, str]:
    assert getattr(response, "status_code", None) == 422, getattr(response, "text", "")
    fields: dict[str, str] = response.json()["error"]["fields"]  # type: ignore[attr-defined]
    return fields


def test_the_preview_guesses_the_mapping_from_headers(alice: ApiUser) -> None:
    content = make_csv(
        [
            ["company name", "JOB TITLE", "Status", "date applied", "Unrelated"],
            ["Acme", "Dev", "Applied", "2026-10-01", "x"],
        ]
    )

    body = preview(alice, content)

    assert body["columns"] == ["company name", "JOB TITLE", "Status", "date applied", "Unrelated"]
    assert body["mapping"] == {
        "company name": "company",
        "JOB TITLE": "role",
        "Status": "stage",
        "date applied": "applied_on",
        "Unrelated": None,
    }
    assert body["missing_fields"] == []
    assert body["sample"] == [["Acme", "Dev", "Applied", "2026-10-01", "x"]]


def test_the_preview_shows_what_each_row_becomes(alice: ApiUser) -> None:
    content = make_csv([HEADER, ["Acme", "Dev", "interview", "2026-10-01", "70,000", "a, B"]])

    [row] = preview(alice, content)["rows"]

    assert row["line"] == 2
    assert row["errors"] == {}
    assert row["values"]["company"] == "Acme"
    assert row["values"]["stage"] == "interview"
    assert row["values"]["applied_on"] == "2026-10-01"
    assert row["values"]["salary_min"] == 70_000
    assert row["values"]["tags"] == ["a", "b"]


def test_the_preview_writes_nothing(alice: ApiUser) -> None:
    preview(alice, make_csv([HEADER, ["Acme", "Dev", "", "", "", ""]]))

    assert application_count(alice) == 0


def test_the_preview_lists_errors_by_line_and_counts(alice: ApiUser) -> None:
    content = make_csv(
        [
            HEADER,
            ["Fine", "Dev", "", "2026-10-01", "70000", ""],
            ["", "No company", "", "", "", ""],
            ["Bad date", "Dev", "", "31/13/2026", "", ""],
            ["Bad salary", "Dev", "", "", "lots", ""],
        ]
    )

    body = preview(alice, content)

    counts = body["counts"]
    assert (counts["rows"], counts["valid"], counts["invalid"], counts["problems"]) == (4, 1, 3, 3)
    invalid = {row["line"]: row["errors"] for row in body["invalid_rows"]}
    assert set(invalid) == {3, 4, 5}
    assert invalid[3] == {"company": "is required"}
    assert "'31/13/2026' is not a date" in invalid[4]["applied_on"]
    assert set(invalid[5]) == {"salary_min"}


def test_an_explicit_mapping_replaces_the_guess(alice: ApiUser) -> None:
    content = make_csv([["Firm", "Job", "Company"], ["Acme", "Dev", "ignored"]])

    body = preview(alice, content, mapping={"Firm": "company", "Job": "role", "Company": None})

    assert body["mapping"] == {"Firm": "company", "Job": "role", "Company": None}
    assert body["rows"][0]["values"]["company"] == "Acme"


def test_a_mapping_naming_a_missing_column_is_refused(alice: ApiUser) -> None:
    content = make_csv([["Company", "Role"], ["Acme", "Dev"]])

    response = upload(
        alice, "/api/import/applications/preview", content, mapping={"Employer": "company"}
    )

    assert "mapping" in _errors(response)


def test_a_field_mapped_from_two_columns_is_refused(alice: ApiUser) -> None:
    content = make_csv([["A", "B"], ["Acme", "Dev"]])

    response = upload(
        alice, "/api/import/applications/preview", content, mapping={"A": "company", "B": "company"}
    )

    assert "mapping" in _errors(response)


def test_a_mapping_to_an_unknown_field_is_refused(alice: ApiUser) -> None:
    content = make_csv([["A"], ["Acme"]])

    response = upload(alice, "/api/import/applications/preview", content, mapping={"A": "wage"})

    assert "mapping" in _errors(response)


def test_importing_creates_every_row_with_a_stage_event(alice: ApiUser) -> None:
    content = make_csv(
        [HEADER, ["Acme", "Dev", "applied", "2026-10-01", "", ""], ["Beta", "Ops", "", "", "", ""]]
    )

    response = import_csv(alice, content)

    assert response.status_code == 201, response.text
    assert response.json()["imported"] == 2
    [acme_id, beta_id] = response.json()["application_ids"]
    acme = alice.client.get(f"/api/applications/{acme_id}").json()
    assert (acme["company"], acme["stage"], acme["applied_on"]) == ("Acme", "applied", "2026-10-01")
    assert alice.client.get(f"/api/applications/{beta_id}").json()["stage"] == "wishlist"
    events = alice.client.get(f"/api/applications/{acme_id}/events").json()["items"]
    assert [(event["from_stage"], event["to_stage"]) for event in events] == [(None, "applied")]


def test_importing_needs_confirmation(alice: ApiUser) -> None:
    content = make_csv([HEADER, ["Acme", "Dev", "", "", "", ""]])

    response = import_csv(alice, content, confirm=False)

    assert "confirm" in _errors(response)
    assert application_count(alice) == 0


def test_a_file_with_bad_rows_imports_the_good_ones_and_counts_the_rest(alice: ApiUser) -> None:
    content = make_csv(
        [
            HEADER,
            ["Fine", "Dev", "", "", "70000", ""],
            ["Bad salary", "Dev", "", "", "-5", ""],
            ["", "", "", "", "", "x"],
        ]
    )

    response = import_csv(alice, content)

    assert response.status_code == 201, response.text
    assert (response.json()["imported"], response.json()["left_out"]) == (1, 2)
    assert companies(list_applications(alice)) == ["Fine"]


def test_an_import_over_the_quota_imports_nothing_and_says_how_many_fit(
    alice: ApiUser, settings: Settings
) -> None:
    settings.max_applications_per_user = 5
    alice.create_application(company="Already here")
    alice.create_application(company="And here")
    content = make_csv([HEADER] + [[f"C{n}", "Dev", "", "", "", ""] for n in range(4)])

    quota = preview(alice, content)["quota"]
    response = import_csv(alice, content)

    assert quota == {"limit": 5, "used": 2, "available": 3, "fits": 3}
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "quota_exceeded"
    assert "Only 3 of these 4" in response.json()["error"]["message"]
    assert application_count(alice) == 2


def test_an_import_that_exactly_fills_the_quota_is_accepted(
    alice: ApiUser, settings: Settings
) -> None:
    settings.max_applications_per_user = 3
    content = make_csv([HEADER] + [[f"C{n}", "Dev", "", "", "", ""] for n in range(3)])

    assert import_csv(alice, content).status_code == 201
    assert application_count(alice) == 3


def test_a_semicolon_separated_file_with_a_bom_is_read(alice: ApiUser) -> None:
    content = make_csv(
        [["Company", "Role", "Notes"], ["Müller; Söhne", "Entwickler", "Büro, Berlin"]],
        delimiter=";",
        bom=True,
    )

    body = preview(alice, content)
    response = import_csv(alice, content)

    assert (body["delimiter"], body["encoding"]) == (";", "utf-8")
    assert body["columns"] == ["Company", "Role", "Notes"]
    assert response.status_code == 201, response.text
    [application] = list_applications(alice)["items"]
    assert (application["company"], application["notes"]) == ("Müller; Söhne", "Büro, Berlin")


def test_a_tab_separated_file_is_read(alice: ApiUser) -> None:
    content = make_csv([["Company", "Role"], ["Acme, Inc.", "Dev"]], delimiter="\t")

    body = preview(alice, content)

    assert body["delimiter"] == "\t"
    assert body["rows"][0]["values"]["company"] == "Acme, Inc."


def test_a_windows_1252_file_is_read_with_a_note(alice: ApiUser) -> None:
    content = "Company,Role\r\nCafé Crème,Barista\r\n".encode("cp1252")

    body = preview(alice, content)

    assert body["encoding"] == "cp1252"
    assert any("Windows-1252" in note for note in body["notes"])
    assert body["rows"][0]["values"]["company"] == "Café Crème"


def test_an_unterminated_quote_is_refused_with_its_line(alice: ApiUser) -> None:
    content = b'Company,Role\nAcme,Dev\n"Broken,Dev\nMore,Rows\n'

    response = upload(alice, "/api/import/applications/preview", content)

    assert "file" in _errors(response)
    assert "quote" in response.json()["error"]["message"]


def test_a_binary_file_is_refused_as_not_csv(alice: ApiUser) -> None:
    response = upload(alice, "/api/import/applications/preview", b"\x00\x01\x02binary\xff" * 50)

    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_an_excel_workbook_is_refused_with_advice(alice: ApiUser) -> None:
    response = import_csv(alice, b"PK\x03\x04rest-of-zip", filename="jobs.xlsx")

    assert response.status_code == 415
    assert "Excel" in response.json()["error"]["message"]


def test_an_empty_file_is_refused(alice: ApiUser) -> None:
    response = upload(alice, "/api/import/applications/preview", b"")

    assert "file" in _errors(response)


def test_a_file_over_the_upload_limit_is_refused(alice: ApiUser, settings: Settings) -> None:
    settings.max_upload_mb = 1
    content = make_csv([["Company", "Role"]] + [["x" * 100, "y"]] * 11_000)

    response = upload(alice, "/api/import/applications/preview", content)

    assert response.status_code == 413


def test_more_than_ten_thousand_rows_are_refused(alice: ApiUser) -> None:
    content = ("Company,Role\n" + "A,B\n" * 10_001).encode()

    response = upload(alice, "/api/import/applications/preview", content)

    assert "10,000" in response.json()["error"]["message"]
    assert "file" in _errors(response)


def test_our_own_export_imports_into_another_account_unchanged(
    alice: ApiUser, bob: ApiUser
) -> None:
    alice.create_application(**EVERY_FIELD)
    alice.create_application(
        company="=cmd|' /C calc'!A0", role="-2+3", notes="@SUM(1)\nline two", tags=["+x"]
    )
    exported = export_csv(alice, sort="created_at").content

    body = preview(bob, exported)
    response = import_csv(bob, exported)

    assert body["missing_fields"] == []
    assert {body["mapping"][column] for column in ["Deliverables", "ID", "Created at"]} == {None}
    assert response.status_code == 201, response.text
    originals = [user_fields(item) for item in list_applications(alice, sort="created_at")["items"]]
    copies = [user_fields(item) for item in list_applications(bob, sort="created_at")["items"]]
    assert copies == originals


def test_status_words_from_other_trackers_become_stages(alice: ApiUser) -> None:
    content = make_csv(
        [["Company", "Role", "Status"]]
        + [
            [f"C{n}", "Dev", word]
            for n, word in enumerate(
                ["Submitted", "phone screen", "INTERVIEWING", "Offer Received"]
            )
        ]
    )

    rows = preview(alice, content)["rows"]

    assert [row["values"]["stage"] for row in rows] == [
        "applied",
        "screening",
        "interview",
        "offer",
    ]


def test_an_unknown_status_is_asked_about_and_its_rows_wait_for_the_answer(
    alice: ApiUser,
) -> None:
    content = make_csv(
        [
            ["Company", "Role", "Status", "Notes"],
            ["Acme", "Dev", "Applied", ""],
            ["Beta", "Ops", "Dreaming", "Nice"],
        ]
    )

    body = preview(alice, content)
    response = import_csv(alice, content)

    assert {(s["value"], s["stage"], s["known"]) for s in body["statuses"]} == {
        ("Applied", "applied", True),
        ("Dreaming", None, False),
    }
    assert body["counts"]["awaiting_stage"] == 1
    assert response.status_code == 201, response.text
    assert (response.json()["imported"], response.json()["left_out"]) == (1, 1)
    assert companies(list_applications(alice)) == ["Acme"]


def test_dates_as_people_write_them_are_read_and_placeholders_are_no_date(alice: ApiUser) -> None:
    cells = [
        "9/14/2026",
        "10/3/26, 2:22 PM",
        "September 3, 2026",
        "2026-09-01T09:00:00Z",
        "N/A",
        "-",
    ]
    content = make_csv(
        [["Company", "Role", "Applied on"]] + [["Acme", "Dev", cell] for cell in cells]
    )

    body = preview(alice, content)

    assert body["counts"]["invalid"] == 0
    assert [row["values"]["applied_on"] for row in body["rows"]] == [
        "2026-09-14", "2026-10-03", "2026-09-03", "2026-09-01", None, None,
    ]  # fmt: skip


def test_a_column_with_a_day_over_twelve_first_is_read_day_first(alice: ApiUser) -> None:
    content = make_csv(
        [
            ["Company", "Role", "Deadline"],
            ["Acme", "Dev", "3/10/2026"],
            ["Beta", "Ops", "14/9/2026"],
        ]
    )

    rows = preview(alice, content)["rows"]

    assert [row["values"]["deadline"] for row in rows] == ["2026-10-03", "2026-09-14"]


def test_a_date_that_cannot_be_read_is_a_problem_naming_the_row_and_the_field_by_its_label(
    alice: ApiUser,
) -> None:
    content = make_csv(
        [
            ["Company", "Role", "Applied on"],
            ["Acme", "Dev", "9/14/2026"],
            ["Beta", "Ops", "31/13/2026"],
        ]
    )

    [problem] = preview(alice, content)["problems"]
    response = import_csv(alice, content)

    assert problem["message"].startswith("Row 3, Applied on: '31/13/2026' is not a date")
    assert (problem["line"], problem["column"], problem["value"]) == (3, "Applied on", "31/13/2026")
    assert response.json()["imported"] == 1
    assert application_count(alice) == 1


def test_common_headers_from_other_tools_are_recognised(alice: ApiUser) -> None:
    columns = ["companyName", "JobTitle", "Application Date", "statusName", "Notes/Comments"]
    content = make_csv([columns, ["Acme", "Dev", "2026-10-01", "Applied", "x"]])

    mapping = preview(alice, content)["mapping"]

    assert mapping == {
        "companyName": "company",
        "JobTitle": "role",
        "Application Date": "applied_on",
        "statusName": "stage",
        "Notes/Comments": "notes",
    }


def test_a_snake_case_applied_at_header_is_the_applied_date(alice: ApiUser) -> None:
    content = make_csv([["company_name", "job_title", "applied_at"], ["Acme", "Dev", "2026-10-01"]])

    assert preview(alice, content)["mapping"]["applied_at"] == "applied_on"


def test_a_yes_no_applied_column_is_not_mapped_to_the_applied_date(alice: ApiUser) -> None:
    content = make_csv(
        [["Company", "Role", "Applied"], ["Acme", "Dev", "Yes"], ["Beta", "Ops", "No"]]
    )

    body = preview(alice, content)

    assert body["mapping"]["Applied"] is None
    assert body["counts"]["invalid"] == 0


def test_a_salary_column_fills_the_range_and_currency(alice: ApiUser) -> None:
    content = make_csv([["Company", "Role", "Salary"], ["Acme", "Dev", "$150k-180k"]])

    response = import_csv(alice, content)

    assert response.status_code == 201, response.text
    [application] = list_applications(alice)["items"]
    salary = [application[name] for name in ("salary_min", "salary_max", "salary_currency")]
    assert salary == [150_000, 180_000, "USD"]


def test_an_hourly_salary_keeps_its_period(alice: ApiUser) -> None:
    content = make_csv([["Company", "Role", "Salary"], ["Acme", "Dev", "$50/hr"]])

    [row] = preview(alice, content)["rows"]

    assert row["errors"] == {}
    salary = {name: row["values"].get(name) for name in ("salary_min", "salary_max")}
    assert salary == {"salary_min": 50, "salary_max": 50}
    assert row["values"]["salary_period"] == "hour"
    assert row["values"].get("notes") is None


def test_an_unreadable_salary_is_kept_as_written_in_the_notes(alice: ApiUser) -> None:
    content = make_csv([["Company", "Role", "Salary"], ["Acme", "Dev", "competitive"]])

    [row] = preview(alice, content)["rows"]

    assert row["errors"] == {}
    assert row["values"].get("salary_min") is None
    assert row["values"]["notes"] == "Salary: competitive"


def test_period_employment_type_and_posted_date_columns_are_read_from_peoples_words(
    alice: ApiUser,
) -> None:
    content = make_csv(
        [
            ["Company", "Role", "Salary min", "Pay period", "Job type", "Date posted"],
            ["Acme", "Dev", "4000", "per month", "Full-time", "9/14/2026"],
            ["Globex", "Ops", "30", "Hourly", "Vollzeit", "N/A"],
            ["Initech", "QA", "", "fortnightly", "gig", ""],
        ]
    )

    rows = preview(alice, content)["rows"]

    first, second = (row["values"] for row in rows[:2])
    assert (first["salary_period"], first["employment_type"], first["posted_on"]) == (
        "month",
        "full_time",
        "2026-09-14",
    )
    assert (second["salary_period"], second["employment_type"]) == ("hour", "full_time")
    assert second.get("posted_on") is None
    assert rows[2]["errors"] == {
        "salary_period": "must be hour, day, week, month or year",
        "employment_type": "must be full-time, part-time, contract, temporary, internship, "
        "volunteer or other",
    }


def test_an_imported_applied_row_without_a_date_keeps_no_applied_date(alice: ApiUser) -> None:
    content = make_csv([["Company", "Role", "Stage"], ["Acme", "Dev", "Submitted"]])

    response = import_csv(alice, content)

    assert response.status_code == 201, response.text
    [application] = list_applications(alice)["items"]
    assert (application["stage"], application["applied_on"]) == ("applied", None)


def test_a_status_column_whose_words_name_no_stage_is_not_guessed(alice: ApiUser) -> None:
    content = make_csv(
        [["Company", "Role", "Status"], ["Acme", "Dev", "Active"], ["Beta", "Ops", "Open"]]
    )

    assert preview(alice, content)["mapping"]["Status"] is None


def test_a_salary_that_cannot_be_read_is_kept_in_the_notes(alice: ApiUser) -> None:
    content = make_csv([["Company", "Role", "Pay"], ["Acme", "Dev", "Competitive"]])

    body = preview(alice, content, mapping={"Company": "company", "Role": "role", "Pay": "salary"})

    [row] = body["rows"]
    assert row["errors"] == {}
    assert row["values"]["notes"] == "Salary in the imported file: Competitive"


def test_a_salary_column_leaves_the_salary_fields_their_own_columns_fill(alice: ApiUser) -> None:
    content = make_csv(
        [["Company", "Role", "Salary", "Currency"], ["Acme", "Dev", "60.000 €", "CHF"]]
    )

    [row] = preview(alice, content)["rows"]

    assert (row["values"]["salary_min"], row["values"]["salary_currency"]) == (60_000, "CHF")


def test_work_mode_and_priority_words_are_read_whatever_their_spelling(alice: ApiUser) -> None:
    content = make_csv(
        [["Company", "Role", "Work mode", "Priority"], ["Acme", "Dev", "On-site", "HIGH"]]
    )

    [row] = preview(alice, content)["rows"]

    assert (row["values"]["work_mode"], row["values"]["priority"]) == ("onsite", "high")


def test_a_work_mode_that_is_none_of_the_three_says_which_are(alice: ApiUser) -> None:
    content = make_csv(
        [["Company", "Role", "Work mode"], ["Acme", "Dev", "remote"], ["Beta", "Ops", "Mars"]]
    )

    [invalid] = preview(alice, content)["invalid_rows"]

    assert invalid["errors"] == {"work_mode": "must be onsite, hybrid or remote"}


def test_an_import_with_no_company_column_names_the_field_by_its_label(alice: ApiUser) -> None:
    content = make_csv([["Who", "Role"], ["Acme", "Dev"]])

    response = import_csv(alice, content)

    assert "mapping" in _errors(response)
    assert response.json()["error"]["message"].startswith("No column is mapped to Company;")


def test_a_company_name_too_long_says_how_long_it_may_be(alice: ApiUser) -> None:
    content = make_csv([["Company", "Role"], ["A" * 201, "Dev"]])

    [invalid] = preview(alice, content)["invalid_rows"]

    assert invalid["errors"] == {"company": "Use at most 200 characters."}
