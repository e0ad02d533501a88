"""The text's last line, not its whole last paragraph, goes over with the sign-off (GB/T 9704
7.3.5.5: the 署名 and date never stand alone on a page, and the page before stays full).

The text's last paragraph keeps with the sign-off (docx_fit.kept_with_next). Where the sign-off
does not fit after it, Word carries the paragraph's last lines over with it, but LibreOffice
moves the whole paragraph: 济宁市's 实施意见 left page 11 seven lines short (measured on its
PDF). So where the page estimate (docx_pages) says the paragraph moves to the next page whole,
the writer splits it where its last line starts: the first part, no longer kept, fills the
page; the second, that line without the first-line indent, keeps with the sign-off in either
reader. Not in a 信函, whose framed masthead leaves page 1 to the reader's layout.
"""

from __future__ import annotations

from .. import layout as L
from . import docx_pages

W = docx_pages.W
COUNTED = {W + "br": 1, W + "cr": 1, W + "tab": 1}  # what docx_pages counts as a character


def carry_last_line(body, para, stop=None, known: dict | None = None) -> bool:
    """Split ``para`` (the text's last paragraph, kept with the sign-off after it, up to
    ``stop``) where its last line starts, when the estimate moves it whole to the next page
    though a line of it would fit where the text before it ends. ``known``: the writer's runs
    (docx_pages), dropped for the two parts, which are read back. Whether it split."""
    known = known or {}
    before: list = []
    end = docx_pages.text_end(body, stop=para, known=known, trace=before)
    if end.framed or end.room_pt < L.LINE_PITCH_PT:
        return False
    laid: list = []
    docx_pages.text_end(body, stop=stop, known=known, trace=laid)
    if len(laid) <= len(before) or laid[len(before)][1] == end.page:
        return False  # it starts where the text before it ends: nothing moves whole
    starts = docx_pages.line_starts_of(para, known.get(para))
    if len(starts) < 2:
        return False
    rest = _split(para, starts[-1])
    known.pop(para, None)
    ppr = para.find(W + "pPr")
    keep = ppr.find(W + "keepNext") if ppr is not None else None
    if keep is not None:
        ppr.remove(keep)
    ind = rest.find(f"{W}pPr/{W}ind")
    if ind is not None:  # a paragraph's line, not a paragraph's first
        for name in ("firstLine", "firstLineChars", "hanging", "hangingChars"):
            ind.attrib.pop(W + name, None)
    return True


def _split(p, at: int):
    """A copy of ``p``'s properties after ``p`` holding its content from character ``at`` on
    (a run cut in two where ``at`` falls inside it)."""
    rest = p.makeelement(p.tag, dict(p.attrib))
    ppr = p.find(W + "pPr")
    if ppr is not None:
        rest.append(ppr.__copy__())  # lxml's copy is deep
    p.addnext(rest)
    count = 0
    moving = False
    for child in [c for c in p if c.tag != W + "pPr"]:
        if not moving and child.tag == W + "r":
            size = _chars(child)
            if count + size > at:
                head = at - count
                if head:
                    child = _cut_run(child, head)
                moving = True
            count += size
        if moving:
            rest.append(child)
    return rest


def _chars(r) -> int:
    return sum(len(c.text or "") if c.tag == W + "t" else COUNTED.get(c.tag, 0) for c in r)


def _cut_run(r, head: int):
    """Keep ``head`` characters in run ``r``; return a copy holding the rest (its rPr kept)."""
    tail = r.__copy__()
    r.addnext(tail)
    count = 0
    for mine, theirs in zip(list(r), list(tail), strict=True):
        if mine.tag == W + "rPr":
            continue
        size = len(mine.text or "") if mine.tag == W + "t" else COUNTED.get(mine.tag, 0)
        if count + size <= head:  # wholly in the head
            tail.remove(theirs)
        elif count >= head:  # wholly in the tail
            r.remove(mine)
        else:  # the w:t the cut falls in
            cut = head - count
            mine.text, theirs.text = mine.text[:cut], theirs.text[cut:]
        count += size
    return tail
