"""create_app(): the FastAPI application with its routers, error handlers and the web UI."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from fastapi import FastAPI

from jobtracker.analytics.routes import router as analytics_router
from jobtracker.api_docs import install_api_docs
from jobtracker.applications.board_routes import router as board_router
from jobtracker.applications.routes import router as applications_router
from jobtracker.assistant.routes import router as assistant_router
from jobtracker.auth.password_reset_routes import router as password_reset_router
from jobtracker.auth.routes import router as auth_router
from jobtracker.capture import service as capture_service
from jobtracker.capture.routes import router as capture_router
from jobtracker.config import Environment, Settings
from jobtracker.contacts.routes import router as contacts_router
from jobtracker.db import autocommit, build_engine, build_session_factory, utcnow
from jobtracker.deliverables.routes import router as deliverables_router
from jobtracker.digests.routes import router as digests_router
from jobtracker.documents.routes import router as documents_router
from jobtracker.documents.sent_routes import router as sent_documents_router
from jobtracker.errors import install_error_handlers
from jobtracker.groups.admin_routes import router as admin_users_router
from jobtracker.groups.invite_routes import router as invites_router
from jobtracker.groups.oidc_routes import router as oidc_router
from jobtracker.groups.routes import router as groups_router
from jobtracker.insight.fit_routes import router as fit_router
from jobtracker.insight.goals_routes import router as goals_router
from jobtracker.insight.report_routes import router as reports_router
from jobtracker.instance.routes import router as instance_router
from jobtracker.interviews.routes import router as interviews_router
from jobtracker.mcp.routes import mount_mcp
from jobtracker.nudges.routes import router as nudges_router
from jobtracker.observability import RequestIdMiddleware, use_json_logs
from jobtracker.portability.routes import router as portability_router
from jobtracker.scheduler.routes import router as mail_admin_router
from jobtracker.scheduler.runner import Scheduler
from jobtracker.security import install_security
from jobtracker.security.forwarded import TrustedProxies
from jobtracker.web import mount_ui
from jobtracker.webhooks.routes import router as webhooks_router
from jobtracker.writing.routes import router as writing_router

PACKAGE_STATIC = Path(__file__).parent / "static"
log = logging.getLogger(__name__)


def _version() -> str:
    try:
        return version("jobtracker")
    except PackageNotFoundError:
        return "0.0.0"


# Requests allocate many short-lived objects: collecting the youngest generation every 700
# allocations (Python's default) runs it several times per request for little gain.
YOUNG_GENERATION_THRESHOLD = 10_000


def _settle_garbage_collection() -> None:
    """Keep the collector off what the process holds for its whole life, once started.

    Everything imported and built by now (modules, routes, schemas, compiled statements) is
    moved out of the collector's reach, so a full collection walks only what requests left
    behind: without this, each took ~50 ms, a pause every request waiting at that moment felt.
    """
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, oldest)


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
        _settle_garbage_collection()
        scheduling = None
        if settings.scheduler_in_web:
            scheduling = asyncio.create_task(app.state.scheduler.run())
        async with app.state.mcp_endpoint.running():
            yield
        if scheduling is not None:
            scheduling.cancel()
            with suppress(asyncio.CancelledError):
                await scheduling
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
    # Its time comes from utcnow(), the one clock (db.clock) tests move.
    app.state.scheduler = Scheduler(app.state.session_factory, settings, utcnow)
    install_error_handlers(app)
    install_security(app, settings)
    app.state.capture_limiter = capture_service.build_limiter(settings)
    app.add_middleware(RequestIdMiddleware)
    # Outermost: every layer inside sees the client's own address and scheme.
    app.add_middleware(TrustedProxies, hops=settings.trusted_proxy_hops)
    for router in (
        instance_router,
        auth_router,
        admin_users_router,
        applications_router,
        board_router,
        deliverables_router,
        interviews_router,
        writing_router,
        contacts_router,
        analytics_router,
        goals_router,
        documents_router,
        sent_documents_router,
        reports_router,
        fit_router,
        assistant_router,
        capture_router,
        nudges_router,
        digests_router,
        password_reset_router,
        mail_admin_router,
        webhooks_router,
        invites_router,
        oidc_router,
        groups_router,
        portability_router,  # with /calendar/{token}.ics, before the UI's catch-all
    ):
        app.include_router(router)
    install_api_docs(app)
    app.state.mcp_endpoint = mount_mcp(app, settings, app.version)  # before the UI's catch-all
    mount_ui(app, settings.static_dir or PACKAGE_STATIC)
    return app
