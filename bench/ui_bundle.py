"""Initial JavaScript of the built UI, gzipped: what a browser downloads before the first page.

Reads the built index.html, sums the gzipped size of the entry script and every module it
preloads, prints it against the 250 KB budget and records it in bench/results/ui_bundle.json.
Run `make bench` (which builds the UI first) or `python bench/ui_bundle.py [static dir]`.
"""

from __future__ import annotations

import gzip
import json
import platform
import sys
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
STATIC_DIR = REPO_ROOT / "src" / "jobtracker" / "static"
RESULTS = REPO_ROOT / "bench" / "results" / "ui_bundle.json"
BUDGET_BYTES = 250 * 1024


class _InitialScripts(HTMLParser):
    """Collects the module scripts and modulepreload links of index.html, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        url = None
        if tag == "script" and attributes.get("type") == "module":
            url = attributes.get("src")
        elif tag == "link" and attributes.get("rel") == "modulepreload":
            url = attributes.get("href")
        if url and url not in self.urls:
            self.urls.append(url)


def initial_scripts(static_dir: Path) -> list[Path]:
    parser = _InitialScripts()
    parser.feed((static_dir / "index.html").read_text(encoding="utf-8"))
    if not parser.urls:
        raise SystemExit(f"{static_dir / 'index.html'} loads no module script")
    return [static_dir / url.lstrip("/") for url in parser.urls]


def gzipped_size(path: Path) -> int:
    # Level 9, like a static server that pre-compresses; what goes over the wire.
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def main(argv: list[str]) -> int:
    static_dir = Path(argv[0]) if argv else STATIC_DIR
    if not (static_dir / "index.html").is_file():
        print(f"{static_dir / 'index.html'} is missing: run `make ui` first", file=sys.stderr)
        return 2
    files = {path.name: gzipped_size(path) for path in initial_scripts(static_dir)}
    total = sum(files.values())
    result = {
        "benchmark": "ui_initial_js_gzip",
        "initial_js_gzip_bytes": total,
        "initial_js_gzip_kb": round(total / 1024, 1),
        "budget_kb": BUDGET_BYTES // 1024,
        "within_budget": total <= BUDGET_BYTES,
        "files": files,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "machine": platform.machine(),
            "python": platform.python_version(),
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    verdict = "within" if result["within_budget"] else "OVER"
    print(
        f"initial JS: {result['initial_js_gzip_kb']} KB gzipped in {len(files)} file(s), "
        f"{verdict} the {result['budget_kb']} KB budget -> {RESULTS.relative_to(REPO_ROOT)}"
    )
    return 0 if result["within_budget"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
