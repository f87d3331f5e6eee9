"""The API docs page (/api/docs): Swagger UI served from the package, nothing from a CDN."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_PATH = "/api/docs"
ASSETS_PATH = f"{DOCS_PATH}/assets"
# Swagger UI's own files, shipped by the fastapi-offline package (its code is not used).
SWAGGER_UI_FILES = Path(str(files("fastapi_offline") / "static"))
# Started by a file of ours rather than inline, so the page's policy needs no 'unsafe-inline'.
START_SCRIPT = Path(__file__).with_name("start.js")


def _page(title: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} — API docs</title>
<link rel="icon" type="image/png" href="{ASSETS_PATH}/favicon.png">
<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="{DOCS_PATH}/start.js"></script>
</body>
</html>
"""


def install_api_docs(app: FastAPI) -> None:
    """Serve the docs page, its starter script and Swagger UI's files under /api/docs."""
    page = _page(app.title)

    @app.get(DOCS_PATH, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(page)

    @app.get(f"{DOCS_PATH}/start.js", include_in_schema=False)
    def api_docs_start() -> FileResponse:
        return FileResponse(START_SCRIPT, media_type="text/javascript")

    app.mount(ASSETS_PATH, StaticFiles(directory=SWAGGER_UI_FILES), name="api-docs-assets")
