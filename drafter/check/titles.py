"""7.3.1: a title's lines break between words, never inside a word or a year range, and stand
as a trapezoid or a diamond; two lines, the longer on top (上长下短).

Lines are where the title breaks by hand (a line break or a new centred paragraph) and where
a line too long for the type area wraps by itself, found with the width model of geometry.
Words are those of jieba's dictionary (the segmentation the writer uses), and the document's own
organ names (masthead, 署名, 印发机关) count as one word each."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from ..i18n import _
from .classify import Para
from .document import Doc
from .findings import TITLE_BREAK, TITLE_SHAPE, Finding
from .geometry import char_width, page
from .ooxml import W, run_text, runs, twips
from .patterns import NOTICE_WORDS, READING
from .styles import Styles

# a year range, kept whole as the writer keeps it, and the marks no line starts with (避头尾),
# which Word's wrapping keeps on the line before as the writer's does
YEAR_RANGE = re.compile(READING["year_range"])
_NO_LINE_START = set(READING["closing_marks"])
SHAPE_TOLERANCE = 1.0  # characters: lines within one character count as the same length
TWO_LINE_SLACK = 0.5  # characters: a top line shorter than this is not shorter (a digit)


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()  # our own instance: the writer's dictionary changes are not ours
    tok.initialize()
    return tok


def word_boundaries(text: str) -> set[int]:
    """Offsets in ``text`` where a word ends, by jieba without its HMM guesses."""
    out, at = {0}, 0
    for word in _tokenizer().cut(text, HMM=False):
        at += len(word)
        out.add(at)
    return out


def _wrap(line: str, capacity: float, size: float, spacing: float) -> list[int]:
    """Offsets where ``line`` wraps in a line ``capacity`` points wide, each character taking its
    width at ``size`` plus the run's character ``spacing``, greedy as Word does, keeping closing
    punctuation on the line it closes."""
    breaks, width = [], 0.0
    for i, ch in enumerate(line):
        w = char_width(ch) * size + spacing
        if width + w > capacity + 1e-6 and i > 0 and ch not in _NO_LINE_START:
            breaks.append(i)
            width = 0.0
        width += w
    return breaks


def _spacing(styles: Styles, para: Para) -> float:
    """The character spacing (w:spacing in the run properties, points) of the title's first run."""
    first = next((r for r in runs(para.element) if run_text(r).strip()), None)
    for rpr in styles.rpr_levels(first, para.element):
        sp = rpr.find(W + "spacing")
        if sp is not None and twips(sp, "val") is not None:
            return twips(sp, "val") or 0.0
    return 0.0


def title_lines(doc: Doc, styles: Styles, group: list[Para]) -> list[str]:
    """The lines a title shows, as drafted by hand and as wrapped by the type area's width."""
    lines: list[str] = []
    for para in group:
        section = doc.section_of(para.index)
        size = styles.para_size(para.element)
        ind = styles.indents(para.element, size)
        capacity = page(section).type_width - ind["left"] - ind["right"]
        spacing = _spacing(styles, para)
        for manual in para.text.split("\n"):
            manual = manual.strip()
            if not manual:
                continue
            at = 0
            for cut in _wrap(manual, capacity, size, spacing):
                lines.append(manual[at:cut])
                at = cut
            lines.append(manual[at:])
    return lines


def _groups(paras: list[Para]) -> list[list[Para]]:
    groups: list[list[Para]] = []
    for para in paras:
        if para.kind == "title" and groups and groups[-1][-1].index == para.index - 1:
            groups[-1].append(para)
        elif para.kind == "title":
            groups.append([para])
    return groups


def organ_names(paras: list[Para]) -> list[str]:
    names = []
    for para in paras:
        if para.kind == "masthead":
            names.append(para.text.removesuffix(NOTICE_WORDS.masthead_end).strip())
        elif para.kind == "signature":
            names.append(para.text.strip())
    return [n for n in dict.fromkeys(names) if len(n) >= 2]


def bad_breaks(lines: list[str], organs: list[str]) -> list[tuple[str, str]]:
    """(the text around each bad break, why) for the breaks between ``lines``."""
    text = "".join(lines)
    cuts, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        cuts.append(at)
    if not cuts:
        return []
    bounds = word_boundaries(text)
    protected = [(m.start(), m.end(), "year") for m in YEAR_RANGE.finditer(text)]
    for name in organs:
        protected += [(m.start(), m.end(), "organ") for m in re.finditer(re.escape(name), text)]
    out = []
    for cut in cuts:
        around = f"{text[max(0, cut - 4) : cut]}|{text[cut : cut + 4]}"
        spans = [why for start, end, why in protected if start < cut < end]
        if "year" in spans:
            out.append((around, "year"))
        elif spans:
            out.append((around, "organ"))
        elif cut not in bounds:
            out.append((around, "word"))
    return out


def _shape_ok(widths: list[float]) -> bool:
    """A trapezoid (lines only grow or only shrink) or a diamond (they grow, then shrink)."""
    steps = [b - a for a, b in zip(widths, widths[1:], strict=False)]
    signs = [0 if abs(s) <= SHAPE_TOLERANCE else (1 if s > 0 else -1) for s in steps]
    signs = [s for s in signs if s]
    # allowed: all up, all down, or up then down; not down then up (an hourglass)
    return not any(a < 0 < b for a, b in zip(signs, signs[1:], strict=False))


def _top_short(lines: list[str], widths: list[float], organs: list[str]) -> bool:
    """Two lines, the top one shorter by more than half a character (上短下长, not the 正梯形
    of two lines); not when the top line is the organ's name (a notice's 某县人民政府 / 关于…)."""
    return (
        len(lines) == 2
        and widths[0] < widths[1] - TWO_LINE_SLACK
        and lines[0].strip() not in organs
    )


def check_titles(doc: Doc, styles: Styles, paras: list[Para]) -> list[Finding]:
    findings = []
    organs = organ_names(paras)
    for group in _groups(paras):
        lines = title_lines(doc, styles, group)
        if len(lines) < 2:
            continue
        head = group[0]
        shown = " / ".join(lines)
        for around, why in bad_breaks(lines, organs):
            message = {
                "year": _("the title breaks inside a year range at {at}"),
                "organ": _("the title breaks inside the organ's name at {at}"),
                "word": _("the title breaks inside a word at {at}"),
            }[why]
            findings.append(
                Finding.of(
                    TITLE_BREAK,
                    message.format(at=around) + _(" (lines: {lines})").format(lines=shown),
                    head.index,
                    head.excerpt,
                )
            )
        widths = [sum(char_width(c) for c in line) for line in lines]
        if _top_short(lines, widths, organs):
            findings.append(
                Finding.of(
                    TITLE_SHAPE,
                    _(
                        "the title's two lines ({lengths} characters) put the shorter on top;"
                        " two lines stand longer above, shorter below"
                    ).format(lengths=", ".join(f"{w:g}" for w in widths)),
                    head.index,
                    head.excerpt,
                )
            )
        if len(lines) >= 3 and not _shape_ok(widths):
            findings.append(
                Finding.of(
                    TITLE_SHAPE,
                    _(
                        "the title's lines ({lengths} characters) are neither a trapezoid nor a diamond"
                    ).format(lengths=", ".join(f"{w:g}" for w in widths)),
                    head.index,
                    head.excerpt,
                )
            )
    return findings
