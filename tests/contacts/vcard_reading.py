"""A small vCard reader for tests: unfolds, splits and unescapes, independently of the writer."""

from __future__ import annotations

import re

_ESCAPES = {"\\\\": "\\", "\\,": ",", "\\;": ";", "\\n": "\n", "\\N": "\n"}
_ESCAPE = re.compile(r"\\[\\,;nN]")
Card = dict[str, list[str]]


def unescape(value: str) -> str:
    return _ESCAPE.sub(lambda match: _ESCAPES[match.group()], value)


def split_unescaped(value: str, separator: str) -> list[str]:
    """A structured value's components (N, ORG), each unescaped."""
    parts = [""]
    escaped = False
    for character in value:
        if character == separator and not escaped:
            parts.append("")
            continue
        parts[-1] += character
        escaped = character == "\\" and not escaped
    return [unescape(part) for part in parts]


def physical_lines(text: str) -> list[str]:
    assert text.endswith("\r\n"), "every line ends in CRLF"
    lines = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in lines), "bare line break"
    return lines


def read_cards(text: str) -> list[Card]:
    """Each card's properties by name (parameters dropped), raw values still escaped."""
    logical: list[str] = []
    for line in physical_lines(text):
        if line.startswith((" ", "\t")):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    cards: list[Card] = []
    for line in logical:
        name_and_parameters, value = line.split(":", 1)
        name = name_and_parameters.split(";", 1)[0].upper()
        if name == "BEGIN":
            assert value == "VCARD"
            cards.append({})
        elif name != "END":
            cards[-1].setdefault(name, []).append(value)
    return cards


def text_of(card: Card, name: str) -> str:
    (value,) = card[name]
    return unescape(value)
