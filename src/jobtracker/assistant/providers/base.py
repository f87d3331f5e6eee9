"""What every assistant provider offers: an answer streamed as text chunks, then its usage."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from jobtracker.errors import AppError

if TYPE_CHECKING:
    from jobtracker.assistant.context import ApplicationContext


@dataclass(frozen=True)
class Turn:
    role: Literal["user", "assistant"]
    content: str


@dataclass(frozen=True)
class ChatRequest:
    """Everything a provider needs for one answer; the last turn is the user's new message."""

    system_prompt: str
    turns: list[Turn]
    # The same data as the system prompt, structured, for the offline coach.
    context: ApplicationContext

    @property
    def question(self) -> str:
        return self.turns[-1].content


@dataclass(frozen=True)
class Usage:
    """Tokens as the provider reported them; None when it did not say."""

    input_tokens: int | None = None
    output_tokens: int | None = None


class ChatProvider(Protocol):
    name: str
    model: str

    def stream(self, request: ChatRequest) -> AsyncGenerator[str | Usage, None]:
        """Text chunks as they are generated, then at most one Usage.

        Raises ProviderError for anything that went wrong with the provider.
        """
        ...


class AssistantNotConfigured(AppError):
    status_code = 503
    code = "ai_not_configured"


class ProviderError(Exception):
    """A provider failure, told in words a user can act on; never carries a key."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    @classmethod
    def timeout(cls, seconds: float) -> ProviderError:
        return cls(
            504,
            "ai_timeout",
            f"The AI provider did not answer within {seconds:g} seconds. "
            "Your message is kept; retry, or raise AI_TIMEOUT_SECONDS.",
        )

    @classmethod
    def rate_limited(cls) -> ProviderError:
        return cls(
            429,
            "ai_rate_limited",
            "The AI provider is refusing requests for now (rate limit or quota). "
            "Your message is kept; retry in a moment.",
        )

    @classmethod
    def unreachable(cls, setting: str | None) -> ProviderError:
        where = f", and that {setting} points at it" if setting else ""
        return cls(
            502,
            "ai_unreachable",
            f"Could not connect to the AI provider. Check that it is reachable from this "
            f"server{where}. Your message is kept; retry when it is back.",
        )

    @classmethod
    def broken_stream(cls) -> ProviderError:
        return cls(
            502,
            "ai_stream_broken",
            "The AI provider's answer broke off in the middle. What arrived is kept; "
            "retry for a complete answer.",
        )

    @classmethod
    def refused(
        cls, http_status: int, key_setting: str, address_setting: str | None
    ) -> ProviderError:
        """The provider answered with an error status other than a rate limit."""
        address = f" and {address_setting}" if address_setting else ""
        hints = {
            400: f"it did not accept the request; check AI_MODEL and {key_setting}",
            401: f"it did not accept the API key; check {key_setting}",
            403: f"the API key may not use this model; check {key_setting} and AI_MODEL",
            404: f"it knows no such model or address; check AI_MODEL{address}",
        }
        hint = hints.get(http_status, "it may be overloaded or down")
        return cls(
            502,
            "ai_provider_error",
            f"The AI provider answered with an error (HTTP {http_status}): {hint}. "
            "Your message is kept; retry.",
        )

    @classmethod
    def unexpected(cls) -> ProviderError:
        return cls(
            502,
            "ai_provider_error",
            "The AI provider's answer could not be read. Your message is kept; retry.",
        )
