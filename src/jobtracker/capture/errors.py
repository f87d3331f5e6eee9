"""The safe fetcher's refusals, each worded for a person and answered with its own status."""

from __future__ import annotations

from jobtracker.errors import AppError


class FetchError(AppError):
    """Any reason a page was not fetched; catch this one type to handle them all."""

    status_code = 422
    code = "fetch_refused"


class FetchRefused(FetchError):
    """The address is not one Job Tracker may visit: scheme, port, private network, redirects."""


class FetchTimedOut(FetchError):
    status_code = 504
    code = "fetch_timed_out"


class PageTooLarge(FetchError):
    status_code = 413
    code = "page_too_large"


class SiteUnreachable(FetchError):
    """The site could not be found, reached, or understood."""

    status_code = 502
    code = "site_unreachable"
