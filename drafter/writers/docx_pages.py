"""Where a laid-out body ends: the page, and how far down it, estimated from the body's XML.

The 版记 goes at the foot of the last page, an even one (GB/T 9704 7.4). A section break can
only say "start on the next even page", which after text ending on an even page leaves a blank
page and puts the 版记 on the page after it, even when the text's page has room at its foot.
So the writer estimates where the text ends and puts the 版记 on that page when it is even and
has room (docx_imprint); the checker reads the same estimate from a .docx.

The estimate lays the body out as drafter writes it, the way LibreOffice does (measured on its
PDF; tests/test_pdf.py compares): exact line heights, no widow control, each paragraph's lines
broken greedily by its indents and its runs' size and character spacing, with the line-breaking
rules (避头尾) that move a character down and Latin words and numbers kept whole; table rows by
their cells' lines, never split, the header row repeated; a paragraph's rules (the red one
under the 发文字号) with their spacing; page breaks before and section breaks. Space before a
paragraph that a natural page break puts at a page's top is dropped. Only properties written
on the paragraph, its runs and the table count, so this reads drafter's own documents, which
write them all; it is not a general layout engine.
"""

from __future__ import annotations

from functools import lru_cache

from .. import layout as L
from ..records import record
from .docx_lines import Piece, glyphs_of, line_count, line_starts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAGE_PT = L.TEXT_AREA_PT  # where LibreOffice's text area ends: its pages are what this estimates
TABLE_BORDER_PT = 0.5  # Table Grid's rules, one per row
DEFAULT_SIZE_PT = L.BODY_SIZE_PT
DEFAULT_SPACING_PT = L.CHAR_SPACING_TWENTIETHS / 20  # Normal's character spacing
# heights are sums of floats: a page exactly full (22 lines and the 1 pt paragraph that ends a
# section) must not read as over by a rounding error
OVER_PT = PAGE_PT + 0.01


@record(frozen=True)
class End:
    """Where the text ends: its page (1-based) and the height used on that page (pt)."""

    page: int
    used_pt: float
    # the flow holds frames (a 信函's masthead), whose room the estimate does not know
    framed: bool = False

    @property
    def room_pt(self) -> float:
        return PAGE_PT - self.used_pt


def _twips(el, attr: str) -> float | None:
    if el is None:
        return None
    v = el.get(W + attr)
    try:
        return float(v) / L.TWIPS_PER_PT if v is not None else None
    except ValueError:
        return None


def _on(el) -> bool:
    return el is not None and el.get(W + "val", "true") not in ("0", "false", "off")


def _pieces(p) -> list[Piece]:
    """A paragraph's runs' text, size and spacing, read from its XML."""
    pieces: list[Piece] = []
    for r in p.iter(W + "r"):
        rpr = r.find(W + "rPr")
        sz = rpr.find(W + "sz") if rpr is not None else None
        size = float(sz.get(W + "val")) / 2 if sz is not None else DEFAULT_SIZE_PT
        sp = rpr.find(W + "spacing") if rpr is not None else None
        spacing = _twips(sp, "val") if sp is not None else None
        spacing = DEFAULT_SPACING_PT if spacing is None else spacing
        for child in r:
            if child.tag == W + "t" and child.text:
                pieces.append((child.text, size, spacing))
            elif child.tag in (W + "br", W + "cr"):
                pieces.append(("\n", size, spacing))
            elif child.tag == W + "tab":
                pieces.append(("\t", size, spacing))
    return pieces


# A batch's drafts share most of their paragraphs (7 in 10 over 200 generated profiles): each
# text is measured once per process. Bounded, so a worker's memory stays flat: over 1,000
# drafts 1,024 entries hit 62 % (4,096: 75 %, but 2 MB more of a worker's peak RSS).
@lru_cache(maxsize=1024)
def _measure(
    pieces: tuple[Piece, ...], width: float, first: float, rest: float
) -> tuple[int, float]:
    """(lines, the widest advance) of a paragraph's runs."""
    glyphs = glyphs_of(list(pieces))
    return line_count(glyphs, width, first, rest), max(glyphs[1], default=DEFAULT_SIZE_PT)


def _indents(ppr, width: float) -> tuple[float, float, float]:
    """(the line's width less the right indent, the first line's indent, the others')."""
    ind = ppr.find(W + "ind") if ppr is not None else None
    left = _twips(ind, "left") or 0.0
    right = _twips(ind, "right") or 0.0
    first_line = _twips(ind, "firstLine") or 0.0
    hanging = _twips(ind, "hanging") or 0.0
    return width - right, left + first_line - hanging, left


def line_starts_of(p, known=None) -> list[int]:
    """Where a body paragraph's lines start: indices into its runs' text as _pieces reads it
    (a w:t's characters, one for each w:br, w:cr and w:tab)."""
    pieces = known if known is not None else _pieces(p)
    width = L.mm_to_pt(L.TYPE_WIDTH_MM)
    return line_starts(glyphs_of(list(pieces)), *_indents(p.find(W + "pPr"), width))


def _paragraph_lines(p, width: float, known=None) -> tuple[int, float]:
    """(lines, line height in pt) of a body paragraph."""
    ppr = p.find(W + "pPr")
    spacing = ppr.find(W + "spacing") if ppr is not None else None
    pieces = tuple(known if known is not None else _pieces(p))
    lines, widest = _measure(pieces, *_indents(ppr, width))
    height = _twips(spacing, "line") or L.LINE_PITCH_PT
    if spacing is None or spacing.get(W + "lineRule") not in ("exact", "atLeast"):
        height = max(L.LINE_PITCH_PT, widest * 1.3)
    return lines, height


@record
class _Box:
    before: float
    heights: list[float]
    after: float
    page_break: bool = False
    keep_next: bool = False
    header: bool = False  # a table's repeating header row
    table: int = -1  # which table a row belongs to
    new_section: str | None = None  # a section break after it: its w:type
    framed: bool = False  # a frame: no room in the flow, but the estimate is unsure


def _border_pt(ppr, side: str) -> float:
    """The room a paragraph's rule takes (its distance from the text and its width), as
    LibreOffice adds it to the paragraph: the red rule under the 发文字号 takes 11.5 pt."""
    el = ppr.find(f"{W}pBdr/{W}{side}") if ppr is not None else None
    if el is None or el.get(W + "val") in (None, "nil", "none"):
        return 0.0
    try:
        return float(el.get(W + "space", "0")) + float(el.get(W + "sz", "0")) / 8
    except ValueError:
        return 0.0


def _section_starts(body) -> dict:
    """Each paragraph that ends a section -> how the next section starts (its w:type: a
    section's own sectPr says how it starts, and the next one's is after it). Keyed by the
    element itself, which the dict keeps alive: an lxml proxy's id() is reused once it is gone."""
    marks = [el for el in body if el.tag == W + "p" and el.find(f"{W}pPr/{W}sectPr") is not None]
    ends = [el.find(f"{W}pPr/{W}sectPr") for el in marks]
    last = body.find(W + "sectPr")
    out = {}
    for k, el in enumerate(marks):
        nxt = ends[k + 1] if k + 1 < len(ends) else last
        t = nxt.find(W + "type") if nxt is not None else None
        out[el] = t.get(W + "val", "nextPage") if t is not None else "nextPage"
    return out


def _boxes(body, width: float, stop=None, known=None) -> list[_Box]:
    out: list[_Box] = []
    tables = 0
    starts = _section_starts(body)
    for el in body:
        if el is stop:
            break
        if el.tag == W + "p":
            ppr = el.find(W + "pPr")
            if ppr is not None and ppr.find(W + "framePr") is not None:
                out.append(_Box(0.0, [], 0.0, framed=True))  # out of the flow: a 信函's masthead
                continue
            spacing = ppr.find(W + "spacing") if ppr is not None else None
            lines, height = _paragraph_lines(el, width, known=(known or {}).get(el))
            kind = starts.get(el)
            out.append(
                _Box(
                    before=(_twips(spacing, "before") or 0.0) + _border_pt(ppr, "top"),
                    heights=[height] * lines,
                    after=(_twips(spacing, "after") or 0.0) + _border_pt(ppr, "bottom"),
                    page_break=ppr is not None and _on(ppr.find(W + "pageBreakBefore")),
                    keep_next=ppr is not None and _on(ppr.find(W + "keepNext")),
                    new_section=kind,
                )
            )
        elif el.tag == W + "tbl":
            tables += 1
            out += _rows(el, tables, known)
    return out


def _rows(tbl, table: int, known=None) -> list[_Box]:
    tbl_pr = tbl.find(W + "tblPr")
    mar = tbl_pr.find(W + "tblCellMar") if tbl_pr is not None else None
    margins = sum(
        _twips(mar.find(W + side), "w") or 0.0 if mar is not None else 5.4
        for side in ("left", "right")
    )
    ruled = tbl_pr is not None and tbl_pr.find(W + "tblStyle") is not None
    rows = []
    for tr in tbl.iter(W + "tr"):
        tr_pr = tr.find(W + "trPr")
        least = 0.0
        header = False
        if tr_pr is not None:
            least = _twips(tr_pr.find(W + "trHeight"), "val") or 0.0
            header = _on(tr_pr.find(W + "tblHeader"))
        tallest = 0.0
        for tc in tr.iter(W + "tc"):
            tc_w = tc.find(f"{W}tcPr/{W}tcW")
            width = (_twips(tc_w, "w") or 0.0) - margins
            height = 0.0
            for p in tc.iter(W + "p"):
                runs = (known or {}).get(p)
                lines, pitch = _paragraph_lines(p, max(width, 1.0), known=runs)
                height += lines * pitch
            tallest = max(tallest, height)
        row = max(least, tallest) + (TABLE_BORDER_PT if ruled else 0.0)
        rows.append(_Box(0.0, [row], 0.0, header=header, table=table))
    return rows


def text_end(body, stop=None, known: dict | None = None, trace: list | None = None) -> End:
    """Where the text of ``body`` (a w:body) ends when laid out on pages of 22 lines of the
    type area's width; up to ``stop`` (one of its children), if given. ``known``: body
    paragraphs' runs (Piece) as their writer made them (reading each run back costs more than
    the rest of the estimate). ``trace`` collects (box, page, height used above it, lines)."""
    boxes = _boxes(body, L.mm_to_pt(L.TYPE_WIDTH_MM), stop, known)
    page, y = 1, 0.0
    header: dict[int, float] = {}
    pending_break: str | None = None
    framed = False
    for k, box in enumerate(boxes):
        if box.framed:
            framed = True
            continue
        if pending_break is not None or (box.page_break and y > 0):
            page += 1
            if pending_break == "evenPage" and page % 2:
                page += 1
            elif pending_break == "oddPage" and not page % 2:
                page += 1
            y, pending_break = 0.0, None
        if box.header:
            header[box.table] = header.get(box.table, 0.0) + box.heights[0]
        # a paragraph kept with the next: the run of them and the next's first line go together
        if box.keep_next and y > 0:
            group = box.before + sum(box.heights)
            m = k + 1
            while m < len(boxes) and boxes[m].keep_next:
                group += boxes[m].before + sum(boxes[m].heights)
                m += 1
            if m < len(boxes):
                group += boxes[m].before + sum(boxes[m].heights[:1])
            if y + group > OVER_PT and group <= PAGE_PT:
                page, y = page + 1, 0.0
        before = box.before if y > 0 else (box.before if box.page_break or k == 0 else 0.0)
        first = box.heights[0] if box.heights else 0.0
        if y > 0 and y + before + first > OVER_PT:
            page, y, before = page + 1, 0.0, 0.0
            if box.table >= 0 and not box.header:
                y = header.get(box.table, 0.0)
        y += before
        if trace is not None:
            trace.append((k, page, y, len(box.heights)))
        for h in box.heights:
            if y > 0 and y + h > OVER_PT:
                page, y = page + 1, 0.0
                if box.table >= 0 and not box.header:
                    y = header.get(box.table, 0.0)
            y += h
        y = min(y + box.after, PAGE_PT)
        if box.new_section is not None and box.new_section != "continuous":
            pending_break = box.new_section
    return End(page, y, framed)


def fits_foot(end: End, top_mm: float) -> bool:
    """Whether a 版记 whose first frame starts ``top_mm`` from the paper's top can stand at the
    foot of the text's last page, as 7.4 wants: the page is even, and the text ends a line
    above that frame. Text estimated to end on an even page's first lines might end on the odd
    page before: then no; nor when the flow holds frames, whose room is not estimated."""
    if end.framed or end.page % 2 or end.used_pt < L.IMPRINT_TEXT_PAGE_MIN_LINES * L.LINE_PITCH_PT:
        return False
    top_pt = L.mm_to_pt(top_mm - L.MARGIN_TOP_MM)
    return end.used_pt + L.IMPRINT_CLEARANCE_LINES * L.LINE_PITCH_PT <= top_pt


def own_page_numbered(end: End) -> bool:
    """Whether a 版记 on an even page of its own carries a page number: the text ends on an odd
    page, so no blank page comes between (7.5: 版记页前有空白页的，空白页和版记页均不编排页码).
    Not when the flow holds frames, whose room the estimate does not know."""
    return bool(end.page % 2) and not end.framed
