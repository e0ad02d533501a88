"""Measure a rendered PDF: glyph boxes from ``pdftotext -bbox``, red ink from a ``pdftoppm`` raster.

All positions in millimetres from the paper's top-left corner. Each line is told by where it
stands: in the type area (the body, framed 版记 lines included), above it (a page header) or
below it (the page number), so that a footer's words never join a body line's.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from drafter import layout as L

PT_MM = 25.4 / 72
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
_PAGE = re.compile(r"<page ")
TYPE_TOP_MM = L.MARGIN_TOP_MM
TYPE_BOTTOM_MM = L.PAGE_HEIGHT_MM - L.MARGIN_BOTTOM_MM
HEADER, BODY, FOOTER = "header", "body", "footer"


def zone(top: float, bottom: float) -> str:
    """Where a box stands: wholly above the type area (a header), below it (a footer: the page
    number, 7 mm under it), or in it."""
    if bottom <= TYPE_TOP_MM:
        return HEADER
    if top >= TYPE_BOTTOM_MM:
        return FOOTER
    return BODY


@dataclass(frozen=True)
class Line:
    top: float  # mm, the highest box top (font ascent, not ink)
    bottom: float
    left: float
    right: float
    text: str
    heights: tuple[float, ...]  # each word's box height in mm (tells a size)
    zone: str = BODY  # HEADER, BODY or FOOTER: above, in or below the type area


def pages(pdf: Path) -> list[list[Line]]:
    """The PDF's text lines, page by page; words whose baselines agree form one line."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    out = []
    for chunk in _PAGE.split(html)[1:]:
        rows: dict[tuple[int, str], list[tuple[float, float, float, float, str]]] = {}
        for m in _WORD.finditer(chunk):
            x0, y0, x1, y1 = (float(v) * PT_MM for v in m.groups()[:4])
            key = (round(y1 * 2), zone(y0, y1))
            rows.setdefault(key, []).append((x0, y0, x1, y1, unescape(m.group(5))))
        lines = []
        for key in sorted(rows):
            ws = sorted(rows[key])
            lines.append(
                Line(
                    top=min(w[1] for w in ws),
                    bottom=max(w[3] for w in ws),
                    left=ws[0][0],
                    right=ws[-1][2],
                    text="".join(w[4] for w in ws),
                    heights=tuple(w[3] - w[1] for w in ws),
                    zone=key[1],
                )
            )
        out.append(lines)
    return out


def body(page: list[Line]) -> list[Line]:
    """A page's lines in the type area: no header, no page number."""
    return [line for line in page if line.zone == BODY]


def footer(page: list[Line]) -> list[Line]:
    return [line for line in page if line.zone == FOOTER]


def red_bands(pdf: Path, page: int, dpi: int = 200) -> list[tuple[float, float]]:
    """Vertical extents (mm) of the page's red ink: the masthead's glyphs, the red rule."""
    ppm = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    header, _, data = _split_ppm(ppm)
    width, height = header
    bands: list[list[int]] = []
    row_bytes = width * 3
    for y in range(height):
        row = data[y * row_bytes : (y + 1) * row_bytes]
        red = sum(
            1
            for x in range(0, row_bytes, 9)
            if row[x] > 200 and row[x + 1] < 100 and row[x + 2] < 100
        )
        if red > 3:
            if bands and y - bands[-1][1] <= 2:
                bands[-1][1] = y
            else:
                bands.append([y, y])
    return [(a * 25.4 / dpi, (b + 1) * 25.4 / dpi) for a, b in bands]


def _split_ppm(blob: bytes) -> tuple[tuple[int, int], int, bytes]:
    fields = []
    i = 0
    while len(fields) < 4:
        while blob[i : i + 1].isspace():
            i += 1
        if blob[i : i + 1] == b"#":
            i = blob.index(b"\n", i) + 1
            continue
        j = i
        while not blob[j : j + 1].isspace():
            j += 1
        fields.append(blob[i:j])
        i = j
    assert fields[0] == b"P6", fields[0]
    return (int(fields[1]), int(fields[2])), int(fields[3]), blob[i + 1 :]
