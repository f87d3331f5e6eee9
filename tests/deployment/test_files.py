"""The deployment files agree with the code: no registry here, so we check what can be checked."""

from __future__ import annotations

import re
import shlex
from urllib.parse import urlsplit

from jobtracker.__main__ import build_parser
from jobtracker.app import create_app
from jobtracker.config import Settings
from tests.deployment.files import ROOT, load_yaml, parse_dockerfile, procfile, setting_names

REQUIRED_IN_PRODUCTION = {"DATABASE_URL", "JWT_SECRET"}


def test_compose_app_reaches_the_database_by_its_service_name() -> None:
    services = load_yaml("compose.yaml")["services"]
    database_url = services["app"]["environment"]["DATABASE_URL"]
    assert urlsplit(database_url.replace("${POSTGRES_PASSWORD}", "x")).hostname == "db"
    assert "db" in services
    assert services["app"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "healthcheck" in services["db"]


def test_compose_keeps_the_database_in_a_named_volume() -> None:
    compose = load_yaml("compose.yaml")
    volume = compose["services"]["db"]["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]


def test_compose_keeps_the_app_data_directory_in_a_named_volume() -> None:
    compose = load_yaml("compose.yaml")
    data_dir = parse_dockerfile()[-1].env["DATA_DIR"]
    mounts = dict(mount.split(":")[:2] for mount in compose["services"]["app"]["volumes"])
    assert data_dir in mounts.values()
    volume = next(source for source, target in mounts.items() if target == data_dir)
    assert volume in compose["volumes"]


def test_dockerfile_gives_the_data_volume_to_the_user_it_runs_as() -> None:
    app = parse_dockerfile()[-1]
    data_dir = app.env["DATA_DIR"]
    assert data_dir in [path for path, _ in app.volumes]
    runs_before_volume = next(count for path, count in app.volumes if path == data_dir)
    # A fresh named volume starts as a copy of the image's directory, owner included.
    setup = " ".join(app.runs[:runs_before_volume])
    assert f"mkdir -p {data_dir}" in setup
    assert f"chown {app.user}:{app.user} {data_dir}" in setup


def test_compose_lets_requests_in_flight_finish_before_stopping_the_app() -> None:
    app = load_yaml("compose.yaml")["services"]["app"]
    grace = app["environment"].get(
        "GRACEFUL_SHUTDOWN_SECONDS", Settings.model_fields["graceful_shutdown_seconds"].default
    )
    assert _seconds(app["stop_grace_period"]) > int(grace)


def _seconds(duration: str) -> float:
    """A compose duration such as 40s, 1m30s or 1m."""
    units = {"h": 3600, "m": 60, "s": 1}
    parts = re.findall(r"(\d+(?:\.\d+)?)(h|ms|m|s)", duration)
    assert "".join(number + unit for number, unit in parts) == duration, duration
    return sum(float(number) * units.get(unit, 0.001) for number, unit in parts)


def test_compose_gives_the_app_every_variable_production_requires() -> None:
    environment = load_yaml("compose.yaml")["services"]["app"]["environment"]
    assert set(environment) >= REQUIRED_IN_PRODUCTION
    assert "REDIS_URL" in environment


def test_compose_sets_only_variables_the_app_reads() -> None:
    environment = load_yaml("compose.yaml")["services"]["app"]["environment"]
    assert set(environment) - setting_names() == set()


def test_compose_redis_url_names_the_redis_service() -> None:
    services = load_yaml("compose.yaml")["services"]
    assert urlsplit(services["app"]["environment"]["REDIS_URL"]).hostname == "redis"
    assert "redis" in services


def test_render_blueprint_wires_its_database_and_reads_known_variables() -> None:
    blueprint = load_yaml("render.yaml")
    web = blueprint["services"][0]
    variables = {variable["key"]: variable for variable in web["envVars"]}
    assert set(variables) - setting_names() == set()
    assert set(variables) >= REQUIRED_IN_PRODUCTION
    database_names = {database["name"] for database in blueprint["databases"]}
    assert variables["DATABASE_URL"]["fromDatabase"]["name"] in database_names
    assert variables["JWT_SECRET"].get("generateValue") is True


def test_render_health_check_is_a_route_of_the_app(settings: Settings) -> None:
    path = load_yaml("render.yaml")["services"][0]["healthCheckPath"]
    assert path in create_app(settings).openapi()["paths"]


def test_dockerfile_copies_only_files_that_exist() -> None:
    stages = parse_dockerfile()
    stage_names = {stage.name for stage in stages}
    for stage in stages:
        for source_stage, sources in stage.copies:
            if source_stage is not None:
                assert source_stage in stage_names
                continue
            for source in sources:  # relative to the build context, the repository's root
                assert (ROOT / source).exists(), f"{stage.name}: COPY {source} is missing"


def test_dockerfile_builds_the_ui_where_the_app_serves_it_from() -> None:
    ui, app = parse_dockerfile()
    vite_config = (ROOT / "frontend" / "vite.config.ts").read_text()
    assert "../src/jobtracker/static" in vite_config
    assert (ui.name, ["/build/src/jobtracker/static"]) in app.copies


def test_dockerfile_runs_as_a_non_root_user_in_production() -> None:
    app = parse_dockerfile()[-1]
    assert app.user not in {None, "root", "0"}
    assert app.env["APP_ENV"] == "production"
    assert int(app.env["WEB_CONCURRENCY"]) >= 2


def test_dockerfile_commands_are_commands_of_the_app() -> None:
    app = parse_dockerfile()[-1]
    for command in (app.cmd, app.healthcheck):
        assert command[:3] == ["python", "-m", "jobtracker"]
        build_parser().parse_args(command[3:])


def test_procfile_commands_are_commands_of_the_app() -> None:
    for command in procfile().values():
        words = shlex.split(command.replace("$PORT", "8000"))
        assert words[:3] == ["python", "-m", "jobtracker"]
        build_parser().parse_args(words[3:])


def test_env_example_lists_only_known_variables_and_stays_out_of_git() -> None:
    names = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    compose_only = {"POSTGRES_PASSWORD"}
    assert names - setting_names() - compose_only == set()
    assert ".env" in (ROOT / ".gitignore").read_text().splitlines()
