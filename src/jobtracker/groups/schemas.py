"""Request and response shapes for groups, sharing with coaches, coaches' views and comments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from jobtracker.applications.schemas import ApplicationSummary
from jobtracker.applications.stages import Stage
from jobtracker.deliverables.schemas import DeliverableOut
from jobtracker.groups.models import GroupRole

MAX_GROUP_NAME = 100
MAX_COMMENT = 2000


def _printable_name(name: str) -> str:
    if any(ord(character) < 32 or ord(character) == 127 for character in name):
        raise ValueError("Use a name without tabs, line breaks or other control characters.")
    return name


def _comment_text(body: str) -> str:
    # Line breaks and tabs are part of a comment; other control characters are not text.
    if any(
        (ord(character) < 32 and character not in "\n\t") or ord(character) == 127
        for character in body
    ):
        raise ValueError("Write plain text, without control characters.")
    return body


GroupName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_GROUP_NAME),
    AfterValidator(_printable_name),
]
CommentBody = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_COMMENT),
    AfterValidator(_comment_text),
]


class GroupCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: GroupName = Field(description="A class, a cohort: how members and coaches know it")


class GroupUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: GroupName


class GroupOut(BaseModel):
    id: int
    name: str
    coaches: int = Field(description="How many coaches it has")
    members: int = Field(description="How many members (not counting coaches) it has")
    created_at: datetime


class MemberAdd(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr = Field(description="The account's email")
    group_role: GroupRole = Field(default=GroupRole.MEMBER, description="coach or member")


class MemberUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    group_role: GroupRole


class GroupMemberOut(BaseModel):
    user_id: int
    email: str
    display_name: str
    group_role: GroupRole
    joined_at: datetime


class MyGroup(BaseModel):
    """A group the caller belongs to, and their place in it."""

    id: int
    name: str
    group_role: GroupRole


class CoachSeen(BaseModel):
    """One of a group's coaches, and when they last looked at the member's shared work."""

    id: int
    display_name: str
    last_viewed_at: datetime | None = Field(description="null: has not looked yet")


class ShareSwitches(BaseModel):
    board: bool = Field(description="The board, upcoming deadlines and dashboard, read-only")
    documents: bool = Field(description="Document names and downloads")
    conversations: bool = Field(description="Conversations with the assistant")


class ShareUpdate(BaseModel):
    """Only the switches sent change."""

    model_config = ConfigDict(extra="forbid")

    board: bool | None = None
    documents: bool | None = None
    conversations: bool | None = None


class ShareOut(ShareSwitches):
    """What the member shares with one group's coaches, and who those coaches are."""

    group_id: int
    group_name: str
    coaches: list[CoachSeen]
    updated_at: datetime | None = Field(description="When the switches last changed")


class SharedMember(ShareSwitches):
    """A member who shares something with the caller, in a group the caller coaches."""

    group_id: int
    group_name: str
    member_id: int
    display_name: str
    email: str


class Deadline(BaseModel):
    application: ApplicationSummary
    deadline: date


class MemberDeadlines(BaseModel):
    """What a member has coming: open deliverables by due date, and application deadlines."""

    deliverables: list[DeliverableOut] = Field(description="Not done yet, soonest due first")
    application_deadlines: list[Deadline] = Field(description="From today on, soonest first")


class CommentOut(BaseModel):
    id: int
    application_id: int
    author_id: int | None
    author_name: str
    by_owner: bool = Field(description="Written by the application's owner (an answer)")
    body: str = Field(description="Plain text: show it as text, never as HTML")
    created_at: datetime
    unread: bool = Field(description="A coach's comment the owner has not seen yet")


class CommentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: CommentBody = Field(description=f"Plain text, up to {MAX_COMMENT} characters")


class CommentPage(BaseModel):
    items: list[CommentOut] = Field(description="Oldest first")
    total: int
    limit: int
    offset: int
    unread: int = Field(description="Coaches' comments the owner had not seen before this read")


class UnreadThread(BaseModel):
    application: ApplicationSummary
    unread: int
    latest_at: datetime


class UnreadComments(BaseModel):
    """The owner's applications with coaches' comments not read yet, newest first."""

    items: list[UnreadThread]
    total: int
    limit: int
    offset: int
    comments: int = Field(description="Unread comments across all of them")


class WeekCount(BaseModel):
    week: date = Field(description="The Monday the week starts")
    applications: int


class GroupRate(BaseModel):
    value: float | None = Field(description="numerator / denominator; null when it is 0")
    numerator: int
    denominator: int


class GroupStageCount(BaseModel):
    stage: Stage
    count: int


class GroupFigures(BaseModel):
    applications: int
    applications_per_week: list[WeekCount] = Field(description="The last 12 weeks, oldest first")
    stages: list[GroupStageCount] = Field(description="Applications in each stage now")
    response_rate: GroupRate
    interview_rate: GroupRate


class GroupDashboard(BaseModel):
    """Figures over the members who share their board with the group's coaches, together."""

    group_id: int
    group_name: str
    members: int = Field(description="Members of the group (coaches not counted)")
    members_sharing: int = Field(description="Of them, those who share their board")
    minimum_sharing: int = Field(description="Figures are shown from this many members sharing")
    figures: GroupFigures | None = Field(
        description="null while fewer than minimum_sharing members share, so that no one's "
        "figures can be told apart"
    )
