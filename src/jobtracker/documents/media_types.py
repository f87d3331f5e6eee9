"""The kinds of file documents accept, in a module light enough for the text-reading child."""

from __future__ import annotations

from enum import StrEnum


class MediaType(StrEnum):
    """The kinds of file accepted, decided from the bytes, never from the name or the header."""

    PDF = "application/pdf"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    TEXT = "text/plain"
    MARKDOWN = "text/markdown"
