"""Bodies past 1 MB are refused with 413 before they are read; uploads keep their own limit."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx2
from fastapi import FastAPI

from jobtracker.security.body_limit import MAX_BODY_BYTES, UPLOAD_ROUTES
from tests.auth.access_token_builders import create_token
from tests.factories import ApiUser
from tests.live_server import serve

TOO_LARGE = {
    "error": {
        "code": "too_large",
        "message": "The request body is larger than this API accepts (1 MB).",
        "fields": {},
    }
}


def test_a_declared_size_over_the_limit_is_refused_before_the_body_is_sent(
    app: FastAPI, alice: ApiUser
) -> None:
    head = (
        "POST /api/applications HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {alice.token}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {MAX_BODY_BYTES + 1}\r\nConnection: close\r\n\r\n"
    )
    with serve(app) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
            connection.sendall(head.encode())  # and not one byte of the body
            answer = connection.recv(65536).decode()

    assert answer.startswith("HTTP/1.1 413")
    assert '"code":"too_large"' in answer


def test_the_mcp_endpoint_refuses_a_streamed_body_past_the_limit(
    app: FastAPI, alice: ApiUser
) -> None:
    token = create_token(alice, scope="write")["token"]
    with serve(app) as url:
        response = httpx2.post(
            f"{url}/mcp",
            content=_chunks(MAX_BODY_BYTES + 65536),
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json, text/event-stream",
                "Authorization": f"Bearer {token}",
            },
        )

    assert response.status_code == 413
    assert response.json() == TOO_LARGE


def _chunks(total: int) -> Iterator[bytes]:
    yield b'{"company": "Acme", "role": "Engineer", "notes": "'
    for _ in range(total // 65536):
        yield b"x" * 65536
    yield b'"}'


def test_a_streamed_body_is_cut_off_once_it_passes_the_limit(alice: ApiUser) -> None:
    response = alice.client.post(
        "/api/applications",
        content=_chunks(MAX_BODY_BYTES + 65536),
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 413
    assert response.json() == TOO_LARGE
    assert alice.client.get("/api/applications").json()["total"] == 0


def test_the_largest_valid_application_fits_under_the_limit(alice: ApiUser) -> None:
    text = "é" * 100_000  # two bytes each in UTF-8
    body = {"company": "Acme", "role": "Engineer", "job_description": text, "notes": text}

    assert alice.client.post("/api/applications", json=body).status_code == 201


def test_an_upload_larger_than_the_json_limit_is_accepted(alice: ApiUser) -> None:
    content = b"my long notes\n" * (2 * MAX_BODY_BYTES // 14)
    response = alice.client.post(
        "/api/documents", files=[("files", ("notes.txt", content, "text/plain"))]
    )

    assert response.status_code == 201, response.text


def test_every_route_left_to_its_own_limit_takes_multipart_uploads(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    for method, path in UPLOAD_ROUTES:
        content = paths[path][method.lower()]["requestBody"]["content"]
        assert "multipart/form-data" in content, f"{method} {path}"
