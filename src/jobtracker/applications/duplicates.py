"""Is this posting already tracked? The one rule capture and import share.

Two applications are the same posting when their job URLs match once tracking parameters,
fragments and cosmetic differences are gone, or when company and role match ignoring case,
spacing and punctuation around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobtracker.applications.models import Application
from jobtracker.applications.stages import Stage

# Query parameters that say where a visitor came from, never which posting it is. Job-board
# ids that travel in the query (Greenhouse's gh_jid, Lever's none) are kept.
_TRACKING_PARAMETERS = frozenset(
    {
        "gh_src",
        "lever-source",
        "lever-origin",
        "lever-via",
        "trk",
        "trkinfo",
        "refid",
        "ref",
        "referrer",
        "src",
        "source",
        "from",
        "fbclid",
        "gclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "ebp",
        "trackingid",
        "tracking_id",
        "sid",
        "clickid",
        "ashby_jid_src",
        "jobsource",
    }
)
_TRACKING_PREFIXES = ("utm_", "_hs", "hsa_")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCTUATION = " .,;:!?-\u2013\u2014|\u00b7\"'()[]"  # dashes and middle dot too


def comparable_job_url(url: str | None) -> str | None:
    """The URL reduced to what identifies the posting; None when it isn't a web address."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    port = parts.port if parts.port not in {None, 80, 443} else None
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=False)
        if not _is_tracking(name)
    )
    path = parts.path.rstrip("/") or "/"
    # The scheme is left out: http and https links to one posting are one posting.
    netloc = f"{host}:{port}" if port else host
    return urlunsplit(("", netloc, path, urlencode(query), ""))


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_PARAMETERS or lowered.startswith(_TRACKING_PREFIXES)


def comparable_name(text: str | None) -> str:
    """Company or role as compared: case, inner spacing and edge punctuation ignored."""
    if not text:
        return ""
    return _SPACES.sub(" ", text).strip(_EDGE_PUNCTUATION).casefold()


@dataclass(frozen=True)
class TrackedApplication:
    id: int
    company: str
    role: str
    stage: Stage
    job_url: str | None
    created_at: datetime


class DuplicateFinder:
    """One user's applications indexed by comparable URL and by company and role."""

    def __init__(self, applications: list[TrackedApplication]) -> None:
        self._by_url: dict[str, TrackedApplication] = {}
        self._by_name: dict[tuple[str, str], TrackedApplication] = {}
        for application in applications:
            self.add(application)

    @classmethod
    def for_owner(cls, session: Session, owner_id: int) -> DuplicateFinder:
        rows = session.execute(
            select(
                Application.id,
                Application.company,
                Application.role,
                Application.stage,
                Application.job_url,
                Application.created_at,
            )
            # The trash is not compared against: what is in it was given up.
            .where(Application.owner_id == owner_id, Application.deleted_at.is_(None))
            .order_by(Application.id)
        )
        return cls([TrackedApplication(*row) for row in rows])

    def add(self, application: TrackedApplication) -> None:
        """Index one more; the first one added under a key stays its match."""
        url = comparable_job_url(application.job_url)
        if url is not None:
            self._by_url.setdefault(url, application)
        name = (comparable_name(application.company), comparable_name(application.role))
        if all(name):
            self._by_name.setdefault(name, application)

    def find(
        self, *, job_url: str | None, company: str | None, role: str | None
    ) -> TrackedApplication | None:
        url = comparable_job_url(job_url)
        if url is not None and url in self._by_url:
            return self._by_url[url]
        name = (comparable_name(company), comparable_name(role))
        return self._by_name.get(name) if all(name) else None
