"""版记 (GB/T 9704 7.4), framed at the foot of the last page.

The frame sits on the type area's bottom edge, so its last rule is the 版心's bottom whatever the
text above it. Rules are the type area's width:
the first and last 0.35 mm, the one between 抄送 and 印发 0.25 mm. 抄送 stands one character in on
both sides and wraps after its colon; 印发机关 one character from the left, 印发日期 one from the right.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .. import layout as L
from ..model import Imprint
from .ooxml import put

EIGHTHS_PER_MM = 72 / 25.4 * 8  # border widths (w:sz) are in eighths of a point


def _sz(mm: float) -> str:
    return str(round(mm * EIGHTHS_PER_MM))


def _border(parent, side: str, mm: float | None) -> None:
    el = OxmlElement(f"w:{side}")
    if mm is None:
        el.set(qn("w:val"), "nil")
    else:
        for k, v in (
            ("w:val", "single"),
            ("w:sz", _sz(mm)),
            ("w:space", "0"),
            ("w:color", "000000"),
        ):
            el.set(qn(k), v)
    parent.append(el)


def write(doc, imprint: Imprint, letter: bool = False) -> None:
    """Append the 版记 at the end of the body. A 信函格式 document's has no 印发 line or rules (10.1).

    Each line is a paragraph in one frame (w:framePr) held at the bottom of the type area; Word
    and LibreOffice both keep such a frame on the page of the paragraph it is anchored to."""
    lines = ([imprint.cc] if imprint.cc else []) + ([] if letter else [None])
    if not lines:
        return
    size = L.IMPRINT_SIZE_PT
    side = L.IMPRINT_SIDE_CHARS * size
    for i, text in enumerate(lines):
        para = doc.add_paragraph()
        ppr = para._p.get_or_add_pPr()
        frame = OxmlElement("w:framePr")
        for k, v in (
            ("w:w", str(round(L.mm_to_pt(L.TYPE_WIDTH_MM) * L.TWIPS_PER_PT))),
            ("w:wrap", "notBeside"),
            ("w:vAnchor", "margin"),
            ("w:hAnchor", "margin"),
            ("w:xAlign", "center"),
            ("w:yAlign", "bottom"),
        ):
            frame.set(qn(k), v)
        put(ppr, frame)
        if not letter:
            borders = OxmlElement("w:pBdr")
            if i == 0:
                _border(borders, "top", L.IMPRINT_THICK_RULE_MM)
            _border(
                borders,
                "bottom",
                L.IMPRINT_THICK_RULE_MM if i == len(lines) - 1 else L.IMPRINT_THIN_RULE_MM,
            )
            put(ppr, borders)
        pf = para.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(L.LINE_PITCH_PT)
        pf.space_before = pf.space_after = Pt(0)
        pf.widow_control = False
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        put(ppr, snap)
        if text is not None:  # 抄送：…。 wrapped lines align after the colon
            hang = L.text_ems(imprint.cc_label) * size
            pf.left_indent = Pt(side + hang)
            pf.first_line_indent = Pt(-hang)
            pf.right_indent = Pt(side)
            pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _run(para, text, size)
        else:  # 印发机关 left, 印发日期 right, on one line: a right tab at the far edge
            pf.left_indent = pf.right_indent = Pt(side)
            pf.tab_stops.add_tab_stop(
                Mm(L.TYPE_WIDTH_MM) - Pt(side), alignment=WD_TAB_ALIGNMENT.RIGHT
            )
            _run(para, f"{imprint.printer}\t{imprint.printed}", size)
    # The frame belongs to the paragraph after it, which must exist (a body ends in a paragraph
    # that is not framed): one of a point, so that it adds no line.
    anchor = doc.add_paragraph().paragraph_format
    anchor.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    anchor.line_spacing = Pt(1)
    anchor.space_before = anchor.space_after = Pt(0)


def _run(para, text: str, size: float) -> None:
    from .docx import set_fonts

    run = para.add_run(text)
    run.font.size = Pt(size)
    set_fonts(run._r, L.FANGSONG)
