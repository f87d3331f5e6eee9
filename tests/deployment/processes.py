"""Waiting for an app started as a real process (the image's command, the Procfile's)."""

from __future__ import annotations

import subprocess
import time

import httpx

START_TIMEOUT_SECONDS = 60


def wait_until_ready(base_url: str, process: subprocess.Popen[str]) -> None:
    """Return once /api/ready answers 200; fail with the app's output if it exits first."""
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"the app exited with {process.returncode}:\n{output}")
        try:
            if httpx.get(f"{base_url}/api/ready", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError("the app did not become ready in time")
