"""What GET /api/applications/{id}/fit answers."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from jobtracker.documents.resume_lookup import ResumeChoice
from jobtracker.insight.fit_sections import Section


class FitState(StrEnum):
    """`ready` with an analysis; otherwise why there is none, which `message` says in words."""

    READY = "ready"
    NO_JOB_DESCRIPTION = "no_job_description"
    NO_RESUME = "no_resume"
    RESUME_TEXT_PENDING = "resume_text_pending"
    RESUME_UNREADABLE = "resume_unreadable"


class FitResume(BaseModel):
    id: int
    filename: str
    chosen_because: ResumeChoice = Field(
        description="`chosen` (document_id), `sent` with this application, `linked` to it, or "
        "the user's `latest` resume"
    )


class ResumeOption(BaseModel):
    id: int
    filename: str


class MatchedSkillOut(BaseModel):
    skill: str
    category: str
    section: Section = Field(description="Where the posting asks for it: required, nice or other")
    through: str | None = Field(
        description="The narrower skill the resume names that shows this one, if it is not "
        "named itself (SAP MM for ERP systems)"
    )


class MissingSkillOut(BaseModel):
    skill: str
    category: str


class FitAnalysis(BaseModel):
    score: int = Field(ge=0, le=100)
    matched: list[MatchedSkillOut]
    missing_required: list[MissingSkillOut]
    missing_nice: list[MissingSkillOut]
    missing_other: list[MissingSkillOut] = Field(
        description="Skills the posting names outside its requirements and nice-to-haves"
    )
    keywords_found: list[str] = Field(description="Words the posting repeats, also in the resume")
    keywords_missing: list[str]
    explanation: str
    truncated: bool = Field(description="Whether a text was longer than the scorer reads")


class FitOut(BaseModel):
    state: FitState
    message: str | None = Field(description="What to do, when there is no analysis")
    resume: FitResume | None
    resume_choices: list[ResumeOption] = Field(
        description="The user's resumes, newest first (at most 50)"
    )
    analysis: FitAnalysis | None
