"""What the fuzzing found, kept fixed: each of these answered 500 before."""

from __future__ import annotations

from tests.factories import ApiUser


def test_a_spreadsheet_export_searching_for_a_nul_character_is_refused(alice: ApiUser) -> None:
    # The export streams: a database error once it has begun could no longer become a 422.
    response = alice.client.get("/api/export/applications.csv", params={"tag": "a\x00b"})

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"query.tag": "contains NUL"}


def test_a_conversation_page_before_an_impossible_id_is_refused(alice: ApiUser) -> None:
    application = alice.create_application()
    path = f"/api/applications/{application['id']}/assistant"

    response = alice.client.get(path, params={"before": 2**80})

    assert response.status_code == 422
    assert "query.before" in response.json()["error"]["fields"]
