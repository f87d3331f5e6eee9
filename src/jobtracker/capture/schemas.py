"""Request and response shapes of capture: a posting's link, page or text in, its fields out."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from jobtracker.applications.duplicates import TrackedApplication
from jobtracker.applications.stages import EmploymentType, SalaryPeriod, Stage, WorkMode
from jobtracker.capture.posting import ExtractedPosting, FieldSource

MAX_HTML_BYTES = 5 * 1024 * 1024
MAX_TEXT_BYTES = 500 * 1024
MAX_JSON_LD_BLOCKS = 20
MAX_JSON_LD_BYTES = 1024 * 1024
# The whole body: the largest html, text, selection and JSON-LD, with room for JSON escaping.
MAX_CAPTURE_BODY_BYTES = 2 * (MAX_HTML_BYTES + 2 * MAX_TEXT_BYTES + MAX_JSON_LD_BYTES)
NOTHING_TO_READ = "Give the posting's link, or paste its text or HTML."


def _megabytes(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def _at_most(limit: int, what: str) -> AfterValidator:
    def check(text: str) -> str:
        if len(text.encode("utf-8", "surrogatepass")) > limit:
            raise ValueError(
                f"The {what} is larger than {_megabytes(limit)}. Paste only the posting itself."
            )
        return text

    return AfterValidator(check)


def _json_ld_blocks(blocks: list[str]) -> list[str]:
    if len(blocks) > MAX_JSON_LD_BLOCKS:
        raise ValueError(f"Send at most {MAX_JSON_LD_BLOCKS} JSON-LD blocks.")
    if sum(len(block.encode("utf-8", "surrogatepass")) for block in blocks) > MAX_JSON_LD_BYTES:
        raise ValueError(
            f"The JSON-LD blocks together are larger than {_megabytes(MAX_JSON_LD_BYTES)}."
        )
    return blocks


def _web_address(url: str) -> str:
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError("Enter the posting's address starting with http:// or https://.")
    return url


class CaptureRequest(BaseModel):
    """At least one of url, html and text. With html or text nothing is fetched."""

    model_config = ConfigDict(extra="forbid")

    url: Annotated[str, Field(max_length=2000), AfterValidator(_web_address)] | None = Field(
        default=None,
        description="The posting's address. Fetched only when neither html nor text is sent",
    )
    html: Annotated[str, _at_most(MAX_HTML_BYTES, "page's HTML")] | None = Field(
        default=None, description="The posting page's HTML, at most 5 MB"
    )
    text: Annotated[str, _at_most(MAX_TEXT_BYTES, "pasted text")] | None = Field(
        default=None, description="The posting's text as pasted, at most 500 KB"
    )
    json_ld: Annotated[list[str], AfterValidator(_json_ld_blocks)] = Field(
        default_factory=list,
        description="The page's JSON-LD script blocks as text: at most 20, 1 MB together",
    )
    selected_text: Annotated[str, _at_most(MAX_TEXT_BYTES, "selected text")] | None = Field(
        default=None, description="Text the user selected on the page, at most 500 KB"
    )

    @model_validator(mode="after")
    def _something_to_read(self) -> CaptureRequest:
        if not any(part and part.strip() for part in (self.url, self.html, self.text)):
            raise ValueError(NOTHING_TO_READ)
        return self


class _Found(BaseModel):
    source: FieldSource = Field(description="Where the value was read; `ai` when a model filled it")


class FoundText(_Found):
    value: str


class FoundAmount(_Found):
    value: int


class FoundDay(_Found):
    value: date


class FoundWorkMode(_Found):
    value: WorkMode


class FoundSalaryPeriod(_Found):
    value: SalaryPeriod


class FoundEmploymentType(_Found):
    value: EmploymentType


class CapturedFields(BaseModel):
    """Each field of an application that capture fills; null when nothing was found."""

    company: FoundText | None
    role: FoundText | None
    location: FoundText | None
    work_mode: FoundWorkMode | None
    salary_min: FoundAmount | None
    salary_max: FoundAmount | None
    salary_currency: FoundText | None
    salary_period: FoundSalaryPeriod | None
    employment_type: FoundEmploymentType | None
    deadline: FoundDay | None
    posted_on: FoundDay | None
    job_description: FoundText | None
    job_url: FoundText | None


class CaptureDuplicate(BaseModel):
    """The user's application for the same posting (same link, or same company and role)."""

    application_id: int
    company: str
    role: str
    stage: Stage
    created_at: datetime
    url: str = Field(description="The application's page in the web UI")


class CaptureOut(BaseModel):
    fields: CapturedFields
    board: str | None = Field(description="The job board the posting came from, when known")
    duplicate: CaptureDuplicate | None
    notes: list[str] = Field(description="Things the user should know, in plain words")

    @classmethod
    def of(
        cls, posting: ExtractedPosting, tracked: TrackedApplication | None, notes: list[str]
    ) -> CaptureOut:
        found = posting.as_dict()
        board = found.pop("board")
        duplicate = None
        if tracked is not None:
            duplicate = CaptureDuplicate(
                application_id=tracked.id,
                company=tracked.company,
                role=tracked.role,
                stage=tracked.stage,
                created_at=tracked.created_at,
                url=f"/applications/{tracked.id}",
            )
        return cls(
            fields=CapturedFields.model_validate(found),
            board=board,
            duplicate=duplicate,
            notes=notes,
        )
