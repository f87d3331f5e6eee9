"""Each test's text reader stops with the test, so no thread outlives the app it reads for."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jobtracker.documents.background import reader_for


@pytest.fixture(autouse=True)
def _stop_text_reader(request: pytest.FixtureRequest) -> Iterator[None]:
    # Asked for before the test, so the app is torn down after this, not before.
    app = request.getfixturevalue("app") if "app" in request.fixturenames else None
    yield
    if app is not None:
        reader_for(app).stop()
