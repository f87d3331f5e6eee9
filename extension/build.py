"""Packages the extension for Chromium-based browsers and for Firefox from this one source tree.

    python3 extension/build.py [--out extension/dist]

writes jobtracker-chromium.zip and jobtracker-firefox.zip, and the same two as folders
(chromium/, firefox/) to load unpacked. The zips are byte-for-byte reproducible: sorted
entries, fixed timestamps and permissions.
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).resolve().parent
# What ships: the pages, their scripts and styles, the icons. Not this script, the icon
# drawing or anything built.
SHIPPED_PATTERNS = ("*.html", "*.js", "*.css", "lib/*.js", "icons/*.png")
# Firefox wants an id it can keep the add-on's storage under, and the first version with
# everything used here (Manifest V3 host permissions asked at run time, module background,
# the data collection declaration); checked with Mozilla's addons-linter.
FIREFOX_ID = "{f5d260d4-da1c-43ea-ad86-21e90446aa48}"
FIREFOX_MIN_VERSION = "140.0"
FIREFOX_ANDROID_MIN_VERSION = "142.0"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def shipped_files() -> list[Path]:
    files = {path for pattern in SHIPPED_PATTERNS for path in SOURCE.glob(pattern)}
    return sorted(files, key=lambda path: path.relative_to(SOURCE).as_posix())


def chromium_manifest(source: dict[str, Any]) -> dict[str, Any]:
    manifest = copy.deepcopy(source)
    manifest.pop("browser_specific_settings", None)
    return manifest


def firefox_manifest(source: dict[str, Any]) -> dict[str, Any]:
    manifest = copy.deepcopy(source)
    manifest.pop("minimum_chrome_version", None)
    # Firefox runs a background page's scripts instead of a service worker.
    worker = manifest["background"]["service_worker"]
    manifest["background"] = {"scripts": [worker], "type": "module"}
    manifest["browser_specific_settings"] = {
        "gecko": {
            "id": FIREFOX_ID,
            "strict_min_version": FIREFOX_MIN_VERSION,
            # Firefox shows this at install: the posting's page goes to the user's own
            # instance, which is outside the extension, so it is declared.
            "data_collection_permissions": {"required": ["websiteContent"]},
        },
        "gecko_android": {"strict_min_version": FIREFOX_ANDROID_MIN_VERSION},
    }
    return manifest


def _entries(manifest: dict[str, Any]) -> list[tuple[str, bytes]]:
    manifest_bytes = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    entries = [("manifest.json", manifest_bytes)]
    entries += [
        (path.relative_to(SOURCE).as_posix(), path.read_bytes()) for path in shipped_files()
    ]
    return sorted(entries)


def write_zip(target: Path, entries: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content, compresslevel=9)


def write_folder(target: Path, entries: list[tuple[str, bytes]]) -> None:
    shutil.rmtree(target, ignore_errors=True)
    for name, content in entries:
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def build(out: Path) -> list[Path]:
    source = json.loads((SOURCE / "manifest.json").read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    packages = []
    for browser, manifest in (
        ("chromium", chromium_manifest(source)),
        ("firefox", firefox_manifest(source)),
    ):
        entries = _entries(manifest)
        write_folder(out / browser, entries)
        package = out / f"jobtracker-{browser}.zip"
        write_zip(package, entries)
        packages.append(package)
    return packages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SOURCE / "dist", help="where to write")
    for package in build(parser.parse_args().out):
        print(f"wrote {package}")


if __name__ == "__main__":
    main()
