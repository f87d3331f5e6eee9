"""A size limit on every request body except uploads, which have limits of their own.

A declared Content-Length over the limit is refused before one byte is read; a body without
one (chunked) is cut off as soon as it passes the limit, so nothing large is ever buffered.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jobtracker.errors import error_response

# The largest valid JSON body (an application with two 100,000-character texts, as UTF-8)
# fits with room to spare.
MAX_BODY_BYTES = 1024 * 1024
# Routes that take files check the instance's MAX_UPLOAD_MB (or a backup's size) themselves.
UPLOAD_ROUTES = frozenset(
    {
        ("POST", "/api/documents"),
        ("POST", "/api/import/applications"),
        ("POST", "/api/import/applications/preview"),
        ("POST", "/api/import/backup"),
    }
)
# JSON routes that take more than MAX_BODY_BYTES and hold it to a limit of their own.
LARGE_JSON_ROUTES = frozenset({("POST", "/api/capture")})  # a whole page's HTML
_OWN_LIMIT_ROUTES = UPLOAD_ROUTES | LARGE_JSON_ROUTES
BODYLESS_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
TOO_LARGE = (
    f"The request body is larger than this API accepts ({MAX_BODY_BYTES // 1024 // 1024} MB)."
)


class BodySizeLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method: str = scope.get("method", "")
        if (
            scope["type"] != "http"
            or method in BODYLESS_METHODS
            or (method, scope["path"]) in _OWN_LIMIT_ROUTES
        ):
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await error_response(413, "too_large", TOO_LARGE)(scope, receive, send)
            return
        await self.app(scope, self._counted(receive), send)

    def _counted(self, receive: Receive) -> Receive:
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI passes an HTTPException unchanged out of its body parsing, and
                    # the app's handler turns it into the usual JSON error.
                    raise HTTPException(413, detail=TOO_LARGE)
            return message

        return receive_within_limit
