"""Protections around every request: abuse limits, security headers, CORS, body size limits."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from jobtracker.config import Settings
from jobtracker.errors import error_response
from jobtracker.security.body_limit import BodySizeLimit
from jobtracker.security.headers import SecurityHeaders
from jobtracker.security.ratelimit import TooManyAttempts, build_limiter


async def _too_many_attempts(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, TooManyAttempts)
    response = error_response(exc.status_code, exc.code, exc.message)
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


def install_security(app: FastAPI, settings: Settings) -> None:
    """Add the middleware (outermost last) and the sign-in limiter to the app."""
    app.state.failure_limiter = build_limiter(settings)
    app.add_exception_handler(TooManyAttempts, _too_many_attempts)
    app.add_middleware(BodySizeLimit)
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_credentials=True,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-CSRF-Token"],
            expose_headers=["Content-Disposition", "Retry-After"],
            max_age=600,
        )
    # Outermost, so the refusals of the middleware inside it carry the headers too.
    app.add_middleware(SecurityHeaders, always_https=settings.secure_cookies)
