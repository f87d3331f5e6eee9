"""The import's questions and answers: statuses, date orders, extra columns, fixes, rows left
out, duplicates, the rows-left-out CSV, progress, and a 10,000-row file in one request."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from httpx2 import Response

from jobtracker.config import Settings
from tests.applications.builders import companies, list_applications
from tests.factories import ApiUser
from tests.portability.builders import BOM, application_count, export_csv, make_csv
from tests.portability.test_csv_reading import workbook

PREVIEW = "/api/import/applications/preview"
IMPORT = "/api/import/applications"
REJECTED = "/api/import/applications/rejected"


def send(
    user: ApiUser,
    path: str,
    content: bytes,
    options: dict[str, Any] | str | None = None,
    *,
    mapping: dict[str, str | None] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    data: dict[str, str] = {"confirm": "true"} if path == IMPORT else {}
    if options is not None:
        data["options"] = options if isinstance(options, str) else json.dumps(options)
    if mapping is not None:
        data["mapping"] = json.dumps(mapping)
    files = {"file": ("applications.csv", content, "text/csv")}
    return user.client.post(path, files=files, data=data, headers=headers or {})


def look(user: ApiUser, content: bytes, options: dict[str, Any] | None = None) -> dict[str, Any]:
    response = send(user, PREVIEW, content, options)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def bring_in(
    user: ApiUser, content: bytes, options: dict[str, Any] | None = None
) -> dict[str, Any]:
    response = send(user, IMPORT, content, options)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def refusal(response: Response) -> str:
    assert response.status_code == 422, response.text
    message: str = response.json()["error"]["message"]
    return message


def items(user: ApiUser) -> dict[str, dict[str, Any]]:
    """The user's applications by company."""
    return {item["company"]: item for item in list_applications(user)["items"]}


BAD_ROWS = make_csv(
    [
        ["Company", "Role", "Applied on", "Status"],
        ["Good", "Dev", "2026-09-01", "Applied"],
        ["Bad date", "Dev", "31/13/2026", "Applied"],
        ["", "No company", "", ""],
        ["Also good", "Ops", "", "Interviewing"],
    ]
)


# ---- Rows with problems ----


def test_a_partial_import_takes_the_good_rows_and_counts_the_rest(alice: ApiUser) -> None:
    body = look(alice, BAD_ROWS)
    result = bring_in(alice, BAD_ROWS)

    assert body["counts"]["to_create"] == 2
    assert body["counts"]["problems"] == 2
    assert [problem["message"] for problem in body["problems"]] == [
        "Row 3, Applied on: '31/13/2026' is not a date; write it like "
        "2026-10-01, 10/1/2026 or 1 Oct 2026",
        "Row 4, Company: is required",
    ]
    assert (result["imported"], result["left_out"], result["skipped"]) == (2, 2, 0)
    assert set(items(alice)) == {"Good", "Also good"}


def test_a_fixed_cell_is_read_as_fixed(alice: ApiUser) -> None:
    options = {"fixes": {"3": {"Applied on": "2026-09-13"}, "4": {"Company": "Named now"}}}

    body = look(alice, BAD_ROWS, options)
    result = bring_in(alice, BAD_ROWS, options)

    assert body["problems"] == []
    assert result["imported"] == 4
    assert items(alice)["Bad date"]["applied_on"] == "2026-09-13"
    assert items(alice)["Named now"]["role"] == "No company"


def test_rows_left_out_are_not_imported(alice: ApiUser) -> None:
    options = {"skip_lines": [3, 4, 5]}

    body = look(alice, BAD_ROWS, options)
    result = bring_in(alice, BAD_ROWS, options)

    assert (body["counts"]["left_out"], body["counts"]["problems"]) == (3, 0)
    assert (result["imported"], result["left_out"]) == (1, 3)
    assert set(items(alice)) == {"Good"}


def test_the_rows_left_out_download_as_csv_with_their_problem(alice: ApiUser) -> None:
    content = make_csv(
        [
            ["Company", "Role", "Applied on", "Status"],
            ["Good", "Dev", "2026-09-01", "Applied"],
            ["=HYPERLINK(1)", "Dev", "31/13/2026", ""],
            ["Left", "Out", "", ""],
            ["Waiting", "Dev", "", "Dreaming"],
        ]
    )

    response = send(alice, REJECTED, content, {"skip_lines": [4]})

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows == [
        ["Company", "Role", "Applied on", "Status", "Problem"],
        [
            "'=HYPERLINK(1)",
            "Dev",
            "31/13/2026",
            "",
            "Row 3, Applied on: '31/13/2026' is not a date; write it like "
            "2026-10-01, 10/1/2026 or 1 Oct 2026",
        ],
        ["Left", "Out", "", "", "Row 4: left out"],
        ["Waiting", "Dev", "", "Dreaming", "Row 5, Stage: choose the stage 'Dreaming' means"],
    ]
    assert application_count(alice) == 0


def test_the_rows_left_out_come_back_in_once_fixed(alice: ApiUser) -> None:
    rejected = send(alice, REJECTED, BAD_ROWS).content
    fixed = rejected.replace(b"31/13/2026", b"13/12/2026").replace(b'""', b'"Renamed"', 1)
    bring_in(alice, BAD_ROWS)

    result = bring_in(alice, fixed)

    assert result["imported"] == 2
    assert items(alice)["Bad date"]["applied_on"] == "2026-12-13"
    assert "Renamed" in items(alice)


# ---- Questions: statuses, dates, extra columns ----


STATUSES = make_csv(
    [
        ["Company", "Role", "Status"],
        ["A", "Dev", "Phone Screen"],
        ["B", "Dev", "Dreaming"],
        ["C", "Dev", "dreaming "],
        ["D", "Dev", "Offer Received"],
        ["E", "Dev", "Onsite"],
    ]
)


def test_every_status_is_listed_with_its_rows_and_stage_and_unknown_ones_first(
    alice: ApiUser,
) -> None:
    statuses = look(alice, STATUSES)["statuses"]

    assert statuses[0] == {"value": "Dreaming", "rows": 2, "stage": None, "known": False}
    assert {(s["value"], s["rows"], s["stage"], s["known"]) for s in statuses[1:]} == {
        ("Phone Screen", 1, "screening", True),
        ("Offer Received", 1, "offer", True),
        ("Onsite", 1, "interview", True),
    }


def test_a_stage_chosen_for_a_status_imports_its_rows_and_can_change_a_known_one(
    alice: ApiUser,
) -> None:
    options = {"status_map": {"Dreaming": "wishlist", "Onsite": "screening"}}

    body = look(alice, STATUSES, options)
    result = bring_in(alice, STATUSES, options)

    assert body["counts"]["awaiting_stage"] == 0
    assert result["imported"] == 5
    stages = {company: item["stage"] for company, item in items(alice).items()}
    assert stages == {
        "A": "screening",
        "B": "wishlist",
        "C": "wishlist",
        "D": "offer",
        "E": "screening",
    }


AMBIGUOUS = make_csv(
    [["Company", "Role", "Applied on"], ["A", "Dev", "3/4/2026"], ["B", "Dev", "5/6/2026"]]
)


def test_an_ambiguous_date_column_is_asked_about_and_read_as_answered(alice: ApiUser) -> None:
    asked = look(alice, AMBIGUOUS)["date_columns"]
    answered = look(alice, AMBIGUOUS, {"date_orders": {"Applied on": "day_first"}})
    bring_in(alice, AMBIGUOUS, {"date_orders": {"Applied on": "day_first"}})

    assert asked == [
        {"column": "Applied on", "field": "applied_on", "order": "month_first", "ambiguous": True}
    ]
    assert answered["date_columns"][0]["order"] == "day_first"
    assert [row["values"]["applied_on"] for row in answered["rows"]] == [
        "2026-04-03",
        "2026-06-05",
    ]
    assert items(alice)["A"]["applied_on"] == "2026-04-03"


def test_a_settled_date_column_is_not_asked_about(alice: ApiUser) -> None:
    content = make_csv(
        [["Company", "Role", "Applied on"], ["A", "Dev", "3/4/2026"], ["B", "Dev", "25/6/2026"]]
    )

    [column] = look(alice, content)["date_columns"]

    assert (column["order"], column["ambiguous"]) == ("day_first", False)


EXTRAS = make_csv(
    [
        ["Company", "Role", "Excitement", "Perks", "Referral", "Notes"],
        ["Acme", "Dev", "4", "LinkedIn", "Yes", "Met at a fair"],
        ["Beta", "Ops", "", "Indeed, Glassdoor", "N/A", ""],
    ]
)


def test_columns_with_no_field_go_into_notes_by_default(alice: ApiUser) -> None:
    body = look(alice, EXTRAS)
    bring_in(alice, EXTRAS)

    assert body["extra_columns"] == [
        {"column": "Excitement", "placement": "notes", "sample": "4"},
        {"column": "Perks", "placement": "notes", "sample": "LinkedIn"},
        {"column": "Referral", "placement": "notes", "sample": "Yes"},
    ]
    assert items(alice)["Acme"]["notes"] == (
        "Met at a fair\n\nExcitement: 4 · Perks: LinkedIn · Referral: Yes"
    )
    assert items(alice)["Beta"]["notes"] == "Perks: Indeed, Glassdoor"


def test_columns_with_no_field_go_into_tags_or_are_left_out_as_chosen(alice: ApiUser) -> None:
    options = {"extra_columns": {"Perks": "tags", "Referral": None}}

    bring_in(alice, EXTRAS, options)

    acme, beta = items(alice)["Acme"], items(alice)["Beta"]
    assert (acme["tags"], acme["notes"]) == (["linkedin"], "Met at a fair\n\nExcitement: 4")
    assert (beta["tags"], beta["notes"]) == (["glassdoor", "indeed"], None)


# ---- Duplicates ----


def test_a_row_already_tracked_by_url_or_name_is_skipped_by_default(alice: ApiUser) -> None:
    tracked = alice.create_application(
        company="Acme", role="Dev", job_url="https://jobs.example.com/42", stage="applied"
    )
    alice.create_application(company="Beta Inc.", role="Ops Engineer")
    content = make_csv(
        [
            ["Company", "Role", "Job URL"],
            ["ACME Corp", "Developer", "http://www.jobs.example.com/42/?utm_source=x#apply"],
            ["  beta inc ", "ops  engineer", ""],
            ["New", "Dev", ""],
            ["new", "DEV", ""],
        ]
    )

    body = look(alice, content)
    result = bring_in(alice, content)

    first = body["duplicates"][0]
    assert (first["line"], first["matched_id"], first["matched_stage"], first["action"]) == (
        2,
        tracked["id"],
        "applied",
        "skip",
    )
    assert [(d["line"], d["matched_line"]) for d in body["duplicates"][1:]] == [(3, None), (5, 4)]
    assert body["counts"]["duplicates_skipped"] == 3
    assert (result["imported"], result["skipped"]) == (1, 3)
    assert application_count(alice) == 3


def test_update_changes_only_the_fields_the_file_gives(alice: ApiUser) -> None:
    tracked = alice.create_application(
        company="Acme", role="Dev", notes="Keep me", location="Berlin", stage="applied"
    )
    content = make_csv(
        [["Company", "Role", "Status", "Location"], ["acme", "dev", "Interviewing", ""]]
    )

    body = look(alice, content, {"duplicates": "update"})
    result = bring_in(alice, content, {"duplicates": "update"})

    assert body["counts"]["to_update"] == 1
    assert (result["imported"], result["updated"], result["updated_ids"]) == (
        0,
        1,
        [tracked["id"]],
    )
    after = alice.client.get(f"/api/applications/{tracked['id']}").json()
    assert (after["stage"], after["notes"], after["location"]) == (
        "interview",
        "Keep me",
        "Berlin",
    )
    assert (after["company"], after["role"]) == ("acme", "dev")
    events = alice.client.get(f"/api/applications/{tracked['id']}/events").json()["items"]
    assert [event["to_stage"] for event in events] == ["applied", "interview"]


def test_an_update_into_an_applied_stage_invents_no_applied_date(alice: ApiUser) -> None:
    tracked = alice.create_application(company="Acme", role="Dev")
    content = make_csv([["Company", "Role", "Status"], ["Acme", "Dev", "Submitted"]])

    bring_in(alice, content, {"duplicates": "update"})

    after = alice.client.get(f"/api/applications/{tracked['id']}").json()
    assert (after["stage"], after["applied_on"]) == ("applied", None)


def test_re_importing_our_own_export_creates_nothing(alice: ApiUser) -> None:
    alice.create_application(company="Acme", role="Dev", job_url="https://example.com/1")
    alice.create_application(company="Beta", role="Ops", tags=["remote"], stage="offer")
    exported = export_csv(alice).content

    body = look(alice, exported)
    result = bring_in(alice, exported)
    again = bring_in(alice, make_csv([["Company", "Role"], ["Gamma", "QA"]]))
    repeated = bring_in(alice, make_csv([["Company", "Role"], ["Gamma", "QA"]]))

    assert body["counts"]["to_create"] == 0
    assert {column["column"] for column in body["extra_columns"]} >= {"ID", "Created at"}
    assert all(column["placement"] is None for column in body["extra_columns"])
    assert (result["imported"], result["skipped"]) == (0, 2)
    assert (again["imported"], repeated["imported"], repeated["skipped"]) == (1, 0, 1)
    assert application_count(alice) == 3


# ---- Between users ----


def test_another_user_s_applications_are_never_matched_or_updated(
    alice: ApiUser, bob: ApiUser
) -> None:
    alices = alice.create_application(company="Acme", role="Dev", notes="Alice's")
    content = make_csv([["Company", "Role", "Notes"], ["Acme", "Dev", "Bob's"]])

    body = look(bob, content, {"duplicates": "update"})
    result = bring_in(bob, content, {"duplicates": "update"})

    assert body["duplicates"] == []
    assert (result["imported"], result["updated"]) == (1, 0)
    assert alice.client.get(f"/api/applications/{alices['id']}").json()["notes"] == "Alice's"
    assert application_count(alice) == 1


# ---- The answers checked ----


def test_choices_that_are_not_valid_are_refused_in_plain_words(alice: ApiUser) -> None:
    content = make_csv([["Company", "Role"], ["Acme", "Dev"]])

    wrong_choice = refusal(send(alice, PREVIEW, content, {"duplicates": "merge"}))
    wrong_stage = refusal(send(alice, IMPORT, content, {"status_map": {"Yes": "hired"}}))
    unknown = refusal(send(alice, PREVIEW, content, {"owner_id": 2}))
    not_json = refusal(send(alice, PREVIEW, content, "{not json"))
    no_column = refusal(send(alice, PREVIEW, content, {"fixes": {"2": {"Salary": "1"}}}))

    assert wrong_choice == (
        "The import choices are not valid (Duplicates: Choose one of: skip or update.). "
        "Reload the page and choose again."
    )
    assert "Stage for a status > Yes: Choose one of: wishlist" in wrong_stage
    assert "owner_id: This field can't be set here; leave it out." in unknown
    assert "The choices: send them as a JSON object" in not_json
    assert "names a column the file doesn't have ('Salary')" in no_column
    assert application_count(alice) == 0


def test_hostile_choices_are_refused_before_any_work(alice: ApiUser) -> None:
    content = make_csv([["Company", "Role"], ["Acme", "Dev"]])
    too_many = [
        {"skip_lines": list(range(2, 10_003))},
        {"status_map": {f"word {n}": "applied" for n in range(201)}},
        {"fixes": {str(line): {"Company": "x"} for line in range(2, 2_003)}},
        {"fixes": {"2": {"Company": "x" * 100_001}}},
        {"skip_lines": [10**12]},
        {"date_orders": {"Applied on": "year_first"}},
    ]

    messages = [refusal(send(alice, IMPORT, content, options)) for options in too_many]

    assert "Rows left out: Give at most 10000." in messages[0]
    assert "Stage for a status: Give at most 200." in messages[1]
    assert "Fixed cells: Give at most 2000." in messages[2]
    assert "Use at most 100000 characters." in messages[3]
    assert "Use a value of 10000000 or less." in messages[4]
    assert "Choose one of: month_first or day_first" in messages[5]
    assert application_count(alice) == 0


# ---- Quota, big files and progress ----


def test_the_quota_counts_only_the_rows_that_would_be_created(
    alice: ApiUser, settings: Settings
) -> None:
    settings.max_applications_per_user = 2
    alice.create_application(company="Acme", role="Dev")
    content = make_csv([["Company", "Role"], ["Acme", "Dev"], ["New", "Dev"], ["Bad", ""]])

    quota = look(alice, content)["quota"]
    result = bring_in(alice, content)

    assert quota == {"limit": 2, "used": 1, "available": 1, "fits": 1}
    assert result["imported"] == 1


def test_ten_thousand_rows_import_in_one_request_with_progress(alice: ApiUser) -> None:
    rows = [["Company", "Role", "Status", "Applied on"]] + [
        [f"Company {n}", "Engineer", "Submitted", "9/14/2026"] for n in range(10_000)
    ]

    response = send(alice, IMPORT, make_csv(rows), headers={"Accept": "application/x-ndjson"})

    assert response.status_code == 201
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    progress, result = lines[:-1], lines[-1]
    assert [step["done"] for step in progress][:3] == [500, 1000, 1500]
    assert progress[-1] == {"done": 10_000, "total": 10_000}
    assert result["imported"] == 10_000
    assert application_count(alice) == 10_000


def test_a_streamed_import_over_the_quota_is_refused_before_it_starts(
    alice: ApiUser, settings: Settings
) -> None:
    settings.max_applications_per_user = 1
    content = make_csv([["Company", "Role"], ["A", "Dev"], ["B", "Dev"]])

    response = send(alice, IMPORT, content, headers={"Accept": "application/x-ndjson"})

    assert response.status_code == 403
    assert "Only 1 of these 2" in response.json()["error"]["message"]
    assert application_count(alice) == 0


# ---- What the rest of the app makes of imported rows ----


def test_imported_rows_count_by_their_stage_and_are_not_applied_today(alice: ApiUser) -> None:
    content = make_csv(
        [
            ["Company", "Role", "Status", "Applied on"],
            ["Dated", "Dev", "Interviewing", "2020-01-15"],
            ["Undated", "Dev", "Submitted", ""],
        ]
    )
    bring_in(alice, content)

    analytics = alice.client.get("/api/analytics").json()

    assert analytics["totals"]["applications"]["value"] == 2
    assert analytics["totals"]["applied_last_30_days"]["value"] == 0
    assert analytics["applications_over_time"]["without_applied_date"] == 1
    stages = {step["stage"]: step["count"] for step in analytics["stage_distribution"]["stages"]}
    assert (stages["interview"], stages["applied"], stages["wishlist"]) == (1, 1, 0)
    funnel = {step["stage"]: step["count"] for step in analytics["funnel"]["steps"]}
    assert (funnel["applied"], funnel["interview"]) == (2, 1)
    assert companies(list_applications(alice, stage="applied")) == ["Undated"]


# ---- Known formats ----

FILES = Path(__file__).parent / "files"


def test_a_known_format_is_named_and_its_extra_columns_kept_as_it_suggests(
    alice: ApiUser,
) -> None:
    content = (FILES / "teal.csv").read_bytes()

    body = look(alice, content)
    result = bring_in(alice, content)

    assert body["format"]["description"] == "Looks like a Teal export"
    assert body["counts"]["awaiting_stage"] == 0
    assert "Excitement" in {column["column"] for column in body["extra_columns"]}
    assert result["imported"] == body["counts"]["to_create"] > 0
    assert "Excitement: 4" in (items(alice)["Northwind Traders"]["notes"] or "")


def test_a_format_without_statuses_gives_its_rows_the_stage_it_means(alice: ApiUser) -> None:
    content = (FILES / "linkedin_job_applications.csv").read_bytes()

    body = look(alice, content)
    bring_in(alice, content)

    assert body["format"] is not None
    assert {item["stage"] for item in items(alice).values()} == {"applied"}
    assert items(alice)["Northwind Traders"]["applied_on"] == "2026-10-03"


def test_choices_larger_than_a_form_field_may_be_are_refused(alice: ApiUser) -> None:
    content = make_csv([["Company", "Role"], ["Acme", "Dev"]])
    huge = json.dumps({"fixes": {"2": {"Company": "x" * 2_000_000}}})

    response = send(alice, IMPORT, content, huge)

    # Refused by the form reader (1 MB per field) before the choices are read at all, in the
    # words a person reads rather than the parser's.
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "A field of this form is too large (1 MB at most). Send less in it."
    )
    assert application_count(alice) == 0


def test_a_workbook_s_sheets_are_listed_and_the_chosen_one_imported(alice: ApiUser) -> None:
    content = workbook(
        ("Notes to self", [["Company", "Role"], ["Not this", "Dev"]]),
        ("Applications", [["Company", "Role", "Status"], ["Acme", "Dev", "Interviewing"]]),
    )

    first = look(alice, content)
    chosen = look(alice, content, {"sheet": "Applications"})
    result = bring_in(alice, content, {"sheet": "Applications"})

    assert (first["sheets"], first["sheet"]) == (["Notes to self", "Applications"], "Notes to self")
    assert chosen["sheet"] == "Applications"
    assert chosen["statuses"] == [
        {"value": "Interviewing", "rows": 1, "stage": "interview", "known": True}
    ]
    assert result["imported"] == 1
    assert set(items(alice)) == {"Acme"}
