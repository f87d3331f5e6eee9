"""Readers for the deployment files, so tests can hold them against the settings the app reads."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from jobtracker.config import Settings

ROOT = Path(__file__).resolve().parents[2]


def load_yaml(name: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / name).read_text())
    return document


def setting_names() -> set[str]:
    """Environment variable names the app reads (pydantic-settings is case-insensitive)."""
    return {name.upper() for name in Settings.model_fields}


@dataclass
class Stage:
    name: str
    base: str
    copies: list[tuple[str | None, list[str]]] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    user: str | None = None
    cmd: list[str] = field(default_factory=list)
    healthcheck: list[str] = field(default_factory=list)


def parse_dockerfile(path: Path = ROOT / "Dockerfile") -> list[Stage]:
    """Enough Dockerfile grammar for our own file: FROM, COPY, ENV, USER, CMD, HEALTHCHECK."""
    stages: list[Stage] = []
    for instruction in _logical_lines(path.read_text()):
        keyword, _, rest = instruction.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            image, _, alias = rest.partition(" AS ")
            stages.append(Stage(name=alias.strip() or image.strip(), base=image.strip()))
        elif keyword == "COPY":
            words = shlex.split(rest)
            source_stage = next(
                (word.split("=", 1)[1] for word in words if word.startswith("--from=")), None
            )
            paths = [word for word in words if not word.startswith("--")]
            stages[-1].copies.append((source_stage, paths[:-1]))
        elif keyword == "ENV":
            for pair in shlex.split(rest):
                name, _, value = pair.partition("=")
                stages[-1].env[name] = value
        elif keyword == "USER":
            stages[-1].user = rest.strip()
        elif keyword == "CMD":
            stages[-1].cmd = yaml.safe_load(rest)
        elif keyword == "HEALTHCHECK":
            stages[-1].healthcheck = yaml.safe_load(rest[rest.index("CMD") + 3 :])
    return stages


def _logical_lines(text: str) -> list[str]:
    lines: list[str] = []
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        lines.append(current + line)
        current = ""
    return lines


def procfile() -> dict[str, str]:
    entries = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.strip():
            name, _, command = line.partition(":")
            entries[name.strip()] = command.strip()
    return entries
