"""The built-in offline coach: a tailored practice plan from the application's data, no network."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncGenerator
from datetime import datetime
from enum import StrEnum

from jobtracker.applications.stages import Stage
from jobtracker.assistant.context import (
    ApplicationContext,
    ContactFacts,
    DeliverableFacts,
    InterviewFacts,
)
from jobtracker.assistant.providers.base import ChatRequest, Usage
from jobtracker.assistant.providers.offline_fit import fit_review
from jobtracker.assistant.providers.offline_roles import FAMILIES, GENERAL, SKILLS, RoleFamily
from jobtracker.assistant.providers.offline_stages import STAGES
from jobtracker.deliverables.models import DeliverableState
from jobtracker.time_zones import local_date, zone

LABEL = (
    "**Offline coach.** I am Job Tracker's built-in offline coach, not an AI model: I build "
    "plans from what you saved for this application and a fixed playbook, and nothing leaves "
    "this server."
)
CLOSING = (
    '_Ask me "what will they ask me?", "what is due?", "review my fit", "draft a thank-you '
    'note", "draft a follow-up" or "help me negotiate". For free-form answers, the admin can '
    "connect Gemini or an OpenAI-compatible model (AI_PROVIDER)._"
)
ROLE_WEIGHT = 3  # a keyword in the job title says more than one in the description
MAX_SKILL_QUESTIONS = 3


class Intent(StrEnum):
    THANK_YOU = "thank_you"
    FOLLOW_UP = "follow_up"
    NEGOTIATION = "negotiation"
    DELIVERABLES = "deliverables"
    FIT = "fit"
    QUESTIONS = "questions"
    PLAN = "plan"


# In order: the first that matches the user's message decides the answer.
_INTENTS: tuple[tuple[Intent, re.Pattern[str]], ...] = (
    # The fit section's prepared request lists skill names, which may say "negotiation" or
    # "follow-up": its opening words decide.
    (Intent.FIT, re.compile(r"^\s*review my fit")),
    (Intent.THANK_YOU, re.compile(r"thank")),
    (Intent.FOLLOW_UP, re.compile(r"follow[- ]?up|haven'?t heard|no (reply|response)|chase")),
    (Intent.NEGOTIATION, re.compile(r"negotiat|salary|compensation|counter[- ]?offer|\bpay\b")),
    (Intent.DELIVERABLES, re.compile(r"\bdue\b|deadline|deliverable|to-?do|\btasks?\b|left to")),
    (Intent.FIT, re.compile(r"\bfit\b|r[eé]sum[eé]|\bcv\b|\bgaps?\b|missing skill|skills? gap")),
    (Intent.QUESTIONS, re.compile(r"\bask|question|expect|practi[cs]e|interview|round")),
)


class OfflineCoach:
    name = "offline"
    model = "offline-coach"

    async def stream(self, request: ChatRequest) -> AsyncGenerator[str | Usage, None]:
        for line in answer(request.context, request.question).splitlines(keepends=True):
            yield line
            # A turn of the event loop between chunks, so a stop request is noticed.
            await asyncio.sleep(0)
        yield Usage()


def answer(context: ApplicationContext, question: str) -> str:
    intent = detect_intent(question)
    family = role_family(context)
    sections = [LABEL]
    if intent == Intent.THANK_YOU:
        sections.append(_thank_you_note(context, question))
    elif intent == Intent.FOLLOW_UP:
        sections.append(_follow_up_note(context, question))
    elif intent == Intent.NEGOTIATION:
        sections.append(_negotiation(context))
    elif intent == Intent.DELIVERABLES:
        sections.append(_deliverables_section(context))
    elif intent == Intent.FIT:
        sections.append(fit_review(context))
    elif intent == Intent.QUESTIONS:
        sections += [
            _interviews_section(context),
            _questions_section(context, family),
            _preparation_section(context, family),
        ]
    else:
        sections += [
            f"## Practice plan: {context.role} at {context.company}\n"
            f"Stage: **{context.stage.label}**, so the focus now is "
            f"{STAGES[context.stage].focus}. I read this as a {family.name} role.",
            _interviews_section(context),
            _questions_section(context, family),
            _deliverables_section(context),
            _preparation_section(context, family),
        ]
    sections.append(CLOSING)
    return "\n\n".join(section for section in sections if section) + "\n"


def detect_intent(question: str) -> Intent:
    text = question.lower()
    for intent, pattern in _INTENTS:
        if pattern.search(text):
            return intent
    return Intent.PLAN


def role_family(context: ApplicationContext) -> RoleFamily:
    """The family whose keywords the role (weighted) and job description mention most."""
    role = context.role.lower()
    description = (context.job_description or "").lower()
    best, best_score = GENERAL, 0
    for family in FAMILIES:
        score = sum(
            ROLE_WEIGHT * _mentions(role, keyword) + _mentions(description, keyword)
            for keyword in family.keywords
        )
        if score > best_score:
            best, best_score = family, score
    return best


def _mentions(text: str, phrase: str) -> int:
    return 1 if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text) else 0


def skills_named(context: ApplicationContext) -> list[str]:
    text = f"{context.role}\n{context.job_description or ''}".lower()
    return [skill for skill in SKILLS if _mentions(text, skill.lower())]


def _questions_section(context: ApplicationContext, family: RoleFamily) -> str:
    stage = STAGES[context.stage]
    questions = list(stage.questions)
    questions += family.questions[: stage.role_questions]
    if stage.role_questions:
        questions += [
            f"How have you used {skill}? Walk me through a concrete example."
            for skill in skills_named(context)[:MAX_SKILL_QUESTIONS]
        ]
    if not questions:
        return ""
    lines = [f"## Likely questions ({context.stage.label.lower()} stage, {family.name})"]
    lines += [f"{number}. {question}" for number, question in enumerate(questions, start=1)]
    return "\n".join(lines)


def _preparation_section(context: ApplicationContext, family: RoleFamily) -> str:
    stage = STAGES[context.stage]
    items = list(stage.preparation)
    if stage.role_questions:
        items += family.preparation
    if context.job_description is None or not context.job_description.strip():
        items.append("Paste the job description into this application: my plan gets more specific.")
    return "## What to prepare\n" + "\n".join(f"- {item}" for item in items)


def _deliverables_section(context: ApplicationContext) -> str:
    pending = [item for item in context.deliverables if item.state != DeliverableState.DONE]
    done = len(context.deliverables) - len(pending)
    if not context.deliverables:
        return "## Deliverables\nNone saved for this application yet."
    lines = ["## Deliverables"]
    # Soonest first; the ones without a date have no urgency, so they go last.
    pending.sort(key=lambda item: (item.due_at is None, item.due_at or context.now))
    lines += [f"- {_deliverable_line(item, context)}" for item in pending]
    if done:
        lines.append(f"- Done already: {done} of {len(context.deliverables)}.")
    if not pending:
        lines.append("Everything is done. Nice work.")
    return "\n".join(lines)


def _deliverable_line(deliverable: DeliverableFacts, context: ApplicationContext) -> str:
    state = deliverable.state.value.replace("_", " ")
    kind = deliverable.kind.value.replace("_", " ")
    when = _when(deliverable.due_at, context.now, context.time_zone)
    return f"**{deliverable.title}** ({kind}, {state}): {when}"


def _when(due_at: datetime | None, now: datetime, time_zone: str) -> str:
    """Due-date wording on the user's calendar: "today" is their today, not UTC's."""
    if due_at is None:
        return "no due date"
    local_due = due_at.astimezone(zone(time_zone))
    today = local_date(now, time_zone)
    days = (local_due.date() - today).days
    date_text = local_due.strftime("%a %d %b %Y")
    if due_at < now:
        late = max(-days, 0)
        return f"**overdue** since {date_text}" + (f" ({late} days)" if late > 1 else "")
    if days == 0:
        return f"due **today** at {local_due:%H:%M}"
    if days == 1:
        return f"due **tomorrow**, {date_text} at {local_due:%H:%M}"
    return f"due in {days} days, {date_text}"


def _interviews_section(context: ApplicationContext) -> str:
    upcoming = context.next_interview
    earlier = context.earlier_interviews
    if upcoming is None and not earlier:
        return ""
    lines = ["## Interviews"]
    if upcoming is not None:
        lines.append(f"Next: {_interview_when(upcoming, context)}.")
        if upcoming.prep_notes and upcoming.prep_notes.strip():
            lines.append(f"Your preparation notes: {upcoming.prep_notes.strip()}")
    for interview in earlier:
        kind = interview.kind.value.replace("_", " ")
        day = interview.starts_at.astimezone(zone(context.time_zone)).strftime("%a %d %b %Y")
        outcome = f", {interview.outcome.value}" if interview.outcome else ""
        debrief = interview.debrief.strip() if interview.debrief else ""
        lines.append(
            f"- Earlier: {kind} on {day}{outcome}."
            + (
                f" Your debrief: {debrief}"
                if debrief
                else " No debrief yet: write one while fresh."
            )
        )
    return "\n".join(lines)


def _interview_when(interview: InterviewFacts, context: ApplicationContext) -> str:
    kind = interview.kind.value.replace("_", " ")
    start = interview.starts_at.astimezone(zone(context.time_zone))
    days = (start.date() - local_date(context.now, context.time_zone)).days
    if days <= 0:
        day = "**today**"
    elif days == 1:
        day = "**tomorrow**"
    else:
        day = f"in {days} days, {start:%a %d %b %Y}"
    people = f" with {', '.join(interview.with_whom)}" if interview.with_whom else ""
    return f"{kind}{people} {day} at {start:%H:%M}"


def _addressee(context: ApplicationContext, question: str) -> ContactFacts | None:
    """The contact the message names (by name or role), else the first one saved."""
    text = question.lower()
    for contact in context.contacts:
        names = contact.name.lower().split()
        role_words = re.findall(r"[a-z]{4,}", (contact.role or "").lower())
        if any(name in text for name in names) or any(word[:7] in text for word in role_words):
            return contact
    return context.contacts[0] if context.contacts else None


def _greeting(contact: ContactFacts | None, context: ApplicationContext) -> str:
    if contact is None:
        return f"Dear {context.company} hiring team,"
    return f"Dear {contact.name.split()[0]},"


def _thank_you_note(context: ApplicationContext, question: str) -> str:
    contact = _addressee(context, question)
    talked = "speaking with me" if contact else "your time"
    lines = [
        "## Draft thank-you note",
        _recipient_hint(contact),
        "",
        f"Subject: Thank you, {context.role} at {context.company}",
        "",
        _greeting(contact, context),
        "",
        f"Thank you for {talked} about the {context.role} position at {context.company}. "
        "I enjoyed learning more about the team and the work, and our conversation confirmed "
        "how much I would like to contribute. [Mention one specific thing you discussed.]",
        "",
        "If there is anything else I can share to help your decision, I would be glad to.",
        "",
        "Best regards,",
        "[Your name]",
        "",
        "_Send it within 24 hours; one specific detail from the conversation makes it personal._",
    ]
    return "\n".join(lines)


def _follow_up_note(context: ApplicationContext, question: str) -> str:
    contact = _addressee(context, question)
    applied = context.applied_on.isoformat() if context.applied_on else "[date]"
    lines = [
        "## Draft follow-up",
        _recipient_hint(contact),
        "",
        f"Subject: Following up on my application, {context.role}",
        "",
        _greeting(contact, context),
        "",
        f"I applied for the {context.role} position at {context.company} on {applied} and "
        "wanted to check on the next steps. I remain very interested in the role and would be "
        "happy to share anything else that helps.",
        "",
        "Thank you for your time,",
        "[Your name]",
    ]
    return "\n".join(lines)


def _recipient_hint(contact: ContactFacts | None) -> str:
    if contact is None:
        return "_No contact is saved for this application; add one to address the note by name._"
    role = f", {contact.role}" if contact.role else ""
    return f"_To {contact.name}{role}._"


def _negotiation(context: ApplicationContext) -> str:
    offer = STAGES[Stage.OFFER]
    lines = ["## Negotiating the offer"]
    if context.salary_min is not None or context.salary_max is not None:
        currency = context.salary_currency or ""
        low = context.salary_min if context.salary_min is not None else "?"
        high = context.salary_max if context.salary_max is not None else "?"
        lines.append(
            f"The range saved for this application is {low}-{high} {currency}".rstrip()
            + ". Aim for the upper part of it, backed by market data and your strongest "
            "achievements."
        )
    else:
        lines.append("No salary range is saved here; add one so your target is written down.")
    lines += ["", "Questions to ask:"] + [f"- {item}" for item in offer.questions]
    lines += ["", "How to go about it:"] + [f"- {item}" for item in offer.preparation]
    return "\n".join(lines)
