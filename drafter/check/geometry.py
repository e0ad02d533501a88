"""Where text sits, computed from the XML the way Word lays it out, in points.

A character is one em of the paragraph's font size; half-width characters (digits, Latin
letters) are half of that, which is what Times New Roman digits measure. These models are
accurate to a fraction of a character, and every rule using them allows ``CHAR_TOLERANCE``.
"""

from __future__ import annotations

import unicodedata

from .. import layout as L
from ..records import record
from .document import Doc, Section
from .ooxml import W, number, twips
from .styles import Styles

CHAR_TOLERANCE = 0.5  # characters: what a width model of full- and half-width glyphs can promise
AUTO_LINE_FACTOR = 1.2  # a single-spaced line of CJK text is about 1.2 em high (Word, LibreOffice)
# Where glyphs sit in their line, in ems of the font size, measured on LibreOffice's PDFs of the
# official faces' stand-ins (Fandol, Noto CJK): with exact spacing the baseline lies DESCENT_EM
# above the line's bottom (extra height goes above the text); a Chinese glyph's ink reaches
# INK_TOP_EM above the baseline, the font box (what PDF text extraction reports) ASCENT_EM.
DESCENT_EM = 0.11
INK_TOP_EM = 0.88
ASCENT_EM = 1.04


def char_width(ch: str) -> float:
    """Width in ems: 1 for CJK and full-width forms (and the ambiguous — “” in a CJK font)."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("F", "W", "A") else 0.5


def text_width(text: str) -> float:
    return sum(char_width(ch) for ch in text if ch not in "\n\t")


@record(frozen=True)
class Page:
    width: float  # pt
    height: float
    top: float
    bottom: float
    left: float
    right: float
    footer: float | None
    header: float | None

    @property
    def type_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def type_height(self) -> float:
        return self.height - self.top - self.bottom


def page(section: Section) -> Page:
    sp = section.sect_pr
    size = sp.find(W + "pgSz")
    mar = sp.find(W + "pgMar")

    def get(el, attr, default_mm):
        value = twips(el, attr)
        return value if value is not None else L.mm_to_pt(default_mm)

    return Page(
        width=get(size, "w", 215.9),  # Word's default page is US Letter
        height=get(size, "h", 279.4),
        top=get(mar, "top", 25.4),
        bottom=get(mar, "bottom", 25.4),
        left=get(mar, "left", 31.75),
        right=get(mar, "right", 31.75),
        footer=twips(mar, "footer"),
        header=twips(mar, "header"),
    )


def grid(section: Section) -> tuple[str, float | None, float | None]:
    """The section's document grid: (type, line pitch in pt, charSpace in 1/4096 pt)."""
    g = section.sect_pr.find(W + "docGrid")
    if g is None:
        return "default", None, None
    return (g.get(W + "type") or "default"), twips(g, "linePitch"), number(g, "charSpace")


def line_height(styles: Styles, p, size: float, section: Section) -> float:
    """The height of one line of the paragraph: exact or at-least spacing as given, auto
    spacing as a multiple of the font's line, snapped to the grid's pitch when one is on."""
    sp = styles.spacing(p)
    rule, line = sp.get("lineRule") or "auto", sp.get("line")
    kind, pitch, _chars = grid(section)
    if rule == "exact" and line:
        return line
    natural = size * AUTO_LINE_FACTOR
    if rule == "atLeast" and line:
        return max(line, natural)
    height = natural * ((line * 20 / 240) if line else 1.0)  # w:line is in 240ths when auto
    if kind in ("lines", "linesAndChars", "snapToChars") and pitch and _snaps(styles, p):
        steps = max(1, -(-height // pitch))
        return steps * pitch
    return height


def _snaps(styles: Styles, p) -> bool:
    el = styles.ppr(p, "snapToGrid")
    return el is None or (el.get(W + "val") or "1").lower() not in ("0", "false", "off")


def space_before(styles: Styles, p, pitch: float) -> float:
    sp = styles.spacing(p)
    if sp.get("beforeLines"):
        return float(sp["beforeLines"]) * pitch
    return float(sp.get("before") or 0.0)


def space_after(styles: Styles, p, pitch: float) -> float:
    sp = styles.spacing(p)
    if sp.get("afterLines"):
        return float(sp["afterLines"]) * pitch
    return float(sp.get("after") or 0.0)


@record(frozen=True)
class Span:
    """Where a one-line paragraph's text starts and ends, in characters from the type area's
    left edge, and the line's width in characters."""

    start: float
    end: float
    width: float  # the type area's width, in characters

    @property
    def right_space(self) -> float:
        return self.width - self.end

    @property
    def centre(self) -> float:
        return (self.start + self.end) / 2


def span(doc: Doc, styles: Styles, p, text: str, section: Section) -> Span:
    size = styles.para_size(p)
    ind = styles.indents(p, size)
    width = page(section).type_width / size
    left, right, first = ind["left"] / size, ind["right"] / size, ind["first"] / size
    w = text_width(text)
    align = styles.alignment(p)
    if align == "right":
        end = width - right
        return Span(end - w, end, width)
    if align == "center":
        centre = (left + first + width - right) / 2
        return Span(centre - w / 2, centre + w / 2, width)
    return Span(left + first, left + first + w, width)


def blank_lines_before(
    paras, i: int, styles: Styles, section: Section, floor: int | None = None
) -> float:
    """How many lines of space stand between paragraph ``paras[i]`` and the text above it (or
    ``paras[floor]``, an empty line that holds a place): empty paragraphs plus spacing before
    (in line pitches)."""
    pitch = L.LINE_PITCH_PT
    kind, gpitch, _c = grid(section)
    if gpitch and kind != "default":
        pitch = gpitch
    lines = space_before(styles, paras[i].element, pitch) / pitch
    j = i - 1
    while j >= 0 and j != floor and paras[j].kind == "empty":
        lines += 1 + space_before(styles, paras[j].element, pitch) / pitch
        j -= 1
    if j >= 0:
        lines += space_after(styles, paras[j].element, pitch) / pitch
    return lines


def baseline(height: float, size: float, exact: bool) -> float:
    """The baseline's depth below the top of a line ``height`` points high."""
    return height - DESCENT_EM * size if exact else ASCENT_EM * size


def is_exact(styles: Styles, p) -> bool:
    sp = styles.spacing(p)
    return (sp.get("lineRule") or "auto") == "exact" and bool(sp.get("line"))
