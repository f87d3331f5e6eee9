"""/mcp: the MCP server over streamable HTTP, in the web app, behind a personal access token.

A request without a valid token is refused with 401 and WWW-Authenticate before the MCP
transport sees it. The transport is stateless (every request stands alone, answered as JSON),
so any of several app processes can answer any request.

The SDK takes a second or two and tens of MB to load, which every worker would pay at start-up
whether or not anyone uses MCP: it is loaded, and the server built and started, on the first
authenticated request, by a task the app's lifespan runs (so its session manager starts and
stops in one task, as its task group requires).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import anyio
from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from jobtracker.auth import access_tokens
from jobtracker.capture.ai_fill import filler_for
from jobtracker.capture.fetcher import fetch
from jobtracker.capture.policy import policy_from_settings
from jobtracker.config import Settings
from jobtracker.errors import NotAuthenticated, error_response
from jobtracker.mcp.service import BEARER_NEEDED, Backend, bearer_secret, build_call_limiter

if TYPE_CHECKING:
    from jobtracker.mcp.server import JobTrackerMCP

log = logging.getLogger("jobtracker.mcp")

PATH = "/mcp"
REALM = 'Bearer realm="jobtracker"'
NOT_RUNNING = "The MCP server is starting or stopping. Try again in a moment."
NO_EVENT_STREAM = "This MCP endpoint offers no event stream: send each request as a POST."
# The first request waits this long at most for the SDK to load and the server to start.
START_SECONDS = 60


class McpEndpoint:
    """The ASGI app at /mcp: the token check, then the SDK's transport (once started)."""

    def __init__(self, backend: Backend, version: str) -> None:
        self.backend = backend
        self.version = version
        self._transport: ASGIApp | None = None
        self._wanted: anyio.Event | None = None
        self._started: anyio.Event | None = None

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """For the app's lifespan: the task that starts the transport when first wanted."""
        self._wanted, self._started = wanted, started = anyio.Event(), anyio.Event()
        try:
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(self._serve_once_wanted, wanted, started)
                try:
                    yield
                finally:
                    tasks.cancel_scope.cancel()
        finally:
            self._wanted = self._started = None
            self.backend.call_limiter.close()

    async def _serve_once_wanted(self, wanted: anyio.Event, started: anyio.Event) -> None:
        await wanted.wait()
        try:
            await self._serve(started)
        except Exception:
            # MCP then answers 503, and the rest of the app goes on serving.
            log.exception("The MCP server could not start")
        finally:
            started.set()  # nobody waits for a start that will not come

    async def _serve(self, started: anyio.Event) -> None:
        # Importing is blocking work: off the event loop, which keeps serving the API.
        server = await anyio.to_thread.run_sync(self._build_server)
        from mcp.server.transport_security import TransportSecuritySettings

        # Its Starlette app is left aside: requests go straight to the session manager, so what
        # fails in them (a body past the app's limit) reaches the app's own JSON error handlers.
        server.streamable_http_app(
            streamable_http_path=PATH,
            stateless_http=True,
            json_response=True,
            # Every request needs a token a rebinding page cannot have; the app's own host
            # and origin rules apply as to the API.
            transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
        )
        manager = server.session_manager
        async with manager.run():
            self._transport = manager.handle_request
            started.set()
            try:
                await anyio.sleep_forever()
            finally:
                self._transport = None

    def _build_server(self) -> JobTrackerMCP:
        from jobtracker.mcp.server import build_server

        return build_server(self.backend, self.version)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._wanted is None:
            await error_response(503, "unavailable", NOT_RUNNING)(scope, receive, send)
            return
        if scope["method"] == "GET":
            # A stateless server has nothing to push: the spec's answer is 405, and an event
            # stream left open would hold a connection for nothing.
            refusal = error_response(405, "method_not_allowed", NO_EVENT_STREAM)
            refusal.headers["Allow"] = "POST"
            await refusal(scope, receive, send)
            return
        secret = bearer_secret(Headers(scope=scope).get("authorization"))
        problem: str | None = BEARER_NEEDED
        if secret is not None:
            problem = await anyio.to_thread.run_sync(self._refused, secret)
        if problem is not None:
            refusal = error_response(401, "not_authenticated", problem)
            error = "" if secret is None else ', error="invalid_token"'
            refusal.headers["WWW-Authenticate"] = REALM + error
            await refusal(scope, receive, send)
            return
        transport = await self._started_transport()
        if transport is None:
            await error_response(503, "unavailable", NOT_RUNNING)(scope, receive, send)
            return
        await transport(scope, receive, send)

    async def _started_transport(self) -> ASGIApp | None:
        wanted, started = self._wanted, self._started
        if self._transport is None and wanted is not None and started is not None:
            wanted.set()
            with anyio.move_on_after(START_SECONDS):
                await started.wait()
        return self._transport

    def _refused(self, secret: str) -> str | None:  # on a worker thread: it queries
        """Why the token is refused; None when it is valid (unknown, expired or revoked)."""
        with self.backend.session_factory() as session:
            try:
                access_tokens.authenticate_token(session, secret)
            except NotAuthenticated as refused:
                return refused.message
        return None


def mount_mcp(app: FastAPI, settings: Settings, version: str) -> McpEndpoint:
    """Serve the MCP server at /mcp; the app's lifespan runs `endpoint.running()`."""
    backend = Backend(
        settings=settings,
        session_factory=app.state.session_factory,
        call_limiter=build_call_limiter(settings),
        capture_limiter=app.state.capture_limiter,
        fetch_page=fetch,
        fetch_policy=policy_from_settings(settings),
        filler=filler_for(settings),
    )
    endpoint = McpEndpoint(backend, version)
    app.add_route(PATH, endpoint, include_in_schema=False)  # type: ignore[arg-type]
    return endpoint
