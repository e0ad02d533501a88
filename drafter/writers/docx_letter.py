"""信函格式 (GB/T 9704 10.1) on the first page.

The organ's mark stands 30 mm from the paper's top edge, above the type area, so it and the two
red double lines (4 mm under the mark, thick over thin; 20 mm above the paper's bottom, thin over
thick; both 170 mm long, centred on the type area) are frames placed on the page, not text: they
push nothing. The 发文字号 stands at the type area's right edge, 7/8 of a 3号 character's height
under the upper double line, and the first page has no page number.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .. import layout as L
from .ooxml import put

TWIPS_PER_MM = 72 / 25.4 * L.TWIPS_PER_PT


def _frame(para, y_mm: float, width_mm: float) -> None:
    frame = OxmlElement("w:framePr")
    for k, v in (
        ("w:w", str(round(width_mm * TWIPS_PER_MM))),
        ("w:wrap", "notBeside"),
        ("w:vAnchor", "page"),
        ("w:hAnchor", "margin"),
        ("w:xAlign", "center"),
        ("w:y", str(round(y_mm * TWIPS_PER_MM))),
    ):
        frame.set(qn(k), v)
    put(para._p.get_or_add_pPr(), frame)  # private: tests/test_private_access.py


def _double_rule(para, side: str, kind: str, space_pt: float) -> None:
    borders = OxmlElement("w:pBdr")
    el = OxmlElement(f"w:{side}")
    for k, v in (
        ("w:val", kind),
        ("w:sz", str(L.LETTER_RULE_WIDTH_EIGHTHS)),
        ("w:space", str(round(space_pt))),
        ("w:color", L.RED),
    ):
        el.set(qn(k), v)
    borders.append(el)
    put(para._p.get_or_add_pPr(), borders)  # private, as above


def masthead(mark, size: float) -> None:
    """Turn the organ-mark paragraph into the letterhead frame with its upper double line."""
    _frame(mark, L.LETTER_MASTHEAD_TOP_MM + L.LETTER_FRAME_INK_MM, L.LETTER_RULE_LENGTH_MM)
    pf = mark.paragraph_format
    pf.space_before = Pt(0)
    pf.line_spacing = Pt(size)
    # thick over thin (上粗下细), 4 mm under the mark's line
    _double_rule(mark, "bottom", "thickThinSmallGap", L.LETTER_RULE_SPACE_PT)


def bottom_rule(doc, before) -> None:
    """The lower double line, thin over thick (上细下粗), 20 mm above the paper's bottom edge;
    inserted before ``before`` (the 发文字号) so that it lands on the first page."""
    para = doc.add_paragraph()
    pf = para.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(1)
    pf.space_before = pf.space_after = Pt(0)
    _frame(para, L.PAGE_HEIGHT_MM - L.LETTER_BOTTOM_RULE_ABOVE_PAPER_MM, L.LETTER_RULE_LENGTH_MM)
    _double_rule(para, "top", "thinThickSmallGap", 0)
    before._p.addprevious(para._p)  # private, as above


def doc_number(para, mark_size: float) -> None:
    """发文字号 at the right edge, 7/8 of a 3号 height under the upper double line."""
    pf = para.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    line_mm = (
        L.LETTER_MASTHEAD_TOP_MM
        + L.pt_to_mm(mark_size) * L.LETTER_MARK_INK_EM
        + L.LETTER_RULE_BELOW_MASTHEAD_MM
        + L.LETTER_RULE_THICKNESS_MM
    )
    gap_mm = L.pt_to_mm(L.BODY_SIZE_PT) * L.LETTER_NUMBER_GAP_HEIGHTS
    leading_mm = L.pt_to_mm(L.LINE_PITCH_PT - L.BODY_SIZE_PT) / 2  # the glyph sits mid-line
    pf.space_before = Mm(line_mm + gap_mm - leading_mm - L.MARGIN_TOP_MM)


def no_first_page_number(section) -> None:
    """10.1: the first page of a 信函 shows no page number (its header and footer are empty)."""
    section.different_first_page_header_footer = True
    for part in (section.first_page_header, section.first_page_footer):
        part.is_linked_to_previous = False
