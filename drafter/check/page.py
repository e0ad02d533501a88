"""The page (5.1, 5.2.1), its grid of 22 lines × 28 characters (5.2.3) and the page numbers (7.5)."""

from __future__ import annotations

import math
import re

from .. import layout as L
from ..i18n import _
from .document import Doc
from .findings import GRID, PAGE_MARGINS, PAGE_NUMBER, PAGE_SIZE, Finding
from .geometry import ASCENT_EM, AUTO_LINE_FACTOR, CHAR_TOLERANCE, baseline, grid, line_height, page
from .ooxml import W, on, para_text, runs, twips
from .patterns import PAGE_NUMBER_DASHES
from .styles import Styles

PAGE_NUMBER_TOLERANCE_MM = 1.5  # the footer model (line box, glyph inside it) is good to ~1 mm
_GRID_EPSILON = 0.02  # a pitch that fits 22.0 lines "exactly" still fits them


def _mm(pt: float) -> float:
    return round(L.pt_to_mm(pt), 1)


def _landscape(section) -> bool:
    pg = page(section)
    return pg.width > pg.height


def check_page(doc: Doc) -> list[Finding]:
    findings = []
    want = {
        "top": L.MARGIN_TOP_MM,
        "bottom": L.MARGIN_BOTTOM_MM,
        "left": L.MARGIN_LEFT_MM,
        "right": L.MARGIN_RIGHT_MM,
    }
    tol = L.MARGIN_TOLERANCE_MM
    for s in doc.sections:
        pg = page(s)
        w, h = _mm(pg.width), _mm(pg.height)
        portrait = abs(w - L.PAGE_WIDTH_MM) <= tol and abs(h - L.PAGE_HEIGHT_MM) <= tol
        landscape = abs(w - L.PAGE_HEIGHT_MM) <= tol and abs(h - L.PAGE_WIDTH_MM) <= tol
        if not (portrait or landscape):
            findings.append(
                Finding.of(
                    PAGE_SIZE,
                    _(
                        "section {n}: the page is {width} x {height} mm, not A4 (210 x 297 mm)"
                    ).format(n=s.number, width=f"{w:g}", height=f"{h:g}"),
                )
            )
        if landscape:
            continue  # a landscape A4 page for a wide table: its margins turn with it
        got = {side: _mm(getattr(pg, side)) for side in want}
        if any(abs(got[side] - value) > tol for side, value in want.items()):
            findings.append(
                Finding.of(
                    PAGE_MARGINS,
                    _(
                        "section {n}: margins are top {top}, bottom {bottom}, left {left}, right {right} mm;"
                        " GB/T 9704 needs top 37, bottom 35, left 28, right 26 mm"
                    ).format(n=s.number, **{side: f"{v:g}" for side, v in got.items()}),
                )
            )
    return findings


# -- 5.2.3: 22 lines × 28 characters ------------------------------------------------------------
def lines_and_chars(doc: Doc, styles: Styles, section) -> tuple[int, int, str]:
    """(lines per page, characters per line, the grid's type) for body text in ``section``."""
    pg = page(section)
    kind, pitch, char_space = grid(section)
    normal = _normal_paragraph(doc, styles)
    size = styles.size(None, normal) if normal is not None else L.BODY_SIZE_PT
    line = (
        line_height(styles, normal, size, section)
        if normal is not None
        else size * AUTO_LINE_FACTOR
    )
    lines = math.floor(pg.type_height / line + _GRID_EPSILON)
    if kind in ("linesAndChars", "snapToChars") and char_space is not None:
        char_pitch = size + char_space / 4096
    else:
        char_pitch = size + _character_spacing(styles, normal)
    chars = math.floor(pg.type_width / char_pitch + _GRID_EPSILON) if char_pitch > 0 else 0
    return lines, chars, kind


def _normal_paragraph(doc: Doc, styles: Styles):
    """A stand-in paragraph with no properties of its own: it resolves to the default paragraph
    style (Normal) and the document defaults, as running text does."""
    from lxml import etree

    return etree.Element(W + "p")


def _character_spacing(styles: Styles, p) -> float:
    for rpr in styles.rpr_levels(None, p):
        sp = rpr.find(W + "spacing")
        if sp is not None:
            value = twips(sp, "val")
            if value is not None:
                return value
    return 0.0


def check_grid(doc: Doc, styles: Styles) -> list[Finding]:
    findings = []
    for s in doc.sections:
        if _landscape(s) or s.last < s.first:
            continue
        lines, chars, kind = lines_and_chars(doc, styles, s)
        if lines != L.LINES_PER_PAGE or chars != L.CHARS_PER_LINE:
            findings.append(
                Finding.of(
                    GRID,
                    _(
                        "section {n}: body text gives {lines} lines a page and {chars} characters a line"
                        " (document grid: {grid}); GB/T 9704 needs {want_lines} lines of"
                        " {want_chars} characters"
                    ).format(
                        n=s.number,
                        lines=lines,
                        chars=chars,
                        grid=kind,
                        want_lines=L.LINES_PER_PAGE,
                        want_chars=L.CHARS_PER_LINE,
                    ),
                )
            )
    return findings


# -- 7.5: page numbers --------------------------------------------------------------------------
_PAGE_FIELD = re.compile(r"^\s*PAGE(\s|\\|$)")
_DASH_PAIRS = PAGE_NUMBER_DASHES  # a dash each side of the number, its field result aside


def _has_page_field(root) -> bool:
    for simple in root.iter(W + "fldSimple"):
        if _PAGE_FIELD.match(simple.get(W + "instr") or ""):
            return True
    return any(_PAGE_FIELD.match(el.text or "") for el in root.iter(W + "instrText"))


def _page_number_para(root):
    for p in root.iter(W + "p"):
        if _has_page_field(p):
            return p
    return None


def has_page_field(doc: Doc, part: str) -> bool:
    return _has_page_field(doc.pkg.xml(part))


def check_page_numbers(doc: Doc, styles: Styles, unnumbered: int | None = None) -> list[Finding]:
    """Every portrait section's odd and even footers: — N — in 4号, odd pages right and even
    pages left, one character from the edge, 7 mm below the type area. Section ``unnumbered``
    (the 版记's page of its own, 7.5) is left out."""
    findings: list[Finding] = []
    even_odd = on(doc.setting("evenAndOddHeaders"))
    seen: set[tuple[str, str]] = set()
    for s in doc.sections:
        if _landscape(s) or s.last < s.first or s.number == unnumbered:
            continue
        pg = page(s)
        sides = (("default", "right"), ("even", "left")) if even_odd else (("default", None),)
        if not even_odd:
            findings.append(
                Finding.of(
                    PAGE_NUMBER,
                    _(
                        "section {n}: odd and even pages share one footer; page numbers go right on"
                        " odd pages and left on even pages"
                    ).format(n=s.number),
                )
            )
        for kind, side in sides:
            name = s.footers.get(kind)
            if name is None or (name, kind) in seen:
                if name is None:
                    findings.append(
                        Finding.of(
                            PAGE_NUMBER,
                            _("section {n}: no page number on {pages} pages").format(
                                n=s.number, pages=_("odd") if side == "right" else _("even")
                            ),
                        )
                    )
                continue
            seen.add((name, kind))
            root = doc.pkg.xml(name)
            p = _page_number_para(root)
            if p is None:
                findings.append(
                    Finding.of(
                        PAGE_NUMBER,
                        _("section {n}: the footer of {pages} pages has no PAGE field").format(
                            n=s.number, pages=_("odd") if side != "left" else _("even")
                        ),
                    )
                )
                continue
            findings += _page_number_layout(styles, p, side, pg, s.number)
    return findings


def _page_number_layout(styles: Styles, p, side: str | None, pg, n: int) -> list[Finding]:
    out = []
    text = para_text(p)
    size = next(
        (styles.size(r, p) for r in runs(p) if para_text_of(r).strip()), styles.size(None, p)
    )
    dashes = re.sub(r"[\d\s]", "", text) in _DASH_PAIRS
    problems = []
    if not dashes:
        problems.append(_("the number has no dash on each side (— 1 —)"))
    if abs(size - L.PAGE_NUMBER_SIZE_PT) > 0.25:
        problems.append(_("it is {size} pt, not 4号 (14 pt)").format(size=f"{size:g}"))
    align = styles.alignment(p)
    ind = styles.indents(p, L.PAGE_NUMBER_SIZE_PT)
    if side is not None:
        inset = (
            ind["right"] if side == "right" else ind["left"] + ind["first"]
        ) / L.PAGE_NUMBER_SIZE_PT
        if align != side or abs(inset - L.PAGE_NUMBER_SIDE_CHARS) > CHAR_TOLERANCE:
            problems.append(
                _(
                    "it is aligned {align}, {inset} characters in; it must be {side}, 1 character in"
                ).format(
                    align=align,
                    inset=f"{inset:.1f}",
                    side=_("right") if side == "right" else _("left"),
                )
            )
    below = page_number_gap_mm(styles, p, size, pg)
    if below is None or abs(below - L.PAGE_NUMBER_BELOW_TYPE_AREA_MM) > PAGE_NUMBER_TOLERANCE_MM:
        problems.append(
            _("its top is {gap} mm below the type area, not {want} mm").format(
                gap="?" if below is None else f"{below:.1f}",
                want=f"{L.PAGE_NUMBER_BELOW_TYPE_AREA_MM:g}",
            )
        )
    for problem in problems:
        out.append(
            Finding.of(
                PAGE_NUMBER,
                _("section {n}, page numbers on {pages} pages: {problem}").format(
                    n=n,
                    pages=_("odd")
                    if side == "right"
                    else _("even")
                    if side == "left"
                    else _("all"),
                    problem=problem,
                ),
            )
        )
    return out


def para_text_of(r) -> str:
    from .ooxml import run_text

    return run_text(r)


def page_number_gap_mm(styles: Styles, p, size: float, pg) -> float | None:
    """Distance from the type area's bottom edge down to the top of the page number's font box.

    Word and LibreOffice put the footer's last line so that its box ends ``w:footer`` above the
    paper's edge; the glyphs sit in that box as geometry.baseline says."""
    if pg.footer is None:
        return None
    sp = styles.spacing(p)
    rule, line = sp.get("lineRule") or "auto", sp.get("line")
    if rule == "exact" and line:
        box = line
    else:
        box = size * AUTO_LINE_FACTOR * ((line * 20 / 240) if line and rule == "auto" else 1.0)
        if rule == "atLeast" and line:
            box = max(line, size * AUTO_LINE_FACTOR)
    after = float(sp.get("after") or 0.0)
    line_top = pg.footer + after + box  # from the paper's bottom edge
    top = line_top - baseline(box, size, rule == "exact" and bool(line)) + ASCENT_EM * size
    return L.pt_to_mm(pg.bottom - top)
