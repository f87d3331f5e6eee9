"""Contacts as vCard 3.0 (RFC 2426), the version every address book still imports."""

from __future__ import annotations

import re

from jobtracker.applications.schemas import ApplicationSummary
from jobtracker.contacts.models import Contact

MEDIA_TYPE = "text/vcard; charset=utf-8"
# RFC 2426 section 2.6 / RFC 6350 section 3.2: lines longer than 75 octets are folded.
LINE_OCTETS = 75
CRLF = "\r\n"
# Control characters other than tab cannot appear in a value; line breaks are escaped as \n.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def escape(text: str) -> str:
    """A TEXT value with backslashes, commas, semicolons and line breaks escaped."""
    one_line = _LINE_BREAK.sub("\n", text)
    return (
        _CONTROL.sub("", one_line)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """The content line split into lines of at most 75 octets, never inside a UTF-8 character.

    Each continuation starts with a space, which counts toward its 75 octets.
    """
    pieces: list[str] = []
    current = ""
    room = LINE_OCTETS
    for character in line:
        size = len(character.encode())
        if size > room:
            pieces.append(current)
            current = " "
            room = LINE_OCTETS - 1
        current += character
        room -= size
    pieces.append(current)
    return CRLF.join(pieces)


def _name_parts(name: str) -> tuple[str, str]:
    # The API keeps one name field; the last word is the best guess at a family name.
    words = name.split()
    if len(words) < 2:
        return "", name.strip()
    return words[-1], " ".join(words[:-1])


def _note(contact: Contact, application: ApplicationSummary) -> str:
    context = f"Application: {application.role} at {application.company}"
    return f"{contact.notes.strip()}\n\n{context}" if contact.notes else context


def vcard(contact: Contact, application: ApplicationSummary) -> str:
    """One contact as a vCard, lines ending in CRLF, with the application it came from."""
    family, given = _name_parts(contact.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{escape(contact.name)}",
        f"N:{escape(family)};{escape(given)};;;",
        f"ORG:{escape(application.company)}",
    ]
    if contact.role:
        lines.append(f"TITLE:{escape(contact.role)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{escape(contact.email)}")
    if contact.phone:
        lines.append(f"TEL;TYPE=VOICE:{escape(contact.phone)}")
    lines.append(f"NOTE:{escape(_note(contact, application))}")
    lines.append(f"UID:jobtracker-contact-{contact.id}")
    lines.append(f"REV:{contact.updated_at.strftime('%Y-%m-%dT%H:%M:%SZ')}")
    lines.append("END:VCARD")
    return "".join(fold(line) + CRLF for line in lines)
