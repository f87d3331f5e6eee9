"""The UI's generated API client matches the live API, so the two cannot drift apart unseen."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from jobtracker.app import create_app
from jobtracker.config import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
FRONTEND = REPO_ROOT / "frontend"
COMMITTED_SCHEMA = FRONTEND / "openapi.json"
COMMITTED_TYPES = FRONTEND / "src" / "api" / "schema.d.ts"
GENERATOR = FRONTEND / "node_modules" / ".bin" / "openapi-typescript"
FIX = "run `make api-client` and commit frontend/openapi.json and frontend/src/api/schema.d.ts"


def _live_schema(tmp_path: Path) -> dict[str, Any]:
    settings = Settings(
        _env_file=None,
        database_url=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        data_dir=tmp_path,
        jwt_secret="schema-dump-secret-that-is-long-enough-for-hs256-0123456789",
        static_dir=tmp_path / "no-ui",
    )
    app = create_app(settings)
    try:
        schema: dict[str, Any] = json.loads(json.dumps(app.openapi()))
    finally:
        app.state.engine.dispose()
    return schema


def _differences(committed: dict[str, Any], live: dict[str, Any]) -> list[str]:
    """Name what changed (paths, operations, schemas), so the failure says where to look."""
    found: list[str] = []
    for section in ("paths", "components"):
        old, new = committed.get(section, {}), live.get(section, {})
        if section == "components":
            old, new = old.get("schemas", {}), new.get("schemas", {})
        for name in sorted(set(old) | set(new)):
            if name not in new:
                found.append(f"{section}: {name} is gone from the API")
            elif name not in old:
                found.append(f"{section}: {name} is new in the API")
            elif old[name] != new[name]:
                found.append(f"{section}: {name} changed")
    return found or ["the schemas differ outside paths and components"]


def test_committed_openapi_json_matches_the_live_api(tmp_path: Path) -> None:
    committed = json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))
    live = _live_schema(tmp_path)

    if committed != live:
        changes = "\n  ".join(_differences(committed, live)[:20])
        pytest.fail(f"frontend/openapi.json is out of date; {FIX}.\n  {changes}")


def test_committed_client_types_match_what_openapi_typescript_generates(tmp_path: Path) -> None:
    if not GENERATOR.is_file() or shutil.which("node") is None:
        reason = (
            f"{GENERATOR.relative_to(REPO_ROOT)} or node is missing: "
            "run `make ui` (npm ci in frontend/) to check the generated client"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)  # CI installs the frontend; a missing generator is a broken job
        pytest.skip(reason)
    generated = tmp_path / "schema.d.ts"

    subprocess.run(
        [str(GENERATOR), str(COMMITTED_SCHEMA), "--output", str(generated)],
        cwd=FRONTEND,
        check=True,
        capture_output=True,
        timeout=120,
    )

    assert generated.read_text(encoding="utf-8") == COMMITTED_TYPES.read_text(encoding="utf-8"), (
        f"frontend/src/api/schema.d.ts is not what openapi-typescript makes of openapi.json; {FIX}"
    )
