"""A posting's fields from a page, pasted text, or what the browser extension sends; best first.

Order for a page: schema.org JobPosting in JSON-LD, then in microdata, then the page's main
text (description, a stated salary, labelled lines) with its OpenGraph/meta tags and title.
Each field keeps the source it came from; a field without evidence stays None.

Inputs are bounded before any parsing: the route refuses larger ones, and these functions
trim whatever reaches them to the same sizes, so they are safe to call on their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

import lxml.html  # type: ignore[import-untyped]
from lxml import etree

from jobtracker.capture.job_boards import job_board_request
from jobtracker.capture.page_text import main_text, meta_fields
from jobtracker.capture.pasted_text import extract_from_plain_text
from jobtracker.capture.posting import ExtractedPosting, FieldSource
from jobtracker.capture.structured_data import (
    job_postings,
    json_ld_objects,
    microdata_job_postings,
    read_job_posting,
)

MAX_HTML_CHARS = 5_000_000  # the fetcher's 5 MB cap
MAX_TEXT_CHARS = 500_000  # pasted text, or the extension's selected or main text
# Sites whose pages people paste or capture, named for the form's "found on" label.
_SITES = {
    "linkedin": "LinkedIn",
    "indeed": "Indeed",
    "glassdoor": "Glassdoor",
    "stepstone": "StepStone",
    "xing": "XING",
    "welcometothejungle": "Welcome to the Jungle",
    "wellfound": "Wellfound",
    "ziprecruiter": "ZipRecruiter",
    "workday": "Workday",
    "myworkdayjobs": "Workday",
    "personio": "Personio",
    "teamtailor": "Teamtailor",
}
# What a page's main text can state plainly (labelled lines, a stated salary, the text itself).
_FIELDS_TEXT_CAN_GIVE = (
    "job_description",
    "salary_min",
    "work_mode",
    "location",
    "employment_type",
)
_LOOKS_LIKE_HTML = re.compile(
    r"<(?:!doctype\s+html|html|head|body|div|p|ul|li|script|meta|article|main|section)\b",
    re.IGNORECASE,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")


def extract_from_html(html: str, url: str | None) -> ExtractedPosting:
    """The posting on a web page; `url` (the page's address) resolves relative links."""
    document = _parsed(html[:MAX_HTML_CHARS])
    board = site_name(url)
    if document is None:
        return ExtractedPosting(board=board)
    blocks = [
        script.text_content()
        for script in document.iter("script")
        if (script.get("type") or "").strip().lower() == "application/ld+json"
    ]
    structured = _first_posting(json_ld_objects(blocks), FieldSource.JSON_LD, url)
    # extruct walks the whole tree; a page without the attribute has no microdata to find.
    microdata = microdata_job_postings(document, url) if "itemscope" in html else []
    if microdata:
        structured = structured.merged_with(
            read_job_posting(microdata[0], FieldSource.MICRODATA, url)
        )
    meta = meta_fields(document, url)
    page = ExtractedPosting()
    # The main text is the costliest step: skipped when structured data left nothing for it.
    if any(getattr(structured, name) is None for name in _FIELDS_TEXT_CAN_GIVE):
        page = extract_from_plain_text(main_text(document), read_header=False)
    posting = structured.merged_with(page.merged_with(meta))
    posting.board = board
    return posting


def extract_from_text(text: str) -> ExtractedPosting:
    """A posting pasted by a person: plain text, or a page's HTML copied whole."""
    text = text[:MAX_TEXT_CHARS]
    if _LOOKS_LIKE_HTML.search(text[:10_000]):
        return extract_from_html(text, None)
    return extract_from_plain_text(text)


def extract_from_capture(
    url: str | None, html: str | None, json_ld: Sequence[str], selected_text: str | None
) -> ExtractedPosting:
    """What the browser extension sends: the page's JSON-LD blocks first, then the text.

    `selected_text` is what the user selected, or the page's main text; `html`, when sent,
    is read last, for whatever the other two leave empty.
    """
    posting = _first_posting(json_ld_objects(json_ld), FieldSource.JSON_LD, url)
    if selected_text and selected_text.strip():
        posting = posting.merged_with(extract_from_text(selected_text))
    if html:
        posting = posting.merged_with(extract_from_html(html, url))
    elif url:
        posting = posting.merged_with(meta_fields(None, url))
    posting.board = site_name(url)
    return posting


def site_name(url: str | None) -> str | None:
    """The job board or site a posting's address belongs to, when it is a known one."""
    if not url:
        return None
    request = job_board_request(url)
    if request is not None:
        return request.board.value
    host = (urlsplit(url.strip()).hostname or "").lower()
    labels = host.split(".")
    return next((_SITES[label] for label in labels if label in _SITES), None)


def _first_posting(values: list[object], source: FieldSource, url: str | None) -> ExtractedPosting:
    postings = job_postings(values)
    return read_job_posting(postings[0], source, url) if postings else ExtractedPosting()


def _parsed(html: str) -> lxml.html.HtmlElement | None:
    """The page as an lxml document; None when there is nothing to parse."""
    # lxml refuses text that still declares its byte encoding, and reads NULs as U+FFFD.
    markup = _XML_DECLARATION.sub("", html).replace("\x00", "")
    if not markup.strip():
        return None
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None
