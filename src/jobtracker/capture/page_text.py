"""A page without structured data: its meta tags, its title, and its readable main text.

Company and role are guessed from the title only when its pattern is clear ("Senior Engineer
at Acme", "Senior Engineer | Acme Careers", or a dash between a role and the site's name);
a salary only when the text states one with a currency ("$150,000 - $180,000 a year").
"""

from __future__ import annotations

import copy
import re
from urllib.parse import urljoin

import lxml.html  # type: ignore[import-untyped]
from lxml import etree

from jobtracker.capture.fields import PostingBuilder
from jobtracker.capture.html_text import html_to_text, tidy_text
from jobtracker.capture.posting import ExtractedPosting, FieldSource

# A <main> or <article> with less text than this is not the posting (a teaser, a banner).
MIN_MAIN_CHARS = 200
# Elements trafilatura is given at most (about 0.3 s of CPU for the worst kind).
MAX_MAIN_ELEMENTS = 3_000
# Page chrome, never a posting's text; removed before trafilatura reads a page without <main>.
_CHROME = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "svg", "iframe", "button", "select",
)  # fmt: skip
# Titles longer than this are no "Role at Company" a person wrote.
MAX_TITLE_CHARS = 300
# Sites whose name is not the employer's: job boards and aggregators.
_NOT_EMPLOYERS = frozenset(
    {
        "linkedin", "indeed", "glassdoor", "greenhouse", "lever", "workable", "smartrecruiters",
        "ashby", "recruitee", "monster", "stepstone", "xing", "welcome to the jungle",
        "ziprecruiter", "dice", "otta", "wellfound", "angellist", "jobs", "careers", "workday",
        "personio", "teamtailor", "bamboohr", "jobvite", "icims", "infojobs", "seek", "naukri",
        "reed", "totaljobs", "hellowork", "apec", "pole emploi", "france travail",
    }
)  # fmt: skip
_CAREERS_SUFFIX = re.compile(
    r"\s*[-\u2013|:]?\s*(?:careers?|jobs|karriere|jobbörse|stellenangebote|carrières?|emplois?|"
    r"empleo|trabaja con nosotros|hiring)\s*$",
    re.IGNORECASE,
)
_APPLICATION_PREFIX = re.compile(
    r"^\s*(?:job application for|apply for|apply now:?|job:|stellenangebot:?|offre d'emploi:?)\s+",
    re.IGNORECASE,
)
# "Role at Company", maybe followed by " | Site": the last " at " splits, so "Data at Scale
# Engineer at Acme" keeps its role whole.
_AT = re.compile(
    r"^(?P<role>.+)\s(?:at|@|bei|chez)\s(?P<company>.+?)(?:\s[|\u2013\u2014-]\s.*|\s*\|.*)?$"
)
_SEPARATED = re.compile(r"\s+[|\u2013\u2014-]\s+|\s*\|\s*")
# Words that make one side of "X - Y" a job title, so the other side is the company.
_ROLE_WORDS = re.compile(
    r"\b(?:engineer|developer|manager|designer|analyst|scientist|lead|director|head|"
    r"specialist|consultant|architect|administrator|intern|assistant|coordinator|officer|"
    r"associate|representative|executive|accountant|technician|nurse|teacher|writer|editor|"
    r"recruiter|product owner|sre|devops|entwickler(?:in)?|ingenieur(?:in)?|berater(?:in)?|"
    r"leiter(?:in)?|referent(?:in)?|sachbearbeiter(?:in)?|werkstudent(?:in)?|"
    r"d[ée]veloppeu(?:r|se)|ing[ée]nieure?|chef|responsable|charg[ée]e? de|stagiaire|"
    r"desarrollador(?:a)?|ingenier[oa]|jefe|analista|t[ée]cnic[oa])\b",
    re.IGNORECASE,
)


def meta_fields(document: object, page_url: str | None) -> ExtractedPosting:
    """Company, role, URL and description from OpenGraph and meta tags, canonical link, title."""
    found = PostingBuilder(FieldSource.META)
    # Meta tags, links and the title live in <head>: searching only there keeps a 1 MB page cheap.
    head = getattr(document, "head", None)
    document = head if head is not None else document
    title = _meta(document, "og:title") or _title(document)
    site_name = _meta(document, "og:site_name")
    employer = _employer_name(site_name)
    if title:
        role, company = role_and_company_from_title(title, employer)
        found.text("role", role)
        found.text("company", company)
    found.text("company", employer)
    canonical = _link(document, "canonical") or _meta(document, "og:url")
    if canonical:
        found.url(urljoin(page_url, canonical) if page_url else canonical)
    elif page_url:
        found.url(page_url)
    description = _meta(document, "og:description") or _meta(document, "description")
    if description:
        found.plain_description(tidy_text(description))
    return found.posting


def main_text(document: lxml.html.HtmlElement) -> str:
    """The page's readable main text (trafilatura), paragraphs and lists kept; "" when none.

    trafilatura's cost grows with the whole page, chrome included (about 150 ms CPU for a
    1 MB page), so it is given less: the page's <main> (or its <article>) when that holds the
    posting, else the page with scripts, styles, navigation, headers, footers, sidebars and
    forms removed. The document is changed in place: this is the last step that reads it.
    """
    import trafilatura  # here, not at start-up: about 0.15 s and 13 MiB a worker may never need

    try:
        main = trafilatura.extract(
            _main_part(document),
            output_format="html",
            include_comments=False,
            include_tables=True,
            include_images=False,
            favor_recall=True,
        )
    except (ValueError, TypeError, RecursionError):
        return ""
    return html_to_text(main, keep_newlines=True) if main else ""


def _main_part(document: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for path in ("//main", "//*[@role='main']", "//article"):
        for element in document.xpath(path):
            if len(element.text_content()) >= MIN_MAIN_CHARS:
                page = lxml.html.document_fromstring("<html><body></body></html>")
                page.body.append(copy.deepcopy(element))
                return _cut_after(page, MAX_MAIN_ELEMENTS)
    etree.strip_elements(document, *_CHROME, with_tail=False)
    return _cut_after(document, MAX_MAIN_ELEMENTS)


def _cut_after(root: lxml.html.HtmlElement, limit: int) -> lxml.html.HtmlElement:
    """The tree without everything after its `limit`-th element in document order.

    trafilatura spends up to about 0.1 ms of CPU per element it is given: a page of 100,000
    small elements would cost seconds. A posting's text comes early, so the rest is dropped.
    """
    last = None
    for count, element in enumerate(root.iter()):
        if count >= limit:
            last = element
            break
    node = last
    while node is not None and node is not root:
        parent = node.getparent()
        del parent[parent.index(node) + 1 :]  # its later siblings, in one call
        node = parent
    if last is not None and last.getparent() is not None:
        last.getparent().remove(last)
    return root


def role_and_company_from_title(
    title: str, employer: str | None, *, at_only: bool = False
) -> tuple[str | None, str | None]:
    """Role and company from a title whose pattern is clear; (None, None) when it is not.

    `employer` is the site's own name (og:site_name) when known; `at_only` accepts only the
    "Role at Company" pattern, for a first line of pasted text where dashes mean anything.
    """
    text = _APPLICATION_PREFIX.sub("", " ".join(title[:MAX_TITLE_CHARS].split()))
    if match := _AT.match(text):
        company = _CAREERS_SUFFIX.sub("", match.group("company")).strip()
        return match.group("role").strip(), company or None
    if at_only:
        return None, None
    sides = [side.strip() for side in _SEPARATED.split(text) if side.strip()]
    if len(sides) < 2:
        return None, None
    first, last = sides[0], sides[-1]
    # The end that names the site ("Acme", "Acme Careers") is the company, the other the role.
    for role, company in ((first, last), (last, first)):
        bare = _CAREERS_SUFFIX.sub("", company).strip()
        if bare and (bare != company or (employer and bare.casefold() == employer.casefold())):
            return role, bare
    # "Senior Engineer - Acme": with two parts, the one with a job word is the role. With more
    # ("Engineer - Berlin - Acme") the middle could be anything, so nothing is guessed.
    first_is_role, last_is_role = bool(_ROLE_WORDS.search(first)), bool(_ROLE_WORDS.search(last))
    if len(sides) == 2 and first_is_role != last_is_role:
        return (first, last) if first_is_role else (last, first)
    return None, None


def _employer_name(site_name: str | None) -> str | None:
    if not site_name:
        return None
    bare = _CAREERS_SUFFIX.sub("", site_name).strip()
    return bare if bare and bare.casefold() not in _NOT_EMPLOYERS else None


def _meta(document: object, name: str) -> str | None:
    xpath = getattr(document, "xpath", None)
    if xpath is None:
        return None
    for node in xpath(f'//meta[@property="{name}" or @name="{name}"][@content]'):
        content = " ".join(str(node.get("content")).split())
        if content:
            return content
    return None


def _link(document: object, relation: str) -> str | None:
    xpath = getattr(document, "xpath", None)
    if xpath is None:
        return None
    for node in xpath(f'//link[@rel="{relation}"][@href]'):
        href = str(node.get("href")).strip()
        if href:
            return href
    return None


def _title(document: object) -> str | None:
    xpath = getattr(document, "xpath", None)
    if xpath is None:
        return None
    for node in xpath("//title"):
        text = " ".join(node.text_content().split())
        if text:
            return text
    return None
