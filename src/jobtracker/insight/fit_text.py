"""Text into comparable tokens for the fit score: lemmatised words, skill punctuation kept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

# The fit score reads at most this much of a resume or a posting: a ten-page resume is about
# 40,000 characters and job descriptions are capped at 100,000, so only hostile or garbled
# text is cut, and the work stays bounded however large an extracted file is.
MAX_TEXT_CHARS = 100_000

# A word (letters and digits, with a leading dot as in ".NET" and trailing + or # as in "C++",
# "C#"), or one of the connectors skill names are written with ("CI/CD", "R&D", "Node.js").
# A dot counts only between two word characters, so a full stop never joins two sentences.
_TOKEN = re.compile(r"(?:(?<![\w.])\.)?[^\W_]+(?:\+\+|\+|#)?|[/&]|(?<=[^\W_])\.(?=[^\W_])")
# Anything between two words but spaces, tabs and hyphens ("machine-learning") breaks a name.
_BREAK = re.compile(r"[^ \t\-]")
# Acronyms in the plural ("APIs", "SDKs") are the acronym.
_PLURAL_ACRONYM = re.compile(r"^([A-Z0-9]{2,})s$")
# Shorter words are left as written: lemmatising "aws" or "sas" would only invent collisions.
_MIN_LEMMA_LENGTH = 4
_MAX_ACRONYM_LENGTH = 5


@dataclass(frozen=True, slots=True)
class Token:
    surface: str  # as written
    key: str  # what is compared: the lower-case lemma, or the connector itself
    start: int
    end: int
    # Punctuation or a line break before it: a skill's name never runs across one, so
    # "product, design" is not "product design".
    after_break: bool = False

    @property
    def is_word(self) -> bool:
        return self.key not in ("/", "&", ".")


def tokenize(text: str) -> list[Token]:
    """The tokens of `text` (cut to MAX_TEXT_CHARS), with offsets into it."""
    text = text[:MAX_TEXT_CHARS]
    tokens: list[Token] = []
    previous_end = 0
    for match in _TOKEN.finditer(text):
        start = match.start()
        # Most words are one space apart: only a longer gap is looked into.
        broken = start - previous_end > 1 or (
            start > previous_end and text[previous_end] not in " -"
        )
        if broken and start - previous_end > 1:
            broken = bool(_BREAK.search(text, previous_end, start))
        broken = broken and bool(tokens)
        tokens.append(
            Token(match.group(), key_of(match.group()), match.start(), match.end(), broken)
        )
        previous_end = match.end()
    return tokens


def same_word(written: str, named: str) -> bool:
    """Whether a word is a name as written or its plural ("audits" for "audit"), ignoring case:
    the lemma alone would make "budget" of "budgeting" and "brand" of "branding"."""
    return _singular(written.lower()) == _singular(named.lower())


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


@lru_cache(maxsize=65_536)
def key_of(surface: str) -> str:
    """How a word compares: "Managing" ~ "manage", "databases" ~ "database", "APIs" ~ "API"."""
    acronym = _PLURAL_ACRONYM.match(surface)
    if acronym:
        surface = acronym.group(1)
    lower = surface.lower()
    if len(lower) < _MIN_LEMMA_LENGTH or not lower.isalpha():
        return lower
    if surface.isupper() and len(surface) <= _MAX_ACRONYM_LENGTH:
        return lower  # "CAMS" and "NIMS" are names, not plurals of "cam" and "nim"
    return str(simplemma.lemmatize(lower, lang="en"))
