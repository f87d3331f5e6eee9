"""The AI fill, through the real SDKs against local servers speaking Gemini's and OpenAI's formats.

The model fills only what the parser left empty, its values are marked `ai`, an answer that
doesn't fit the schema is dropped, and a provider that fails leaves a note instead of an error.
"""

from __future__ import annotations

import json

import pytest

from jobtracker.capture.ai_fill import MAX_INPUT_CHARS
from jobtracker.capture.service import AI_ANSWER_UNUSABLE, AI_DAILY_LIMIT, AI_DID_NOT_ANSWER
from jobtracker.config import Settings
from tests.assistant.fake_providers import FakeProvider
from tests.capture.capture_builders import capture, sources, values
from tests.factories import ApiUser

# The parser finds role and company on their labelled lines, and nothing else.
POSTING = "Job title: Backend Engineer\nCompany: Acme Robotics\n\nWe build the fleet API."


def _answer(**fields: object) -> list[str]:
    """A JSON answer split into streamed chunks, as a model sends it."""
    text = json.dumps(fields)
    middle = len(text) // 2
    return [text[:middle], text[middle:]]


def test_openai_fills_only_the_missing_fields_marked_as_ai(
    openai: FakeProvider, alice: ApiUser
) -> None:
    openai.script.chunks = _answer(
        company="Not Acme",  # not asked for: the parser found it, so it stays
        location="Lisbon",
        work_mode="hybrid",
        salary_min=50000,
        salary_max=60000,
        salary_currency="EUR",
        salary_period=None,
    )

    answer = capture(alice, text=POSTING)

    found = values(answer)
    assert (found["company"], found["location"], found["work_mode"]) == (
        "Acme Robotics",
        "Lisbon",
        "hybrid",
    )
    assert (found["salary_min"], found["salary_max"], found["salary_period"]) == (
        50000,
        60000,
        None,
    )
    assert sources(answer)["company"] == "page_text"
    assert sources(answer)["location"] == sources(answer)["salary_min"] == "ai"


def test_openai_is_asked_for_a_strict_json_schema_of_the_missing_fields(
    openai: FakeProvider, alice: ApiUser
) -> None:
    openai.script.chunks = _answer(location=None)

    capture(alice, text=POSTING)

    response_format = openai.last.body["response_format"]
    assert response_format["type"] == "json_schema"
    schema = response_format["json_schema"]["schema"]
    assert response_format["json_schema"]["strict"] is True
    assert "company" not in schema["properties"]
    assert "job_url" not in schema["properties"]
    assert schema["properties"]["work_mode"]["enum"] == ["onsite", "hybrid", "remote", None]
    assert set(schema["required"]) == set(schema["properties"])


def test_only_a_bounded_part_of_a_long_posting_is_sent(
    openai: FakeProvider, alice: ApiUser
) -> None:
    openai.script.chunks = _answer(location=None)

    capture(alice, text=POSTING + " filler" * 60_000)

    sent = openai.last.body["messages"][-1]["content"]
    assert len(sent) < MAX_INPUT_CHARS + 100


def test_gemini_fills_through_a_response_schema(gemini: FakeProvider, alice: ApiUser) -> None:
    gemini.script.chunks = _answer(employment_type="contract", deadline="2026-12-31")

    answer = capture(alice, text=POSTING)

    assert (values(answer)["employment_type"], values(answer)["deadline"]) == (
        "contract",
        "2026-12-31",
    )
    assert sources(answer)["deadline"] == "ai"
    config = gemini.last.body["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    assert "deadline" in config["responseSchema"]["properties"]
    assert "role" not in config["responseSchema"]["properties"]


@pytest.mark.parametrize(
    "chunks",
    [
        ["I think the salary is about 50k"],  # not JSON
        _answer(salary_min="lots"),  # JSON, but not the schema's
        _answer(deadline="next Tuesday"),
        ["[1, 2, 3]"],
    ],
)
def test_an_answer_that_doesnt_fit_the_schema_is_dropped(
    openai: FakeProvider, alice: ApiUser, chunks: list[str]
) -> None:
    openai.script.chunks = chunks

    answer = capture(alice, text=POSTING)

    assert "ai" not in sources(answer).values()
    assert values(answer)["role"] == "Backend Engineer"
    assert answer["notes"] == [AI_ANSWER_UNUSABLE]


def test_a_provider_that_is_down_leaves_the_parsers_result_and_a_note(
    openai: FakeProvider, alice: ApiUser
) -> None:
    openai.script.status = 503

    answer = capture(alice, text=POSTING)

    assert values(answer)["role"] == "Backend Engineer"
    assert answer["notes"] == [AI_DID_NOT_ANSWER]


def test_a_gemini_outage_leaves_a_note_too(gemini: FakeProvider, alice: ApiUser) -> None:
    gemini.script.status = 500

    assert capture(alice, text=POSTING)["notes"] == [AI_DID_NOT_ANSWER]


def test_ai_fills_count_against_the_daily_limit(
    openai: FakeProvider, settings: Settings, alice: ApiUser
) -> None:
    settings.ai_daily_messages_per_user = 1
    openai.script.chunks = _answer(location="Lisbon")

    first = capture(alice, text=POSTING)
    second = capture(alice, text=POSTING)

    assert values(first)["location"] == "Lisbon"
    assert (values(second)["location"], second["notes"]) == (None, [AI_DAILY_LIMIT])
    assert len(openai.requests) == 1


def test_nothing_is_asked_when_the_parser_found_everything_the_model_could(
    openai: FakeProvider, alice: ApiUser
) -> None:
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Backend Engineer",
        "hiringOrganization": "Acme",
        "jobLocation": {"@type": "Place", "address": "Berlin"},
        "jobLocationType": "TELECOMMUTE",
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": 1,
                "maxValue": 2,
                "unitText": "YEAR",
            },
        },
        "employmentType": "FULL_TIME",
        "datePosted": "2026-11-03",
        "validThrough": "2026-12-31",
    }

    capture(alice, url="https://acme.example/j", json_ld=[json.dumps(posting)], text="Backend")

    assert openai.requests == []


def test_without_a_provider_capture_works_with_the_parser_alone(alice: ApiUser) -> None:
    answer = capture(alice, text=POSTING)

    assert values(answer)["role"] == "Backend Engineer"
    assert answer["notes"] == []


def test_an_answer_dripping_past_the_time_limit_is_cut_off(
    openai: FakeProvider, settings: Settings, alice: ApiUser
) -> None:
    settings.ai_timeout_seconds = 1
    # Each chunk comes within the SDK's own timeout; all of them together do not.
    openai.script.chunks = ['{"location": ', '"Lis', 'bon"', "}"]
    openai.script.delay_between = 0.45

    answer = capture(alice, text=POSTING)

    assert (values(answer)["location"], answer["notes"]) == (None, [AI_DID_NOT_ANSWER])


def test_an_answer_longer_than_any_form_is_dropped(openai: FakeProvider, alice: ApiUser) -> None:
    openai.script.chunks = ['{"location": "', "Lisbon " * 2_000, '"}']

    answer = capture(alice, text=POSTING)

    assert (values(answer)["location"], answer["notes"]) == (None, [AI_ANSWER_UNUSABLE])
