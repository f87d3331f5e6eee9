"""Readers for the deployment files, so tests can hold them against the settings the app reads."""

from __future__ import annotations

import re
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
    runs: list[str] = field(default_factory=list)
    # Each VOLUME with how many RUNs came before it: a RUN after it cannot change the volume.
    volumes: list[tuple[str, int]] = field(default_factory=list)


def parse_dockerfile(path: Path = ROOT / "Dockerfile") -> list[Stage]:
    """Enough Dockerfile grammar for our own file: FROM, COPY, ENV, USER, RUN, VOLUME, CMD…"""
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
        elif keyword == "RUN":
            stages[-1].runs.append(rest.strip())
        elif keyword == "VOLUME":
            paths = yaml.safe_load(rest) if rest.lstrip().startswith("[") else rest.split()
            stages[-1].volumes.extend((path, len(stages[-1].runs)) for path in paths)
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


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """Docker's matching: `*` and `?` stay within a directory, `**` crosses them."""
    parts = re.split(r"(\*\*/?|\*|\?)", pattern.strip("/"))
    translated = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(translated.get(part, re.escape(part)) for part in parts))


def sent_to_the_builder(path: str, patterns: list[str]) -> bool:
    """Whether .dockerignore lets this path (relative to the context) into the build context.

    The last pattern matching the path or one of its parent directories decides, as in Docker.
    """
    parts = path.strip("/").split("/")
    candidates = ["/".join(parts[: depth + 1]) for depth in range(len(parts))]
    included = True
    for pattern in patterns:
        negated = pattern.startswith("!")
        regex = _pattern_regex(pattern.removeprefix("!"))
        if any(regex.fullmatch(candidate) for candidate in candidates):
            included = negated
    return included


@dataclass
class Pin:
    name: str  # normalised, as packaging.utils.canonicalize_name gives it
    version: str
    marker: str
    hashes: list[str]


def locked(lock: str) -> dict[str, Pin]:
    """The pins of requirements/<lock>.txt, keyed by normalised package name."""
    text = (ROOT / "requirements" / f"{lock}.txt").read_text()
    pins: dict[str, Pin] = {}
    for entry in re.split(r"\n(?=\S)", text.replace("\\\n", " ")):
        requirement = entry.split("#", 1)[0].strip()
        if not requirement:
            continue
        match = re.fullmatch(
            r"([A-Za-z0-9._-]+)==(\S+?)\s*(?:;\s*(.*?))?((?:\s*--hash=\S+)*)", requirement
        )
        assert match, f"{lock}: not an exact pin: {requirement}"
        name, version, marker, hashes = match.groups()
        normalised = re.sub(r"[-_.]+", "-", name).lower()
        pins[normalised] = Pin(normalised, version, (marker or "").strip(), hashes.split())
    return pins
