"""Follow-up and thank-you drafts for a nudge: a template filled from the application and its
contact, ready to copy or to open in the user's mail program as a mailto: link."""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobtracker.auth.models import User
from jobtracker.contacts.models import Contact
from jobtracker.errors import NotFound
from jobtracker.nudges.rules import DRAFTABLE, NudgeKind
from jobtracker.nudges.schemas import NudgeDraft
from jobtracker.nudges.service import NudgeWithState

NO_DRAFT = "Only follow-ups and thank-yous have a draft."


def _contact(session: Session, owner_id: int, application_id: int) -> Contact | None:
    """The application's first contact with an email address, else its first contact."""
    return session.scalar(
        select(Contact)
        .where(Contact.owner_id == owner_id, Contact.application_id == application_id)
        .order_by(Contact.email.is_(None), Contact.id)
        .limit(1)
    )


def _greeting(contact: Contact | None) -> str:
    if contact is None:
        return "Hello,"
    return f"Dear {contact.name.split()[0]}," if contact.name.strip() else "Hello,"


def _body(kind: NudgeKind, role: str, company: str, contact: Contact | None, user: User) -> str:
    if kind is NudgeKind.THANK_YOU:
        middle = (
            f"Thank you for taking the time to speak with me today about the {role} role at "
            f"{company}. I enjoyed learning more about the team and the work, and our "
            "conversation made me even more excited about the opportunity.\n\n"
            "Please let me know if there is anything else I can share."
        )
    else:
        again = " again" if kind is NudgeKind.FOLLOW_UP_AGAIN else ""
        middle = (
            f"I'm writing{again} to follow up on my application for the {role} role at "
            f"{company}. I remain very interested in the position and would welcome the chance "
            "to discuss how I could contribute.\n\n"
            "Could you let me know whether there is any news on the next steps?"
        )
    return f"{_greeting(contact)}\n\n{middle}\n\nBest regards,\n{user.display_name}\n"


def _subject(kind: NudgeKind, role: str) -> str:
    if kind is NudgeKind.THANK_YOU:
        return f"Thank you: {role} interview"
    return f"Following up: {role} application"


def template_draft(
    session: Session, user: User, found: NudgeWithState
) -> tuple[NudgeDraft, str | None]:
    """The draft from the template, and the name of the contact it is addressed to."""
    kind = found.nudge.kind
    if kind not in DRAFTABLE:
        raise NotFound(NO_DRAFT)
    contact = _contact(session, user.id, found.nudge.application_id)
    to = contact.email if contact is not None else None
    subject = _subject(kind, found.role)
    body = _body(kind, found.role, found.company, contact, user)
    draft = NudgeDraft(
        to=to,
        subject=subject,
        body=body,
        mailto=mailto(to, subject, body),
        written_by="template",
    )
    return draft, contact.name if contact is not None else None


def mailto(to: str | None, subject: str, body: str) -> str:
    # RFC 6068: percent-encoded, line breaks as CRLF; the address part may be empty.
    address = quote(to or "", safe="@")
    text = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(text, safe='')}"
