"""Command line for operators: serve, migrate the database, create an admin, back up and restore.

Each command imports what it needs when it runs (alembic for migrations, the app for
serving): `serve` starts the web processes sooner for it.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys

from jobtracker.config import Settings


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from jobtracker.database_wait import DatabaseUnavailable, wait_for_database
    from jobtracker.observability import use_configured_logs

    use_configured_logs(json_lines=settings.json_logs)
    try:
        wait_for_database(settings.effective_database_url, settings.database_wait_seconds)
    except DatabaseUnavailable as problem:
        logging.getLogger("jobtracker.serve").error("%s", problem)
        return 1
    if not args.no_migrate:
        from jobtracker import migrations

        migrations.upgrade(settings.effective_database_url)
    settings.signing_secret()  # created once here, before several workers race to it
    if args.trusted_proxy_hops is not None:
        # Each worker builds its own Settings from the environment: hand the flag on that way.
        os.environ["TRUSTED_PROXY_HOPS"] = str(args.trusted_proxy_hops)
    uvicorn.run(
        "jobtracker.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers or settings.web_concurrency,
        reload=args.reload,
        # The app reads X-Forwarded-* itself, from TRUSTED_PROXY_HOPS (security/forwarded.py):
        # uvicorn's --forwarded-allow-ips '*' would believe the client's leftmost entry.
        proxy_headers=False,
        server_header=False,  # no "Server: uvicorn" telling a scanner what to try
        # In-flight requests get this long to finish after SIGTERM.
        timeout_graceful_shutdown=settings.graceful_shutdown_seconds,
        log_level=args.log_level,
        log_config=None if settings.json_logs else uvicorn.config.LOGGING_CONFIG,
    )
    return 0


def _worker(_args: argparse.Namespace, settings: Settings) -> int:
    """Run the scheduler alone (digests, the mail outbox), e.g. with SCHEDULER_IN_WEB=false."""
    import asyncio

    from jobtracker import migrations
    from jobtracker.database_wait import DatabaseUnavailable, wait_for_database
    from jobtracker.db import build_engine, build_session_factory, utcnow
    from jobtracker.observability import use_configured_logs
    from jobtracker.scheduler.runner import Scheduler

    use_configured_logs(json_lines=settings.json_logs)
    try:
        wait_for_database(settings.effective_database_url, settings.database_wait_seconds)
    except DatabaseUnavailable as problem:
        logging.getLogger("jobtracker.worker").error("%s", problem)
        return 1
    migrations.upgrade(settings.effective_database_url)
    engine = build_engine(settings.effective_database_url)
    scheduler = Scheduler(build_session_factory(engine), settings, utcnow)
    try:
        asyncio.run(scheduler.run_until_stopped())
    finally:
        engine.dispose()
    return 0


def _mcp(_args: argparse.Namespace, settings: Settings) -> int:
    """Serve the MCP server over stdio as the access token in JOBTRACKER_TOKEN."""
    from jobtracker.mcp.stdio import serve_stdio
    from jobtracker.observability import use_configured_logs

    use_configured_logs(json_lines=settings.json_logs)  # on stderr: stdout is the protocol's
    return serve_stdio(settings)


def _healthcheck(args: argparse.Namespace, _settings: Settings) -> int:
    """Exit 0 when the local server answers /api/ready (the container's HEALTHCHECK)."""
    import urllib.request

    url = f"http://127.0.0.1:{args.port}/api/ready"
    try:
        with urllib.request.urlopen(url, timeout=args.timeout) as response:
            return 0 if response.status == 200 else 1
    except OSError as error:
        print(f"not ready: {error}", file=sys.stderr)
        return 1


def _db(args: argparse.Namespace, settings: Settings) -> int:
    from jobtracker import migrations

    url = settings.effective_database_url
    if args.action == "upgrade":
        migrations.upgrade(url, args.revision or "head")
    elif args.action == "downgrade":
        if not args.revision:
            print("db downgrade needs a revision, e.g. -1 or base", file=sys.stderr)
            return 2
        migrations.downgrade(url, args.revision)
    elif args.action == "current":
        migrations.current(url)
    else:
        migrations.history(url)
    return 0


def _create_admin(args: argparse.Namespace, settings: Settings) -> int:
    from pydantic import TypeAdapter, ValidationError

    from jobtracker import migrations
    from jobtracker.auth import service
    from jobtracker.auth.schemas import RegisterRequest
    from jobtracker.db import build_engine, build_session_factory

    password = args.password or getpass.getpass("Password for the admin: ")
    try:
        request = TypeAdapter(RegisterRequest).validate_python(
            {"email": args.email, "password": password, "display_name": args.name}
        )
    except ValidationError as error:
        for problem in error.errors():
            print(f"{'.'.join(map(str, problem['loc']))}: {problem['msg']}", file=sys.stderr)
        return 2
    migrations.upgrade(settings.effective_database_url)
    engine = build_engine(settings.effective_database_url)
    try:
        with build_session_factory(engine)() as session:
            user = service.create_admin(
                session,
                email=request.email,
                password=request.password,
                display_name=request.display_name,
            )
            print(f"{user.email} is an admin.")
    finally:
        engine.dispose()
    return 0


def _openapi(_args: argparse.Namespace, settings: Settings) -> int:
    import json

    from jobtracker.app import create_app

    print(json.dumps(create_app(settings).openapi(), indent=2, sort_keys=True))
    return 0


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    from jobtracker.portability import commands

    try:
        commands.backup_accounts(settings, email=args.email, output=args.output)
    except commands.CommandFailed as failure:
        print(failure, file=sys.stderr)
        return failure.exit_code
    return 0


def _restore(args: argparse.Namespace, settings: Settings) -> int:
    from pathlib import Path

    from jobtracker import migrations
    from jobtracker.portability import commands

    migrations.upgrade(settings.effective_database_url)
    request = commands.RestoreRequest(
        backup_file=Path(args.file),
        email=args.email,
        create=args.create,
        password=args.password,
        display_name=args.name,
    )
    try:
        commands.restore_account(
            settings,
            request,
            ask_password=lambda: getpass.getpass(f"Password for {args.email}: "),
        )
    except commands.CommandFailed as failure:
        print(failure, file=sys.stderr)
        return failure.exit_code
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m jobtracker", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="migrate the database, then serve API and UI")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, help="worker processes (default: WEB_CONCURRENCY)")
    serve.add_argument("--reload", action="store_true", help="restart on code changes (dev)")
    serve.add_argument("--no-migrate", action="store_true", help="skip `db upgrade` at start")
    serve.add_argument(
        "--trusted-proxy-hops",
        type=int,
        choices=range(11),
        metavar="N",
        help="reverse proxies in front of the app that append to X-Forwarded-For "
        "(default: TRUSTED_PROXY_HOPS, 0)",
    )
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(handler=_serve)

    db = commands.add_parser("db", help="database migrations")
    db.add_argument("action", choices=["upgrade", "downgrade", "current", "history"])
    db.add_argument("revision", nargs="?", help="target revision (default: head for upgrade)")
    db.set_defaults(handler=_db)

    admin = commands.add_parser("create-admin", help="create an admin, or make a user admin")
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", help="prompted for when omitted")
    admin.add_argument("--name", help="display name")
    admin.set_defaults(handler=_create_admin)

    worker = commands.add_parser(
        "worker", help="run the scheduler (digests, outgoing email) without serving"
    )
    worker.set_defaults(handler=_worker)

    mcp = commands.add_parser(
        "mcp",
        help="serve the MCP server over stdio for an AI assistant, as the access token in "
        "JOBTRACKER_TOKEN",
    )
    mcp.set_defaults(handler=_mcp)

    healthcheck = commands.add_parser("healthcheck", help="exit 0 when the local server is ready")
    healthcheck.add_argument("--port", type=int, default=8000)
    healthcheck.add_argument("--timeout", type=float, default=3)
    healthcheck.set_defaults(handler=_healthcheck)

    openapi = commands.add_parser("openapi", help="print the API's OpenAPI schema as JSON")
    openapi.set_defaults(handler=_openapi)

    backup = commands.add_parser(
        "backup", help="write each account's full backup (JSON), or one account's"
    )
    backup.add_argument("--email", help="only this account (default: every account)")
    backup.add_argument(
        "--output",
        help="a directory (one file per account; default: DATA_DIR/backups), "
        "or with --email a .json file or - for standard output",
    )
    backup.set_defaults(handler=_backup)

    restore = commands.add_parser(
        "restore", help="restore a backup file into an empty account (quotas do not apply)"
    )
    restore.add_argument("file", help="a backup made by `backup` or GET /api/export/backup.json")
    restore.add_argument("--email", required=True, help="the account to restore into")
    restore.add_argument("--create", action="store_true", help="create that account first")
    restore.add_argument("--password", help="for --create; prompted for when omitted")
    restore.add_argument("--name", help="for --create: display name (default: the backup's)")
    restore.set_defaults(handler=_restore)
    return parser


def main(argv: list[str] | None = None) -> int:
    from pydantic import ValidationError

    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        # A configuration mistake deserves a sentence, not a traceback.
        for problem in error.errors():
            setting = ".".join(str(part) for part in problem["loc"]).upper() or "configuration"
            print(f"{setting}: {problem['msg'].removeprefix('Value error, ')}", file=sys.stderr)
        return 2
    return int(args.handler(args, settings))


if __name__ == "__main__":
    sys.exit(main())
