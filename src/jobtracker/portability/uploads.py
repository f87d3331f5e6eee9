"""Uploads held to limits: their size, from the running app's settings, and their JSON's depth."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Coroutine
from typing import Any

import pydantic_core
from fastapi import Request, Response, status
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive

from jobtracker.config import Settings
from jobtracker.errors import InvalidInput

MIB = 1024 * 1024
# Room for the multipart boundaries and part headers (and the small form fields) around a file.
MULTIPART_ALLOWANCE = 64 * 1024
# Text, tags and history beside the documents' bytes in a backup.
BACKUP_ALLOWANCE_MB = 64
# What "unlimited storage" still allows one backup upload to hold.
UNLIMITED_STORAGE_BACKUP_MB = 1024


def spreadsheet_limit(settings: Settings) -> int:
    return settings.max_upload_mb * MIB


def backup_limit(settings: Settings) -> int:
    """Room for a full account: its documents (base64 grows them by a third) and the rest."""
    storage_mb = settings.max_storage_mb_per_user or UNLIMITED_STORAGE_BACKUP_MB
    documents = max(storage_mb, settings.max_upload_mb) * MIB * 4 // 3
    return documents + BACKUP_ALLOWANCE_MB * MIB


def too_large(what: str, limit: int, hint: str) -> HTTPException:
    # An HTTPException, because FastAPI passes only those unchanged out of its body parsing.
    return HTTPException(
        status.HTTP_413_CONTENT_TOO_LARGE,
        detail=f"{what} is larger than this instance accepts ({limit // MIB} MB). {hint}",
    )


def body_limited(what: str, limit_of: Callable[[Settings], int], hint: str) -> type[APIRoute]:
    """A route class whose request bodies may not pass `limit_of(settings)` bytes.

    A declared Content-Length over it is refused before one byte is read; a body without
    one (chunked) is cut off as soon as it passes the limit, so nothing large is spooled.
    """

    class BodyLimitedRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handle = super().get_route_handler()

            async def handle_within_limit(request: Request) -> Response:
                settings: Settings = request.app.state.settings
                limit = limit_of(settings) + MULTIPART_ALLOWANCE
                declared = request.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise too_large(what, limit_of(settings), hint)
                counted = _counted(
                    request.receive, limit, too_large(what, limit_of(settings), hint)
                )
                return await handle(Request(request.scope, counted))

            return handle_within_limit

    return BodyLimitedRoute


def _counted(receive: Receive, limit: int, refusal: HTTPException) -> Receive:
    received = 0

    async def receive_within_limit() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise refusal
        return message

    return receive_within_limit


# Nesting pydantic's JSON parser stops at by itself, where json.loads would recurse until a
# RecursionError; a backup nests five levels deep.
JSON_NESTING_LIMIT = 200


def read_json(content: bytes) -> Any:
    """The JSON in an uploaded backup (UTF-8, BOM or not); bad or too deep JSON is a 422."""
    try:
        return pydantic_core.from_json(content.removeprefix(codecs.BOM_UTF8), allow_inf_nan=False)
    except ValueError as error:
        problem, _, place = str(error).rpartition(" at ")
        where = place.replace(" column", ", column") if problem else "its start"
        if problem.startswith("recursion limit exceeded"):
            raise InvalidInput(
                f"The file nests lists and objects more than {JSON_NESTING_LIMIT} levels deep, "
                "so it is not a Job Tracker backup.",
                fields={"file": f"nested more than {JSON_NESTING_LIMIT} levels deep"},
            ) from None
        raise InvalidInput(
            f"The file is not valid JSON ({where}: {problem or error}). "
            "It may be damaged or cut short.",
            fields={"file": f"not valid JSON at {where}"},
        ) from None
