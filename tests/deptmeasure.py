"""Measure a rendered department list (drafter build --format dept): its task lines, its
departments' parts and its page headers, from pdftotext -bbox glyph positions (pdfmeasure).

A task line is told by its label (templates/text/departments.yaml `item_label`); the .docx it was
rendered from gives each task line's whole text, so a PDF line that holds less of it wrapped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pdfmeasure
import yaml
from conftest import ROOT

from drafter import layout as L
from drafter.model import Role

TEXTS = yaml.safe_load((ROOT / "templates" / "text" / "departments.yaml").read_text("utf-8"))
# the label with its number left open: 任务{{ number }}： -> ^任务[\d.]+：
_OPEN, _SHUT = TEXTS["item_label"].split("{{ number }}")
LABEL = re.compile("^" + re.escape(_OPEN) + r"[\d.]+" + re.escape(_SHUT))
HEADING1 = re.compile(r"^[一二三四五六七八九十]+、")
PITCH_MM = L.pt_to_mm(L.LINE_PITCH_PT)
TYPE_TOP_MM, TYPE_BOTTOM_MM = L.MARGIN_TOP_MM, L.MARGIN_TOP_MM + L.TYPE_HEIGHT_MM
# where a task line starts (drafter/layout.py: a hanging body paragraph's first line), and its
# room from there to the margin: a line holds the label and the title
_BODY = L.ROLES[Role.BODY]
ITEM_START_EMS = _BODY.first_line_chars if _BODY.hang_from is None else _BODY.hang_from
ITEM_ROOM_EMS = L.CHARS_PER_LINE - ITEM_START_EMS
CHAR_MM = L.pt_to_mm(L.BODY_SIZE_PT + L.CHAR_SPACING_TWENTIETHS / 20)


@dataclass
class Figures:
    lines: int = 0  # task lines measured
    wrapped: list[str] = field(default_factory=list)  # tasks whose line wrapped
    too_long: list[str] = field(
        default_factory=list
    )  # of those, the ones whose text exceeds a line
    misaligned: list[str] = field(default_factory=list)  # a wrapped line not under the title
    parts: list[PartFigures] = field(default_factory=list)  # each department's
    headers: list[str] = field(default_factory=list)  # each page's header line
    heading_ends: list[str] = field(default_factory=list)  # headings last on their page


def task_texts(path: Path) -> tuple[dict[str, str], int]:
    """Each task line's label (任务12：) -> its whole text, from the .docx; and how many task
    lines it holds."""
    out, n = {}, 0
    for p in docx.Document(str(path)).paragraphs:
        if m := LABEL.match(p.text):
            out[m.group(0)] = p.text
            n += 1
    return out, n


def plan_title(path: Path) -> str:
    """The plan a list is of: its title's 《…》."""
    title = docx.Document(str(path)).paragraphs[0].text
    title = re.sub(r"\s", "", title)  # its line breaks
    return title[title.index("《") + 1 : title.index("》")]


def _body(page: list[pdfmeasure.Line]) -> list[pdfmeasure.Line]:
    """The lines in the type area (no header, no page number)."""
    return [x for x in page if TYPE_TOP_MM - 1 < x.top and x.bottom < TYPE_BOTTOM_MM + 1]


def _row(line: pdfmeasure.Line) -> int:
    """The grid row (0 to 21) a line stands on."""
    return round((line.top - TYPE_TOP_MM) / PITCH_MM)


def measure(pdf: Path, source: Path) -> Figures:
    texts, expected = task_texts(source)
    pages = pdfmeasure.pages(pdf)
    above = [[x.text for x in page if x.bottom < TYPE_TOP_MM - 1] for page in pages]
    found = Figures(headers=["".join(lines) for lines in above])
    body = [line for page in pages for line in _body(page)]  # a wrapped line may turn the page
    for line, after in zip(body, [*body[1:], None], strict=True):
        m = LABEL.match(line.text)
        if not m:
            continue
        found.lines += 1
        whole = texts[m.group(0)]
        if line.text == whole:
            continue
        assert whole.startswith(line.text), (pdf.name, line.text, whole)
        found.wrapped.append(whole)
        if L.text_ems(whole) > ITEM_ROOM_EMS:
            found.too_long.append(whole)
        hang = (ITEM_START_EMS + L.text_ems(m.group(0))) * CHAR_MM
        assert after is not None, (pdf.name, "wrapped, but nothing follows", line.text)
        if abs(after.left - L.MARGIN_LEFT_MM - hang) > 1.0:  # under the title
            found.misaligned.append(whole)
    assert found.lines == expected, (pdf.name, "task lines found", found.lines, expected)
    found.parts = parts(pages)
    found.heading_ends = heading_ends(pages)
    return found


@dataclass
class PartFigures:
    """One department's part as rendered."""

    heading: str
    first: int  # its first and last page (1-based)
    last: int
    lines: list[str] = field(default_factory=list)  # its text lines
    free: int = -1  # rows left below the page before, when it starts a page (else -1)

    @property
    def head(self) -> int:
        """Rows it needs free to start on a page: all of it when it fits a page, else its
        headings with the line they keep with (the first task, or 无)."""
        if len(self.lines) <= L.LINES_PER_PAGE:
            return len(self.lines)
        return 1 + next(k for k, t in enumerate(self.lines) if LABEL.match(t) or t == TEXTS["none"])


def heading_ends(pages: list[list[pdfmeasure.Line]]) -> list[str]:
    """The pages (but the last) whose last line is a heading (一、, （一）, 1.): cut from its text."""
    heading = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")
    ends = [_body(page)[-1] for page in pages[:-1] if _body(page)]
    return [x.text for x in ends if heading.match(x.text)]


def parts(pages: list[list[pdfmeasure.Line]]) -> list[PartFigures]:
    """Each department's part, from its 一、 heading to the next (a heading stands at the
    body's indent; a wrapped line starting 一、 would stand at the margin)."""
    out: list[PartFigures] = []
    for n, page in enumerate(pages, 1):
        body = _body(page)
        for k, line in enumerate(body):
            if HEADING1.match(line.text) and line.left > L.MARGIN_LEFT_MM + 1:
                before = _body(pages[n - 2]) if n > 1 else []
                free = L.LINES_PER_PAGE - 1 - _row(before[-1]) if k == 0 and before else -1
                out.append(PartFigures(line.text, n, n, free=free))
            if out:
                out[-1].last = n
                out[-1].lines.append(line.text)
    return out
