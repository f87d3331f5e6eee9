"""The extension's packages, checked without a browser: reproducible, one background per
browser, the narrowest permissions, a strict CSP and no remote, inline or generated code."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

from tests.e2e.extension_build import build


def _package_manifests(tmp_path: Path) -> dict[str, dict[str, Any]]:
    build.build(tmp_path)
    return {
        browser: json.loads((tmp_path / browser / "manifest.json").read_text())
        for browser in ("chromium", "firefox")
    }


def test_the_packages_are_reproducible(tmp_path: Path) -> None:
    first, second = build.build(tmp_path / "first"), build.build(tmp_path / "second")
    assert [package.read_bytes() for package in first] == [
        package.read_bytes() for package in second
    ]
    with zipfile.ZipFile(first[0]) as chromium:
        names = chromium.namelist()
    assert "manifest.json" in names
    assert "popup.html" in names
    assert not [name for name in names if name.endswith(".py") or name.startswith("dist/")]


def test_each_browser_gets_its_own_background_and_nothing_broader_than_one_host(
    tmp_path: Path,
) -> None:
    manifests = _package_manifests(tmp_path)
    chromium, firefox = manifests["chromium"], manifests["firefox"]
    assert chromium["background"] == {"service_worker": "background.js", "type": "module"}
    assert "browser_specific_settings" not in chromium
    assert firefox["background"] == {"scripts": ["background.js"], "type": "module"}
    gecko = firefox["browser_specific_settings"]["gecko"]
    assert gecko["id"]
    assert gecko["strict_min_version"]
    assert gecko["data_collection_permissions"] == {"required": ["websiteContent"]}
    for manifest in manifests.values():
        assert manifest["manifest_version"] == 3
        assert sorted(manifest["permissions"]) == ["activeTab", "scripting", "storage"]
        assert "host_permissions" not in manifest  # the instance's host is asked for at run time
        assert sorted(manifest["optional_host_permissions"]) == ["http://*/*", "https://*/*"]
        policy = manifest["content_security_policy"]["extension_pages"]
        assert "script-src 'self';" in policy
        assert "unsafe" not in policy


def test_no_remote_or_generated_code_ships() -> None:
    shipped = build.shipped_files()
    for page in (path for path in shipped if path.suffix == ".html"):
        html = page.read_text()
        assert re.findall(r'<script[^>]*src="([^"]+)"', html), page.name
        for source in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert "//" not in source, f"{page.name} loads {source}"
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline script in {page.name}"
    for script in (path for path in shipped if path.suffix == ".js"):
        code = script.read_text()
        for imported in re.findall(r'^import .* from "([^"]+)";', code, flags=re.MULTILINE):
            assert imported.startswith("./"), f"{script.name} imports {imported}"
        for unsafe in ("eval(", "new Function", "innerHTML", "importScripts"):
            assert unsafe not in code, f"{script.name} uses {unsafe}"
