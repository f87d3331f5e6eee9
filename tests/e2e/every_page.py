"""Every page of the app, opened with data on it, for the tests that check them all alike
(phone width, accessibility): an account with applications in several stages (and one in the
trash), deliverables, a note, a contact and a document; how to reach each page, and what must
be usable on it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.e2e.api import ApiUser, due_in


@dataclass(frozen=True)
class Seeded:
    user: ApiUser
    application_id: int  # Northwind Traders: every field filled, with a deliverable and a contact
    note_id: int


def seed(user: ApiUser) -> Seeded:
    northwind = user.create_application(
        company="Northwind Traders",
        role="Senior Data Engineer",
        stage="interview",
        priority="high",
        location="Berlin, Germany",
        work_mode="hybrid",
        salary_min=70000,
        salary_max=90000,
        salary_currency="EUR",
        source="Referral",
        tags=["data", "python"],
        job_url="https://jobs.example.com/northwind/senior-data-engineer",
        job_description="Build and run the data platform. Python, SQL, Airflow.",
        notes="Ask about the on-call rota.",
    )
    # Applied nine days ago: a follow-up nudge waits, so the header shows its badge.
    user.create_application(
        company="Globex",
        role="Platform Engineer",
        stage="applied",
        applied_on=(datetime.now(UTC).date() - timedelta(days=9)).isoformat(),
    )
    user.create_application(company="Initech", role="Python Developer", stage="wishlist")
    user.create_application(company="Umbrella Health", role="Data Analyst", stage="rejected")
    deleted = user.create_application(company="Hooli", role="Site Reliability Engineer")
    trashed = user.api.delete(f"/api/applications/{deleted['id']}")  # to the trash
    assert trashed.status_code == 204, trashed.text
    user.add_deliverable(
        northwind["id"], title="Take-home: ETL pipeline", kind="coding_task", due_at=due_in(2)
    )
    user.add_deliverable(northwind["id"], title="Motivation letter", due_at=due_in(-1))
    note = user.add_writing(
        title="Why Northwind",
        body="Their **open data** work matters to me.\n\n- scale\n- people",
        tags=["motivation"],
        application_ids=[northwind["id"]],
    )
    contact = user.api.post(
        f"/api/applications/{northwind['id']}/contacts",
        json={
            "name": "Dana Recruiter",
            "role": "Talent partner",
            "email": "dana@example.com",
            "phone": "+49 30 1234567",
        },
    )
    assert contact.status_code == 201, contact.text
    document = user.api.post(
        "/api/documents",
        files=[("files", ("resume.txt", b"Riley Chen. Data engineer.\n", "text/plain"))],
        data={"application_id": str(northwind["id"])},
    )
    assert document.status_code == 201, document.text
    return Seeded(user=user, application_id=northwind["id"], note_id=note["id"])


@dataclass(frozen=True)
class AppPage:
    """One page: its address, how to get it ready (beyond loading the address), and the controls
    a person needs on it, which must be on screen and usable."""

    name: str
    path: Callable[[Seeded], str]
    ready: Callable[[Page], Locator]  # something that is there once the page has its data
    controls: Callable[[Page], list[Locator]] = field(default=lambda page: [])
    signed_in: bool = True
    then: Callable[[Page], None] = field(default=lambda page: None)
    phone_only: bool = False  # a state only a phone has (its folded main navigation)

    def open(self, page: Page, seeded: Seeded) -> None:
        page.goto(self.path(seeded))
        expect(self.ready(page)).to_be_visible()
        self.then(page)
        # Sections that load on their own (and "Loading…" placeholders) have settled.
        page.wait_for_load_state("networkidle")
        expect(page.locator("[role=status]").filter(has_text="Loading")).to_have_count(0)


def _heading(name: str) -> Callable[[Page], Locator]:
    return lambda page: page.get_by_role("heading", name=name, level=1)


def _open_new_application(page: Page) -> None:
    page.get_by_role("button", name="New application").click()
    expect(page.get_by_role("dialog", name="New application")).to_be_visible()


def _dialog(page: Page) -> Locator:
    return page.get_by_role("dialog", name="New application")


def _press_question_mark(page: Page) -> None:
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()


def _open_preview(page: Page) -> None:
    page.get_by_role("button", name="Preview resume.txt").click()
    expect(page.get_by_role("dialog")).to_be_visible()


def _open_menu(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Menu").click()


PAGES: list[AppPage] = [
    AppPage(
        "sign-in",
        lambda seeded: "/login",
        lambda page: page.get_by_role("button", name="Sign in"),
        lambda page: [page.get_by_label("Email"), page.get_by_label("Password")],
        signed_in=False,
    ),
    AppPage(
        "sign-up",
        lambda seeded: "/signup",
        lambda page: page.get_by_role("button", name="Create account"),
        lambda page: [page.get_by_label("Email"), page.get_by_label("Display name")],
        signed_in=False,
    ),
    AppPage(
        "forgot-password",
        lambda seeded: "/forgot-password",
        _heading("Reset your password"),
        # Without email on the instance (as here) the page says so in place of the form.
        lambda page: [page.get_by_role("status"), page.get_by_role("link", name="Sign in")],
        signed_in=False,
    ),
    AppPage(
        "board",
        lambda seeded: "/",
        lambda page: page.get_by_role("article", name="Initech Python Developer"),
        lambda page: [
            page.get_by_role("button", name="New application"),
            page.get_by_label("Move Initech to stage"),
        ],
    ),
    AppPage(
        "table",
        lambda seeded: "/table",
        lambda page: page.get_by_role("link", name="Northwind Traders"),
        lambda page: [
            page.get_by_role("search", name="Filter applications").get_by_label("Search"),
            page.get_by_role("link", name="Board view"),
        ],
    ),
    AppPage(
        "application",
        lambda seeded: f"/applications/{seeded.application_id}",
        _heading("Northwind Traders"),
        lambda page: [
            page.get_by_role("button", name="Save changes"),
            page.get_by_text("Take-home: ETL pipeline"),
            page.get_by_text("Dana Recruiter"),
        ],
    ),
    AppPage(
        "new-application",
        lambda seeded: "/",
        lambda page: page.get_by_role("button", name="New application"),
        lambda page: [
            _dialog(page).get_by_label("Company", exact=True),
            _dialog(page).get_by_role("button", name="Save application"),
        ],
        then=_open_new_application,
    ),
    AppPage(
        "shortcuts",
        lambda seeded: "/",
        lambda page: page.get_by_role("button", name="New application"),
        lambda page: [page.get_by_role("dialog", name="Keyboard shortcuts")],
        then=_press_question_mark,
    ),
    AppPage(
        "menu",
        lambda seeded: "/upcoming",
        _heading("Upcoming"),
        lambda page: [
            page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings"),
            page.get_by_role("navigation", name="Main").get_by_label("Theme"),
        ],
        then=_open_menu,
        phone_only=True,
    ),
    AppPage(
        "writing",
        lambda seeded: f"/writing?id={seeded.note_id}",
        lambda page: page.get_by_role("form", name="Note").get_by_label("Title"),
        lambda page: [
            page.get_by_role("form", name="Note").get_by_role("button", name="Save"),
            page.get_by_role("button", name="New note"),
        ],
    ),
    AppPage(
        "new-note",
        lambda seeded: "/writing?new=1",
        lambda page: page.get_by_role("form", name="Note").get_by_label("Title"),
        lambda page: [page.get_by_role("form", name="Note").get_by_label("Body")],
    ),
    AppPage(
        "documents",
        lambda seeded: "/documents",
        lambda page: page.get_by_text("resume.txt").first,
        lambda page: [page.get_by_role("button", name="Preview resume.txt")],
    ),
    AppPage(
        "document-preview",
        lambda seeded: "/documents",
        lambda page: page.get_by_text("resume.txt").first,
        lambda page: [page.get_by_role("dialog").get_by_role("button").first],
        then=_open_preview,
    ),
    AppPage(
        "contacts",
        lambda seeded: "/contacts",
        lambda page: page.get_by_text("Dana Recruiter"),
        lambda page: [page.get_by_label("Search")],
    ),
    AppPage(
        "upcoming",
        lambda seeded: "/upcoming",
        lambda page: page.get_by_text("Take-home: ETL pipeline"),
        lambda page: [page.get_by_role("heading", name="Upcoming", level=1)],
    ),
    AppPage(
        "notifications",
        lambda seeded: "/notifications",
        lambda page: page.get_by_role("list", name="Notifications").get_by_role("listitem").first,
        lambda page: [page.get_by_role("link", name=re.compile(r"^Notifications, \d+ waiting$"))],
    ),
    AppPage(
        "trash",
        lambda seeded: "/trash",
        _heading("Trash"),
        lambda page: [
            page.get_by_role("button", name="Restore Hooli"),
            page.get_by_role("button", name="Empty trash"),
        ],
    ),
    AppPage(
        "dashboard",
        lambda seeded: "/analytics",
        _heading("Dashboard"),
        lambda page: [
            page.get_by_role("search", name="Filter the dashboard").get_by_label("From"),
            page.get_by_role("search", name="Filter the dashboard").get_by_label("Tag"),
        ],
    ),
    AppPage(
        "proof-of-search",
        lambda seeded: "/reports",
        _heading("Proof of search"),
        lambda page: [
            page.get_by_label("From"),
            page.get_by_role("button", name="Download PDF"),
            page.get_by_role("button", name="Download CSV"),
        ],
    ),
    AppPage(
        "import",
        lambda seeded: "/import",
        _heading("Import applications"),
        lambda page: [page.get_by_label("Spreadsheet file")],
    ),
    AppPage(
        "settings",
        lambda seeded: "/settings",
        _heading("Settings"),
        lambda page: [page.get_by_label("Display name"), page.get_by_label("New password")],
    ),
]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{violation['id']} ({violation['impact']}): {node['target']}: {node['failureSummary']}"
        for violation in violations
        for node in violation["nodes"]
    )
