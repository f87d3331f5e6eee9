"""Every domain's tables, imported in one place so `Base.metadata` (and Alembic) sees them all."""

from jobtracker.applications.models import Application, ApplicationTag, StageEvent
from jobtracker.assistant.models import AssistantMessage, AssistantUsage
from jobtracker.auth.models import RecoveryCode, User
from jobtracker.contacts.models import Contact
from jobtracker.db import Base
from jobtracker.deliverables.models import Deliverable
from jobtracker.documents.models import Document, document_links
from jobtracker.instance.models import InstanceSettings
from jobtracker.writing.models import Writing, WritingTag, writing_links

__all__ = [
    "Application",
    "ApplicationTag",
    "AssistantMessage",
    "AssistantUsage",
    "Base",
    "Contact",
    "Deliverable",
    "Document",
    "InstanceSettings",
    "RecoveryCode",
    "StageEvent",
    "User",
    "Writing",
    "WritingTag",
    "document_links",
    "writing_links",
]
