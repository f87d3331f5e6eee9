"""Draws the extension's toolbar icons (a briefcase on a blue tile) as PNGs, with the standard
library only; run it again after changing the drawing: `python3 extension/icons/draw_icons.py`."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SIZES = (16, 32, 48, 128)
TILE = (36, 84, 197)
WHITE = (255, 255, 255)
SAMPLES = 4  # per axis, for smooth edges


def _inside_rounded(
    x: float, y: float, left: float, top: float, right: float, bottom: float, radius: float
) -> bool:
    if not (left <= x <= right and top <= y <= bottom):
        return False
    nearest_x = min(max(x, left + radius), right - radius)
    nearest_y = min(max(y, top + radius), bottom - radius)
    return (x - nearest_x) ** 2 + (y - nearest_y) ** 2 <= radius**2


def _colour_at(x: float, y: float) -> tuple[int, int, int, int]:
    """The drawing in unit coordinates (0..1 both ways)."""
    if not _inside_rounded(x, y, 0.02, 0.02, 0.98, 0.98, 0.2):
        return (0, 0, 0, 0)
    body = _inside_rounded(x, y, 0.2, 0.36, 0.8, 0.8, 0.07)
    handle = _inside_rounded(x, y, 0.38, 0.22, 0.62, 0.42, 0.06) and not _inside_rounded(
        x, y, 0.45, 0.29, 0.55, 0.42, 0.02
    )
    band = 0.52 <= y <= 0.58 and 0.2 <= x <= 0.8
    if (body and not band) or handle:
        return (*WHITE, 255)
    return (*TILE, 255)


def _pixels(size: int) -> bytes:
    rows = bytearray()
    for row in range(size):
        rows.append(0)  # PNG filter type: none
        for column in range(size):
            total = [0, 0, 0, 0]
            for sub_y in range(SAMPLES):
                for sub_x in range(SAMPLES):
                    x = (column + (sub_x + 0.5) / SAMPLES) / size
                    y = (row + (sub_y + 0.5) / SAMPLES) / size
                    for channel, value in enumerate(_colour_at(x, y)):
                        total[channel] += value
            rows.extend(round(value / SAMPLES**2) for value in total)
    return bytes(rows)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(size: int) -> bytes:
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(_pixels(size), 9))
        + _chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    folder = Path(__file__).resolve().parent
    for size in SIZES:
        (folder / f"icon-{size}.png").write_bytes(png(size))
