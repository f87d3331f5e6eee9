"""Every domain's tables, imported in one place so `Base.metadata` (and Alembic) sees them all."""

from jobtracker.applications.models import Application, ApplicationTag, StageEvent
from jobtracker.auth.models import User
from jobtracker.contacts.models import Contact
from jobtracker.db import Base
from jobtracker.deliverables.models import Deliverable
from jobtracker.instance.models import InstanceSettings
from jobtracker.writing.models import Writing, WritingTag, writing_links

__all__ = [
    "Application",
    "ApplicationTag",
    "Base",
    "Contact",
    "Deliverable",
    "InstanceSettings",
    "StageEvent",
    "User",
    "Writing",
    "WritingTag",
    "writing_links",
]
