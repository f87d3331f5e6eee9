"""The skills vocabulary shipped with the app (insight/data/skills.txt) and finding skills in text.

Each line of the file is `Canonical name | alias, alias` under a `## Category` heading. A name
or alias starting with `=` matches only as written (case-sensitive: "IT", "Rust"); one starting
with `!` must also stand where a skill is listed or named ("Go, Rust", "experience with Go",
"Excel skills"), since "go", "R", "C" and "Excel at" are ordinary English too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources

from jobtracker.insight.fit_text import Token, same_word, tokenize

VOCABULARY_FILE = "skills.txt"
BROADER_FILE = "broader.txt"


class Strictness(StrEnum):
    ANY_CASE = "any_case"
    EXACT_CASE = "exact_case"  # `=`
    IN_SKILL_CONTEXT = "in_skill_context"  # `!`: exact case, and listed or named as a skill


@dataclass(frozen=True, slots=True)
class Skill:
    name: str
    category: str


@dataclass(frozen=True, slots=True)
class _Alias:
    skill: Skill
    surfaces: tuple[str, ...]  # the words as written in the file, for case-sensitive aliases
    strictness: Strictness


@dataclass(frozen=True, slots=True)
class SkillHit:
    skill: Skill
    start: int  # character offsets of the words that named it
    end: int
    first_token: int
    token_count: int


@dataclass(frozen=True)
class Vocabulary:
    skills: tuple[Skill, ...]
    # Token keys of every name and alias, each mapping to the one skill it names.
    aliases: dict[tuple[str, ...], list[_Alias]]
    longest: int  # the most tokens any alias has
    # The broader skills each skill shows (SAP MM: SAP, ERP systems), all the way up.
    broader: dict[Skill, frozenset[Skill]] = field(default_factory=dict)
    # The first word of every name: most words of a text start none, and are passed at once.
    first_keys: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "first_keys", frozenset(key[0] for key in self.aliases))

    def shown_by(self, named: set[Skill]) -> dict[Skill, Skill | None]:
        """Every skill a text shows: those it names (mapped to None) and, through them, their
        broader skills (mapped to the named skill that shows each)."""
        shown: dict[Skill, Skill | None] = dict.fromkeys(named)
        for skill in sorted(named, key=lambda item: item.name):
            for wider in self.broader.get(skill, frozenset()):
                shown.setdefault(wider, skill)
        return shown

    def find(self, text: str, tokens: list[Token] | None = None) -> list[SkillHit]:
        """The skills named in `text`, in order; longest alias first at each place, so
        "React Native" is not also "React", and each place names one skill."""
        tokens = tokenize(text) if tokens is None else tokens
        hits: list[SkillHit] = []
        index = 0
        while index < len(tokens):
            hit, length = self._hit_at(text, tokens, index)
            if hit is None:
                index += 1
                continue
            hits.append(hit)
            index += length
        return hits

    def _hit_at(self, text: str, tokens: list[Token], index: int) -> tuple[SkillHit | None, int]:
        if tokens[index].key not in self.first_keys:
            return None, 1
        # The longest run of words from here that no punctuation breaks.
        reach = 1
        limit = min(self.longest, len(tokens) - index)
        while reach < limit and not tokens[index + reach].after_break:
            reach += 1
        for length in range(reach, 0, -1):
            words = tokens[index : index + length]
            candidates = self.aliases.get(tuple(token.key for token in words))
            if not candidates:
                continue
            for alias in candidates:
                if _accepts(alias, text, words):
                    hit = SkillHit(alias.skill, words[0].start, words[-1].end, index, length)
                    return hit, length
        return None, 1

    def collisions(self) -> dict[tuple[str, ...], list[str]]:
        """Keys that name more than one skill: a mistake in the file, found by a test."""
        clashes: dict[tuple[str, ...], list[str]] = {}
        for key, found in self.aliases.items():
            # Case-sensitive aliases written differently ("dbt", "DBT") never meet.
            ways = {
                alias.surfaces if alias.strictness is not Strictness.ANY_CASE else None
                for alias in found
            }
            named = {alias.skill.name for alias in found}
            if len(named) > 1 and (None in ways or len(ways) < len(found)):
                clashes[key] = sorted(named)
        return clashes


# What may stand right before or after a skill in a list: "Python, Go", "(R)", "C/C++".
_LIST_BEFORE = frozenset(",;:(/|")
_LIST_AFTER = frozenset(",;:)/|\n")
_BULLET_ONLY = re.compile(r"^\s*(?:[-*•·]|\d+[.)])?\s*$")
# Words that name what follows or precedes as a skill: "experience with Go", "Excel skills".
_CUES_BEFORE = frozenset(
    [
        "with",
        "in",
        "using",
        "use",
        "including",
        "include",
        "like",
        "especially",
        "knowledge",
        "experience",
        "proficient",
        "proficiency",
        "fluent",
        "fluency",
        "skilled",
        "expert",
        "expertise",
        "familiar",
        "familiarity",
        "know",
        "write",
        "written",
        "programming",
        "languages",
        "language",
        "strong",
        "solid",
        "advanced",
    ]
)
_CUES_AFTER = frozenset(
    [
        "developer",
        "developers",
        "engineer",
        "engineers",
        "programming",
        "programmer",
        "programmers",
        "language",
        "code",
        "skills",
        "skill",
        "experience",
        "development",
        "applications",
        "services",
        "spreadsheets",
        "spreadsheet",
        "formulas",
        "macros",
        "modules",
        "backend",
        "microservices",
        "models",
        "modeling",
        "modelling",
        "dashboards",
        "reports",
        "pivot",
    ]
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_WORD_AFTER = re.compile(r"^\W*([A-Za-z]+)")
# "Python and R", "C or C++": a conjunction joins two skills when the other side is a name.
_NAME_AND_BEFORE = re.compile(r"(?:^|\s)[A-Z][\w+#.]*\s+(?:and|or|&)\s+$")
_AND_NAME_AFTER = re.compile(r"^\s+(?:and|or|&)\s+[A-Z.]")
_CONTEXT_CHARS = 40


def _accepts(alias: _Alias, text: str, words: list[Token]) -> bool:
    written = tuple(token.surface for token in words if token.is_word)
    if alias.strictness is Strictness.ANY_CASE:
        # One word is compared as written (or in the plural); a phrase by its lemmas, so
        # "managed projects" is "managing projects".
        return len(written) != 1 or len(alias.surfaces) != 1 or same_word(*written, *alias.surfaces)
    if written != alias.surfaces:
        return False
    if alias.strictness is Strictness.EXACT_CASE:
        return True
    return _in_skill_context(text, words[0].start, words[-1].end)


def _in_skill_context(text: str, start: int, end: int) -> bool:
    before = text[max(start - _CONTEXT_CHARS, 0) : start]
    after = text[end : end + _CONTEXT_CHARS]
    stripped_before = before.rstrip(" \t")
    stripped_after = after.lstrip(" \t")
    if stripped_before and stripped_before[-1] in _LIST_BEFORE:
        return True
    if stripped_after and stripped_after[0] in _LIST_AFTER and stripped_after[0] != "\n":
        return True
    line_before = before.rpartition("\n")[2]
    if (not stripped_after or stripped_after[0] == "\n") and _BULLET_ONLY.match(line_before):
        return True  # a list item of its own: "- Go"
    if _NAME_AND_BEFORE.search(before) or _AND_NAME_AFTER.match(after):
        return True
    word_before = _WORD_BEFORE.search(before)
    word_after = _WORD_AFTER.search(after)
    # Only a word in the same sentence: "…in. Go to…" is no cue.
    if (
        word_before
        and "." not in before[word_before.end(1) :]
        and word_before.group(1).lower() in _CUES_BEFORE
    ):
        return True
    return bool(word_after and word_after.group(1).lower() in _CUES_AFTER)


def parse_vocabulary(source: str, broader_source: str = "") -> Vocabulary:
    skills: list[Skill] = []
    aliases: dict[tuple[str, ...], list[_Alias]] = defaultdict(list)
    category = "Other"
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("##")):
            continue
        if line.startswith("##"):
            category = line.lstrip("#").strip()
            continue
        name, _, rest = line.partition("|")
        written = [name.strip(), *(alias.strip() for alias in rest.split(",") if alias.strip())]
        skill = Skill(_display(written[0]), category)
        if not skill.name:
            raise ValueError(f"{VOCABULARY_FILE} line {number}: no skill name")
        skills.append(skill)
        for alias in written:
            parsed = _alias(skill, alias)
            key = tuple(token.key for token in tokenize(_display(alias)))
            if key and parsed not in aliases[key]:
                aliases[key].append(parsed)
    longest = max((len(key) for key in aliases), default=1)
    return Vocabulary(tuple(skills), dict(aliases), longest, _broader(skills, broader_source))


def _broader(skills: list[Skill], source: str) -> dict[Skill, frozenset[Skill]]:
    by_name = {skill.name: skill for skill in skills}
    direct: dict[Skill, set[Skill]] = defaultdict(set)
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        narrow, _, wide = line.partition(">")
        names = [narrow.strip(), *(name.strip() for name in wide.split(";"))]
        unknown = [name for name in names if name not in by_name]
        if unknown or not wide.strip():
            raise ValueError(f"{BROADER_FILE} line {number}: unknown skill {unknown or line!r}")
        direct[by_name[names[0]]].update(by_name[name] for name in names[1:])
    return {skill: frozenset(_above(skill, direct)) for skill in direct}


def _above(skill: Skill, direct: dict[Skill, set[Skill]]) -> set[Skill]:
    found: set[Skill] = set()
    waiting = list(direct.get(skill, ()))
    while waiting:
        wider = waiting.pop()
        if wider not in found and wider != skill:
            found.add(wider)
            waiting.extend(direct.get(wider, ()))
    return found


def _display(written: str) -> str:
    return written.lstrip("=!").strip()


def _alias(skill: Skill, written: str) -> _Alias:
    strictness = Strictness.ANY_CASE
    if written.startswith("="):
        strictness = Strictness.EXACT_CASE
    elif written.startswith("!"):
        strictness = Strictness.IN_SKILL_CONTEXT
    surfaces = tuple(token.surface for token in tokenize(_display(written)) if token.is_word)
    return _Alias(skill, surfaces, strictness)


@cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary, read on first use and kept for the life of the process."""
    data = resources.files("jobtracker.insight").joinpath("data")
    return parse_vocabulary(
        data.joinpath(VOCABULARY_FILE).read_text(encoding="utf-8"),
        data.joinpath(BROADER_FILE).read_text(encoding="utf-8"),
    )
