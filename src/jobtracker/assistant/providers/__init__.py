"""The provider the settings ask for, or a clear word on what to configure."""

from __future__ import annotations

from jobtracker.assistant.providers.base import AssistantNotConfigured, ChatProvider
from jobtracker.assistant.providers.offline import OfflineCoach
from jobtracker.config import AIProvider, Settings


def provider_for(settings: Settings) -> ChatProvider:
    """The configured provider; AssistantNotConfigured (503) names the setting that is missing."""
    problem = configuration_problem(settings)
    if problem:
        raise AssistantNotConfigured(problem)
    # Each SDK takes a few tenths of a second and megabytes to import: only the configured one is.
    if settings.ai_provider == AIProvider.GEMINI:
        from jobtracker.assistant.providers.gemini import GeminiProvider

        return GeminiProvider(
            api_key=settings.gemini_api_key,
            model=settings.ai_model,
            base_url=settings.gemini_base_url,
            timeout_seconds=settings.ai_timeout_seconds,
        )
    if settings.ai_provider == AIProvider.OPENAI:
        from jobtracker.assistant.providers.openai_compatible import OpenAICompatibleProvider

        return OpenAICompatibleProvider(
            api_key=settings.openai_api_key,
            model=settings.ai_model,
            base_url=settings.openai_base_url,
            timeout_seconds=settings.ai_timeout_seconds,
        )
    return OfflineCoach()


def configuration_problem(settings: Settings) -> str | None:
    """What an admin must set before the configured provider can answer; None when ready."""
    provider = settings.ai_provider
    if provider == AIProvider.OFFLINE:
        return None
    prefix = f"The assistant is set to AI_PROVIDER={provider.value}, but"
    restart = "set it in the server's environment and restart, or set AI_PROVIDER=offline."
    if provider == AIProvider.GEMINI:
        if not settings.gemini_api_key:
            return f"{prefix} GEMINI_API_KEY is not set: {restart}"
        if not _http_url_or_empty(settings.gemini_base_url):
            return f"{prefix} GEMINI_BASE_URL does not start with http:// or https://: {restart}"
    if provider == AIProvider.OPENAI:
        if not settings.openai_api_key and not settings.openai_base_url:
            return (
                f"{prefix} neither OPENAI_API_KEY (for OpenAI) nor OPENAI_BASE_URL (for a "
                f"self-hosted server such as Ollama) is set: {restart}"
            )
        if not _http_url_or_empty(settings.openai_base_url):
            return f"{prefix} OPENAI_BASE_URL does not start with http:// or https://: {restart}"
    if not settings.ai_model:
        example = "gemini-2.5-flash" if provider == AIProvider.GEMINI else "llama3.2 or gpt-4o-mini"
        return f"{prefix} AI_MODEL is not set (for example {example}): {restart}"
    return None


def _http_url_or_empty(url: str) -> bool:
    return not url or url.startswith(("http://", "https://"))
