"""Follow-up and thank-you drafts written by the assistant's model, when one is configured.

The model gets the application's data as the assistant chat does, and counts against the same
daily limit. Anything that goes wrong (the limit, the provider) leaves the template's draft,
which is always ready: a reminder never fails because a model did.
"""

from __future__ import annotations

import logging

from anyio import from_thread
from sqlalchemy.orm import Session

from jobtracker.assistant import service as assistant_service
from jobtracker.assistant.context import build_context
from jobtracker.assistant.prompt import render_context, system_prompt
from jobtracker.assistant.providers import configuration_problem, provider_for
from jobtracker.assistant.providers.base import ChatRequest, ProviderError, Turn
from jobtracker.config import AIProvider, Settings
from jobtracker.errors import AppError
from jobtracker.nudges.drafts import mailto
from jobtracker.nudges.rules import NudgeKind
from jobtracker.nudges.schemas import NudgeDraft

log = logging.getLogger(__name__)
# A draft is a short email: more than this is the model rambling, cut at a line.
MAX_DRAFT_CHARS = 4_000

_ASK = {
    NudgeKind.FOLLOW_UP: "a short, polite follow-up email asking about my application",
    NudgeKind.FOLLOW_UP_AGAIN: (
        "a short, polite second follow-up email about my application (I followed up before)"
    ),
    NudgeKind.THANK_YOU: "a short thank-you email for today's interview",
}


def wanted(settings: Settings) -> bool:
    """A model is set up (not the offline coach, whose templates ours already match)."""
    return settings.ai_provider != AIProvider.OFFLINE and configuration_problem(settings) is None


def _instruction(kind: NudgeKind, to_name: str | None) -> str:
    recipient = f" to {to_name}" if to_name else ""
    return (
        f"Write {_ASK[kind]}{recipient}. Give only the email's body, starting with the "
        "greeting and ending with my name; no subject line and no comments around it."
    )


async def _written(settings: Settings, request: ChatRequest) -> str:
    provider = provider_for(settings)
    chunks = [chunk async for chunk in provider.stream(request) if isinstance(chunk, str)]
    return "".join(chunks).strip()


def improve(
    session: Session,
    settings: Settings,
    owner_id: int,
    application_id: int,
    kind: NudgeKind,
    template: NudgeDraft,
    to_name: str | None,
) -> NudgeDraft:
    """The template's draft with its body written by the model, or the template unchanged."""
    try:
        assistant_service.count_ai_request(session, settings, owner_id)
        session.commit()
        context = build_context(session, owner_id, application_id)
        request = ChatRequest(
            system_prompt=system_prompt(render_context(context, settings.ai_context_chars)),
            turns=[Turn(role="user", content=_instruction(kind, to_name))],
            context=context,
        )
        body = from_thread.run(_written, settings, request)
    except (AppError, ProviderError) as problem:
        # The daily limit or the provider: the template still serves.
        log.info("assistant draft not written, the template is used: %s", type(problem).__name__)
        session.rollback()
        return template
    if not body:
        return template
    body = body[:MAX_DRAFT_CHARS]
    return NudgeDraft(
        to=template.to,
        subject=template.subject,
        body=body + "\n",
        mailto=mailto(template.to, template.subject, body),
        written_by="assistant",
    )
