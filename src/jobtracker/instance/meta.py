"""What /api/meta and the admin page show: limits, choices, and the caller's usage.

Kept apart from service.py because it reads every domain, while service.py is read by them.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.applications.stages import Priority, Stage, WorkMode
from jobtracker.assistant import service as assistant_service
from jobtracker.auth import service as auth_service
from jobtracker.auth.models import User
from jobtracker.config import Settings
from jobtracker.deliverables.models import DeliverableKind, DeliverableState
from jobtracker.instance import usage as storage
from jobtracker.instance.schemas import (
    AdminSettings,
    Choice,
    Limits,
    Meta,
    SignOn,
    StageChoice,
    Usage,
)
from jobtracker.instance.service import current_limits
from jobtracker.writing.models import WritingKind


def _label(member: StrEnum) -> str:
    return member.value.replace("_", " ").capitalize()


def _choices(enum_class: type[StrEnum]) -> list[Choice]:
    return [Choice(id=member.value, label=_label(member)) for member in enum_class]


def describe(session: Session, settings: Settings, user: User | None, *, version: str) -> Meta:
    limits = current_limits(session, settings)
    usage = None
    if user is not None:
        usage = Usage(
            applications=applications_service.count_applications(session, user.id),
            storage_bytes=storage.storage_used(session, user.id),
            users=auth_service.count_users(session) if user.is_admin else None,
            max_applications=applications_service.applications_limit(
                session, settings, user.id
            ).count,
            max_storage_mb=storage.storage_limit_mb(session, settings, user.id),
            max_assistant_messages_per_day=assistant_service.daily_message_limit(
                session, settings, user.id
            ),
        )
    return Meta(
        version=version,
        limits=Limits(
            max_users=limits.max_users,
            max_applications_per_user=limits.max_applications_per_user,
            max_upload_mb=settings.max_upload_mb,
            max_storage_mb_per_user=settings.max_storage_mb_per_user,
            registration_open=limits.registration_open,
        ),
        ai_provider=settings.ai_provider.value,
        email=settings.email_enabled,
        stages=[
            StageChoice(id=stage.value, label=stage.label, final=stage.is_final) for stage in Stage
        ],
        work_modes=_choices(WorkMode),
        priorities=_choices(Priority),
        deliverable_kinds=_choices(DeliverableKind),
        deliverable_states=_choices(DeliverableState),
        writing_kinds=_choices(WritingKind),
        usage=usage,
        sign_on=SignOn(
            password=settings.password_signin,
            oidc=settings.oidc_enabled,
            oidc_label=settings.oidc_button_label if settings.oidc_enabled else None,
        ),
    )


def admin_settings(session: Session, settings: Settings) -> AdminSettings:
    limits = current_limits(session, settings)
    return AdminSettings(
        max_users=limits.max_users,
        max_applications_per_user=limits.max_applications_per_user,
        registration_open=limits.registration_open,
        admins_require_two_factor=limits.admins_require_two_factor,
        users=auth_service.count_users(session),
    )
