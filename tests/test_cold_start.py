"""Cold start: building the app loads none of the heavy libraries a worker needs only later.

Each of these costs tenths of a second or megabytes per worker at start-up (issue 21), so it is
imported where it is first used. The check runs in a fresh interpreter: this test process has
long since imported them all through other tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Each with where it is imported now, so a failure says where to look.
LAZY_MODULES = {
    "openai": "the OpenAI provider and filler (assistant/providers, capture/ai_fill.py)",
    "google.genai": "the Gemini provider and filler (assistant/providers, capture/ai_fill.py)",
    "trafilatura": "capture/page_text.py main_text",
    "extruct": "capture/structured_data.py microdata_job_postings",
    "lxml": "capture/html_text.py html_to_text, and capture/service.py's page readers",
    "pypdf": "documents/reading.py pdf_text (in the reading child)",
    "openpyxl": "portability/xlsx_reading.py open_workbook",
    "icalendar": "portability/calendar.py feed",
    "redis": "security/redis_limiter.py, only with REDIS_URL",
    "zxcvbn": "auth/passwords.py common_passwords",
    "httpcore2": "capture/fetcher.py fetch, the link fetcher's HTTP client (15 MiB)",
    "mcp": "mcp/routes.py, the MCP SDK (1-2 s, ~28 MB), on the first request to /mcp",
    "fpdf": "insight/report_routes.py proof_of_search_pdf, the proof-of-search PDF",
}

_PROBE = """
import json, sys
from jobtracker.app import create_app
create_app()
print(json.dumps(sorted(name for name in sys.argv[1:] if name in sys.modules)))
"""


def test_building_the_app_imports_no_library_that_is_needed_only_on_first_use(
    tmp_path: Path,
) -> None:
    # A bare environment (SQLite in DATA_DIR) and a directory without a .env file: no
    # REDIS_URL or AI_PROVIDER from the machine running the tests changes what is loaded.
    probe = subprocess.run(
        [sys.executable, "-c", _PROBE, *LAZY_MODULES],
        env={"DATA_DIR": str(tmp_path), "JWT_SECRET": "cold-start-" * 4},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert probe.returncode == 0, probe.stderr
    loaded = json.loads(probe.stdout.splitlines()[-1])
    assert loaded == [], "imported at start-up: " + "; ".join(
        f"{name} (meant to load in {LAZY_MODULES[name]})" for name in loaded
    )


# Installed by `make install-dev` for the tests only (pyproject's dev extra): `make run` has none.
TEST_ONLY_PACKAGES = (
    "httpx",
    "pytest",
    "playwright",
    "schemathesis",
    "locust",
    "docx",
    "yaml",
    "aiosmtpd",
    "pypdfium2",
    "oidc_provider_mock",
    "gunicorn",
)

_WITHOUT_TEST_PACKAGES = """
import sys
for name in sys.argv[1:]:
    sys.modules[name] = None  # importing it now fails, as where only the app is installed
from jobtracker.app import create_app
create_app()
"""


def test_the_app_builds_without_the_test_only_packages(tmp_path: Path) -> None:
    """`make run` installs the app's dependencies only: an import of a test-only package
    (httpx, say, where the app's client is httpx2) would pass every test and break make run."""
    probe = subprocess.run(
        [sys.executable, "-c", _WITHOUT_TEST_PACKAGES, *TEST_ONLY_PACKAGES],
        env={"DATA_DIR": str(tmp_path), "JWT_SECRET": "cold-start-" * 4},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert probe.returncode == 0, probe.stderr[-2000:]
