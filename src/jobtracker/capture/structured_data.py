"""schema.org JobPosting read from JSON-LD blocks and from microdata, the way Google documents it.

Handles what sites really publish: `@graph` and top-level lists, `@type` as a list or a full
IRI, `hiringOrganization` as an object or a plain name, `jobLocation` as one Place or many,
`address` as a PostalAddress or text, `jobLocationType: TELECOMMUTE`, `baseSalary` as a
MonetaryAmount whose `value` is a QuantitativeValue or a number, and HTML descriptions.

JSON-LD is parsed here rather than by extruct's JSON-LD extractor: that one falls back to a
pure-Python parser on any malformed block and has no bound on size; here each block is
limited in size, a malformed one is skipped, and nesting deeper than Python's recursion
limit is refused by the json module itself. Microdata is read by extruct.
"""

from __future__ import annotations

import copy
import json
import re
from collections import deque
from collections.abc import Iterable
from urllib.parse import urljoin

import lxml.html  # type: ignore[import-untyped]

from jobtracker.applications.stages import WorkMode
from jobtracker.capture.fields import PostingBuilder
from jobtracker.capture.posting import ExtractedPosting, FieldSource
from jobtracker.capture.vocabulary import (
    date_from_value,
    employment_type_from_word,
    salary_period_from_code,
    work_mode_from_code,
)

# All JSON-LD of one page together; the route refuses more, this trims what reaches here.
MAX_JSON_LD_CHARS = 1_000_000
# How deep a JobPosting may sit inside its block (an @graph in a list is depth 2).
MAX_SEARCH_DEPTH = 8
# Items (itemscope elements) a microdata JobPosting may hold: an employer, places, a salary.
MAX_MICRODATA_ITEMS = 100
_MICRODATA_JOB_POSTING = '//*[@itemscope][contains(@itemtype, "JobPosting")]'
# Places listed as a posting's location; more are summarised by the first ones.
MAX_PLACES = 3
_COMMENT_LINES = re.compile(r"^\s*(?://.*|<!--.*?-->|<!--|-->)\s*$", re.MULTILINE)
_SCHEMA_PREFIX = re.compile(r"^(?:https?://schema\.org/|schema:)", re.IGNORECASE)

JsonObject = dict[str, object]


def json_ld_objects(blocks: Iterable[str]) -> list[object]:
    """The decoded top-level values of JSON-LD blocks, malformed ones left out, within the size."""
    decoded: list[object] = []
    budget = MAX_JSON_LD_CHARS
    for block in blocks:
        if len(block) > budget:
            break
        budget -= len(block)
        value = _decoded(block)
        if value is not None:
            decoded.append(value)
    return decoded


def _decoded(block: str) -> object:
    for text in (block, _COMMENT_LINES.sub("", block)):
        try:
            return json.loads(text, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def job_postings(values: Iterable[object]) -> list[JsonObject]:
    """Every JobPosting object in decoded JSON-LD, looking through lists and @graph.

    A graph often names the employer once and points at it (`"hiringOrganization":
    {"@id": "https://acme.example/#org"}`): such references are replaced by the object.
    """
    found: list[JsonObject] = []
    by_id: dict[str, JsonObject] = {}
    pending: deque[tuple[object, int]] = deque((value, 0) for value in values)
    while pending:
        value, depth = pending.popleft()
        if depth > MAX_SEARCH_DEPTH:
            continue
        if isinstance(value, list):
            pending.extend((entry, depth + 1) for entry in value)
        elif isinstance(value, dict):
            if isinstance(value.get("@id"), str):
                by_id.setdefault(value["@id"], value)
            if "JobPosting" in _types(value):
                found.append(value)
            elif "@graph" in value:
                pending.append((value["@graph"], depth + 1))
    return [_with_references_resolved(job, by_id) for job in found]


def _with_references_resolved(job: JsonObject, by_id: dict[str, JsonObject]) -> JsonObject:
    resolved = dict(job)
    for name in ("hiringOrganization", "jobLocation"):
        value = job.get(name)
        if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
            resolved[name] = by_id.get(str(value.get("@id")), value)
    return resolved


def _types(value: JsonObject) -> set[str]:
    declared = value.get("@type", value.get("type"))
    names = declared if isinstance(declared, list) else [declared]
    return {_SCHEMA_PREFIX.sub("", name) for name in names if isinstance(name, str)}


def microdata_job_postings(
    document: lxml.html.HtmlElement, base_url: str | None
) -> list[JsonObject]:
    """The page's first microdata JobPosting (an lxml document), shaped like JSON-LD.

    extruct's cost grows faster than the number of items on the page (17 s of CPU for
    50,000 small items in 4 MB), so it reads only the posting's own element, copied out of
    the page, and only when that holds a reasonable number of nested items.
    """
    # here, not at start-up: extruct brings rdflib and more, about 0.2 s and 17 MiB
    from extruct.w3cmicrodata import LxmlMicrodataExtractor  # type: ignore[import-untyped]

    element = next(iter(document.xpath(_MICRODATA_JOB_POSTING)), None)
    if element is None or len(element.xpath(".//*[@itemscope]")) > MAX_MICRODATA_ITEMS:
        return []
    posting_only = lxml.html.document_fromstring("<html><body></body></html>")
    posting_only.body.append(copy.deepcopy(element))
    try:
        items = LxmlMicrodataExtractor(nested=True).extract_items(posting_only, base_url)
    except (ValueError, TypeError, RecursionError):
        return []
    postings = job_postings([_as_json_ld(item) for item in items])
    description = next(iter(element.xpath('.//*[@itemprop="description"]')), None)
    if postings and description is not None:
        markup = str(lxml.html.tostring(description, encoding="unicode", with_tail=False))
        postings[0] = postings[0] | {"description": markup}
    return postings


def _as_json_ld(value: object, depth: int = 0) -> object:
    """extruct's {"type": …, "properties": {…}} items as JSON-LD objects, to read both alike."""
    if depth > MAX_SEARCH_DEPTH:
        return None
    if isinstance(value, list):
        return [_as_json_ld(entry, depth + 1) for entry in value]
    if isinstance(value, dict) and isinstance(value.get("properties"), dict):
        converted: JsonObject = {"@type": value.get("type")}
        for name, entry in value["properties"].items():
            converted[name] = _as_json_ld(entry, depth + 1)
        return converted
    return value


def read_job_posting(
    job: JsonObject, source: FieldSource, page_url: str | None = None
) -> ExtractedPosting:
    """One schema.org JobPosting's fields; relative links resolved against the page's URL."""
    found = PostingBuilder(source)
    found.text("role", _text(job.get("title")) or _text(job.get("name")))
    found.text("company", _organisation_name(job.get("hiringOrganization")))
    location_types = _strings(job.get("jobLocationType"))
    places = [_place_text(place) for place in _entries(job.get("jobLocation"))]
    named = [place for place in places if place][:MAX_PLACES]
    if named:
        found.text("location", "; ".join(named))
    else:
        # A remote posting names where applicants may live instead of an office.
        regions = [_name(area) for area in _entries(job.get("applicantLocationRequirements"))]
        found.text("location", ", ".join(region for region in regions if region) or None)
    for location_type in location_types:
        found.work_mode(work_mode_from_code(location_type))
    if not location_types and job.get("jobLocationType") is None and _remote_flag(job):
        found.work_mode(WorkMode.REMOTE)
    for word in _strings(job.get("employmentType")):
        found.employment_type(employment_type_from_word(word))
    _read_salary(found, job.get("baseSalary"))
    found.deadline(date_from_value(job.get("validThrough")))
    found.posted_on(date_from_value(job.get("datePosted")))
    description = job.get("description")
    if isinstance(description, str):
        found.description(description)
    address = _text(job.get("url"))
    if address:
        found.url(urljoin(page_url, address) if page_url else address)
    return found.posting


def _read_salary(found: PostingBuilder, salary: object) -> None:
    amount = next(iter(_entries(salary)), None)
    if not isinstance(amount, dict):
        return
    currency = amount.get("currency")
    value = amount.get("value")
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):  # a QuantitativeValue
        single = value.get("value")
        found.salary(value.get("minValue", single), value.get("maxValue", single), currency)
        unit = value.get("unitText")
    else:
        found.salary(value, value, currency)
        unit = amount.get("unitText")
    if isinstance(unit, str) and found.posting.salary_min is not None:
        found.salary_period(salary_period_from_code(unit))


def _remote_flag(job: JsonObject) -> bool:
    # Some sites mark remote work with a boolean instead of jobLocationType.
    return job.get("remote") is True or job.get("isRemote") is True


def _entries(value: object) -> list[object]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _strings(value: object) -> list[str]:
    return [entry for entry in _entries(value) if isinstance(entry, str)]


def _text(value: object) -> str | None:
    if isinstance(value, list):
        value = next((entry for entry in value if isinstance(entry, str)), None)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _name(value: object) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _organisation_name(value: object) -> str | None:
    for entry in _entries(value):
        name = _name(entry)
        if name:
            return name
    return None


def _place_text(place: object) -> str | None:
    """ "Berlin, BE, DE" from a Place, its PostalAddress or an address written as text."""
    if isinstance(place, str):
        return place.strip() or None
    if not isinstance(place, dict):
        return None
    address = place.get("address")
    if isinstance(address, list):
        address = address[0] if address else None
    if isinstance(address, str):
        return address.strip() or None
    if not isinstance(address, dict):
        return _text(place.get("name"))
    parts = [
        _name(address.get(key)) for key in ("addressLocality", "addressRegion", "addressCountry")
    ]
    unique: list[str] = []
    for part in parts:
        if part and part not in unique:
            unique.append(part)
    return ", ".join(unique) or _text(place.get("name"))
