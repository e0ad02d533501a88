"""Where the notice's sign-off falls, so that it never stands alone on a page (GB/T 9704 7.3.5).

The seal's top is to be within a line of the text (7.3.5.1), and a page holding only the 署名 and
the date cannot be sealed. Where the text ends too near the foot for the sign-off and its
blank lines, 7.3.5.5 lets the office adjust the spacing (采取调整行距、字距的措施): the blank
space above the 署名 shrinks, down to ``MIN_ROOM_LINES``. When even that does not fit, the last
lines of the text go over with the sign-off (keep-with-next, set by the writer either way, so a
reader that lays the page out otherwise still never leaves the sign-off alone).

The page is estimated from the layout's own figures, the way the writer sets them: exact line
pitch, 28 characters a line, the masthead 35 mm into the type area.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .. import layout as L
from ..model import Block, Paragraph, Role

PITCH = L.LINE_PITCH_PT
# 22 lines, not the 225 mm type area (637.8 pt), nor the point more of LibreOffice's text area
# (L.TEXT_AREA_PT, which docx_pages takes to estimate where text ends): this sizes the blank
# above a sign-off that must stay on the page in any reader, so the point is left as margin
# beside SAFETY_PT. (Taking it would move every fitted sign-off by a point: an output change.)
PAGE_PT = L.PAGE_LINES_PT
RED_RULE_PT = L.RED_RULE_SPACE_PT + L.RED_RULE_WIDTH_EIGHTHS / 8  # a bottom border adds both
MIN_ROOM_LINES = 0.75  # an unsealed 署名 still reads as one blank line below the text (7.3.5.2)
SAFETY_PT = 2.0  # Word and LibreOffice round a line or a border by a point here and there
SIGN_OFF = (Role.SIGNATURE, Role.SIGNER_POST, Role.DATE, Role.NOTE)


def _lines(block: Paragraph, size: float) -> int:
    """Lines a paragraph takes: a title's explicit breaks, else its width over the line's."""
    if block.breaks:
        return len(block.breaks) + 1
    lay = L.ROLES[block.role]
    per_line = L.mm_to_pt(L.TYPE_WIDTH_MM) / size
    if size == L.BODY_SIZE_PT:
        per_line = L.CHARS_PER_LINE  # the runs' spacing gives 28
    width = per_line - lay.left_chars - lay.right_chars
    first = lay.first_line_chars + L.text_ems(block.text)
    if first <= width:
        return 1
    rest = width - L.text_ems(block.text[: block.hang])
    return 1 + math.ceil((first - width) / max(rest, 1))


def _heights(blocks: Sequence[Block], mark_size: float) -> list[tuple[float, int]] | None:
    """(space before, lines) of each paragraph before the sign-off; None when the page cannot
    be estimated (a table in the notice)."""
    out: list[tuple[float, int]] = []
    for k, block in enumerate(blocks):
        if not isinstance(block, Paragraph):
            return None
        if block.role in SIGN_OFF:
            break
        lay = L.ROLES[block.role]
        if block.role is Role.ORGAN_MARK:
            rule = 0.0
            following = blocks[k + 1] if k + 1 < len(blocks) else None
            if not (isinstance(following, Paragraph) and following.role is Role.DOC_NUMBER):
                rule = RED_RULE_PT
            # one line of the mark's own height, 35 mm into the type area: in lines of PITCH
            out.append((L.mm_to_pt(L.MASTHEAD_TOP_BELOW_TYPE_AREA_MM) + mark_size + rule, 0))
            continue
        before = lay.lines_before * PITCH
        if block.role is Role.DOC_NUMBER:
            before += RED_RULE_PT  # counted with the number: its border is under it
        out.append((before, _lines(block, lay.size)))
    return out


def sign_off_space(
    blocks: Sequence[Block], befores: dict[Role, float], mark_size: float
) -> float | None:
    """The space (pt) above the first sign-off paragraph when its usual blank lines
    (``befores``: lines before each sign-off role) would push it onto a page of its own;
    None when the usual spacing fits, when nothing would fit, or for a 信函 (no estimate)."""
    roles = [b.role for b in blocks if isinstance(b, Paragraph) and b.role in SIGN_OFF]
    heights = _heights(blocks, mark_size)
    if not roles or heights is None:
        return None
    y = 0.0
    for before, lines in heights:
        if y + before + PITCH > PAGE_PT:  # the paragraph starts the next page
            y, before = 0.0, 0.0
        y += before
        for _ in range(lines):
            if y + PITCH > PAGE_PT + 0.01:
                y = 0.0
            y += PITCH
    first = befores.get(roles[0], 0.0) * PITCH
    need = len(roles) * PITCH + sum(befores.get(r, 0.0) * PITCH for r in roles[1:])
    room = PAGE_PT - y - need
    if room >= first or room < MIN_ROOM_LINES * PITCH + SAFETY_PT:
        return None
    return room - SAFETY_PT


def kept_with_next(blocks: Sequence[Block]) -> set[int]:
    """Indices of the paragraphs that keep with the next: the text's last paragraph before the
    sign-off, and each sign-off paragraph but the last, so that the 署名 never starts a page
    alone and the date never leaves it."""
    at = [k for k, b in enumerate(blocks) if isinstance(b, Paragraph) and b.role in SIGN_OFF]
    if not at or at[0] == 0:
        return set()
    return {at[0] - 1, *at[:-1]}
