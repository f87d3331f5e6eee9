"""Validation problems worded for a person: plain sentences instead of pydantic's phrasing."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

_DATE_TIME_EXAMPLE = "a date and time like 2026-12-31T17:00:00Z"
# Where in the request a value came from: not part of the name a person knows it by.
_REQUEST_PARTS = frozenset({"body", "query", "path", "header", "cookie"})


def _limit(problem: Mapping[str, Any], key: str) -> Any:
    return problem.get("ctx", {}).get(key)


def _text_length(problem: Mapping[str, Any]) -> str:
    shortest = _limit(problem, "min_length")
    if shortest == 1:
        return "This can't be empty."
    return f"Use at least {shortest} characters."


def _choices(problem: Mapping[str, Any]) -> str:
    expected = str(_limit(problem, "expected") or "").replace("'", "")
    return f"Choose one of: {expected}." if expected else "Choose one of the listed values."


_WORDING: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "missing": lambda _: "This is required.",
    "string_too_short": _text_length,
    "string_too_long": lambda p: f"Use at most {_limit(p, 'max_length')} characters.",
    "too_short": lambda p: f"Give at least {_limit(p, 'min_length')}.",
    "too_long": lambda p: f"Give at most {_limit(p, 'max_length')}.",
    "greater_than_equal": lambda p: f"Use a value of {_limit(p, 'ge')} or more.",
    "greater_than": lambda p: f"Use a value above {_limit(p, 'gt')}.",
    "less_than_equal": lambda p: f"Use a value of {_limit(p, 'le')} or less.",
    "less_than": lambda p: f"Use a value below {_limit(p, 'lt')}.",
    "int_parsing": lambda _: "Enter a whole number.",
    "int_type": lambda _: "Enter a whole number.",
    "int_from_float": lambda _: "Enter a whole number.",
    "float_parsing": lambda _: "Enter a number.",
    "float_type": lambda _: "Enter a number.",
    "bool_parsing": lambda _: "Use true or false.",
    "bool_type": lambda _: "Use true or false.",
    "string_type": lambda _: "Enter text here.",
    "list_type": lambda _: "Give a list here.",
    "dict_type": lambda _: "Give an object here.",
    "model_type": lambda _: "Give an object here.",
    "enum": _choices,
    "literal_error": _choices,
    "date_parsing": lambda _: "Enter a date like 2026-12-31.",
    "date_from_datetime_parsing": lambda _: "Enter a date like 2026-12-31.",
    "date_type": lambda _: "Enter a date like 2026-12-31.",
    "datetime_parsing": lambda _: f"Enter {_DATE_TIME_EXAMPLE}.",
    "datetime_from_date_parsing": lambda _: f"Enter {_DATE_TIME_EXAMPLE}.",
    "datetime_type": lambda _: f"Enter {_DATE_TIME_EXAMPLE}.",
    "timezone_aware": lambda _: f"Include a time zone: {_DATE_TIME_EXAMPLE}.",
    "url_parsing": lambda _: "Enter a full web address starting with https://.",
    "url_scheme": lambda _: "Enter a web address starting with http:// or https://.",
    "extra_forbidden": lambda _: "This field can't be set here; leave it out.",
    "json_invalid": lambda _: "The request body is not valid JSON.",
}


def plain_message(problem: Mapping[str, Any]) -> str:
    """One problem of a pydantic ValidationError as a sentence that says what to do."""
    wording = _WORDING.get(str(problem.get("type", "")))
    if wording is not None:
        return wording(problem)
    # Our own validators already speak in sentences; only pydantic's prefix goes.
    return str(problem.get("msg", "This value is not valid.")).removeprefix("Value error, ")


def field_label(location: Sequence[Any]) -> str:
    """A field's location as a person would name it: ("job_description",) → "Job description"."""
    named = [part for part in location if part not in _REQUEST_PARTS]
    words = " > ".join(str(part).replace("_", " ") for part in named)
    return words[:1].upper() + words[1:] if words else "The request"
