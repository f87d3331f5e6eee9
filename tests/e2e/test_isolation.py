"""Two people on one instance: the second sees nothing of the first's, even with the address."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.api import PASSWORD, ApiUser, due_in, unique_email
from tests.e2e.ui import card, go_to, sign_up

pytestmark = pytest.mark.e2e

SECRET_COMPANY = "Initrode Secret Labs"
SECRET_DELIVERABLE = "Confidential essay"
SECRET_NOTE = "My private salary notes"


def test_a_second_user_sees_none_of_the_first_users_data(
    new_context: Callable[[], BrowserContext], make_user: Callable[..., ApiUser]
) -> None:
    first = make_user()
    application = first.create_application(company=SECRET_COMPANY, stage="interview")
    first.add_deliverable(application["id"], title=SECRET_DELIVERABLE, due_at=due_in(2))
    first.add_writing(title=SECRET_NOTE, application_ids=[application["id"]])
    first_context = new_context()
    first.sign_in_context(first_context)
    first_page = first_context.new_page()
    first_page.goto("/")
    expect(card(first_page, SECRET_COMPANY)).to_be_visible()  # the data is there to be leaked

    second_page = new_context().new_page()
    sign_up(second_page, email=unique_email("second"), password=PASSWORD, display_name="Sam")
    _sees_nothing(second_page, SECRET_COMPANY)
    go_to(second_page, "Upcoming", heading="Upcoming")
    _sees_nothing(second_page, SECRET_DELIVERABLE)
    go_to(second_page, "Writing", heading="Writing")
    _sees_nothing(second_page, SECRET_NOTE)

    second_page.goto(f"/applications/{application['id']}")
    expect(second_page.get_by_text("not found", exact=False).first).to_be_visible()
    _sees_nothing(second_page, SECRET_COMPANY)


def _sees_nothing(page: Page, text: str) -> None:
    page.wait_for_load_state("networkidle")  # the lists have answered, not just not yet
    expect(page.get_by_text(text)).to_have_count(0)
