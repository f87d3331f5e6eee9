"""Finding skills in text: aliases, lemmas, longest names first, and the ambiguous short names."""

from __future__ import annotations

import pytest

from jobtracker.insight.skills import parse_vocabulary, vocabulary


def skills_in(text: str) -> list[str]:
    return [hit.skill.name for hit in vocabulary().find(text)]


def test_the_shipped_vocabulary_has_thousands_of_skills_in_many_fields() -> None:
    shipped = vocabulary()

    assert len(shipped.skills) >= 3000
    categories = {skill.category for skill in shipped.skills}
    for field in ("Healthcare and nursing", "Accounting and finance", "Sales", "Design"):
        assert field in categories
    assert len(categories) >= 20


def test_no_two_skills_share_a_name_or_alias() -> None:
    names = [skill.name.lower() for skill in vocabulary().skills]

    assert len(set(names)) == len(names)
    assert vocabulary().collisions() == {}


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("JS", "JavaScript"),
        ("javascript", "JavaScript"),
        ("Postgres", "PostgreSQL"),
        ("postgresql", "PostgreSQL"),
        ("k8s", "Kubernetes"),
        ("K8S", "Kubernetes"),
        ("ML", "Machine learning"),
        ("machine-learning", "Machine learning"),
        ("CI/CD", "CI/CD"),
        ("CI / CD", "CI/CD"),
        ("C++", "C++"),
        ("C#", "C#"),
        (".NET", ".NET"),
        ("dotnet", ".NET"),
        ("Node.js", "Node.js"),
        ("NodeJS", "Node.js"),
        ("React.js", "React"),
        ("Golang", "Go"),
        ("MS Excel", "Excel"),
        ("Salesforce.com", "Salesforce"),
        ("SFDC", "Salesforce"),
        ("SAP S/4HANA", "SAP"),
        ("PMP certified", "PMP"),
        ("Certified Public Accountant", "CPA"),
        ("registered nurse", "Registered Nurse"),
        ("accountancy", "Accounting"),
    ],
)
def test_an_alias_names_its_skill(written: str, canonical: str) -> None:
    assert skills_in(f"Experience: {written}.") == [canonical]


def test_kubernetes_in_a_resume_is_k8s_in_a_posting() -> None:
    assert skills_in("Ran services on Kubernetes") == skills_in("Must know k8s")


def test_words_are_compared_by_their_lemma() -> None:
    assert skills_in("Managed projects") == skills_in("managing projects") == ["Project management"]
    assert skills_in("relational databases") == ["Relational databases"]
    assert skills_in("Wrote unit tests") == ["Unit testing"]
    assert skills_in("REST APIs") == ["REST APIs"]


def test_the_longest_name_wins_and_names_one_skill() -> None:
    assert skills_in("React Native apps") == ["React Native"]
    assert skills_in("Spring Boot services") == ["Spring Boot"]
    assert skills_in("Google Cloud Platform") == ["Google Cloud Platform"]


def test_a_slash_separates_two_skills() -> None:
    assert skills_in("Python/Django") == ["Python", "Django"]


@pytest.mark.parametrize(
    "text",
    [
        "Languages: Go, Rust and Python",
        "3 years of experience with Go.",
        "Go developer wanted",
        "- Go\n- Rust",
        "Backend (Go)",
    ],
)
def test_go_the_language_is_found_where_a_skill_is_named(text: str) -> None:
    assert "Go" in skills_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "We go above and beyond for customers.",
        "Go to market with the sales team.",
        "Ready to go at opening.",
        "You will be going to client sites.",
    ],
)
def test_go_the_verb_is_not_a_skill(text: str) -> None:
    assert "Go" not in skills_in(text)


def test_r_is_the_language_only_as_a_named_skill() -> None:
    assert "R" in skills_in("Statistics in R, Python and SQL")
    assert "R" in skills_in("Python/R")
    assert "R" not in skills_in("R&D budget")
    assert "R" not in skills_in("Mr. R. Smith will interview you")
    assert "R" not in skills_in("r")


def test_c_is_the_language_only_as_a_named_skill() -> None:
    assert skills_in("Written in C and C++") == ["C", "C++"]
    assert "C" not in skills_in("Grade C or above in maths")
    assert "C" not in skills_in("Vitamin C")


def test_excel_the_tool_is_not_excel_the_verb() -> None:
    assert "Excel" in skills_in("Proficient in Excel, Word and Outlook")
    assert "Excel" in skills_in("Excel skills")
    assert "Excel" not in skills_in("Excel at building relationships")
    assert "Excel" not in skills_in("You will excel in this role")


def test_case_sensitive_names_match_only_as_written() -> None:
    assert "Rust" in skills_in("Systems programming in Rust")
    assert "Rust" not in skills_in("remove rust from steel")
    assert "Machine learning" not in skills_in("Give 10 ml of saline")


def test_a_curriculum_vitae_is_not_computer_vision() -> None:
    assert skills_in("Send your CV") == []


def test_a_small_vocabulary_file_is_parsed_with_categories_aliases_and_marks() -> None:
    words = parse_vocabulary(
        "# comment\n## Languages\n!Go | Golang\nPython | py3\n## Tools\n=Make | GNU Make\n",
        "Go > Python\n",
    )

    assert [(skill.name, skill.category) for skill in words.skills] == [
        ("Go", "Languages"),
        ("Python", "Languages"),
        ("Make", "Tools"),
    ]
    assert [hit.skill.name for hit in words.find("Golang, py3 and make")] == ["Go", "Python"]
    go = words.skills[0]
    assert words.shown_by({go}) == {go: None, words.skills[1]: go}


def test_a_broader_skill_line_naming_an_unknown_skill_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown skill"):
        parse_vocabulary("## A\nPython\n", "Python > Snake charming\n")


def test_a_name_does_not_run_across_punctuation() -> None:
    assert skills_in("with product, design and engineering") == []
    assert skills_in("Product design") == ["Product design"]


def test_one_word_names_are_compared_as_written_or_plural_not_by_lemma() -> None:
    # Lemmas would make "budget" of "budgeting", "brand" of "branding", "type" of "typing".
    assert skills_in("A learning budget and our brand; type up notes") == []
    named = ["Budget management", "Branding", "Typing"]
    assert skills_in("Budgeting, branding and typing") == named
    assert skills_in("Prepared audits") == ["Auditing"]


def test_benefits_and_equal_opportunity_text_names_no_skills() -> None:
    boilerplate = (
        "What we offer\n- Competitive salary and equity\n- Health insurance, dental and life "
        "insurance\n- Learning budget, conferences and training\n"
        "We are an equal opportunity employer. We do not discriminate on the basis of race, "
        "religion, national origin, gender, age, veteran status or disability status.\n"
        "Send us your CV and a cover letter. Contract type: permanent."
    )

    assert skills_in(boilerplate) == []
