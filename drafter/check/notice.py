"""The 版头 and the sign-off of a 公文 (a cover notice or any document with a masthead or a
发文字号): the masthead's height (7.2.4), 署名 and 成文日期 (7.3.5), 附注 (7.3.6), 附件说明
(7.3.4) and the 版记 (7.4)."""

from __future__ import annotations

from .. import layout as L
from ..i18n import _
from .classify import Para, is_red
from .document import Doc, Section, Styles, W, number, twips
from .findings import (
    ATTACHMENT_INDENT,
    COLOPHON_LAYOUT,
    COLOPHON_MISSING,
    COLOPHON_PAGE,
    COLOPHON_POSITION,
    COLOPHON_RULES,
    LETTER,
    MASTHEAD,
    NOTE,
    PAGE_NUMBER,
    RED_RULE,
    SIGNATURE,
    TITLE_POSITION,
    Finding,
)
from .geometry import (
    CHAR_TOLERANCE,
    INK_TOP_EM,
    baseline,
    blank_lines_before,
    is_exact,
    line_height,
    page,
    space_after,
    space_before,
    span,
    text_width,
)

RED_RULE_TOLERANCE_MM = 1.0
# LibreOffice draws a paragraph's bottom border this far below its w:space, measured from the
# 发文字号's font box (4.09 mm on the PDF for w:space 10 pt = 3.53 mm)
BORDER_OFFSET_MM = 0.55
TITLE_LINES_TOLERANCE = 0.5  # lines
MASTHEAD_TOLERANCE_MM = 2.0  # the line-box model of where the glyphs' top sits is good to ~1 mm
RULE_TOLERANCE_MM = 0.05  # Word's 1 pt rule is 0.353 mm, its ¾ pt rule 0.265 mm
EIGHTHS_PER_MM = 72 / 25.4 * 8
PT_PER_MM = 72 / 25.4


def check_notice(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
    if letter_masthead(paras) is not None:  # 信函格式 (10.1): its own 版头 and 版记
        head = _letter(doc, styles, paras)
        tail = _letter_colophon(paras)
    else:
        head = _masthead(doc, styles, paras) + _red_rule(doc, styles, paras)
        tail = _colophon(doc, styles, paras)
    return head + _sign_off(doc, styles, paras) + _attachment_note(doc, styles, paras) + tail


# -- 10.1 信函格式 and pre-printed 红头 paper ---------------------------------------------------
_DOUBLE = (
    "double",
    "thickThinSmallGap",
    "thinThickSmallGap",
    "thickThinMediumGap",
    "thinThickMediumGap",
    "thickThinLargeGap",
    "thinThickLargeGap",
    "triple",
)


def _page_frame(p):
    ppr = p.find(W + "pPr")
    frame = ppr.find(W + "framePr") if ppr is not None else None
    if frame is not None and frame.get(W + "vAnchor") == "page" and frame.get(W + "y"):
        return frame
    return None


def letter_masthead(paras: list[Para]) -> Para | None:
    """The masthead of a 信函: set on the page above the type area, over a red double line."""
    for para in paras:
        if para.kind != "masthead":
            continue
        frame, rule = _page_frame(para.element), _border(para.element, "bottom")
        if frame is not None and rule is not None and rule.get(W + "val") in _DOUBLE:
            return para
        return None
    return None


def _letter(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
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
                ).format(top=_fmt(top), want=f"{L.LETTER_MASTHEAD_TOP_MM:g}"),
                mark.index,
                mark.excerpt,
            )
        )
    lower = []
    for p in paras:
        if p is mark or _page_frame(p.element) is None:
            continue
        for side in ("top", "bottom"):
            rule = _border(p.element, side)
            if rule is not None and rule.get(W + "val") in _DOUBLE and _red(rule.get(W + "color")):
                lower.append(p)
    upper = _border(mark.element, "bottom")
    if upper is None or not _red(upper.get(W + "color")) or not lower:
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


def _letter_colophon(paras: list[Para]) -> list[Finding]:
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


def _fmt(value: float) -> str:
    return f"{value:.1f}"


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


def _masthead(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
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
                    ).format(top=_fmt(top), want=f"{want:g}"),
                    para.index,
                    para.excerpt,
                )
            ]
        return []
    return []


# -- 7.2.7 and the title's place (7.3.1) -------------------------------------------------------
def _red(color: str | None) -> bool:
    return is_red((color or "").upper())


def _red_or_preprinted(rule) -> bool:
    """A red rule, or a white one holding the place of the rule printed on 红头 paper."""
    colour = (rule.get(W + "color") or "").upper()
    return _red(colour) or colour == "FFFFFF"


def _border(p, side: str):
    ppr = p.find(W + "pPr")
    bdr = ppr.find(W + "pBdr") if ppr is not None else None
    el = bdr.find(W + side) if bdr is not None else None
    if el is None or (el.get(W + "val") or "none") in ("none", "nil"):
        return None
    return el


def _red_rule(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
    """The red rule under the 发文字号 (or under the masthead when there is none), 4 mm below it;
    the title two blank lines below the rule."""
    head = [p for p in paras if p.kind in ("masthead", "doc_number")]
    if not head:
        return []
    above = next((p for p in head if p.kind == "doc_number"), head[-1])
    i = paras.index(above)
    after = next((k for k in range(i + 1, len(paras)) if paras[k].kind != "empty"), None)
    rule = _border(above.element, "bottom")
    gap_pt = None
    if rule is not None and _red_or_preprinted(rule):
        gap_pt = number(rule, "space") or 0.0
    elif after is not None:
        top = _border(paras[after].element, "top")
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
                        gap=_fmt(gap), want=f"{want:g}"
                    ),
                    above.index,
                    above.excerpt,
                )
            )
    if after is not None and paras[after].kind == "title":
        title = paras[after]
        section = doc.section_of(title.index)
        blank = blank_lines_before(paras, after, styles, section)
        want_lines = L.TITLE_LINES_BELOW_RED_RULE
        if abs(blank - want_lines) > TITLE_LINES_TOLERANCE:
            findings.append(
                Finding.of(
                    TITLE_POSITION,
                    _("the title stands {lines} blank lines below the red rule, not {want}").format(
                        lines=_fmt(blank), want=want_lines
                    ),
                    title.index,
                    title.excerpt,
                )
            )
    return findings


# -- 7.3.5 and 7.3.6 ------------------------------------------------------------------------------
def sign_off_layout(doc: Doc, styles: Styles, signature: Para, date: Para) -> str | None:
    """sealed, unsealed or None: which layout of 7.3.5 the 署名 and 成文日期 follow."""
    section = doc.section_of(date.index)
    sig = span(doc, styles, signature.element, signature.text, section)
    day = span(doc, styles, date.element, date.text, section)
    tol = CHAR_TOLERANCE
    # Sealed: the date 右空四字, the 署名 centred on it; a 署名 too long to centre there moves the
    # date left just far enough for the 署名 to end within the type area ("一般右空四字").
    if abs(sig.centre - day.centre) <= tol and (
        abs(day.right_space - L.SEALED_DATE_RIGHT_CHARS) <= tol
        or (day.right_space > L.SEALED_DATE_RIGHT_CHARS and -tol <= sig.right_space <= tol)
    ):
        return "sealed"
    shift = L.UNSEALED_DATE_SHIFT_CHARS
    right = L.UNSEALED_SIGNATURE_RIGHT_CHARS
    if abs(day.start - sig.start - shift) <= tol and (
        abs(sig.right_space - right) <= tol
        or (abs(day.right_space - right) <= tol and sig.right_space > right)
    ):
        return "unsealed"
    return None


def _sign_off(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
    findings = []
    for i, date in enumerate(paras):
        if date.kind != "date" or date.region == "plan":
            continue
        signature = next((p for p in reversed(paras[:i]) if p.kind != "empty"), None)
        if signature is None or signature.kind != "signature":
            continue
        section = doc.section_of(date.index)
        layout = sign_off_layout(doc, styles, signature, date)
        if layout is None:
            sig = span(doc, styles, signature.element, signature.text, section)
            day = span(doc, styles, date.element, date.text, section)
            findings.append(
                Finding.of(
                    SIGNATURE,
                    _(
                        "the 署名 ends {sig_right} characters from the right and the date {date_right};"
                        " the date starts {shift} characters right of the 署名. Sealed (7.3.5.1): the"
                        " date 4 characters from the right, the 署名 centred above it; unsealed"
                        " (7.3.5.2): the 署名 2 characters from the right, the date starting 2"
                        " characters right of it"
                    ).format(
                        sig_right=_fmt(sig.right_space),
                        date_right=_fmt(day.right_space),
                        shift=_fmt(day.start - sig.start),
                    ),
                    signature.index,
                    signature.excerpt,
                )
            )
        elif layout == "unsealed":
            j = paras.index(signature)
            blank = blank_lines_before(paras, j, styles, section)
            if abs(blank - 1) > 0.3:
                findings.append(
                    Finding.of(
                        SIGNATURE,
                        _(
                            "an unsealed 署名 stands one blank line below the text (7.3.5.2); here"
                            " {lines} lines"
                        ).format(lines=_fmt(blank)),
                        signature.index,
                        signature.excerpt,
                    )
                )
        findings += _note(doc, styles, paras, i)
    return findings


def _note(doc: Doc, styles: Styles, paras: list[Para], i: int) -> list[Finding]:
    if i + 1 >= len(paras):
        return []
    j = next((k for k in range(i + 1, len(paras)) if paras[k].kind != "empty"), None)
    if j is None or paras[j].kind != "note":
        return []
    note = paras[j]
    section = doc.section_of(note.index)
    blank = blank_lines_before(paras, j, styles, section)
    where = span(doc, styles, note.element, note.text, section)
    problems = []
    if blank > 0.3:
        problems.append(
            _("it stands {lines} blank lines below the date, not on the next line").format(
                lines=_fmt(blank)
            )
        )
    if abs(where.start - L.NOTE_LEFT_CHARS) > CHAR_TOLERANCE:
        problems.append(
            _("it starts {chars} characters from the left, not 2").format(chars=_fmt(where.start))
        )
    return [
        Finding.of(NOTE, _("附注: {problem}").format(problem=p), note.index, note.excerpt)
        for p in problems
    ]


# -- 7.3.4 ----------------------------------------------------------------------------------------
def _label_width(text: str) -> tuple[float, float]:
    """Width of "附件：" and of the "1." after it, in characters."""
    import re

    m = re.match(r"^(附\s*件\s*[：:])(\s*\d+\s*[.．、]\s*)?", text)
    if not m:
        return 0.0, 0.0
    return text_width(m.group(1)), text_width(m.group(2) or "")


def _attachment_note(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
    import re

    findings = []
    for i, para in enumerate(paras):
        if para.kind != "attachment_note":
            continue
        group = [para]
        for more in paras[i + 1 :]:
            if more.kind == "body" and re.match(r"^\d+\s*[.．、]", more.text):
                group.append(more)
            else:
                break
        label, number = _label_width(para.text)
        for k, item in enumerate(group):
            section = doc.section_of(item.index)
            size = styles.para_size(item.element)
            ind = styles.indents(item.element, size)
            width = page(section).type_width / size
            left, first = ind["left"] / size, ind["first"] / size
            start = left + first
            if k == 0:
                name_at = start + label + number
                if abs(start - L.ATTACHMENT_NOTE_LEFT_CHARS) > CHAR_TOLERANCE:
                    findings.append(
                        Finding.of(
                            ATTACHMENT_INDENT,
                            _("附件说明 starts {chars} characters from the left, not 2").format(
                                chars=_fmt(start)
                            ),
                            item.index,
                            item.excerpt,
                        )
                    )
                number_at = start + label
            else:
                m = re.match(r"^\s*\d+\s*[.．、]\s*", item.text)
                name_at = start + text_width(m.group(0) if m else "")
                if abs(start - number_at) > CHAR_TOLERANCE:
                    findings.append(
                        Finding.of(
                            ATTACHMENT_INDENT,
                            _(
                                "附件说明: this attachment's number starts {chars} characters from"
                                " the left, not under the first one's ({want})"
                            ).format(chars=_fmt(start), want=_fmt(number_at)),
                            item.index,
                            item.excerpt,
                        )
                    )
            lines = item.text.split("\n")
            wraps = len(lines) > 1 or text_width(lines[0]) > width - start - ind["right"] / size
            if wraps and abs(left - name_at) > CHAR_TOLERANCE:
                findings.append(
                    Finding.of(
                        ATTACHMENT_INDENT,
                        _(
                            "附件说明 wraps: its next line starts {chars} characters from the left,"
                            " not under the attachment's name ({want})"
                        ).format(chars=_fmt(left), want=_fmt(name_at)),
                        item.index,
                        item.excerpt,
                    )
                )
    return findings


# -- 7.4 ------------------------------------------------------------------------------------------
def _border_mm(ppr, side: str) -> float | None:
    bdr = ppr.find(W + "pBdr") if ppr is not None else None
    el = bdr.find(W + side) if bdr is not None else None
    if el is None or (el.get(W + "val") or "none") in ("none", "nil"):
        return None
    from .document import number

    eighths = number(el, "sz") or 2.0  # Word's default rule is ¼ pt
    return eighths / EIGHTHS_PER_MM


def _colophon(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
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
        top, bottom = _border_mm(ppr, "top"), _border_mm(ppr, "bottom")
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
                    ).format(left=_fmt(left), right=_fmt(right)),
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
    the text ends on an even page; neither that page nor the 版记's carries a page number (7.5)."""
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
    from .page import has_page_field

    numbered = [
        name for name in dict.fromkeys(section.footers.values()) if has_page_field(doc, name)
    ]
    if numbered:
        return [
            Finding.of(
                PAGE_NUMBER,
                _(
                    "the 版记's page shows a page number: neither it nor the blank page before it"
                    " is numbered"
                ),
                items[0].index,
                items[0].excerpt,
            )
        ]
    return []
