"""The child process that reads one file's text under CPU, memory and priority limits.

Run as `python -m jobtracker.documents.extract_worker MEDIA_TYPE CPU_SECONDS MEMORY_BYTES`
with the file's bytes on stdin; it answers JSON `{text, note, readable}` on stdout. A file
that costs more than its budget ends the process (SIGXCPU, or a MemoryError answered as
unreadable), never the server that started it.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from dataclasses import asdict

# Loaded before the limits (reading.py imports it only when a PDF is read), so they bound the
# reading alone.
import pypdf  # noqa: F401

from jobtracker.documents.media_types import MediaType
from jobtracker.documents.reading import read_text, unreadable

# Lowest priority: other users' requests always come first on the same cores.
NICENESS = 19
TOO_LARGE = "The file needs too much memory to read its text."


def limit_resources(cpu_seconds: int, memory_bytes: int) -> None:
    """Cap this process: past the CPU seconds it gets SIGXCPU (and SIGKILL a second later)."""
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # Nothing it reads should make it write files; a core dump of hostile input least of all.
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.nice(NICENESS)


def main(argv: list[str]) -> int:
    media_type, cpu_seconds, memory_bytes = MediaType(argv[0]), int(argv[1]), int(argv[2])
    limit_resources(cpu_seconds, memory_bytes)
    content = sys.stdin.buffer.read()
    try:
        extraction = read_text(content, media_type)
    except MemoryError:
        extraction = unreadable(TOO_LARGE)
    sys.stdout.buffer.write(json.dumps(asdict(extraction), ensure_ascii=False).encode())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
