"""The MCP server itself: every tool, resource and prompt, with failures worded for people."""

from __future__ import annotations

import logging
from typing import Any

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, InputRequiredResult

from jobtracker.mcp.read_tools import register_read_tools
from jobtracker.mcp.resources import register_prompts, register_resources
from jobtracker.mcp.service import EXPECTED_FAILURES, Backend, first_cause, message_for
from jobtracker.mcp.write_tools import register_write_tools

log = logging.getLogger("jobtracker.mcp")

INSTRUCTIONS = (
    "Job Tracker holds one person's job search: applications (company, role, stage, dates, "
    "tags), their deliverables (tasks with due dates), contacts, notes, documents and "
    "interviews. Find applications with search_applications, read one in full with "
    "get_application, see what is due with list_upcoming. Writing needs a read-and-write "
    "token; deleting needs one allowed to delete and the user's confirmation."
)


class JobTrackerMCP(MCPServer[Any]):
    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Context[Any, Any] | None = None
    ) -> CallToolResult | InputRequiredResult:
        """As MCPServer's, with the failure said as the API says it: the domain's own message
        ("Application 12 was not found."), a validation problem by field label, never a trace."""
        try:
            return await super().call_tool(name, arguments, context)
        except ToolError as failed:
            cause = first_cause(failed, EXPECTED_FAILURES)
            if cause is None and failed.__cause__ is None:
                raise  # the SDK's own, e.g. an unknown tool's name
            if cause is None:
                log.error("MCP tool %s failed", name, exc_info=failed.__cause__)
                cause = failed.__cause__
            raise ToolError(message_for(cause)) from cause


def build_server(backend: Backend, version: str = "") -> JobTrackerMCP:
    server = JobTrackerMCP(
        "jobtracker", title="Job Tracker", instructions=INSTRUCTIONS, version=version
    )
    register_read_tools(server, backend)
    register_write_tools(server, backend)
    register_resources(server, backend)
    register_prompts(server, backend)
    return server
