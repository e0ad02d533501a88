"""The template every draft copies: styles, the page (size, margins, grid), the footers' page
numbers and the (empty) headers, and the package parts (docx_package), built once per process
with python-docx; and a draft's header text.

A draft adds its header text, body, review comments and properties to its copy. The parts no
draft writes into are shared by the copies, not copied, and saved from bytes serialised once
(docx_save).
"""

from __future__ import annotations

import math
from copy import deepcopy

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

from .. import layout as L
from ..records import record
from . import docx_package, docx_save, docx_template_cache
from .docx_props import (
    char_indent,
    char_spacing,
    exact_spacing,
    no_auto_space,
    no_orphan_control,
    off_grid,
    ppr,
    rpr,
    set_fonts,
)


@record(frozen=True)
class Static:
    """What a draft reads of the template: style ids by name, and the type area's width."""

    style_ids: dict[str, str]
    table_grid: str  # the ruled tables' style id
    block_width: Emu  # the type area's width, as doc.add_table gives a new table


_BUILT: list[tuple[docx.document.Document, Static]] = []


def _built() -> tuple[docx.document.Document, Static]:
    if not _BUILT:
        doc, style_ids, table_grid = docx_template_cache.load() or _build()
        section = doc.sections[-1]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        assert width is not None and left is not None and right is not None  # set in _page
        docx_save.freeze(doc)
        _BUILT.append((doc, Static(style_ids, table_grid, Emu(width - left - right))))
    return _BUILT[0]


def _build() -> tuple[docx.document.Document, dict[str, str], str]:
    """The template built from python-docx's default (its parts then kept in the disk cache)."""
    doc = docx.Document()  # built on once, kept in _BUILT: no copy of a blank (11 ms)
    style_ids = {
        name: doc.styles[name].style_id for name in {lay.style for lay in L.ROLES.values()}
    }
    table_grid = doc.styles["Table Grid"].style_id
    _styles(doc)
    _page(doc)
    body = doc.element.body  # not doc._body: a deep copy would detach that handle
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    docx_package.prepare(doc)
    for role, lay in L.ROLES.items():  # every role's properties, kept with the template
        ppr(role, None if lay.style == "Normal" else style_ids[lay.style])
        for font in {lay.font, *L.EMPHASIS_FONT.values()}:
            rpr(font, lay.size, lay.color)
    docx_template_cache.store(doc, style_ids, table_grid)
    return doc, style_ids, table_grid


def template() -> docx.document.Document:
    """A copy of the page, styles, footers and package parts every draft shares (see above)."""
    return deepcopy(_built()[0], docx_save.shared())


def static() -> Static:
    return _built()[1]


def built() -> docx.document.Document:
    """The template itself (for tests: no draft may write into it)."""
    return _built()[0]


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(L.BODY_SIZE_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(normal.element, L.FANGSONG)
    char_spacing(normal.element, L.BODY_SIZE_PT)
    exact_spacing(normal.paragraph_format)
    no_orphan_control(normal.paragraph_format)
    no_auto_space(normal.element)
    for name, (font, size) in L.STYLES.items():
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.font.bold = False
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        set_fonts(style.element, font)
        pf = style.paragraph_format
        exact_spacing(pf)
        no_orphan_control(pf, keep_next=name.startswith("Heading"))
        ppr = style.element.get_or_add_pPr()
        for border in ppr.findall(qn("w:pBdr")):  # Word's Title style has a rule under it
            ppr.remove(border)


def _page(doc) -> None:
    """The page every draft shares: size, margins, grid, page numbers, (empty) headers."""
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(L.MARGIN_TOP_MM), Mm(L.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(L.MARGIN_LEFT_MM), Mm(L.MARGIN_RIGHT_MM)
    section.footer_distance = Mm(L.FOOTER_DISTANCE_MM)
    section.header_distance = Mm(L.HEADER_DISTANCE_MM)
    # 22 lines on a line grid; 28 characters come from the runs' spacing (see layout).
    sect_pr = section._sectPr  # private: see tests/test_private_access.py
    for grid in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(grid)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), L.GRID_TYPE)
    grid.set(qn("w:linePitch"), str(L.GRID_LINE_PITCH_TWIPS))
    sect_pr.append(grid)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)
    for header in (section.header, section.even_page_header):
        header.paragraphs[0]  # the header parts exist in every draft, with or without text


def _page_number(para, odd: bool) -> None:
    """— N — from a PAGE field: odd pages right, even pages left, one character from the edge."""
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    pf = para.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(L.PAGE_NUMBER_LINE_PT)
    pf.space_before = pf.space_after = Pt(0)
    p = para._p  # private: see tests/test_private_access.py
    off_grid(p)
    side = "right_indent" if odd else "left_indent"
    char_indent(pf, p, side, L.PAGE_NUMBER_SIDE_CHARS, L.SIZE_4)
    pieces = [
        ("text", "— "),
        ("fld", "begin"),
        ("instr", " PAGE "),
        ("fld", "separate"),
        ("text", "1"),
        ("fld", "end"),
        ("text", " —"),
    ]
    for kind, value in pieces:
        run = para.add_run()
        run.font.size = Pt(L.PAGE_NUMBER_SIZE_PT)
        set_fonts(run.element, L.SONGTI, latin=L.SONGTI)
        if kind == "text":
            run.text = value
        elif kind == "fld":
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), value)
            run.element.append(el)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = value
            run.element.append(el)


def header(doc, header_text: str | None) -> None:
    """A draft's page header (征求意见稿, a running head) on odd and even pages, on one line."""
    if not header_text:
        return
    section = doc.sections[0]
    for part in (section.header, section.even_page_header):
        para = part.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.LEFT
        run = para.add_run(header_text)
        # one line: a long header (a plan's title) takes a smaller size
        fit = L.mm_to_pt(L.TYPE_WIDTH_MM) / max(L.text_ems(header_text), 1)
        run.font.size = Pt(min(L.HEADER_SIZE_PT, math.floor(fit * 2) / 2))
        set_fonts(run.element, L.HEADER_FONT)
