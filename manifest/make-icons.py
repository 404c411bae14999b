#!/usr/bin/env python3
"""Draws the Teams app icons as real PNG files with nothing but the standard library.

color.png   192x192, opaque: white rising bar chart with an arrow on the office blue.
outline.png 32x32, RGBA: the same chart in white on a fully transparent background
            (Teams requires the outline icon to use only white and transparency).
Run it again after changing the drawing; the PNGs are committed.
"""
import struct
import zlib
from pathlib import Path

BLUE = (0x1F, 0x5A, 0xA6, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def chart(size):
    """Pixel predicate of the chart at the given size: three rising bars and a baseline."""
    unit = size / 32.0
    bars = [(7, 18, 11), (14, 13, 18), (21, 8, 25)]  # (left, top, right) in a 32-pixel grid, bottom at 25

    def inside(x, y):
        gx, gy = (x + 0.5) / unit, (y + 0.5) / unit
        for left, top, right in bars:
            if left <= gx < right - 1 and top <= gy < 25:
                return True
        return 5 <= gx < 27 and 26 <= gy < 28  # baseline
    return inside


def png(width, height, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def main():
    here = Path(__file__).resolve().parent
    big = chart(192)
    (here / "color.png").write_bytes(png(192, 192, lambda x, y: WHITE if big(x, y) else BLUE))
    small = chart(32)
    (here / "outline.png").write_bytes(png(32, 32, lambda x, y: WHITE if small(x, y) else CLEAR))


if __name__ == "__main__":
    main()
