"""How a paragraph's text breaks into lines, the way LibreOffice breaks drafter's paragraphs
(measured on its PDF; tests/test_docx_layout.py and tests/test_pdf.py compare): each character's
advance from its run's size and character spacing (Chinese an em, Latin by Times New Roman's
widths, the marks Latin and Chinese share by the script before them), lines filled greedily,
with the line-breaking rules (避头尾) that move a character down and Latin words and numbers
kept whole; no mark hangs past the line's end (writers/soffice.py turns LibreOffice's hanging
punctuation off, the .docx Word's). docx_pages lays the lines out on pages.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate

from .. import layout as L
from .. import library

# 避头尾: the marks no line starts or ends with (templates/text/reading.yaml)
NO_START = set(library.load().reading["closing_marks"])
NO_END = set(library.load().reading["opening_marks"])
DASH = "—"  # Unicode's B2: a break may come before and after it, between Latin characters too
# Times New Roman advance widths (em) of the Latin characters a plan holds; others take 0.5
LATIN_EM = {
    **dict.fromkeys("0123456789", 0.5),
    **dict.fromkeys(".,:; ", 0.25),
    **dict.fromkeys("-()[]/", 0.333),
    **dict.fromkeys("+=<>", 0.564),
    "%": 0.833,
    **dict.fromkeys("abcdeghknopqsuvxyz", 0.5),
    **dict.fromkeys("fijlrt", 0.3),
    **dict.fromkeys("mw", 0.75),
    **dict.fromkeys("ABCDEFGHKNOPRSTUVXYZ", 0.68),
    **dict.fromkeys("IJL", 0.4),
    **dict.fromkeys("MQW", 0.9),
}

SHARED_EM = L.SHARED_EM


def _char_width(ch: str, size: float, spacing: float, after_latin: bool = False) -> float:
    if ch.isascii():
        return LATIN_EM.get(ch, 0.5) * size + spacing
    if after_latin and ch in SHARED_EM:
        return SHARED_EM[ch] * size + spacing
    return size + spacing


@cache
def _latin(size: float, spacing: float) -> dict[str, float]:
    """The advances of the ASCII characters at a size and spacing (others take an em)."""
    return {chr(c): _char_width(chr(c), size, spacing) for c in range(128)}


_SHARED = re.compile("[" + "".join(SHARED_EM) + "]")
_NOT_EM = re.compile("[\x00-\x7f" + "".join(SHARED_EM) + "]")
Glyphs = tuple[str, list[float]]  # a paragraph's characters, "\n" for a line break, and advances


Piece = tuple[str, float, float]  # a run's text ("\n" a line break, "\t" a tab), size, spacing


def glyphs_of(pieces: list[Piece]) -> Glyphs:
    """A paragraph's characters and their advances (pt), from its runs' text, size and
    character spacing (pt)."""
    text: list[str] = []
    widths: list[float] = []
    for run, size, spacing in pieces:
        em = size + spacing
        if run in ("\n", "\t"):
            widths.append(0.0 if run == "\n" else size)
        elif not _NOT_EM.search(run):  # all Chinese: an em each
            widths += [em] * len(run)
        else:
            latin = _latin(size, spacing)
            advances = [latin.get(ch, em) for ch in run]
            # a shared mark after a Latin character takes the Latin face
            prev = text[-1][-1:] if text else ""
            for m in _SHARED.finditer(run):
                k = m.start()
                before = run[k - 1] if k else prev
                if before.isascii() and before and not before.isspace():
                    advances[k] = _char_width(run[k], size, spacing, True)
            widths += advances
        text.append(run)
    return "".join(text), widths


def line_count(glyphs: Glyphs, width: float, first: float, rest: float) -> int:
    """Lines the glyphs take in a line of ``width`` pt, the first line ``first`` pt in and the
    others ``rest`` pt in."""
    return len(line_starts(glyphs, width, first, rest)) or 1


def line_starts(glyphs: Glyphs, width: float, first: float, rest: float) -> list[int]:
    """Where each line starts (character indices): greedy, with 避头尾 and Latin words kept
    whole. A closing mark past the line's end takes the character before it down (no mark
    hangs: LibreOffice left a hanging ，、。 undrawn on a justified line)."""
    text, widths = glyphs
    cum = [0.0, *accumulate(widths)]
    starts: list[int] = []
    i, n = 0, len(text)
    while i < n:
        starts.append(i)
        room = width - (first if len(starts) == 1 else rest)
        newline = text.find("\n", i)
        limit = n if newline < 0 else newline
        # the most characters from i whose advances fit the room
        j = min(bisect_right(cum, cum[i] + room + 0.01) - 1, limit)
        if j == limit:
            if newline < 0:
                break
            i = newline + 1
            continue
        latin = _latin_cut(text, j)
        k = j
        while k > i and (_in_word(text, k) or k > i + 1 and _no_break(text, k, latin)):
            k -= 1
        i = k if k > i else max(j, i + 1)
    return starts


def _in_word(text: str, k: int) -> bool:
    """A Latin word or number stays whole: no break inside it."""
    return _word(text[k]) and _word(text[k - 1])


def _no_break(text: str, k: int, latin: bool) -> bool:
    """Whether no line may break before ``text[k]``: no closing mark at a line's start, no
    opening mark at its end (避头尾). Where the line is cut in Latin text (``latin``: its
    language, en-US, breaks it by Unicode's rules, not the Chinese ones) no break comes between
    a closing mark and a Latin character after it ("〕|1197号") nor a Latin character and an
    opening mark after it, but one may come on either side of a dash between numbers
    ("（2024|—2027年）", "（2022—|2024年）", measured)."""
    ch, before = text[k], text[k - 1]
    if latin and DASH in (ch, before) and _word(before if ch == DASH else ch):
        return False
    return (
        ch in NO_START
        or before in NO_END
        or (latin and _word(ch) and before in NO_START)
        or (latin and _word(before) and ch in NO_END)
    )


def _latin_cut(text: str, j: int) -> bool:
    """Whether LibreOffice breaks the line cut at ``j`` by a Latin language's rules: the last
    letter or digit from ``j`` back is Latin (its language, not the Chinese one, decides)."""
    for ch in reversed(text[: j + 1]):
        if ch.isalnum():
            return ch.isascii()
    return False


def _word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".%")
