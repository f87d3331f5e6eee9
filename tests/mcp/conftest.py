"""A live app for MCP clients to reach over HTTP, and the data and tokens they work with."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from tests.live_server import serve


@pytest.fixture
def live(app: FastAPI) -> Iterator[str]:
    """The app served on 127.0.0.1 (its lifespan runs the MCP transport); its base URL."""
    with serve(app) as url:
        yield url
