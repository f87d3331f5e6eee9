"""`python -m jobtracker mcp`: the MCP server over stdio, for desktop clients that start a local
command. It acts as the access token in JOBTRACKER_TOKEN, checked at start (a refused token
ends the command with a sentence on stderr) and again on every call, so revoking it in
Settings stops it at once. Standard output carries only the protocol; logs go to stderr."""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

from jobtracker.auth import access_tokens
from jobtracker.capture import service as capture_service
from jobtracker.capture.ai_fill import filler_for
from jobtracker.capture.fetcher import fetch
from jobtracker.capture.policy import policy_from_settings
from jobtracker.config import Settings
from jobtracker.db import build_engine, build_session_factory
from jobtracker.errors import NotAuthenticated
from jobtracker.mcp.server import build_server
from jobtracker.mcp.service import Backend, build_call_limiter

NOT_CONFIGURED = (
    "Set JOBTRACKER_TOKEN to a personal access token (jtpat_...), created in the web app "
    "under Settings > Access tokens."
)


def _version() -> str:
    try:
        return version("jobtracker")
    except PackageNotFoundError:
        return "0.0.0"


def serve_stdio(settings: Settings) -> int:
    token = settings.jobtracker_token.strip()
    if not access_tokens.is_access_token(token):
        print(NOT_CONFIGURED, file=sys.stderr)
        return 2
    engine = build_engine(settings.effective_database_url)
    call_limiter = build_call_limiter(settings)
    capture_limiter = capture_service.build_limiter(settings)
    try:
        session_factory = build_session_factory(engine)
        with session_factory() as session:
            try:
                access_tokens.authenticate_token(session, token)
            except NotAuthenticated as refused:
                print(refused.message, file=sys.stderr)
                return 1
        backend = Backend(
            settings=settings,
            session_factory=session_factory,
            call_limiter=call_limiter,
            capture_limiter=capture_limiter,
            fetch_page=fetch,
            fetch_policy=policy_from_settings(settings),
            filler=filler_for(settings),
            stdio_token=token,
        )
        build_server(backend, _version()).run("stdio")
    finally:
        call_limiter.close()
        capture_limiter.close()
        engine.dispose()
    return 0
