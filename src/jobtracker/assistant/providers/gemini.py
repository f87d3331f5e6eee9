"""Google's Gemini through the google-genai SDK, streamed."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import httpx2  # the SDK's HTTP transport: its timeouts and broken connections surface as these
from google import genai
from google.genai import errors as genai_errors
from google.genai import types

from jobtracker.assistant.providers.base import ChatRequest, ProviderError, Usage

KEY_SETTING = "GEMINI_API_KEY"


class GeminiProvider:
    name = "gemini"

    def __init__(self, *, api_key: str, model: str, base_url: str, timeout_seconds: float) -> None:
        self.model = model
        self._api_key = api_key
        self._base_url = base_url or None
        self._timeout_seconds = timeout_seconds

    async def stream(self, request: ChatRequest) -> AsyncGenerator[str | Usage, None]:
        options = types.HttpOptions(
            base_url=self._base_url, timeout=int(self._timeout_seconds * 1000)
        )
        config = types.GenerateContentConfig(
            system_instruction=request.system_prompt,
            automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
        )
        contents = [
            types.Content(
                role="model" if turn.role == "assistant" else "user",
                parts=[types.Part(text=turn.content)],
            )
            for turn in request.turns
        ]
        usage = Usage()
        finished = False
        try:
            # enterprise=False: the Gemini API with a key, whatever GOOGLE_GENAI_* variables say.
            with genai.Client(
                enterprise=False, api_key=self._api_key, http_options=options
            ) as client:
                async with client.aio as aio:
                    chunks = await aio.models.generate_content_stream(
                        model=self.model, contents=contents, config=config
                    )
                    async for chunk in chunks:
                        _check_not_blocked(chunk)
                        if chunk.usage_metadata is not None:
                            usage = Usage(
                                input_tokens=chunk.usage_metadata.prompt_token_count,
                                output_tokens=chunk.usage_metadata.candidates_token_count,
                            )
                        for candidate in chunk.candidates or []:
                            finished = finished or candidate.finish_reason is not None
                        text = _text_of(chunk)
                        if text:
                            yield text
        # `from None` everywhere: the SDK's own exceptions may quote the request.
        except genai_errors.APIError as error:
            if error.code == 429:
                raise ProviderError.rate_limited() from None
            if error.code in (408, 504):
                raise ProviderError.timeout(self._timeout_seconds) from None
            address = "GEMINI_BASE_URL" if self._base_url else None
            raise ProviderError.refused(error.code, KEY_SETTING, address) from None
        except httpx2.TimeoutException:
            raise ProviderError.timeout(self._timeout_seconds) from None
        except httpx2.ConnectError:
            setting = "GEMINI_BASE_URL" if self._base_url else None
            raise ProviderError.unreachable(setting) from None
        except httpx2.HTTPError:
            raise ProviderError.broken_stream() from None
        if not finished:
            # Every complete Gemini answer ends with a finish reason; without one it was cut.
            raise ProviderError.broken_stream()
        yield usage


def _check_not_blocked(chunk: types.GenerateContentResponse) -> None:
    feedback = chunk.prompt_feedback
    if feedback is not None and feedback.block_reason is not None:
        raise ProviderError(
            502,
            "ai_refused",
            "The AI provider declined to answer this message (blocked by its safety filters). "
            "Try rephrasing it.",
        )


def _text_of(chunk: types.GenerateContentResponse) -> str:
    if not chunk.candidates or chunk.candidates[0].content is None:
        return ""
    parts = chunk.candidates[0].content.parts or []
    # Thought summaries are the model's scratch work, not the answer.
    return "".join(part.text for part in parts if part.text and not part.thought)
