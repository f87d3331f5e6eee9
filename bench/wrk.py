"""wrk, the HTTP load generator bench/api.py drives, and its figures read from its output."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

CONNECTIONS = 32
THREADS = 2
# wrk's default of 2 s would drop the slowest answers from the latency figures as timeouts.
TIMEOUT = "10s"
SCRIPT = Path(__file__).with_name("wrk_calls.lua")


def require() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("bench.api needs wrk: apt-get install wrk")


def run(url: str, script_arguments: Sequence[str], seconds: int) -> dict[str, Any]:
    """Requests to `url` from wrk_calls.lua (method, token, mode, application ids) for `seconds`."""
    method, token, mode, ids = script_arguments
    command = ["wrk", "--latency", f"-c{CONNECTIONS}", f"-t{THREADS}", f"-d{seconds}s"]
    command += ["--timeout", TIMEOUT]
    command += ["-s", str(SCRIPT), url, "--", method, token, mode, str(THREADS), ids]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse(output)


def parse(output: str) -> dict[str, Any]:
    def number(pattern: str, default: str | None = None) -> str:
        found = re.search(pattern, output, re.MULTILINE)
        if found:
            return found.group(1)
        if default is None:
            raise SystemExit(f"wrk's output has no {pattern!r}:\n{output}")
        return default

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    socket_error_count = sum(int(count) for count in socket_errors.groups()) if socket_errors else 0
    # wrk counts any answer outside 2xx and 3xx; none of the benchmark's calls redirects.
    non_2xx = int(number(r"Non-2xx or 3xx responses: (\d+)", "0"))
    return {
        "requests": int(number(r"^\s*(\d+) requests in")),
        "requests_per_second": float(number(r"^Requests/sec:\s+([\d.]+)")),
        "p50_ms": _milliseconds(number(r"^\s+50%\s+(\S+)\s*$")),
        "p99_ms": _milliseconds(number(r"^\s+99%\s+(\S+)\s*$")),
        "non_2xx_or_3xx": non_2xx,
        "socket_errors": socket_error_count,
        "errors": non_2xx + socket_error_count,
    }


def _milliseconds(duration: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", duration)
    if not found:
        raise SystemExit(f"unreadable wrk duration {duration!r}")
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[found.group(2)]
    return round(float(found.group(1)) * scale, 3)
