"""Serves the built single-page UI: fingerprinted assets cached for good, every other path
falling back to index.html so client-side routes survive a reload.

The build writes brotli (.br) and gzip (.gz) copies next to each compressible file
(frontend/scripts/precompress.mjs); a client that accepts one gets it as it is, so nothing is
compressed per request.
"""

from __future__ import annotations

import re
from mimetypes import guess_type
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response

from jobtracker.errors import error_response

IMMUTABLE = "public, max-age=31536000, immutable"
RESERVED_PREFIXES = ("api/", "calendar/")
# The copies the build writes, best first: brotli is some 15% smaller than gzip on our bundle.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))
# RFC 9110 §12.4.2: 0 to 1 with at most three decimals; anything else is not a weight.
QVALUE = re.compile(r"0(?:\.\d{0,3})?|1(?:\.0{0,3})?")
ALIASES = {"x-gzip": "gzip"}  # RFC 9110 §8.4.1.3: the same coding under its old name


def coding_weights(accept_encoding: str) -> dict[str, float]:
    """The weight the client gave each content coding it named; q=0 means refused."""
    weights: dict[str, float] = {}
    for element in accept_encoding.split(","):
        coding, *parameters = (part.strip() for part in element.split(";"))
        if not coding:
            continue
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                value = value.strip()
                weight = float(value) if QVALUE.fullmatch(value) else 0.0
        coding = coding.lower()
        weights[ALIASES.get(coding, coding)] = weight
    return weights


def acceptable_encodings(accept_encoding: str) -> list[str]:
    """The precompressed codings to try, most wanted first (brotli on a tie).

    One the client weighs below plain `identity` is left out: it asked for the file as it is.
    """
    weights = coding_weights(accept_encoding)
    wildcard = weights.get("*", 0.0)
    identity = weights.get("identity", 0.0)
    weighed = [(weights.get(coding, wildcard), coding) for coding, _ in PRECOMPRESSED]
    ranked = sorted(weighed, key=lambda entry: entry[0], reverse=True)  # stable: br before gzip
    return [coding for weight, coding in ranked if weight > 0 and weight >= identity]


def file_response(request: Request, file: Path, cache_control: str) -> FileResponse:
    """The file, or its precompressed copy when the client accepts one: same type and caching."""
    media_type, encoding = guess_type(file.name)
    if encoding or media_type is None:  # e.g. app.js.br asked for by name: bytes, not a script
        media_type = "application/octet-stream"
    headers = {"Cache-Control": cache_control, "Vary": "Accept-Encoding"}
    suffixes = dict(PRECOMPRESSED)
    for coding in acceptable_encodings(request.headers.get("accept-encoding", "")):
        copy = file.with_name(file.name + suffixes[coding])
        if copy.is_file():
            headers["Content-Encoding"] = coding
            return FileResponse(copy, media_type=media_type, headers=headers)
    return FileResponse(file, media_type=media_type, headers=headers)


def mount_ui(app: FastAPI, static_dir: Path) -> None:
    root = static_dir.resolve()

    # HEAD too (FastAPI's @app.get answers only GET): uptime checks and link previews ask it.
    @app.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
    def serve_ui(path: str, request: Request) -> Response:
        if path.startswith(RESERVED_PREFIXES) or path in {"api", "calendar"}:
            if request.method == "HEAD":  # an API route's GET would answer here, not its HEAD
                return error_response(
                    405, "method_not_allowed", "This address does not answer HEAD; use GET."
                )
            return error_response(404, "not_found", "There is nothing at this address.")
        index = root / "index.html"
        if not index.is_file():
            return error_response(
                404, "ui_not_built", "The web UI has not been built yet: run `make ui`."
            )
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            cache = IMMUTABLE if path.startswith("assets/") else "no-cache"
            return file_response(request, candidate, cache)
        if path.startswith("assets/"):
            return error_response(404, "not_found", "There is no such file.")
        return file_response(request, index, "no-cache")
