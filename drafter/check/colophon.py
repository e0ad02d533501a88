"""The 版记 (7.4): 抄送 and the 印发机关 and 印发日期 at the foot of the last page, between a thick
rule above and below and thin rules between, each line one character in (7.4.1 to 7.4.3); and,
printed with the plan, on an even page whose number is not shown (7.4 with 7.5)."""

from __future__ import annotations

from .. import layout as L
from ..i18n import _
from .borders import border_mm
from .classify import Para
from .document import Doc, Section
from .findings import (
    COLOPHON_LAYOUT,
    COLOPHON_MISSING,
    COLOPHON_PAGE,
    COLOPHON_POSITION,
    COLOPHON_RULES,
    PAGE_NUMBER,
    Finding,
    fmt,
)
from .geometry import CHAR_TOLERANCE, line_height, page
from .ooxml import W, twips
from .styles import Styles

RULE_TOLERANCE_MM = 0.05  # Word's 1 pt rule is 0.353 mm, its ¾ pt rule 0.265 mm
PT_PER_MM = 72 / 25.4


def check_colophon(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
    items = [p for p in paras if p.kind in ("copy_to", "issued")]
    issued = [p for p in items if p.kind == "issued"]
    if not issued:
        return [
            Finding.of(
                COLOPHON_MISSING,
                _(
                    "there is no 版记: the line with the 印发机关 and 印发日期 (…年…月…日印发) at"
                    " the foot of the last page, with 抄送 above it if the document is copied"
                ),
            )
        ]
    findings = []
    last_text = max((p.index for p in paras if p.kind != "empty"), default=0)
    block = [p for p in items if p.index >= items[0].index]
    if items[-1].index != last_text or items[-1].kind != "issued":
        findings.append(
            Finding.of(
                COLOPHON_POSITION,
                _("the 版记 is not the end of the document: text follows it"),
                items[0].index,
                items[0].excerpt,
            )
        )
    section = doc.section_of(items[-1].index)
    valign = section.sect_pr.find(W + "vAlign")
    ppr = items[-1].element.find(W + "pPr")
    frame = ppr.find(W + "framePr") if ppr is not None else None
    at_foot = (
        (valign is not None and valign.get(W + "val") == "bottom")
        or (frame is not None and frame.get(W + "yAlign") == "bottom")
        or _frame_at_foot(doc, styles, items[-1], frame)
    )
    if not at_foot:
        findings.append(
            Finding.of(
                COLOPHON_POSITION,
                _(
                    "the 版记 follows the text instead of standing at the foot of the last page"
                    " (a section aligned to the bottom, or a frame at the bottom of the type area)"
                ),
                items[0].index,
                items[0].excerpt,
            )
        )
    findings += _colophon_rules(styles, block)
    findings += _colophon_layout(doc, styles, block)
    return findings


FOOT_TOLERANCE_MM = 2.0


def _colophon_top_mm(items: list[Para]) -> float:
    """Where the 版记's first line starts, from the paper's top: its frame's place, or (a frame
    aligned to the type area's bottom, or none) its lines counted up from the bottom."""
    ppr = items[0].element.find(W + "pPr")
    frame = ppr.find(W + "framePr") if ppr is not None else None
    y = twips(frame, "y") if frame is not None and frame.get(W + "vAnchor") == "page" else None
    if y is not None:
        return y / PT_PER_MM
    return L.MARGIN_TOP_MM + L.TYPE_HEIGHT_MM - len(items) * L.pt_to_mm(L.LINE_PITCH_PT)


def _frame_at_foot(doc: Doc, styles: Styles, last: Para, frame) -> bool:
    """A frame placed from the paper's top (w:vAnchor="page", w:y) whose one line ends on the
    type area's bottom edge."""
    if frame is None or frame.get(W + "vAnchor") != "page" or frame.get(W + "yAlign"):
        return False
    y = twips(frame, "y")
    if y is None:
        return False
    section = doc.section_of(last.index)
    pg = page(section)
    size = styles.para_size(last.element)
    bottom = y + line_height(styles, last.element, size, section)
    return abs(bottom - (pg.height - pg.bottom)) / PT_PER_MM <= FOOT_TOLERANCE_MM


def _colophon_rules(styles: Styles, block: list[Para]) -> list[Finding]:
    """7.4.1: a thick rule above the first line and below the last, thin rules between."""
    rules = []
    for k, para in enumerate(block):
        ppr = para.element.find(W + "pPr")
        top, bottom = border_mm(ppr, "top"), border_mm(ppr, "bottom")
        if k == 0:
            rules.append(("first", top))
        else:
            prev = rules.pop() if rules and rules[-1][0] == "between" else None
            above = top if top is not None else (prev[1] if prev else None)
            rules.append(("between", above))
        if k == len(block) - 1:
            rules.append(("last", bottom))
        else:
            rules.append(("between", bottom))
    want = {
        "first": L.IMPRINT_THICK_RULE_MM,
        "last": L.IMPRINT_THICK_RULE_MM,
        "between": L.IMPRINT_THIN_RULE_MM,
    }
    bad = [
        (where, got)
        for where, got in rules
        if got is None or abs(got - want[where]) > RULE_TOLERANCE_MM
    ]
    if not bad:
        return []
    shown = "; ".join(
        _("{where}: {got}").format(
            where={
                "first": _("above the first line"),
                "last": _("below the last line"),
                "between": _("between lines"),
            }[where],
            got=_("none") if got is None else f"{got:.2f} mm",
        )
        for where, got in bad
    )
    return [
        Finding.of(
            COLOPHON_RULES,
            _(
                "版记 rules: {rules}; the first and last rules are {thick} mm, those between"
                " {thin} mm, all as wide as the type area"
            ).format(
                rules=shown,
                thick=f"{L.IMPRINT_THICK_RULE_MM:g}",
                thin=f"{L.IMPRINT_THIN_RULE_MM:g}",
            ),
            block[0].index,
            block[0].excerpt,
        )
    ]


def _colophon_layout(doc: Doc, styles: Styles, block: list[Para]) -> list[Finding]:
    """7.4.2/7.4.3: 抄送 one character in on both sides; 印发机关 one character from the left and
    the 印发日期 one character from the right."""
    findings = []
    for para in block:
        size = styles.para_size(para.element)
        ind = styles.indents(para.element, size)
        left = (ind["left"] + ind["first"]) / size  # where its first line starts
        right = ind["right"] / size
        if (
            abs(left - L.IMPRINT_SIDE_CHARS) > CHAR_TOLERANCE
            or abs(right - L.IMPRINT_SIDE_CHARS) > CHAR_TOLERANCE
        ):
            findings.append(
                Finding.of(
                    COLOPHON_LAYOUT,
                    _(
                        "版记 line is {left} characters in from the left and {right} from the right;"
                        " both must be 1"
                    ).format(left=fmt(left), right=fmt(right)),
                    para.index,
                    para.excerpt,
                )
            )
    return findings


# -- 7.4 with 7.5: printed with the plan, the 版记 stands on an even page --------------------------
def colophon_section(doc: Doc, paras: list[Para]) -> Section | None:
    """The section that the 版记 opens (nothing but empty paragraphs before it), if there is
    one; text after the 版记 is colophon-position's finding."""
    items = [p for p in paras if p.kind in ("copy_to", "issued")]
    if not items:
        return None
    section = doc.section_of(items[0].index)
    before = paras[section.first - 1 : items[0].index - 1]
    return section if all(p.kind == "empty" for p in before) else None


def check_colophon_page(doc: Doc, paras: list[Para]) -> list[Finding]:
    """A notice printed with its plan is printed on both sides, and its 版记 goes at the foot of
    an even page: the text's last page when that is even and has room (where the text ends is
    estimated as the writer estimates it, drafter.writers.docx_pages), else a section of its
    own that starts on an even page, where Word and LibreOffice leave a blank page first when
    the text ends on an even page: neither that page nor the 版记's carries a page number; after
    text ending on an odd page no blank page comes, and the 版记's page is numbered (7.5)."""
    from ..writers import docx_pages

    items = [p for p in paras if p.kind in ("copy_to", "issued")]
    if not items:
        return []
    section = colophon_section(doc, paras)
    kind = section.sect_pr.find(W + "type") if section is not None else None
    end = docx_pages.text_end(doc.body, stop=items[0].element)
    fits = docx_pages.fits_foot(end, _colophon_top_mm(items))
    even_section = kind is not None and kind.get(W + "val") == "evenPage"
    if section is None and fits:
        return []  # at the foot of the text's last page, an even one
    if section is not None and even_section and fits:
        return [
            Finding.of(
                COLOPHON_PAGE,
                _(
                    "the text ends on page {page}, an even page with room at its foot: the 版记"
                    " goes there, not two pages on after a blank page"
                ).format(page=end.page),
                items[0].index,
                items[0].excerpt,
            )
        ]
    if section is None or not even_section:
        return [
            Finding.of(
                COLOPHON_PAGE,
                _(
                    "printed with the plan, the 版记 goes at the foot of an even page: the text"
                    " ends on page {page}, so put it in a section of its own that starts on an"
                    " even page (section break: even page)"
                ).format(page=end.page),
                items[0].index,
                items[0].excerpt,
            )
        ]
    if end.framed:  # a 信函's framed masthead: where its text ends is not estimated
        return []
    from .page import has_page_field

    numbered = any(has_page_field(doc, name) for name in dict.fromkeys(section.footers.values()))
    if numbered == docx_pages.own_page_numbered(end):
        return []
    if numbered:
        message = _(
            "the 版记's page shows a page number: neither it nor the blank page before it"
            " is numbered"
        )
    else:
        message = _(
            "the text ends on page {page}, an odd page: no blank page comes before the 版记, so"
            " its page carries its number (link its section's footers to the text's)"
        ).format(page=end.page)
    return [Finding.of(PAGE_NUMBER, message, items[0].index, items[0].excerpt)]
