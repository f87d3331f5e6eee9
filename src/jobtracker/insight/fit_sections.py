"""Which part of a posting each line is in: what it requires, what would be nice, or neither."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum


class Section(StrEnum):
    REQUIRED = "required"
    NICE = "nice"
    OTHER = "other"


# How much a skill counts by where the posting names it: a requirement is what a screener
# checks first; a nice-to-have rarely decides; the rest (duties, the team) sits between.
WEIGHTS: dict[Section, float] = {Section.REQUIRED: 1.0, Section.OTHER: 0.7, Section.NICE: 0.4}

_NICE_HEADING = re.compile(
    r"nice[\s-]to[\s-]haves?|bonus|preferred|pluses|a plus|desir(?:ed|able)|good[\s-]to[\s-]have"
    r"|ideally|extra credit|would be (?:great|nice)|not required|optional|assets?\b",
)
_REQUIRED_HEADING = re.compile(
    r"requirements?|required|must[\s-]haves?|what you(?:'|\u2019)?ll need|what you need|"
    r"what we(?:'|\u2019)?re looking for|qualifications|who you are|about you|you have|you bring|"
    r"essential|key skills|skills (?:and|&) experience|minimum|basic qualifications|"
    r"your (?:skills|profile|experience)|what you bring|competencies|prerequisites|^skills$"
)
# Headings that end a requirements list without starting another: duties, the company, pay.
_OTHER_HEADING = re.compile(
    r"responsibilit|what you(?:'|\u2019)?ll do|the role|about (?:us|the)|benefits|perks|we offer|"
    r"compensation|salary|why join|day to day|your mission|duties|how to apply|location|"
    r"equal opportunity|our team|the team|overview|summary"
)
# A line on its own with a short title ("Requirements:", "## Nice to have", "**Bonus points**").
_HEADING_LINE = re.compile(r"^[\s#*_>-]*(?P<title>[^\n:]{2,60}?)[\s*_]*:?[\s*_]*$")
_HEADING_WITH_TEXT = re.compile(r"^[\s#*_>-]*(?P<title>[^\n:]{2,40}):\s*\S")
_MAX_HEADING_WORDS = 8
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s")
# A line that says of itself how much it matters ("Kubernetes is a plus", "Required: SQL").
_NICE_INLINE = re.compile(r"\b(?:is a plus|a plus|nice to have|bonus|preferred|ideally)\b")
_REQUIRED_INLINE = re.compile(r"\b(?:required|must have|must be|essential|mandatory)\b")


@dataclass(frozen=True)
class Sections:
    """Where each line of a posting starts, and the section each line is in."""

    line_starts: list[int]
    line_sections: list[Section]

    def at(self, offset: int) -> Section:
        return self.line_sections[bisect_right(self.line_starts, offset) - 1]


def posting_sections(text: str) -> Sections:
    starts: list[int] = []
    sections: list[Section] = []
    current = Section.OTHER
    offset = 0
    for line in text.splitlines(keepends=True):
        lowered = line.lower()
        heading = _heading_section(lowered)
        if heading is not None:
            current = heading
        starts.append(offset)
        sections.append(_line_section(lowered, current))
        offset += len(line)
    if not starts:
        starts, sections = [0], [Section.OTHER]
    return Sections(starts, sections)


def _heading_section(line: str) -> Section | None:
    if _BULLET.match(line):
        return None
    match = _HEADING_LINE.match(line) or _HEADING_WITH_TEXT.match(line)
    if match is None:
        return None
    title = match.group("title")
    if len(title.split()) > _MAX_HEADING_WORDS:
        return None
    # "Preferred qualifications" is nice to have, though "qualifications" alone is required.
    if _NICE_HEADING.search(title):
        return Section.NICE
    if _REQUIRED_HEADING.search(title):
        return Section.REQUIRED
    if _OTHER_HEADING.search(title):
        return Section.OTHER
    return None


def _line_section(line: str, current: Section) -> Section:
    if _NICE_INLINE.search(line):
        return Section.NICE
    if current is Section.OTHER and _REQUIRED_INLINE.search(line):
        return Section.REQUIRED
    return current
