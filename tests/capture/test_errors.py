"""A fetch refusal reaches a person as the project's JSON error, with its own status."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from jobtracker.capture.fetcher import PRIVATE_NETWORK, fetch
from jobtracker.capture.policy import FetchPolicy
from jobtracker.errors import install_error_handlers


def test_a_refused_address_answers_422_with_the_message_for_a_person() -> None:
    # The capture route comes later; any route calling the fetcher answers like this one.
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/fetch")
    def fetch_page(url: str) -> None:
        fetch(url, FetchPolicy())

    response = TestClient(app).get("/fetch", params={"url": "http://169.254.169.254/"})

    assert response.status_code == 422
    assert response.json() == {
        "error": {"code": "fetch_refused", "message": PRIVATE_NETWORK, "fields": {}}
    }
