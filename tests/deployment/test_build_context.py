"""What `docker build` sends: the files the Dockerfile copies, and not a working copy's bulk."""

from __future__ import annotations

import os

from tests.deployment.files import (
    ROOT,
    dockerignore_patterns,
    parse_dockerfile,
    sent_to_the_builder,
)

# The sources, the UI's sources and the locks come to a few MB; .venv alone is hundreds.
MAX_CONTEXT_BYTES = 30 * 1024 * 1024


def _context_files() -> list[str]:
    """The working copy's files that .dockerignore lets through, walking only what it keeps."""
    patterns = dockerignore_patterns()
    kept = []
    for directory, subdirectories, files in os.walk(ROOT):
        relative = os.path.relpath(directory, ROOT)
        prefix = "" if relative == "." else relative + "/"
        # Docker can re-include a file under an excluded directory with "!"; ours never does.
        subdirectories[:] = [
            name for name in subdirectories if sent_to_the_builder(prefix + name, patterns)
        ]
        kept.extend(prefix + name for name in files if sent_to_the_builder(prefix + name, patterns))
    return kept


def test_build_context_leaves_out_environments_dependencies_data_and_secrets() -> None:
    patterns = dockerignore_patterns()
    for path in [
        ".venv/bin/python",
        "frontend/node_modules/react/index.js",
        "node_modules/react/index.js",
        "data/jobtracker.sqlite3",
        "data/backups/jobtracker-backup-a@example.com.json",
        ".env",
        ".git/HEAD",
        "src/jobtracker/static/index.html",
        "src/jobtracker/__pycache__/app.cpython-311.pyc",
    ]:
        assert not sent_to_the_builder(path, patterns), path


def test_build_context_holds_every_file_the_dockerfile_copies() -> None:
    patterns = dockerignore_patterns()
    context = _context_files()
    for stage in parse_dockerfile():
        for source_stage, sources in stage.copies:
            if source_stage is not None:
                continue
            for source in sources:
                source = source.rstrip("/")
                assert any(path == source or path.startswith(source + "/") for path in context), (
                    f"{stage.name}: COPY {source} is not in the build context"
                )
                assert sent_to_the_builder(source, patterns)


def test_build_context_of_this_working_copy_stays_small() -> None:
    context = _context_files()
    size = sum((ROOT / path).stat().st_size for path in context)
    assert size < MAX_CONTEXT_BYTES, f"{size / 1e6:.0f} MB in {len(context)} files"
    assert not [path for path in context if "node_modules/" in path or path.startswith(".venv/")]
