"""Title lines (GB/T 9704 7.3.1): words kept whole, lines arranged as a trapezoid or diamond.

A break may fall only where no word of jieba's dictionary, nor a place or organ name the draft
uses, nor a year range spans it, and where no closing mark would start a line or opening mark end
one (the marks, the year-range pattern and the organ break are templates/text/reading.yaml's).
Among those, the shape is chosen by a small cost: the fewest lines that fit in a good shape,
each line no wider than ``layout.TITLE_MAX_LINE_EMS`` of the title font, lengths that grow or
shrink steadily (trapezoid) or rise then fall (diamond); two lines with the longer on top
(上长下短), or else three: 泰山区's plan title has no whole-word break that puts the longer
line on top. A notice title breaks after the organ's name, before
关于, whenever that costs no extra line, and never inside the organ's name or 关于. The result is a tuple of character offsets, carried by the model's paragraph.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from functools import cache

from .. import layout, library, words
from ..model import Document, Role
from ..records import record
from ..words import Words

TITLE_ROLES = (Role.TITLE, Role.ATTACHMENT_TITLE)

MAX_LINES = 5  # more than this is not a title; it is left to one break per full line
LONGEST_WORD = 8  # dictionary words longer than this are not looked for across a break
ORGAN_BREAK_BONUS = 5  # cost taken off an arrangement that breaks after the organ's name
BAD_SHAPE = 100.0  # the cost of an hourglass, or of two lines with the shorter on top
TWO_LINE_SLACK_EMS = 0.5


@record(frozen=True)
class Marks:
    """Where a title may not break, as templates/text/reading.yaml says."""

    opening: str  # no line ends with one
    closing: str  # no line starts with one
    year_range: re.Pattern[str]  # never split
    short_note: re.Pattern[str]  # stays with the word before it
    organ_break: str  # a notice title breaks before it, after the organ's name


@cache
def marks() -> Marks:
    text = library.load().reading
    return Marks(
        text["opening_marks"],
        text["closing_marks"],
        re.compile(text["year_range"]),
        re.compile(text["short_note"]),
        text["organ_break"],
    )


def _dictionary() -> Words:
    """jieba's dictionary as a compact word set (drafter/words.py), loaded once per process."""
    return words.load()


def is_word(text: str, names: Iterable[str] = ()) -> bool:
    """A word of the segmenter's dictionary (or one of the draft's names)."""
    return text in set(names) or text in _dictionary()


def _occurrences(name: str, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each of ``name``'s occurrences in ``text``, left to right, none
    overlapping (as re.finditer finds it: str.find, not one compiled pattern per county name)."""
    at = text.find(name)
    while at >= 0:
        yield at, at + len(name)
        at = text.find(name, at + len(name))


def protected(text: str, names: Iterable[str] = ()) -> set[int]:
    """Offsets k (1 ≤ k < len) where a break would cut a word, a name or a year range."""
    tk = _dictionary()
    mk = marks()
    names = [n for n in dict.fromkeys(names) if len(n) > 1]
    cut: set[int] = set()

    def span(start: int, end: int) -> None:
        cut.update(range(start + 1, end))

    for m in mk.year_range.finditer(text):
        span(m.start(), m.end())
    for m in mk.short_note.finditer(text):  # 试点县（区）: the note stays with its word
        span(m.start() - 1 if m.start() else 0, m.end())
    found = [where for name in names for where in _occurrences(name, text)]
    for start, end in found:
        span(start, end)
    # The draft's own names outrank the general dictionary: 专项小组|成员名单 may break although
    # 小组成员 is a word, as jieba itself segments it once the names are known.
    edges = {start for start, _end in found} | {end for _start, end in found}
    general: set[int] = set()
    for i in range(len(text)):
        for j in range(i + 2, min(len(text), i + LONGEST_WORD) + 1):
            if text[i:j] in tk:
                general.update(range(i + 1, j))
    cut |= general - edges
    for k in range(1, len(text)):
        a, b = text[k - 1], text[k]
        if b in mk.closing or a in mk.opening or (a.isascii() and a.isalnum() and b.isascii()):
            cut.add(k)
    return cut


def _ok_shape(widths: list[float]) -> bool:
    n = len(widths)
    down = all(a >= b for a, b in itertools.pairwise(widths))
    up = all(a <= b for a, b in itertools.pairwise(widths))
    if down or up:
        return True
    peak = widths.index(max(widths))
    return (
        n >= 3
        and all(a <= b for a, b in itertools.pairwise(widths[: peak + 1]))
        and all(a >= b for a, b in itertools.pairwise(widths[peak:]))
    )


def top_short(widths: list[float]) -> bool:
    """Two lines, the top one shorter (上短下长): not the 正梯形 7.3.1 asks of two lines. Half an
    em of slack, so that a digit more below does not count."""
    return len(widths) == 2 and widths[0] < widths[1] - TWO_LINE_SLACK_EMS


def _cost(widths: list[float], organ_first: bool) -> float:
    bad = not _ok_shape(widths) or (top_short(widths) and not organ_first)
    cost = BAD_SHAPE if bad else 0.0
    # steady steps: no line much shorter than its neighbour
    cost += sum((a - b) ** 2 for a, b in itertools.pairwise(widths)) * 0.05
    if len(widths) == 2 and not organ_first and abs(widths[0] - widths[1]) < 1:
        cost += 2  # nor of equal length
    return cost


def breaks(
    text: str, names: Iterable[str] = (), organ: str | None = None, max_ems: float | None = None
) -> tuple[int, ...]:
    """Offsets where the title's 2nd, 3rd … lines start; () when it fits one line."""
    max_ems = max_ems or layout.TITLE_MAX_LINE_EMS
    width = layout.text_ems
    if width(text) <= max_ems:
        return ()
    names = list(names)
    cut = protected(text, names)
    allowed = [k for k in range(1, len(text)) if k not in cut]
    # A notice title: where a break falls at the organ's end, it is there, before 关于; and a
    # break inside "organ + 关于" is never taken.
    word = marks().organ_break
    organ_end = len(organ) if organ and text.startswith(organ + word) else None
    if organ_end:
        allowed = [k for k in allowed if k == organ_end or k > organ_end + len(word)]
    best: tuple[float, tuple[int, ...]] | None = None
    for n in range(2, MAX_LINES + 1):
        for cuts in itertools.combinations(allowed, n - 1):
            bounds = (0, *cuts, len(text))
            widths = [width(text[a:b]) for a, b in itertools.pairwise(bounds)]
            if max(widths) > max_ems:
                continue
            at_organ = organ_end in cuts
            cost = _cost(widths, at_organ) - (ORGAN_BREAK_BONUS if at_organ else 0)
            if best is None or cost < best[0]:
                best = (cost, cuts)
        if best is not None and best[0] < BAD_SHAPE:
            return best[1]
    if best is not None:  # no good shape in any number of lines: the least bad
        return best[1]
    # No whole-word arrangement fits: break where the lines are full, as any typesetter would.
    out, start = [], 0
    for k in range(1, len(text)):
        if width(text[start : k + 1]) > max_ems:
            out.append(k)
            start = k
    return tuple(out)


def lines(text: str, cuts: tuple[int, ...]) -> list[str]:
    bounds = (0, *cuts, len(text))
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def shape(document: Document) -> Document:
    """Give every title of the document its line breaks (in place; returned for chaining)."""
    for para in document.paragraphs():
        if para.role in TITLE_ROLES and not para.breaks:
            organ = document.author or None
            para.breaks = breaks(para.text, document.names, organ)
    return document


def names_of(data: dict, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The place and organ names a validated profile uses, for ``Document.names``."""
    county = data.get("county", {})
    found = [
        county.get("name"),
        county.get("full_name"),
        county.get("prefecture"),
        county.get("province"),
        data.get("notice", {}).get("issuer"),
        (data.get("leading_group") or {}).get("name"),
        *extra,
    ]
    return tuple(dict.fromkeys(n for n in found if isinstance(n, str) and len(n) > 1))
