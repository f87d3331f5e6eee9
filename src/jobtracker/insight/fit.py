"""Fit between a resume and a posting: skills and keywords in both, those missing, a score.

Pure functions, no database and no network: the vocabulary ships with the app.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from jobtracker.insight.fit_keywords import Keyword, significant_keywords
from jobtracker.insight.fit_sections import WEIGHTS, Section, posting_sections
from jobtracker.insight.fit_text import MAX_TEXT_CHARS, tokenize
from jobtracker.insight.skills import Skill, SkillHit, Vocabulary, vocabulary

# A repeated word of the posting counts for a quarter of a required skill: it shows the
# resume speaks the posting's language, but it is a weaker sign than a named skill.
KEYWORD_WEIGHT = 0.25
# Listed in the explanation before "and N more".
NAMED_IN_EXPLANATION = 4


@dataclass(frozen=True)
class MatchedSkill:
    skill: str
    category: str
    section: Section  # where the posting asks for it (its strongest mention)
    # The narrower skill the resume names that shows this one ("SAP MM" for "ERP systems").
    through: str | None = None


@dataclass(frozen=True)
class MissingSkill:
    skill: str
    category: str


@dataclass(frozen=True)
class FitResult:
    score: int  # 0-100
    matched: list[MatchedSkill]
    missing_required: list[MissingSkill]
    missing_nice: list[MissingSkill]
    missing_other: list[MissingSkill]
    keywords_found: list[str]
    keywords_missing: list[str]
    explanation: str
    # Whether either text was longer than the scorer reads (MAX_TEXT_CHARS).
    truncated: bool = False


def measure_fit(resume: str, posting: str, words: Vocabulary | None = None) -> FitResult:
    """How well `resume` covers what `posting` asks for."""
    words = words or vocabulary()
    posting_tokens = tokenize(posting)
    posting_hits = words.find(posting, posting_tokens)
    resume_tokens = tokenize(resume)
    resume_skills = words.shown_by({hit.skill for hit in words.find(resume, resume_tokens)})
    asked = _strongest_sections(posting_hits, posting)

    covered = {
        index
        for hit in posting_hits
        for index in range(hit.first_token, hit.first_token + hit.token_count)
    }
    keywords = significant_keywords(posting_tokens, covered)
    resume_keys = {token.key for token in resume_tokens}
    found = [keyword for keyword in keywords if keyword.key in resume_keys]
    missing = [keyword for keyword in keywords if keyword.key not in resume_keys]

    matched = [
        MatchedSkill(skill.name, skill.category, section, _name(resume_skills[skill]))
        for skill, section in asked.items()
        if skill in resume_skills
    ]
    absent = [(skill, section) for skill, section in asked.items() if skill not in resume_skills]
    result = FitResult(
        score=_score(asked, resume_skills, found, missing),
        matched=sorted(matched, key=lambda item: -WEIGHTS[item.section]),
        missing_required=_missing(absent, Section.REQUIRED),
        missing_nice=_missing(absent, Section.NICE),
        missing_other=_missing(absent, Section.OTHER),
        keywords_found=[keyword.text for keyword in found],
        keywords_missing=[keyword.text for keyword in missing],
        explanation="",
        truncated=len(resume) > MAX_TEXT_CHARS or len(posting) > MAX_TEXT_CHARS,
    )
    return _explained(result, asked)


def _name(skill: Skill | None) -> str | None:
    return skill.name if skill else None


def _strongest_sections(hits: list[SkillHit], posting: str) -> dict[Skill, Section]:
    """Each skill the posting names, with the section that weighs most among its mentions."""
    sections = posting_sections(posting[:MAX_TEXT_CHARS])
    asked: dict[Skill, Section] = {}
    for hit in hits:
        section = sections.at(hit.start)
        known = asked.get(hit.skill)
        if known is None or WEIGHTS[section] > WEIGHTS[known]:
            asked[hit.skill] = section
    return asked


def _score(
    asked: dict[Skill, Section],
    resume_skills: dict[Skill, Skill | None],
    found: list[Keyword],
    missing: list[Keyword],
) -> int:
    possible = sum(WEIGHTS[section] for section in asked.values())
    earned = sum(WEIGHTS[section] for skill, section in asked.items() if skill in resume_skills)
    possible += KEYWORD_WEIGHT * (len(found) + len(missing))
    earned += KEYWORD_WEIGHT * len(found)
    if possible == 0:
        return 0
    return round(100 * earned / possible)


def _missing(absent: list[tuple[Skill, Section]], section: Section) -> list[MissingSkill]:
    return [MissingSkill(skill.name, skill.category) for skill, where in absent if where is section]


def _explained(result: FitResult, asked: dict[Skill, Section]) -> FitResult:
    if not asked and not (result.keywords_found or result.keywords_missing):
        text = (
            "The posting names no skill this app knows and repeats no significant words, "
            "so there is nothing to compare yet."
        )
    else:
        parts = [_coverage(result, asked)]
        if result.missing_required:
            parts.append(f"Missing required: {_names(result.missing_required)}.")
        elif result.missing_nice:
            parts.append(f"Missing nice-to-have: {_names(result.missing_nice)}.")
        if result.keywords_missing:
            parts.append(
                f"The posting repeats words your resume lacks: {_listed(result.keywords_missing)}."
            )
        text = " ".join(parts)
    return replace(result, explanation=text)


def _coverage(result: FitResult, asked: dict[Skill, Section]) -> str:
    def count(section: Section) -> tuple[int, int]:
        total = sum(1 for where in asked.values() if where is section)
        have = sum(1 for item in result.matched if item.section is section)
        return have, total

    required, nice, other = count(Section.REQUIRED), count(Section.NICE), count(Section.OTHER)
    pieces = []
    if required[1]:
        pieces.append(f"{required[0]} of {required[1]} required skills")
    if other[1]:
        pieces.append(f"{other[0]} of {other[1]} other skills named")
    if nice[1]:
        pieces.append(f"{nice[0]} of {nice[1]} nice-to-haves")
    if not pieces:
        return "The posting names no skill this app knows; the score comes from its keywords."
    return f"Your resume shows {_joined(pieces)}."


def _names(skills: list[MissingSkill]) -> str:
    return _listed([skill.skill for skill in skills])


def _listed(names: list[str]) -> str:
    shown = names[:NAMED_IN_EXPLANATION]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


def _joined(pieces: list[str]) -> str:
    return pieces[0] if len(pieces) == 1 else ", ".join(pieces[:-1]) + " and " + pieces[-1]
