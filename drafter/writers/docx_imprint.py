"""版记 (GB/T 9704 7.4), framed at the foot of the last page, which is an even page.

A notice printed with its plan is printed on both sides, and its 版记 goes on the back of the
last sheet: the foot of an even page. Where the text ends is known only when a reader lays the
pages out; the writer estimates it (docx_pages, which matches LibreOffice's pages on every
shipped example). Text ending on an even page with room at its foot: the 版记 stands there, in
the text's section, framed from the paper's top like the lines below. Otherwise the 版记 opens a
section of its own that starts on the next even page (w:type evenPage): after text ending on an
odd page it stands on the next page, numbered as the text's pages (its footers linked to theirs);
after text ending on a full even page Word and LibreOffice leave one blank page before it, and
neither page shows a number (7.5: 版记页前有空白页的，空白页和版记页均不编排页码), so the
section's footers are empty (LibreOffice's inserted blank page shows nothing: measured). When the
estimate is wrong, the section still puts the 版记 on an even page, at worst after a blank page:
the estimate only decides for the text's page when it is sure (fits_text_page); its parity
decides the number (docx_pages.own_page_numbered).

The frame sits on the type area's bottom edge, so its last rule is the 版心's bottom whatever the
text above it. Rules are the type area's width:
the first and last 0.35 mm, the one between 抄送 and 印发 0.25 mm. 抄送 stands one character in on
both sides and wraps after its colon; 印发机关 one character from the left, 印发日期 one from the right.
"""

from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .. import layout as L
from ..model import Imprint
from . import docx_pages
from .docx_props import set_fonts
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


def _even_page_section(doc, numbered: bool) -> None:
    """End the text's section and start the 版记's on the next even page: numbered as the
    text's pages (its footers linked to them) when no blank page comes before it, else with
    footers of its own, empty (7.5)."""
    section = doc.add_section(WD_SECTION.EVEN_PAGE)
    # python-docx ends the text's section with an empty paragraph: one point tall, so that it
    # cannot push a full last page's text on
    _one_point(doc.paragraphs[-1].paragraph_format)
    section.different_first_page_header_footer = False  # a 信函's first page has its own
    if not numbered:
        for footer in (section.footer, section.even_page_footer):
            footer.is_linked_to_previous = False  # a footer of its own, empty


def _one_point(pf) -> None:
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(1)
    pf.space_before = pf.space_after = Pt(0)


def tops_mm(imprint: Imprint, letter: bool = False) -> list[float]:
    """Where each 版记 line's frame starts on its page, from the paper's top (layout)."""
    return L.imprint_tops_mm(
        L.text_ems(imprint.cc or ""), L.text_ems(imprint.cc_label), printer_line=not letter
    )


def fits_text_page(end: docx_pages.End, imprint: Imprint, letter: bool = False) -> bool:
    """Whether the 版记 can stand at the foot of the text's last page (docx_pages.fits_foot);
    if not, it keeps to an even page of its own."""
    tops = tops_mm(imprint, letter)
    return bool(tops) and docx_pages.fits_foot(end, tops[0])


def write(
    doc,
    imprint: Imprint,
    letter: bool = False,
    even_page: bool = True,
    on_text_page: bool = False,
    numbered: bool = False,
) -> None:
    """Append the 版记 at the end of the body, on an even page of its own when ``even_page``
    (with the text's page numbers when ``numbered``: numbered_own_page), or at the foot of the
    text's last page when ``on_text_page`` (that page is even and has room: fits_text_page). A
    信函格式 document's 版记 has no 印发 line or rules (10.1).

    Each line is a paragraph in a frame (w:framePr) at the bottom of the type area: on a page of
    its own, each in a frame placed from the paper's top (layout.imprint_tops_mm), after the text
    one frame aligned to the type area's bottom. Word and LibreOffice keep a frame on the page of
    the paragraph it is anchored to (the one after it)."""
    lines = ([imprint.cc] if imprint.cc else []) + ([] if letter else [None])
    if not lines:
        return
    # at the foot of the type area: on a page of its own, placed from the paper's top (see
    # layout.imprint_tops_mm); after the text, aligned to the type area's bottom
    places = [(("w:vAnchor", "margin"), ("w:yAlign", "bottom"))] * len(lines)
    if even_page or on_text_page:  # framed from the paper's top, as on a page of its own
        if not on_text_page:
            _even_page_section(doc, numbered)
        tops = tops_mm(imprint, letter)
        places = [
            (("w:vAnchor", "page"), ("w:y", str(round(L.mm_to_pt(top) * L.TWIPS_PER_PT))))
            for top in tops
        ]
    size = L.IMPRINT_SIZE_PT
    side = L.IMPRINT_SIDE_CHARS * size
    for i, (text, place) in enumerate(zip(lines, places, strict=True)):
        if i and (even_page or on_text_page):  # a paragraph between frames keeps them apart
            _one_point(doc.add_paragraph().paragraph_format)
        para = doc.add_paragraph()
        ppr = para._p.get_or_add_pPr()  # private: tests/test_private_access.py
        frame = OxmlElement("w:framePr")
        for k, v in (
            ("w:w", str(round(L.mm_to_pt(L.TYPE_WIDTH_MM) * L.TWIPS_PER_PT))),
            ("w:wrap", "notBeside"),
            *place,
            ("w:hAnchor", "margin"),
            ("w:xAlign", "center"),
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
    _one_point(doc.add_paragraph().paragraph_format)


def _run(para, text: str, size: float) -> None:
    run = para.add_run(text)
    run.font.size = Pt(size)
    set_fonts(run.element, L.FANGSONG)
