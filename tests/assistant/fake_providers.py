"""Local stand-ins for Gemini and an OpenAI-compatible server, speaking their streaming formats.

The real SDKs talk to these over HTTP; each records the requests it received and does what its
script says: answer in chunks, fail with a status, stall, or drop the connection mid-answer.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from tests.live_server import serve

GEMINI_KEY = "gemini-test-key-5c1f0e9d7b"
OPENAI_KEY = "sk-openai-test-key-8a2b4c6d"


class DroppedConnection(Exception):
    """Raised mid-stream so the server closes the connection without finishing the body."""


@dataclass
class Script:
    """What the fake provider does with each request."""

    chunks: list[str] = field(default_factory=lambda: ["Practise ", "the system ", "design round."])
    status: int = 200  # anything else answers that status with the provider's error JSON
    delay_before: float = 0.0  # seconds before the response starts
    delay_between: float = 0.0  # seconds between chunks
    drop_after: int | None = None  # drop the connection after this many chunks
    input_tokens: int = 321
    output_tokens: int = 54
    report_usage: bool = True
    finish: bool = True  # send the provider's end-of-answer marker
    blocked: bool = False  # Gemini only: refuse the prompt with its safety filters


@dataclass
class ReceivedRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def text(self) -> str:
        """The whole body as text, to search for what was (or was not) sent."""
        return json.dumps(self.body, ensure_ascii=False)


@dataclass
class FakeProvider:
    base_url: str = ""
    script: Script = field(default_factory=Script)
    requests: list[ReceivedRequest] = field(default_factory=list)
    # Streams whose client went away before the last chunk was sent.
    abandoned: int = 0

    @property
    def last(self) -> ReceivedRequest:
        assert self.requests, "the provider received no request"
        return self.requests[-1]

    @property
    def system_prompt(self) -> str:
        """The instructions of the last request, where either wire format carries them."""
        body = self.last.body
        if "systemInstruction" in body:  # Gemini
            text = body["systemInstruction"]["parts"][0]["text"]
        else:  # OpenAI: the first message, from the system
            assert body["messages"][0]["role"] == "system"
            text = body["messages"][0]["content"]
        assert isinstance(text, str)
        return text

    def reset(self) -> None:
        self.script = Script()
        self.requests.clear()
        self.abandoned = 0

    async def record(self, request: Request) -> None:
        self.requests.append(
            ReceivedRequest(
                path=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
                headers={name.lower(): value for name, value in request.headers.items()},
                body=await request.json(),
            )
        )

    async def events(self, lines: list[str]) -> AsyncIterator[bytes]:
        """The SSE body: one `data:` line per item, as the script paces and cuts it."""
        sent = 0
        try:
            for line in lines:
                if self.script.drop_after is not None and sent >= self.script.drop_after:
                    raise DroppedConnection
                yield f"data: {line}\n\n".encode()
                sent += 1
                await asyncio.sleep(self.script.delay_between)
        finally:
            if sent < len(lines):
                self.abandoned += 1


def _gemini_app(fake: FakeProvider) -> FastAPI:
    app = FastAPI()

    # The API version in the path is the SDK's choice.
    @app.post("/{api_version}/models/{model_and_method:path}")
    async def stream_generate_content(request: Request) -> Response:
        await fake.record(request)
        script = fake.script
        await asyncio.sleep(script.delay_before)
        if script.status != 200:
            error = {"code": script.status, "message": "failure", "status": "UNAVAILABLE"}
            return JSONResponse({"error": error}, status_code=script.status)
        lines = []
        if script.blocked:
            lines.append(json.dumps({"promptFeedback": {"blockReason": "SAFETY"}}))
        for index, text in enumerate([] if script.blocked else script.chunks):
            last = index == len(script.chunks) - 1
            candidate: dict[str, Any] = {
                "content": {"parts": [{"text": text}], "role": "model"},
                "index": 0,
            }
            if last and script.finish:
                candidate["finishReason"] = "STOP"
            usage = {
                "promptTokenCount": script.input_tokens,
                "candidatesTokenCount": script.output_tokens if last else index + 1,
                "totalTokenCount": script.input_tokens + script.output_tokens,
            }
            lines.append(json.dumps({"candidates": [candidate], "usageMetadata": usage}))
        return StreamingResponse(fake.events(lines), media_type="text/event-stream")

    return app


def _openai_app(fake: FakeProvider) -> FastAPI:
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def chat_completions(request: Request) -> Response:
        await fake.record(request)
        script = fake.script
        await asyncio.sleep(script.delay_before)
        if script.status != 200:
            error = {"message": "failure", "type": "server_error", "code": None}
            return JSONResponse({"error": error}, status_code=script.status)
        base = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0, "model": "m"}
        lines = [
            json.dumps(
                base
                | {"choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}
            )
            for text in script.chunks
        ]
        if script.finish:
            lines.append(
                json.dumps(base | {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
            )
        usage = {
            "prompt_tokens": script.input_tokens,
            "completion_tokens": script.output_tokens,
            "total_tokens": script.input_tokens + script.output_tokens,
        }
        if script.report_usage:
            lines.append(json.dumps(base | {"choices": [], "usage": usage}))
        if script.finish:
            lines.append("[DONE]")
        return StreamingResponse(fake.events(lines), media_type="text/event-stream")

    return app


@contextmanager
def running_gemini() -> Iterator[FakeProvider]:
    fake = FakeProvider()
    with serve(_gemini_app(fake)) as base_url:
        fake.base_url = base_url
        yield fake


@contextmanager
def running_openai() -> Iterator[FakeProvider]:
    fake = FakeProvider()
    with serve(_openai_app(fake)) as base_url:
        fake.base_url = f"{base_url}/v1"
        yield fake
