"""Any OpenAI-compatible chat server (OpenAI, Ollama, vLLM, LM Studio, llama.cpp), streamed."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import openai
from openai.types.chat import ChatCompletionMessageParam

from jobtracker.assistant.providers.base import ChatRequest, ProviderError, Usage

OPENAI_API_URL = "https://api.openai.com/v1"
KEY_SETTING = "OPENAI_API_KEY"
# Self-hosted servers rarely check the key, but the SDK will not send a request without one.
KEYLESS = "unused"


class OpenAICompatibleProvider:
    name = "openai"

    def __init__(self, *, api_key: str, model: str, base_url: str, timeout_seconds: float) -> None:
        self.model = model
        self._api_key = api_key or KEYLESS
        self._base_url = base_url or OPENAI_API_URL
        self._timeout_seconds = timeout_seconds

    async def stream(self, request: ChatRequest) -> AsyncGenerator[str | Usage, None]:
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": request.system_prompt}
        ]
        for turn in request.turns:
            if turn.role == "user":
                messages.append({"role": "user", "content": turn.content})
            else:
                messages.append({"role": "assistant", "content": turn.content})
        usage = Usage()
        finished = False
        answering = False  # the server accepted the request and started its answer
        try:
            # No retries: a failure goes straight to the user, who has a retry button.
            async with openai.AsyncOpenAI(
                api_key=self._api_key,
                base_url=self._base_url,
                timeout=self._timeout_seconds,
                max_retries=0,
            ) as client:
                chunks = await client.chat.completions.create(
                    model=self.model,
                    messages=messages,
                    stream=True,
                    stream_options={"include_usage": True},
                )
                answering = True
                async for chunk in chunks:
                    if chunk.usage is not None:
                        usage = Usage(
                            input_tokens=chunk.usage.prompt_tokens,
                            output_tokens=chunk.usage.completion_tokens,
                        )
                    for choice in chunk.choices:
                        finished = finished or choice.finish_reason is not None
                        # Some servers leave the delta out of the closing chunk.
                        if choice.delta is not None and choice.delta.content:
                            yield choice.delta.content
        # `from None` everywhere: the SDK's own exceptions may quote the request.
        except openai.RateLimitError:
            raise ProviderError.rate_limited() from None
        except openai.APITimeoutError:
            raise ProviderError.timeout(self._timeout_seconds) from None
        except openai.APIConnectionError:
            if answering:
                raise ProviderError.broken_stream() from None
            raise ProviderError.unreachable("OPENAI_BASE_URL") from None
        except openai.APIStatusError as error:
            if error.status_code in (408, 504):
                raise ProviderError.timeout(self._timeout_seconds) from None
            raise ProviderError.refused(error.status_code, KEY_SETTING, "OPENAI_BASE_URL") from None
        except openai.OpenAIError:
            # An error event inside the stream, or a chunk that is not valid JSON.
            raise ProviderError.broken_stream() from None
        if not finished:
            # Every complete answer ends with a finish reason; without one it was cut.
            raise ProviderError.broken_stream()
        yield usage
