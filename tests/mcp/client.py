"""Driving the MCP server with the SDK's own client: over streamable HTTP against a live app on
127.0.0.1, and over stdio against `python -m jobtracker mcp`."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import anyio
import httpx2
from mcp.client.streamable_http import streamable_http_client
from mcp.types import CallToolResult, TextContent

from mcp import ClientSession

T = TypeVar("T")


@asynccontextmanager
async def http_session(base_url: str, token: str) -> AsyncIterator[ClientSession]:
    """A client session with the server at base_url/mcp, sending the token on every request."""
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        httpx2.AsyncClient(headers=headers, timeout=30) as http,
        streamable_http_client(f"{base_url}/mcp", http_client=http) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        yield session


def run(work: Callable[[], Awaitable[T]]) -> T:
    return anyio.run(work)


def over_http(base_url: str, token: str, work: Callable[[ClientSession], Awaitable[T]]) -> T:
    """Run `work` in a fresh client session over HTTP, from a plain (sync) test."""

    async def session_work() -> T:
        async with http_session(base_url, token) as session:
            return await work(session)

    return anyio.run(session_work)


def call_tool(base_url: str, token: str, tool: str, /, **arguments: Any) -> CallToolResult:
    return over_http(base_url, token, lambda session: session.call_tool(tool, arguments))


def text_of(result: CallToolResult) -> str:
    return "\n".join(part.text for part in result.content if isinstance(part, TextContent))


def answer(result: CallToolResult) -> dict[str, Any]:
    """The structured answer of a call that succeeded (a failure fails the test, with why)."""
    assert not result.is_error, text_of(result)
    assert result.structured_content is not None
    return result.structured_content


def refusal(result: CallToolResult) -> str:
    """The message of a call that failed as a tool error."""
    assert result.is_error, json.dumps(result.structured_content)
    return text_of(result)
