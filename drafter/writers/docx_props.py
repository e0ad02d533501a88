"""Paragraph and run properties (w:pPr, w:rPr) from drafter.layout's figures.

python-docx's ``font.name`` sets only the Latin fonts, so every run and style also gets
``w:rFonts/@w:eastAsia``; Latin text and digits use Times New Roman. The properties of each
layout (a role's paragraph, a run's font and size, a table cell's) are built here once per
process with python-docx, whose API names what the XML means, and then copied into every draft
(docx_text, docx_tables): building them per draft was most of the writer's cost.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from .. import layout as L
from ..model import Role
from .ooxml import put

ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def set_fonts(rpr_owner, east_asia: str, latin: str = L.LATIN) -> None:
    """Write all four rFonts slots (and drop theme fonts, which would win over them)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def char_spacing(rpr_owner, size: float) -> None:
    """Body-size text runs a quarter point tighter, so 28 characters fill the line (see layout)."""
    if size != L.BODY_SIZE_PT:
        return
    rpr = rpr_owner.get_or_add_rPr()
    el = OxmlElement("w:spacing")
    el.set(qn("w:val"), str(L.CHAR_SPACING_TWENTIETHS))
    put(rpr, el)


def no_orphan_control(fmt, keep_next: bool = False) -> None:
    """No widow control: it leaves pages a line short for a paragraph's last line, and 22 full
    lines win. Keep-with-next only for headings (``keep_next``): a heading alone at a page's
    foot is worse than the one line short it costs the page before."""
    fmt.widow_control = False
    fmt.keep_with_next = keep_next


def set_indent(p, side: str, chars: float, size: float) -> None:
    """A left, right or hanging indent of w:p ``p`` in characters (Word's *Chars) and in twips
    for others."""
    ind = p.get_or_add_pPr().get_or_add_ind()
    for attr in ("w:firstLineChars", "w:firstLine") if side == "hanging" else ():
        ind.attrib.pop(qn(attr), None)
    ind.set(qn(f"w:{side}"), str(round(chars * size * L.TWIPS_PER_PT)))
    ind.set(qn(f"w:{side}Chars"), str(round(chars * 100)))


def no_auto_space(ppr_owner) -> None:
    """No extra gap between Chinese and digits or Latin (Word's and LibreOffice's default add one).
    LibreOffice reads it from the paragraph, not from the document defaults."""
    ppr = ppr_owner.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "0")
        put(ppr, el)


def off_grid(ppr_owner) -> None:
    """Text not of body size keeps its own exact pitch: the line grid would give it two lines."""
    ppr = ppr_owner.get_or_add_pPr()
    el = OxmlElement("w:snapToGrid")
    el.set(qn("w:val"), "0")
    put(ppr, el)


def exact_spacing(fmt, before_lines: float = 0) -> None:
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(L.LINE_PITCH_PT)
    fmt.space_before = Pt(L.LINE_PITCH_PT * before_lines)
    fmt.space_after = Pt(0)


def char_indent(pf, p, attr: str, chars: float, size: float) -> None:
    """Indent paragraph format ``pf`` (of w:p ``p``) by characters: twips for every reader,
    *Chars for Word's own unit."""
    if not chars:
        return
    setattr(pf, attr, Pt(size * chars))
    ind = p.get_or_add_pPr().get_or_add_ind()
    name = {
        "first_line_indent": "w:firstLineChars",
        "left_indent": "w:leftChars",
        "right_indent": "w:rightChars",
    }[attr]
    ind.set(qn(name), str(int(chars * 100)))


def _scratch() -> DocxParagraph:
    """A paragraph in no document, to build cached properties with python-docx."""
    return DocxParagraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]


# Built once per process (keyed by what they depend on), then copied into each draft.
_PPR: dict = {}
_RPR: dict = {}


Built = list[tuple[object, bytes]]  # (key, the properties' XML) of _PPR or _RPR


def built() -> tuple[Built, Built]:
    """Every property built so far, as XML, for docx_template_cache to keep with the template."""
    return (
        [(key, etree.tostring(el)) for key, el in _PPR.items()],
        [(key, etree.tostring(el)) for key, el in _RPR.items()],
    )


def preload(pprs: Built, rprs: Built) -> None:
    """Properties an earlier process built (from the template's cache entry): parsing them back
    costs a tenth of building them with python-docx again."""
    for cache, items in ((_PPR, pprs), (_RPR, rprs)):
        for key, xml in items:
            cache.setdefault(key, parse_xml(xml))


def ppr(role: Role, style_id: str | None):
    """A role's w:pPr (``style_id``: its style's, None for Normal)."""
    if role not in _PPR:
        layout = L.ROLES[role]
        para = _scratch()
        p = para._p  # private (python-docx has no public handle): tests/test_private_access.py
        if style_id is not None:
            p.style = style_id
        pf = para.paragraph_format
        pf.alignment = ALIGN[layout.align]
        exact_spacing(pf, layout.lines_before)
        if role is Role.ORGAN_MARK:  # one line as tall as its type, 35 mm into the type area
            pf.line_spacing = Pt(layout.size)
            pf.space_before = Mm(L.MASTHEAD_TOP_BELOW_TYPE_AREA_MM)
        if layout.size != L.BODY_SIZE_PT:
            off_grid(p)
        no_auto_space(p)
        char_indent(pf, p, "first_line_indent", layout.first_line_chars, layout.size)
        char_indent(pf, p, "left_indent", layout.left_chars, layout.size)
        char_indent(pf, p, "right_indent", layout.right_chars, layout.size)
        _PPR[role] = p.pPr
    return _PPR[role]


def rpr(font: str, size: float, color: str | None):
    """A text run's w:rPr: its East Asian font, size and colour."""
    key = (font, size, str(color))
    if key not in _RPR:
        run = _scratch().add_run()
        run.font.size = Pt(size)
        run.font.bold = False
        if color is not None:
            run.font.color.rgb = RGBColor.from_string(color)
        set_fonts(run.element, font)
        char_spacing(run.element, size)
        _RPR[key] = run.element.rPr
    return _RPR[key]


def cell_ppr(pitch: float, align: WD_ALIGN_PARAGRAPH):
    """A table cell paragraph's w:pPr: exact ``pitch``, no space around, off the grid."""
    key = ("cell", pitch, align)
    if key not in _PPR:
        para = _scratch()
        pf = para.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(pitch)
        pf.space_before = pf.space_after = Pt(0)
        pf.alignment = align
        p = para._p  # private: tests/test_private_access.py
        off_grid(p)
        no_auto_space(p)
        _PPR[key] = p.pPr
    return _PPR[key]


def cell_rpr(font: str, size: float):
    """A table cell run's w:rPr."""
    key = ("cell", font, size)
    if key not in _RPR:
        run = _scratch().add_run()
        run.font.size = Pt(size)
        set_fonts(run.element, font)
        _RPR[key] = run.element.rPr
    return _RPR[key]
