"""Other trackers' exports, recognised by their header rows, with the mapping they call for.

Where a layout was confirmed, the comment above it names the public source; where research
could not confirm one, the comment says so and what the layout is based on. Headers are
compared as words (`normalised_header`), so "companyName" and "Company Name" are one header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from jobtracker.applications.stages import Stage
from jobtracker.portability.columns import COLUMNS, guess_mapping, normalised_header
from jobtracker.portability.schemas import ImportFieldName

ExtraPlacement = Literal["notes", "tags"]


@dataclass(frozen=True)
class KnownFormat:
    """A recognised layout, its mapping given for the file's own column names."""

    name: str
    description: str  # as the preview says it: "Looks like a Teal export"
    # The file's columns this format has → field; None for the ones it has no field for.
    mapping: dict[str, ImportFieldName | None]
    extra_columns: dict[str, ExtraPlacement]  # columns with no field of ours, kept by default
    status_words: dict[str, Stage]  # the format's own status vocabulary
    # The stage of every row when the format has no status column (LinkedIn's files).
    default_stage: Stage | None = None


@dataclass(frozen=True)
class Layout:
    name: str
    description: str
    signature: tuple[str, ...]  # headers that must all be there
    fields: dict[str, ImportFieldName | None]
    extra_columns: dict[str, ExtraPlacement] = field(default_factory=dict)
    status_words: dict[str, Stage] = field(default_factory=dict)
    default_stage: Stage | None = None


# Our own CSV export: its header row is `columns.COLUMNS`. The export-only columns (deliverable
# counts, timestamps, ID) are dropped rather than kept: they describe this app's records.
_OWN_EXPORT = Layout(
    name="Job Tracker",
    description="Looks like an export from Job Tracker (this app)",
    signature=("Company", "Role", "Stage", "Open deliverables", "Created at", "ID"),
    fields={column.header: column.field for column in COLUMNS},
    status_words={stage.value: stage for stage in Stage},
)

# Huntr's CSV export. Confirmed from a real export kept as test data by a public converter
# (github.com/keenlychuang/huntr-to-notion, data/sample_data/*.csv): camelCase headers,
# "2022-02-26 19:17:05" timestamps, "-" for empty cells, the board's list as the status
# (Huntr's default lists are Wishlist, Applied, Interview, Offer and Rejected).
_HUNTR = Layout(
    name="Huntr",
    description="Looks like a Huntr export",
    signature=("title", "companyName", "listName", "boardName"),
    fields={
        "title": "role",
        "companyName": "company",
        "listName": "stage",
        "salary": "salary",
        "location": "location",
        "url": "job_url",
        "htmlDescription": "job_description",
        "deadline": "deadline",
        "id": None,
        "createdAt": None,  # when the card was made, not when the application was sent
        "lastMovedAt": None,
        "rootDomain": None,
        "color": None,
        "boardId": None,
        "listId": None,
        "companyId": None,
        "companyDomain": None,
        "creatorUserId": None,
        "creatorUserFirstName": None,
        "creatorUserLastName": None,
        "creatorUserEmail": None,
    },
    extra_columns={"boardName": "tags"},
    status_words={
        "Wishlist": Stage.WISHLIST,
        "Applied": Stage.APPLIED,
        "Interview": Stage.INTERVIEW,
        "Offer": Stage.OFFER,
        "Rejected": Stage.REJECTED,
    },
)

# Teal's job tracker export. Not confirmed: no public export sample or parser was found.
# Based on the columns and statuses Teal's tracker shows (Job Position, Company, Min/Max
# Salary, Status, Date Saved, Date Applied, Deadline, Follow Up, Excitement), with US dates.
_TEAL = Layout(
    name="Teal",
    description="Looks like a Teal export",
    signature=("Job Position", "Company", "Status", "Excitement"),
    fields={
        "Job Position": "role",
        "Company": "company",
        "Location": "location",
        "Min Salary": "salary_min",
        "Max Salary": "salary_max",
        "Status": "stage",
        "Date Applied": "applied_on",
        "Deadline": "deadline",
        "URL": "job_url",
        "Notes": "notes",
    },
    extra_columns={"Excitement": "notes", "Date Saved": "notes", "Follow Up": "notes"},
    status_words={
        "Bookmarked": Stage.WISHLIST,
        "Applying": Stage.DRAFTING,
        "Applied": Stage.APPLIED,
        "Interviewing": Stage.INTERVIEW,
        "Negotiating": Stage.OFFER,
        "Accepted": Stage.ACCEPTED,
        "I Withdrew": Stage.WITHDRAWN,
        "Not Selected": Stage.REJECTED,
        "No Response": Stage.GHOSTED,
        "Archived": Stage.GHOSTED,
    },
)

# Simplify's job tracker export. Not confirmed: no public export sample or parser was found.
# Based on the fields and statuses Simplify's tracker shows (Saved, Applied, Screen,
# Interviewing, Offer, Rejected, Withdrawn), with ISO timestamps.
_SIMPLIFY = Layout(
    name="Simplify",
    description="Looks like a Simplify export",
    signature=("Company Name", "Job Title", "Job Status", "Date Saved"),
    fields={
        "Company Name": "company",
        "Job Title": "role",
        "Job Status": "stage",
        "Date Applied": "applied_on",
        "Location": "location",
        "Salary": "salary",
        "Job URL": "job_url",
        "Notes": "notes",
        "Date Saved": None,
    },
    extra_columns={"Job Type": "notes"},
    status_words={
        "Saved": Stage.WISHLIST,
        "Applied": Stage.APPLIED,
        "Screen": Stage.SCREENING,
        "Interviewing": Stage.INTERVIEW,
        "Offer": Stage.OFFER,
        "Rejected": Stage.REJECTED,
        "Withdrawn": Stage.WITHDRAWN,
    },
)

# JobSync's "Export jobs" CSV. Confirmed from its source (github.com/Gsync/jobsync,
# src/app/api/jobs/export/route.ts): index, createdAt, applied (Yes/No), appliedDate
# (yyyy-MM-dd or "N/A"), Company, JobTitle, jobType, Location (Locations in older versions),
# JobSource, Status; its statuses from prisma/migrations and the seed: Draft, Applied,
# Interview, Offer, Rejected, Expired, Archived, Offer Accepted, Offer Declined.
_JOBSYNC = Layout(
    name="JobSync",
    description="Looks like a JobSync export",
    signature=("JobTitle", "appliedDate", "JobSource", "jobType"),
    fields={
        "Company": "company",
        "JobTitle": "role",
        "Status": "stage",
        "appliedDate": "applied_on",
        "Location": "location",
        "Locations": "location",
        "JobSource": "source",
        "applied": None,  # Yes/No, said again by appliedDate
        "createdAt": None,
        "index": None,
    },
    extra_columns={"jobType": "notes"},
    status_words={
        "Draft": Stage.DRAFTING,
        "Applied": Stage.APPLIED,
        "Interview": Stage.INTERVIEW,
        "Offer": Stage.OFFER,
        "Rejected": Stage.REJECTED,
        "Expired": Stage.GHOSTED,
        "Archived": Stage.GHOSTED,
        "Offer Accepted": Stage.ACCEPTED,
        "Offer Declined": Stage.WITHDRAWN,
    },
)

# A Notion database exported as CSV. Notion writes the database's own property names, so
# there is no single layout; this is the common job-applications template (Company as the
# title, Position, Status, Applied, Job Link, Salary, Location, Notes, and Notion's "Created
# time" property), with Notion's "September 3, 2026" dates and a UTF-8 BOM. Not confirmed
# from a public sample.
_NOTION = Layout(
    name="Notion",
    description="Looks like a Notion database export",
    signature=("Company", "Position", "Status", "Created time"),
    fields={
        "Company": "company",
        "Position": "role",
        "Status": "stage",
        "Applied": "applied_on",
        "Job Link": "job_url",
        "Salary": "salary",
        "Location": "location",
        "Tags": "tags",
        "Notes": "notes",
        "Created time": None,
        "Last edited time": None,
    },
    extra_columns={"Contact": "notes"},
    status_words={
        "Not started": Stage.WISHLIST,
        "Interested": Stage.WISHLIST,
        "Applied": Stage.APPLIED,
        "Interviewing": Stage.INTERVIEW,
        "Offer": Stage.OFFER,
        "Rejected": Stage.REJECTED,
    },
)

# LinkedIn's data export ("Get a copy of your data" → Jobs): Jobs/Job Applications.csv and
# Jobs/Saved Jobs.csv (numbered _1, _2 when long). Confirmed from several public parsers of
# the archive: "Application Date, Contact Email, Contact Phone Number, Company Name, Job
# Title, Job Url, Resume Name, Question And Answers" and "Saved Date, Job Url, Job Title,
# Company Name", dates like "10/3/26, 2:22 PM". Neither file has a status: every application
# in the first was sent, every job in the second saved.
_LINKEDIN_APPLICATIONS = Layout(
    name="LinkedIn Job Applications",
    description="Looks like LinkedIn's “Job Applications” file from your data export",
    signature=("Application Date", "Company Name", "Job Title", "Job Url", "Resume Name"),
    fields={
        "Application Date": "applied_on",
        "Company Name": "company",
        "Job Title": "role",
        "Job Url": "job_url",
    },
    extra_columns={
        "Contact Email": "notes",
        "Contact Phone Number": "notes",
        "Resume Name": "notes",
        "Question And Answers": "notes",
    },
    default_stage=Stage.APPLIED,
)
_LINKEDIN_SAVED_JOBS = Layout(
    name="LinkedIn Saved Jobs",
    description="Looks like LinkedIn's “Saved Jobs” file from your data export",
    signature=("Saved Date", "Job Url", "Job Title", "Company Name"),
    fields={"Job Url": "job_url", "Job Title": "role", "Company Name": "company"},
    extra_columns={"Saved Date": "notes"},
    default_stage=Stage.WISHLIST,
)

# Spreadsheet templates people start a search with. Not any one vendor's file: composites of
# the headers the popular free Google Sheets and Excel job-tracker templates share, each
# recognised by the columns that set it apart. Their statuses are the generic words.
_SHEETS_TEMPLATE = Layout(
    name="Google Sheets job tracker",
    description="Looks like a Google Sheets job-search template",
    signature=("Company", "Position", "Date Applied", "Status", "Follow-up Date"),
    fields={
        "Company": "company",
        "Position": "role",
        "Location": "location",
        "Date Applied": "applied_on",
        "Status": "stage",
        "Link": "job_url",
        "Salary": "salary",
        "Notes": "notes",
    },
    extra_columns={"Contact Name": "notes", "Contact Email": "notes", "Follow-up Date": "notes"},
)
_EXCEL_TEMPLATE = Layout(
    name="Excel job application tracker",
    description="Looks like an Excel job application tracker template",
    signature=("Company Name", "Job Title", "Application Date", "Application Status"),
    fields={
        "Company Name": "company",
        "Job Title": "role",
        "Application Date": "applied_on",
        "Application Status": "stage",
        "Job Posting URL": "job_url",
        "Salary Range": "salary",
        "Location": "location",
        "Source": "source",
        "Notes": "notes",
    },
    extra_columns={"Contact Person": "notes", "Interview Date": "notes", "Response": "notes"},
)
_JOB_HUNT_TEMPLATE = Layout(
    name="Job hunt spreadsheet",
    description="Looks like a job-hunt spreadsheet template",
    signature=("Employer", "Role", "Date Submitted", "Next Step"),
    fields={
        "Employer": "company",
        "Role": "role",
        "Stage": "stage",
        "Date Submitted": "applied_on",
        "Deadline": "deadline",
        "Source": "source",
        "Link": "job_url",
        "Pay": "salary",
        "Comments": "notes",
    },
    extra_columns={"Next Step": "notes", "Recruiter": "notes"},
)

LAYOUTS = (
    _OWN_EXPORT,
    _HUNTR,
    _TEAL,
    _SIMPLIFY,
    _JOBSYNC,
    _NOTION,
    _LINKEDIN_APPLICATIONS,
    _LINKEDIN_SAVED_JOBS,
    _SHEETS_TEMPLATE,
    _EXCEL_TEMPLATE,
    _JOB_HUNT_TEMPLATE,
)


def detect_format(columns: list[str]) -> KnownFormat | None:
    """The format whose header signature the file's columns carry; the most specific wins.

    None when no signature fits: the caller guesses the mapping column by column instead.
    """
    words = {normalised_header(column) for column in columns}
    matching = [
        layout
        for layout in LAYOUTS
        if all(normalised_header(header) in words for header in layout.signature)
    ]
    if not matching:
        return None
    layout = max(matching, key=lambda candidate: len(candidate.signature))
    return _for_columns(layout, columns)


def suggest_mapping(
    columns: list[str], fits: Callable[[ImportFieldName, str], bool]
) -> tuple[KnownFormat | None, dict[str, ImportFieldName | None]]:
    """The format the file looks like, if any, and a mapping for every one of its columns.

    A known format's mapping is taken as it is; columns it does not know (ones the user
    added) get the header guess for fields the format left free. `fits` is as for
    `guess_mapping`.
    """
    guessed = guess_mapping(columns, fits)
    known = detect_format(columns)
    if known is None:
        return None, guessed
    taken = {name for name in known.mapping.values() if name is not None}
    mapping: dict[str, ImportFieldName | None] = {}
    for column in columns:
        if column in known.mapping:
            mapping[column] = known.mapping[column]
            continue
        name = guessed[column]
        mapping[column] = None if name in taken else name
        if name is not None:
            taken.add(name)
    return known, mapping


def _for_columns(layout: Layout, columns: list[str]) -> KnownFormat:
    """The layout's mapping and extras, keyed by the file's own spelling of each header."""
    fields = {normalised_header(header): name for header, name in layout.fields.items()}
    extras = {normalised_header(header): place for header, place in layout.extra_columns.items()}
    mapping: dict[str, ImportFieldName | None] = {}
    extra_columns: dict[str, ExtraPlacement] = {}
    taken: set[ImportFieldName] = set()
    for column in columns:
        words = normalised_header(column)
        if words in extras:
            extra_columns[column] = extras[words]
        if words not in fields:
            if words in extras:
                mapping[column] = None
            continue
        name = fields[words]
        # Two headers the format reads as one field (JobSync's Location, Locations) map once.
        mapping[column] = None if name in taken else name
        if name is not None:
            taken.add(name)
    return KnownFormat(
        name=layout.name,
        description=layout.description,
        mapping=mapping,
        extra_columns=extra_columns,
        status_words=dict(layout.status_words),
        default_stage=layout.default_stage,
    )
