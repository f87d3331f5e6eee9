"""The locked dependencies: exact, hashed, complete, and what `make run`, `make test` and the
image install."""

from __future__ import annotations

import os
import subprocess
import time
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.deployment.files import ROOT, Pin, locked, parse_dockerfile

APP_LOCK = "requirements/app.txt"
DEV_LOCK = "requirements/dev.txt"


def _declared(extra: str | None = None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [Requirement(name) for name in names]


def _missing_from(lock: dict[str, Pin], roots: list[Requirement]) -> list[str]:
    """Requirements, followed through the installed packages' own, that the lock does not meet."""
    missing = []
    seen: set[tuple[str, frozenset[str]]] = set()
    pending = [(requirement, "pyproject.toml") for requirement in roots]
    while pending:
        requirement, wanted_by = pending.pop()
        name = canonicalize_name(requirement.name)
        pin = lock.get(name)
        if pin is None or not requirement.specifier.contains(pin.version, prereleases=True):
            missing.append(f"{requirement} (for {wanted_by})")
            continue
        key = (name, frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        for line in metadata.requires(name) or []:
            needed = Requirement(line)
            applies = needed.marker is None or any(
                needed.marker.evaluate({"extra": extra}) for extra in {"", *requirement.extras}
            )
            if applies:
                pending.append((needed, name))
    return missing


def test_locks_pin_exact_versions_with_their_hashes() -> None:
    for lock in ("app", "dev"):
        pins = locked(lock)
        assert pins, lock
        assert all(pin.hashes for pin in pins.values()), lock


def test_app_lock_holds_every_dependency_and_what_they_need() -> None:
    assert _missing_from(locked("app"), _declared()) == []


def test_dev_lock_holds_the_app_lock_and_the_dev_tools_at_the_same_versions() -> None:
    app, dev = locked("app"), locked("dev")
    assert _missing_from(dev, _declared() + _declared("dev")) == []
    assert {name: pin.version for name, pin in app.items()} == {
        name: dev[name].version for name in app
    }


def test_the_environment_running_these_tests_is_the_dev_lock() -> None:
    """CI installs from the lock (`make test`), so the tests ran on exactly those versions."""
    differing = {}
    for name, pin in locked("dev").items():
        if pin.marker and not Marker(pin.marker).evaluate():
            continue
        installed = metadata.version(name)
        if installed != pin.version:
            differing[name] = (pin.version, installed)
    assert differing == {}


def test_image_installs_the_app_lock_by_hash_then_the_app_without_resolving() -> None:
    app = parse_dockerfile()[-1]
    assert (None, [APP_LOCK]) in app.copies
    installs = [run for run in app.runs if "pip install" in run]
    assert installs[0] == f"pip install --require-hashes -r {APP_LOCK}"
    assert [run for run in installs[1:] if "pip install --no-deps ." not in run] == []


def _dry_run(target: str, venv: Path) -> list[str]:
    """The commands `make <target>` would run against this virtual environment."""
    finished = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", target, f"VENV={venv}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [line for line in finished.stdout.splitlines() if "pip install" in line]


@pytest.fixture
def venv(tmp_path: Path) -> Path:
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python").touch()
    return tmp_path


def _installed(venv: Path, *stamps: str) -> None:
    later = time.time() + 60  # newer than the locks and pyproject.toml
    for stamp in stamps:
        (venv / stamp).touch()
        os.utime(venv / stamp, (later, later))


def test_make_run_installs_the_app_lock_and_no_dev_tools(venv: Path) -> None:
    installs = _dry_run("run", venv)
    assert any(f"--require-hashes -r {APP_LOCK}" in line for line in installs), installs
    assert not [line for line in installs if "dev" in line]


def test_make_test_installs_the_dev_lock(venv: Path) -> None:
    installs = _dry_run("test-backend", venv)
    assert any(f"--require-hashes -r {DEV_LOCK}" in line for line in installs), installs


def test_make_run_after_make_test_installs_nothing_again(venv: Path) -> None:
    _installed(venv, ".installed-app", ".installed-dev")
    assert _dry_run("run", venv) == []
    assert _dry_run("test-backend", venv) == []


def test_make_test_after_make_run_adds_only_the_dev_lock(venv: Path) -> None:
    _installed(venv, ".installed-app")
    installs = _dry_run("test-backend", venv)
    assert len(installs) == 1
    assert f"-r {DEV_LOCK}" in installs[0]


def test_readme_tells_how_to_update_the_locks() -> None:
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for target in ("lock", "lock-upgrade"):
        assert f"\n{target}:" in makefile
        assert f"`make {target}`" in readme
