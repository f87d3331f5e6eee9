"""The fit score: sections weigh skills, missing lists, keywords, bounded input."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from jobtracker.insight.fit import KEYWORD_WEIGHT, MatchedSkill, MissingSkill, measure_fit
from jobtracker.insight.fit_sections import WEIGHTS, Section, posting_sections
from jobtracker.insight.fit_text import MAX_TEXT_CHARS

POSTING = """Backend Engineer

About the role
You will build services with Docker.

Requirements
- Python
- PostgreSQL

Nice to have
- Kubernetes
"""


def names(skills: Sequence[MatchedSkill | MissingSkill]) -> list[str]:
    return [skill.skill for skill in skills]


def test_a_resume_with_every_skill_scores_100() -> None:
    result = measure_fit("Python, PostgreSQL, Kubernetes and Docker.", POSTING)

    assert result.score == 100
    assert result.missing_required == result.missing_nice == result.missing_other == []
    assert {(item.skill, item.section) for item in result.matched} == {
        ("Python", Section.REQUIRED),
        ("PostgreSQL", Section.REQUIRED),
        ("Kubernetes", Section.NICE),
        ("Docker", Section.OTHER),
    }


def test_an_unrelated_resume_scores_0_and_misses_everything() -> None:
    result = measure_fit("Registered nurse, BLS, wound care.", POSTING)

    assert result.score == 0
    assert names(result.missing_required) == ["Python", "PostgreSQL"]
    assert names(result.missing_nice) == ["Kubernetes"]
    assert names(result.missing_other) == ["Docker"]


def test_the_score_is_the_weighted_share_of_skills() -> None:
    result = measure_fit("Python and Docker", POSTING)

    required, nice, other = WEIGHTS[Section.REQUIRED], WEIGHTS[Section.NICE], WEIGHTS[Section.OTHER]
    assert result.score == round(100 * (required + other) / (2 * required + nice + other))


def test_a_missing_requirement_costs_more_than_a_missing_nice_to_have() -> None:
    without_required = measure_fit("PostgreSQL, Kubernetes, Docker", POSTING)
    without_nice = measure_fit("Python, PostgreSQL, Docker", POSTING)

    assert names(without_required.missing_required) == ["Python"]
    assert names(without_nice.missing_nice) == ["Kubernetes"]
    assert without_nice.score > without_required.score


def test_the_same_skill_weighs_more_under_requirements_than_under_nice_to_have() -> None:
    as_required = measure_fit("Python", "Requirements:\n- Python\n- Java\n")
    as_nice = measure_fit("Python", "Requirements:\n- Java\n\nNice to have:\n- Python\n")

    assert as_required.score == 50
    assert as_nice.score == round(100 * 0.4 / 1.4)
    assert as_required.score > as_nice.score


def test_a_skill_named_twice_counts_where_it_weighs_most() -> None:
    posting = "Nice to have: Go\n\nRequirements:\n- Go\n- Java\n"

    result = measure_fit("Java", posting)

    assert names(result.missing_required) == ["Go"]
    assert result.missing_nice == []


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Requirements", Section.REQUIRED),
        ("Must have:", Section.REQUIRED),
        ("What you'll need", Section.REQUIRED),
        ("What you\u2019ll need", Section.REQUIRED),  # a typographic apostrophe
        ("## Qualifications", Section.REQUIRED),
        ("**Minimum qualifications**", Section.REQUIRED),
        ("Skills:", Section.REQUIRED),
        ("Nice to have", Section.NICE),
        ("Bonus points", Section.NICE),
        ("Preferred qualifications:", Section.NICE),
        ("Pluses", Section.NICE),
        ("Responsibilities", Section.OTHER),
        ("Benefits", Section.OTHER),
    ],
)
def test_headings_start_their_sections(heading: str, section: Section) -> None:
    text = f"Intro line\n{heading}\n- Python\n"

    sections = posting_sections(text)

    assert sections.at(text.index("Python")) is section
    assert sections.at(0) is Section.OTHER


def test_a_line_can_say_how_much_it_matters() -> None:
    text = "Requirements\n- Python\n- Kubernetes is a plus\nAbout us\n- SQL is required\n"
    sections = posting_sections(text)

    assert sections.at(text.index("Python")) is Section.REQUIRED
    assert sections.at(text.index("Kubernetes")) is Section.NICE
    assert sections.at(text.index("SQL")) is Section.REQUIRED


def test_a_bullet_mentioning_a_requirement_is_not_a_heading() -> None:
    text = "Nice to have\n- Go\n- experience with required tools\n- Rust\n"

    assert posting_sections(text).at(text.index("Rust")) is Section.NICE


def test_a_resume_naming_a_narrower_skill_shows_the_broader_one() -> None:
    result = measure_fit("Planned material in SAP MM", "Requirements: ERP systems, SAP\n")

    assert result.score == 100
    assert {(item.skill, item.through) for item in result.matched} == {
        ("ERP systems", "SAP MM"),
        ("SAP", "SAP MM"),
    }


def test_a_broader_skill_does_not_show_a_narrower_one() -> None:
    result = measure_fit("SQL", "Requirements: PostgreSQL\n")

    assert names(result.missing_required) == ["PostgreSQL"]


def test_keywords_beyond_the_vocabulary_are_the_postings_repeated_words() -> None:
    posting = (
        "Requirements\n- Python\n"
        "You will own telematics models. Telematics decisions use our pricing engine, "
        "and the telematics team reviews every pricing change with partners."
    )

    result = measure_fit("Python. I built telematics tools.", posting)

    assert result.keywords_found == ["telematics"]
    assert "pricing" not in result.keywords_found  # a skill of the vocabulary, not a keyword
    assert names(result.missing_required) == ["Pricing strategy"]
    # Python and the keyword found, out of two required skills and one keyword.
    assert result.score == round(100 * (1 + KEYWORD_WEIGHT) / (2 + KEYWORD_WEIGHT))


def test_stop_words_and_posting_boilerplate_are_not_keywords() -> None:
    posting = "Join our team. Our team offers great benefits. Team work with the team and the role."

    result = measure_fit("Nothing in common", posting)

    assert result.keywords_found == result.keywords_missing == []
    assert result.score == 0
    assert "nothing to compare" in result.explanation


def test_the_explanation_counts_and_names_what_is_missing() -> None:
    result = measure_fit("Python", POSTING)

    assert result.explanation.startswith(
        "Your resume shows 1 of 2 required skills, 0 of 1 other skills named and 0 of 1 "
        "nice-to-haves."
    )
    assert "Missing required: PostgreSQL." in result.explanation


def test_empty_texts_score_0_without_error() -> None:
    assert measure_fit("", "").score == 0
    assert measure_fit("Python", "").score == 0
    assert measure_fit("", "Requirements: Python").score == 0


def test_text_past_the_limit_is_not_read_and_says_so() -> None:
    padding = "lorem " * (MAX_TEXT_CHARS // 6 + 10)
    resume = padding + "Kubernetes"

    result = measure_fit(resume, "Requirements: Kubernetes")

    assert result.truncated
    assert names(result.missing_required) == ["Kubernetes"]


def test_hostile_text_is_bounded() -> None:
    # A megabyte of one skill name repeated, and of punctuation only: both cut to the limit.
    flood = "k8s, " * 200_000
    punctuation = "/&./&." * 200_000

    assert measure_fit(flood, flood).score == 100
    assert measure_fit(punctuation, punctuation).score == 0
    assert measure_fit(flood, flood).truncated
