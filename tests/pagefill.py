"""How full each page of a rendered draft is, read from its PDF beside its .docx.

A page is full when its last line ends within a line of the type area's foot. Drafter lets a
page end short only where what follows could not stand at its foot: a heading kept with the
paragraph after it (w:keepNext, GB/T 9704 drafts never end a page in a heading), a page that
ends its part (the next opens on a new page: a plan, an attachment, the 版记), a table row
(rows never split), or the text's last line carried over with the sign-off (docx_carry).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pdfmeasure
from lxml import etree

from drafter import layout as L

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PITCH_MM = L.pt_to_mm(L.LINE_PITCH_PT)
TYPE_BOTTOM_MM = L.PAGE_HEIGHT_MM - L.MARGIN_BOTTOM_MM
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def _text(el) -> str:
    return re.sub(r"\s", "", "".join(t.text or "" for t in el.iter(W + "t")))


@dataclass
class Paragraphs:
    """What the .docx says of its paragraphs: the headings kept with the next, the paragraphs
    that open a page (a page or section break before them), the table cells' texts."""

    headings: list[str] = field(default_factory=list)
    openers: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    unkept: list[str] = field(default_factory=list)  # headings not kept with the next


def paragraphs(docx: Path) -> Paragraphs:
    body = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml")).find(W + "body")
    out = Paragraphs()
    opens = True  # the body's first text, or the first after a section break
    for el in body:
        if el.tag == W + "tbl":
            out.cells += [t for t in map(_text, el.iter(W + "p")) if t]
            continue
        if el.tag != W + "p":
            continue
        ppr = el.find(W + "pPr")
        text = _text(el)
        style = ppr.find(W + "pStyle") if ppr is not None else None
        broken = ppr is not None and ppr.find(W + "pageBreakBefore") is not None
        if text and (opens or broken):
            out.openers.append(text)
        if text and style is not None and style.get(W + "val", "").startswith("Heading"):
            out.headings.append(text)
            if ppr is None or ppr.find(W + "keepNext") is None:
                out.unkept.append(text)
        sect = ppr is not None and ppr.find(W + "sectPr") is not None
        opens = sect or (opens and not text)
    return out


def _starts(line: str, texts: list[str]) -> bool:
    return any(t.startswith(line) or line.startswith(t) for t in texts if t)


@dataclass(frozen=True)
class Page:
    number: int
    lines_short: float  # lines left empty at its foot
    last: str  # its last line
    next_first: str  # the next page's first line


def faults(docx: Path, pdf: Path) -> dict[str, list[Page]]:
    """Pages ending in a heading; pages ending short with no reason; pages ending short before
    a kept heading (allowed: each counted)."""
    known = paragraphs(docx)
    pages = [[x for x in pdfmeasure.body(page) if x.text] for page in pdfmeasure.pages(pdf)]
    out: dict[str, list[Page]] = {"heading last": [], "short": [], "short before a heading": []}
    for k, lines in enumerate(pages[:-1]):
        after = pages[k + 1]
        if not lines or not after:
            continue
        page = Page(
            k + 1,
            round((TYPE_BOTTOM_MM - lines[-1].bottom) / PITCH_MM, 1),
            lines[-1].text,
            after[0].text,
        )
        if _starts(page.last, known.headings) and not _starts(page.next_first, known.openers):
            out["heading last"].append(page)
        if page.lines_short < 1 - 0.05:
            continue
        if _starts(page.next_first, known.openers) or page.next_first.startswith(("抄送", "附件")):
            continue  # the next page opens a part or the 版记
        if _starts(page.next_first, known.cells) or any(DATE.fullmatch(x.text) for x in after[:3]):
            continue  # a table row kept whole; the last line carried with the sign-off
        if _starts(page.next_first, known.headings):
            out["short before a heading"].append(page)
        else:
            out["short"].append(page)
    return out


PRINTED = re.compile(r".+\d{4}年\d{1,2}月\d{1,2}日印发")


def estimated_end(docx: Path) -> tuple[int, float]:
    """Where docx_pages estimates the text ends, the 版记 left out: (page, lines used on it)."""
    from drafter.writers import docx_pages

    body = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml")).find(W + "body")
    stop = next(
        (
            el
            for el in body
            if el.tag == W + "p" and (_text(el).startswith("抄送") or PRINTED.fullmatch(_text(el)))
        ),
        None,
    )
    end = docx_pages.text_end(body, stop=stop)
    return end.page, end.used_pt / L.LINE_PITCH_PT


def measured_end(pages: list[list[pdfmeasure.Line]]) -> tuple[int, float]:
    """Where the text ends on LibreOffice's PDF, the 版记 left out: (page, lines down to the
    foot of its last line's box, which stands a line's pitch tall)."""
    for k in range(len(pages), 0, -1):
        lines = [x for x in pdfmeasure.body(pages[k - 1]) if x.text]
        at = next(
            (
                i
                for i, x in enumerate(lines)
                if x.text.startswith("抄送") or PRINTED.fullmatch(x.text)
            ),
            len(lines),
        )
        if lines[:at]:
            return k, (lines[at - 1].bottom - L.MARGIN_TOP_MM) / PITCH_MM
    return 0, 0.0
