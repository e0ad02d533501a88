"""Where the pages of a list break (the department list): a kept unit that does not fit the
rest of a page starts the next, and that break is written out, not left to the reader.

keep_with_next says the same, and Word follows it; LibreOffice, after a unit longer than a page
has broken, stops moving later units whole (measured: of 18 lists, 5 to 18 units split though
each fits a page). So the list is cut into parts here, each starting a page, by the figures of
drafter/layout.py: 22 lines a page of 28 characters, every line on the grid. A unit longer than
a page runs on where the one before ends, its headings never last on a page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .. import layout as L
from ..model import Paragraph, Role
from .kinds.base import Block


def lines(block: Block) -> int:
    """Body-size grid lines a block takes (a table: a line a row), as the writer lays its role
    out; a title its lines and the blank line after it."""
    if not isinstance(block, Paragraph):
        return len(block.rows) + int(block.header)
    if block.role is Role.TITLE:
        return len(block.breaks) + 1 + L.PART_TITLE_LINES_AFTER
    lay = L.ROLES[block.role]
    width = L.CHARS_PER_LINE - lay.left_chars - lay.right_chars
    start = lay.hang_from if block.hang and lay.hang_from is not None else lay.first_line_chars
    first = start + L.text_ems(block.text)
    rest = width - L.text_ems(block.text[: block.hang])
    return 1 + max(0, math.ceil((first - width) / max(rest, 1)))


def _heading(block: Block) -> bool:
    """A heading of a unit (一、, （一）, a 1. subheading on a line of its own)."""
    return isinstance(block, Paragraph) and block.heading


def _runs(blocks: Sequence[Block]) -> list[list[Block]]:
    """The blocks in runs kept together: each block with those it keeps with (keep_with_next)."""
    runs: list[list[Block]] = [[]]
    for block in blocks:
        runs[-1].append(block)
        if not (isinstance(block, Paragraph) and block.keep_with_next):
            runs.append([])
    return [run for run in runs if run]


def paginate(blocks: Sequence[Block]) -> list[list[Block]]:
    """The blocks page by page, as the keeps would lay them out: a run that fits a page but
    not the rest of this one starts the next; a longer run starts where it is and breaks where
    a page is full, carrying the headings that would end a page over to the next."""
    pages: list[list[Block]] = [[]]
    used = 0
    for run in _runs(blocks):
        size = sum(map(lines, run))
        if used + size <= L.LINES_PER_PAGE:
            pages[-1] += run
            used += size
            continue
        if size <= L.LINES_PER_PAGE:
            pages.append(list(run))
            used = size
            continue
        for block in run:
            if used + lines(block) > L.LINES_PER_PAGE and used:
                carried: list[Block] = []
                while pages[-1] and _heading(pages[-1][-1]) and len(carried) < 3:
                    carried.insert(0, pages[-1].pop())
                pages.append(carried)
                used = sum(map(lines, carried))
            pages[-1].append(block)
            used += lines(block)
    return [page for page in pages if page]
