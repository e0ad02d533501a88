"""10.1 信函格式: the organ mark on the page above the type area, 30 mm from the paper's top, over
a red double line, another red double line 20 mm above the paper's bottom edge; and its 版记
carries no 印发机关 and 印发日期 line."""

from __future__ import annotations

from .. import layout as L
from ..i18n import _
from .borders import DOUBLE, border, page_frame, red_attr
from .classify import Para
from .document import Doc
from .findings import LETTER, Finding, fmt
from .geometry import page
from .masthead import MASTHEAD_TOLERANCE_MM, masthead_top_mm
from .ooxml import W
from .styles import Styles


def letter_masthead(paras: list[Para]) -> Para | None:
    """The masthead of a 信函: set on the page above the type area, over a red double line."""
    for para in paras:
        if para.kind != "masthead":
            continue
        frame, rule = page_frame(para.element), border(para.element, "bottom")
        if frame is not None and rule is not None and rule.get(W + "val") in DOUBLE:
            return para
        return None
    return None


def check_letter(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
    mark = letter_masthead(paras)
    assert mark is not None
    i = paras.index(mark)
    pg = page(doc.section_of(mark.index))
    top = masthead_top_mm(doc, styles, paras, i) + L.pt_to_mm(pg.top)  # from the paper's edge
    findings = []
    if abs(top - L.LETTER_MASTHEAD_TOP_MM) > MASTHEAD_TOLERANCE_MM:
        findings.append(
            Finding.of(
                LETTER,
                _(
                    "信函格式: the organ mark's top edge is {top} mm from the paper's top; it must"
                    " be {want} mm"
                ).format(top=fmt(top), want=f"{L.LETTER_MASTHEAD_TOP_MM:g}"),
                mark.index,
                mark.excerpt,
            )
        )
    lower = []
    for p in paras:
        if p is mark or page_frame(p.element) is None:
            continue
        for side in ("top", "bottom"):
            rule = border(p.element, side)
            if (
                rule is not None
                and rule.get(W + "val") in DOUBLE
                and red_attr(rule.get(W + "color"))
            ):
                lower.append(p)
    upper = border(mark.element, "bottom")
    if upper is None or not red_attr(upper.get(W + "color")) or not lower:
        findings.append(
            Finding.of(
                LETTER,
                _(
                    "信函格式 needs a red double line under the organ mark and another"
                    " {bottom} mm above the paper's bottom edge"
                ).format(bottom=f"{L.LETTER_BOTTOM_RULE_ABOVE_PAPER_MM:g}"),
                mark.index,
                mark.excerpt,
            )
        )
    return findings


def check_letter_colophon(paras: list[Para]) -> list[Finding]:
    issued = [p for p in paras if p.kind == "issued"]
    return [
        Finding.of(
            LETTER,
            _("a 信函's 版记 has no 印发机关 and 印发日期 line (10.1)"),
            p.index,
            p.excerpt,
        )
        for p in issued
    ]
