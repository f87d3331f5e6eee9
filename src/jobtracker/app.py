"""create_app(): the FastAPI application with its routers, error handlers and the web UI."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from fastapi import FastAPI

from jobtracker.analytics.routes import router as analytics_router
from jobtracker.api_docs import install_api_docs
from jobtracker.applications.routes import router as applications_router
from jobtracker.assistant.routes import router as assistant_router
from jobtracker.auth.routes import router as auth_router
from jobtracker.capture import service as capture_service
from jobtracker.capture.routes import router as capture_router
from jobtracker.config import Environment, Settings
from jobtracker.contacts.routes import router as contacts_router
from jobtracker.db import autocommit, build_engine, build_session_factory
from jobtracker.deliverables.routes import router as deliverables_router
from jobtracker.documents.routes import router as documents_router
from jobtracker.errors import install_error_handlers
from jobtracker.instance.routes import router as instance_router
from jobtracker.observability import RequestIdMiddleware, use_json_logs
from jobtracker.portability.routes import router as portability_router
from jobtracker.security import install_security
from jobtracker.security.forwarded import TrustedProxies
from jobtracker.web import mount_ui
from jobtracker.writing.routes import router as writing_router

PACKAGE_STATIC = Path(__file__).parent / "static"
log = logging.getLogger(__name__)


def _version() -> str:
    try:
        return version("jobtracker")
    except PackageNotFoundError:
        return "0.0.0"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    if settings.json_logs:
        use_json_logs()
    settings.signing_secret()  # generate or load it now, not on the first request
    if settings.app_env is Environment.PRODUCTION and not settings.public_url:
        log.warning(
            "PUBLIC_URL is not set: calendar links are only made for the hosts in ALLOWED_HOSTS "
            "and cookies are Secure only on https requests. Set PUBLIC_URL to the address "
            "people use, e.g. https://jobs.example.org"
        )
    engine = build_engine(
        settings.effective_database_url,
        statement_timeout_seconds=settings.database_statement_timeout_seconds,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()
        app.state.failure_limiter.close()
        app.state.capture_limiter.close()

    app = FastAPI(
        title="Job Tracker",
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url=None,  # served from the package by install_api_docs, not from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.reading_engine = autocommit(engine)
    app.state.session_factory = build_session_factory(engine)
    install_error_handlers(app)
    install_security(app, settings)
    app.state.capture_limiter = capture_service.build_limiter(settings)
    app.add_middleware(RequestIdMiddleware)
    # Outermost: every layer inside sees the client's own address and scheme.
    app.add_middleware(TrustedProxies, hops=settings.trusted_proxy_hops)
    for router in (
        instance_router,
        auth_router,
        applications_router,
        deliverables_router,
        writing_router,
        contacts_router,
        analytics_router,
        documents_router,
        assistant_router,
        capture_router,
        portability_router,  # with /calendar/{token}.ics, before the UI's catch-all
    ):
        app.include_router(router)
    install_api_docs(app)
    mount_ui(app, settings.static_dir or PACKAGE_STATIC)
    return app
