"""The MCP server: tools, resources and prompts over the domain services, for AI assistants.

Served at /mcp over streamable HTTP by the web app (routes.py) and by `python -m jobtracker mcp`
over stdio (stdio.py). Every call acts as one personal access token's user, through the same
services, quotas and owner scoping as the API.
"""
