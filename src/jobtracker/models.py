"""Every domain's tables, imported in one place so `Base.metadata` (and Alembic) sees them all."""

from jobtracker.applications.models import Application, ApplicationTag, StageEvent
from jobtracker.assistant.models import AssistantMessage, AssistantUsage
from jobtracker.auth.models import RecoveryCode, User
from jobtracker.auth.reset_models import PasswordReset
from jobtracker.contacts.models import Contact
from jobtracker.db import Base
from jobtracker.deliverables.models import Deliverable
from jobtracker.digests.models import DigestSubscription
from jobtracker.documents.models import Document, SentDocument, document_links
from jobtracker.groups.models import (
    AuditEntry,
    CoachView,
    Comment,
    Group,
    GroupMember,
    Invite,
    Share,
    UserIdentity,
)
from jobtracker.insight.models import WeeklyGoal
from jobtracker.instance.models import InstanceSettings
from jobtracker.interviews.models import Interview, interview_contacts
from jobtracker.nudges.models import NudgeRules, NudgeState
from jobtracker.scheduler.models import OutboxMessage
from jobtracker.webhooks.models import Webhook, WebhookAttempt, WebhookDelivery
from jobtracker.writing.models import Writing, WritingTag, writing_links

__all__ = [
    "Application",
    "ApplicationTag",
    "AssistantMessage",
    "AssistantUsage",
    "AuditEntry",
    "Base",
    "CoachView",
    "Comment",
    "Contact",
    "Deliverable",
    "DigestSubscription",
    "Document",
    "Group",
    "GroupMember",
    "InstanceSettings",
    "Interview",
    "Invite",
    "NudgeRules",
    "NudgeState",
    "OutboxMessage",
    "PasswordReset",
    "RecoveryCode",
    "SentDocument",
    "Share",
    "StageEvent",
    "User",
    "UserIdentity",
    "Webhook",
    "WebhookAttempt",
    "WebhookDelivery",
    "WeeklyGoal",
    "Writing",
    "WritingTag",
    "document_links",
    "interview_contacts",
    "writing_links",
]
