"""The Fit section in the browser: the score and missing skills of a posting and a resume, another
resume picked, the assistant's review on request, the notice without a posting, a phone's width."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.api import ApiUser
from tests.e2e.every_page import describe_violations
from tests.e2e.ui import DESKTOP, PHONE, REPO_ROOT, Viewport, page_scroll_width, section

pytestmark = pytest.mark.e2e

POSTING = """Backend Engineer

Requirements
- Python
- PostgreSQL
- Kubernetes

Nice to have
- Terraform
"""
NARROW = Viewport("narrow", 360, 740, mobile=True, scale=2)
AXE_SCRIPT = REPO_ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"


def upload_resume(
    user: ApiUser, filename: str, text: str, application_id: int | None = None
) -> dict[str, Any]:
    data = {"kind": "resume"}
    if application_id is not None:
        data["application_id"] = str(application_id)
    response = user.api.post(
        "/api/documents", files=[("files", (filename, text.encode(), "text/plain"))], data=data
    )
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()[0]
    return document


def open_application(user: ApiUser, page: Page, application_id: int) -> None:
    user.sign_in_context(page.context)
    page.goto(f"/applications/{application_id}")
    expect(page.get_by_role("heading", name="Fit", exact=True)).to_be_visible()


def test_the_score_and_a_missing_skill_are_shown(user: ApiUser, page: Page) -> None:
    application = user.create_application(company="Initech", job_description=POSTING)
    upload_resume(user, "resume.txt", "Python developer, Postgres", application["id"])

    open_application(user, page, application["id"])

    fit = section(page, "Fit")
    expect(fit.get_by_label("Fit score: 59 out of 100")).to_be_visible()
    missing = fit.get_by_role("list", name="Missing required skills")
    expect(missing.get_by_role("listitem")).to_have_text(["Kubernetes"])
    nice = fit.get_by_role("list", name="Missing nice-to-have skills")
    expect(nice.get_by_role("listitem")).to_have_text(["Terraform"])
    expect(fit.get_by_label("Resume")).to_have_value("")
    expect(fit.get_by_label("Resume").locator("option").first).to_have_text(
        "Default resume: resume.txt (linked to this application)"
    )


def test_another_resume_can_be_picked(user: ApiUser, page: Page) -> None:
    application = user.create_application(job_description=POSTING)
    upload_resume(user, "backend.txt", "Python developer, Postgres", application["id"])
    upload_resume(user, "platform.txt", "Python, PostgreSQL, Kubernetes and Terraform")

    open_application(user, page, application["id"])
    fit = section(page, "Fit")
    expect(fit.get_by_label("Fit score: 59 out of 100")).to_be_visible()
    fit.get_by_label("Resume").select_option(label="platform.txt")

    expect(fit.get_by_label("Fit score: 100 out of 100")).to_be_visible()
    expect(fit.get_by_role("list", name="Missing required skills")).to_have_count(0)


def test_review_my_fit_asks_the_assistant(user: ApiUser, page: Page) -> None:
    application = user.create_application(
        company="Initech", role="Backend Engineer", job_description=POSTING
    )
    upload_resume(user, "resume.txt", "Python developer, Postgres", application["id"])

    open_application(user, page, application["id"])
    section(page, "Fit").get_by_role("button", name="Review my fit").click()

    assistant = section(page, "Assistant")
    expect(assistant.get_by_text("Review my fit for this role.").first).to_be_visible()
    expect(
        assistant.get_by_role("heading", name="Your fit: Backend Engineer at Initech")
    ).to_be_visible()
    expect(assistant.get_by_text("Required skills your resume does not show")).to_be_visible()


def test_without_a_posting_it_says_what_to_do(user: ApiUser, page: Page) -> None:
    application = user.create_application()
    upload_resume(user, "resume.txt", "Python")

    open_application(user, page, application["id"])

    expect(section(page, "Fit").get_by_role("status")).to_have_text(
        "This application has no job description yet. Paste the posting into its Job "
        "description field to see how your resume fits."
    )


@pytest.mark.parametrize("viewport", [NARROW, PHONE], ids=lambda viewport: viewport.name)
def test_the_section_fits_a_phone(user: ApiUser, new_context: Any, viewport: Viewport) -> None:
    application = user.create_application(job_description=POSTING)
    upload_resume(
        user, "a-resume-with-a-rather-long-file-name-for-a-phone.txt", "Python", application["id"]
    )
    page = new_context(viewport).new_page()

    open_application(user, page, application["id"])

    fit = section(page, "Fit")
    expect(fit.get_by_label("Fit score: 29 out of 100")).to_be_visible()
    assert page_scroll_width(page) <= viewport.width


@pytest.mark.skipif(
    not AXE_SCRIPT.is_file(), reason="axe-core is not installed (npm ci in frontend)"
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_fit_section(
    user: ApiUser, new_context: Any, scheme: str
) -> None:
    application = user.create_application(job_description=POSTING)
    upload_resume(user, "resume.txt", "Python developer, Postgres on Amazon EKS", application["id"])
    page = new_context(DESKTOP).new_page()
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light")

    open_application(user, page, application["id"])
    expect(section(page, "Fit").get_by_role("button", name="Review my fit")).to_be_visible()

    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "() => axe.run(document.querySelector('section[aria-labelledby=\"fit-heading\"]'))"
    )
    assert len(result["passes"]) > 5, "axe checked next to nothing: is the section there?"
    assert not result["violations"], describe_violations(result["violations"])


def test_choosing_the_resume_sent_changes_the_default_at_once(user: ApiUser, page: Page) -> None:
    """The default is the resume sent: recording another one on the page re-measures the fit."""
    application = user.create_application(
        company="Initech", stage="applied", job_description=POSTING
    )
    upload_resume(user, "backend.txt", "Python developer, Postgres", application["id"])
    upload_resume(user, "platform.txt", "Python, PostgreSQL, Kubernetes and Terraform")
    open_application(user, page, application["id"])
    fit = section(page, "Fit")
    expect(fit.get_by_label("Fit score: 59 out of 100")).to_be_visible()

    documents = section(page, "Documents")
    documents.get_by_role("button", name="Choose what was sent").click()
    documents.get_by_label("Resume sent").select_option(label="platform.txt")
    documents.get_by_role("button", name="Save what was sent").click()

    expect(fit.get_by_label("Fit score: 100 out of 100")).to_be_visible()
    expect(fit.get_by_label("Resume").locator("option").first).to_have_text(
        "Default resume: platform.txt (sent with this application)"
    )
