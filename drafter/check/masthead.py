"""The 版头 (7.2): the 发文机关标志's top edge 35 mm below the type area's top (7.2.4), the red
rule 4 mm below the 发文字号 (7.2.7), and the title two blank lines below the rule (7.3.1)."""

from __future__ import annotations

from .. import layout as L
from ..i18n import _
from .borders import border, red_attr
from .classify import Para
from .document import Doc
from .findings import MASTHEAD, RED_RULE, TITLE_POSITION, Finding, fmt
from .geometry import (
    INK_TOP_EM,
    baseline,
    blank_lines_before,
    is_exact,
    line_height,
    page,
    space_after,
    space_before,
    text_width,
)
from .ooxml import W, number, twips
from .styles import Styles

RED_RULE_TOLERANCE_MM = 1.0
# LibreOffice draws a paragraph's bottom border this far below its w:space, measured from the
# 发文字号's font box (4.09 mm on the PDF for w:space 10 pt = 3.53 mm)
BORDER_OFFSET_MM = 0.55
TITLE_LINES_TOLERANCE = 0.5  # lines
MASTHEAD_TOLERANCE_MM = 2.0  # the line-box model of where the glyphs' top sits is good to ~1 mm


# -- 7.2.4 ----------------------------------------------------------------------------------------
def masthead_top_mm(doc: Doc, styles: Styles, paras: list[Para], i: int) -> float:
    """How far below the type area's top edge the masthead's ink starts: the top of its line
    (after what stands above it, its spacing before, or its frame's position), then the ink's
    top within the line."""
    para = paras[i]
    section = doc.section_of(para.index)
    pg = page(section)
    size = styles.para_size(para.element)
    height = line_height(styles, para.element, size, section)
    lead = baseline(height, size, is_exact(styles, para.element)) - INK_TOP_EM * size
    pitch = L.LINE_PITCH_PT
    ppr = para.element.find(W + "pPr")
    frame = ppr.find(W + "framePr") if ppr is not None else None
    if (
        frame is not None
        and frame.get(W + "y") is not None
        and frame.get(W + "vAnchor")
        in (
            "page",
            "margin",
        )
    ):
        y = twips(frame, "y") or 0.0
        if frame.get(W + "vAnchor") == "page":
            y -= pg.top
        return L.pt_to_mm(y + space_before(styles, para.element, pitch) + lead)
    y = 0.0
    for above in paras[:i]:
        p = above.element
        s = styles.para_size(p)
        lines = (
            1 if above.kind == "empty" else max(1, -(-text_width(above.text) * s // pg.type_width))
        )
        y += space_before(styles, p, pitch) + space_after(styles, p, pitch)
        y += lines * line_height(styles, p, s, section)
    y += space_before(styles, para.element, pitch) + lead
    return L.pt_to_mm(y)


def check_masthead(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
    for i, para in enumerate(paras):
        if para.kind != "masthead":
            continue
        top = masthead_top_mm(doc, styles, paras, i)
        want = L.MASTHEAD_TOP_BELOW_TYPE_AREA_MM
        if abs(top - want) > MASTHEAD_TOLERANCE_MM:
            return [
                Finding.of(
                    MASTHEAD,
                    _(
                        "the organ mark's top edge is {top} mm below the top of the type area;"
                        " it must be {want} mm"
                    ).format(top=fmt(top), want=f"{want:g}"),
                    para.index,
                    para.excerpt,
                )
            ]
        return []
    return []


# -- 7.2.7 and the title's place (7.3.1) -------------------------------------------------------
def _red_or_preprinted(rule) -> bool:
    """A red rule, or a white one holding the place of the rule printed on 红头 paper."""
    colour = (rule.get(W + "color") or "").upper()
    return red_attr(colour) or colour == "FFFFFF"


def check_red_rule(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
    """The red rule under the 发文字号 (or under the masthead when there is none), 4 mm below it;
    the title two blank lines below the rule."""
    head = [p for p in paras if p.kind in ("masthead", "doc_number")]
    if not head:
        return []
    above = next((p for p in head if p.kind == "doc_number"), head[-1])
    i = paras.index(above)
    if above.kind == "masthead":  # the 发文字号's line may be kept empty until it is assigned
        k = i + 1
        while k < len(paras) and paras[k].kind == "empty":
            rule = border(paras[k].element, "bottom")
            if rule is not None and _red_or_preprinted(rule):
                above, i = paras[k], k
                break
            k += 1
    after = next((k for k in range(i + 1, len(paras)) if paras[k].kind != "empty"), None)
    rule = border(above.element, "bottom")
    gap_pt = None
    if rule is not None and _red_or_preprinted(rule):
        gap_pt = number(rule, "space") or 0.0
    elif after is not None:
        top = border(paras[after].element, "top")
        if top is not None and _red_or_preprinted(top):
            gap_pt = None  # a rule over the next paragraph: its distance is not the 发文字号's
            rule = top
        else:
            rule = None
    else:
        rule = None
    if rule is None or not _red_or_preprinted(rule):
        return [
            Finding.of(
                RED_RULE,
                _("there is no red rule under the 发文字号 (版头中的分隔线)"),
                above.index,
                above.excerpt,
            )
        ]
    findings = []
    if gap_pt is not None:
        gap = L.pt_to_mm(gap_pt) + BORDER_OFFSET_MM
        want = L.RED_RULE_BELOW_DOC_NUMBER_MM
        if abs(gap - want) > RED_RULE_TOLERANCE_MM:
            findings.append(
                Finding.of(
                    RED_RULE,
                    _("the red rule is {gap} mm below the 发文字号, not {want} mm").format(
                        gap=fmt(gap), want=f"{want:g}"
                    ),
                    above.index,
                    above.excerpt,
                )
            )
    if after is not None and paras[after].kind == "title":
        title = paras[after]
        section = doc.section_of(title.index)
        blank = blank_lines_before(paras, after, styles, section, floor=i)
        want_lines = L.TITLE_LINES_BELOW_RED_RULE
        if abs(blank - want_lines) > TITLE_LINES_TOLERANCE:
            findings.append(
                Finding.of(
                    TITLE_POSITION,
                    _("the title stands {lines} blank lines below the red rule, not {want}").format(
                        lines=fmt(blank), want=want_lines
                    ),
                    title.index,
                    title.excerpt,
                )
            )
    return findings
