"""The fit of an application's posting with a resume: which resume, and what stands in the way."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy.orm import Session

from jobtracker.applications import service as applications_service
from jobtracker.documents import resume_lookup
from jobtracker.documents.models import TextStatus
from jobtracker.documents.resume_lookup import ResumeText
from jobtracker.insight.fit import FitResult, measure_fit
from jobtracker.insight.fit_schemas import (
    FitAnalysis,
    FitOut,
    FitResume,
    FitState,
    MatchedSkillOut,
    MissingSkillOut,
    ResumeOption,
)

NO_JOB_DESCRIPTION = (
    "This application has no job description yet. Paste the posting into its Job description "
    "field to see how your resume fits."
)
NO_RESUME = (
    "You have no resume to compare with. Upload your resume under Documents and set its kind to "
    "Resume, then come back here."
)


def fit_for_application(
    session: Session, owner_id: int, application_id: int, document_id: int | None = None
) -> FitOut:
    """The fit with `document_id` (any of the owner's documents) or the default resume; another
    user's application or document answers 404."""
    application = applications_service.get_application(session, owner_id, application_id)
    if document_id is not None:
        resume: ResumeText | None = resume_lookup.chosen_resume(session, owner_id, document_id)
    else:
        resume = resume_lookup.default_resume(session, owner_id, application_id)
    choices = [
        ResumeOption(id=option.id, filename=option.filename)
        for option in resume_lookup.recent_resumes(session, owner_id)
    ]
    chosen = (
        FitResume(id=resume.id, filename=resume.filename, chosen_because=resume.chosen_because)
        if resume
        else None
    )

    def without_analysis(state: FitState, message: str) -> FitOut:
        return FitOut(
            state=state, message=message, resume=chosen, resume_choices=choices, analysis=None
        )

    posting = application.job_description or ""
    if not posting.strip():
        return without_analysis(FitState.NO_JOB_DESCRIPTION, NO_JOB_DESCRIPTION)
    if resume is None:
        return without_analysis(FitState.NO_RESUME, NO_RESUME)
    if resume.text_status is TextStatus.PENDING:
        return without_analysis(
            FitState.RESUME_TEXT_PENDING,
            f"The text of “{resume.filename}” is still being read. Try again in a moment.",
        )
    if resume.text_status is TextStatus.UNREADABLE or not resume.text.strip():
        return without_analysis(FitState.RESUME_UNREADABLE, _unreadable(resume))
    result = measure_fit(resume.text, posting)
    return FitOut(
        state=FitState.READY,
        message=None,
        resume=chosen,
        resume_choices=choices,
        analysis=analysis_of(result),
    )


def analysis_of(result: FitResult) -> FitAnalysis:
    return FitAnalysis(
        score=result.score,
        matched=[MatchedSkillOut(**asdict(skill)) for skill in result.matched],
        missing_required=[MissingSkillOut(**asdict(skill)) for skill in result.missing_required],
        missing_nice=[MissingSkillOut(**asdict(skill)) for skill in result.missing_nice],
        missing_other=[MissingSkillOut(**asdict(skill)) for skill in result.missing_other],
        keywords_found=result.keywords_found,
        keywords_missing=result.keywords_missing,
        explanation=result.explanation,
        truncated=result.truncated,
    )


def _unreadable(resume: ResumeText) -> str:
    why = f" ({resume.extraction_note.rstrip('.')})" if resume.extraction_note else ""
    return (
        f"No text could be read from “{resume.filename}”{why}. Upload it as a PDF with "
        "selectable text, a Word file or plain text, or choose another resume."
    )
