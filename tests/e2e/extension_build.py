"""The extension's build script (extension/build.py, not a package) loaded for the tests."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.e2e.conftest import REPO_ROOT

EXTENSION_SOURCE = REPO_ROOT / "extension"


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extension_build", EXTENSION_SOURCE / "build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build()
