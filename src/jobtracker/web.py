"""Serves the built single-page UI: fingerprinted assets cached for good, every other path
falling back to index.html so client-side routes survive a reload."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response

from jobtracker.errors import error_response

IMMUTABLE = "public, max-age=31536000, immutable"
RESERVED_PREFIXES = ("api/", "calendar/")


def mount_ui(app: FastAPI, static_dir: Path) -> None:
    root = static_dir.resolve()

    @app.get("/{path:path}", include_in_schema=False)
    def serve_ui(path: str, request: Request) -> Response:
        if path.startswith(RESERVED_PREFIXES) or path in {"api", "calendar"}:
            return error_response(404, "not_found", "There is nothing at this address.")
        index = root / "index.html"
        if not index.is_file():
            return error_response(
                404, "ui_not_built", "The web UI has not been built yet: run `make ui`."
            )
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            cache = IMMUTABLE if path.startswith("assets/") else "no-cache"
            return FileResponse(candidate, headers={"Cache-Control": cache})
        if path.startswith("assets/"):
            return error_response(404, "not_found", "There is no such file.")
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
