"""Security headers on every response: content and permissions policies, framing, sniffing, HSTS.

A header the route set itself wins (a document's `Content-Security-Policy: sandbox`, the
calendar feed's `Referrer-Policy: no-referrer`); the rest are filled in here.
"""

from __future__ import annotations

import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The built UI: scripts and styles from its own files only (Vite emits no inline script;
# React sets style attributes through the CSSOM, which CSP does not govern), the favicon
# as a data: URL, and the document preview in a same-origin iframe.
UI_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# JSON (the API's and MCP's), files and feeds: nothing in them should ever run or load anything.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
# The API docs page: Swagger UI's script, styles and favicon from the package, started by a
# script file of ours (jobtracker.api_docs), so neither a CDN nor inline script is allowed.
DOCS_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
DOCS_PATHS = frozenset({"/api/docs"})
# Powerful browser features the app never uses, refused for it and anything it frames; the
# calendar address is copied with the clipboard, and a previewed PDF may go full screen.
PERMISSIONS_POLICY = ", ".join(
    (
        "accelerometer=()",
        "autoplay=()",
        "browsing-topics=()",
        "camera=()",
        "display-capture=()",
        "geolocation=()",
        "gyroscope=()",
        "hid=()",
        "idle-detection=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "screen-wake-lock=()",
        "serial=()",
        "usb=()",
        "xr-spatial-tracking=()",
        "clipboard-write=(self)",
        "fullscreen=(self)",
    )
)
# The UI previews a document in an iframe of its own origin; nothing else may be framed.
FRAMEABLE = re.compile(r"^/api/documents/\d+/content$")
HSTS = "max-age=31536000; includeSubDomains"


def policy_for(path: str) -> str:
    if path in DOCS_PATHS:
        return DOCS_POLICY
    if path.startswith(("/api/", "/calendar/", "/mcp/")) or path in {"/api", "/calendar", "/mcp"}:
        return API_POLICY
    return UI_POLICY


class SecurityHeaders:
    """Pure ASGI middleware, so streamed answers pass through untouched and unbuffered."""

    def __init__(self, app: ASGIApp, *, always_https: bool) -> None:
        self.app = app
        self.always_https = always_https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        https = self.always_https or scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", policy_for(path))
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
                headers.setdefault(
                    "X-Frame-Options", "SAMEORIGIN" if FRAMEABLE.match(path) else "DENY"
                )
                headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
                headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
                if https:
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)
