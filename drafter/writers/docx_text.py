"""A draft's body paragraphs and their runs, as lxml copies of each layout's cached properties
(docx_props): python-docx's per-run API (ordered child insertion) was most of a draft's cost.

Also what a paragraph's layout takes beyond its role: the sign-off's indents and spacing, a
hanging first line, the masthead's size and its red rule.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import field

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from .. import layout as L
from ..model import Masthead, Paragraph, Role
from ..records import record
from . import docx_pages
from .docx_props import off_grid, ppr, rpr, set_indent
from .docx_template import Static
from .ooxml import put

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_P, W_R, W_T, W_BR = (W + t for t in ("p", "r", "t", "br"))
W_RFONTS, W_HINT = W + "rFonts", W + "hint"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
RUN_CONTROL = re.compile("[\t\n\r]")  # python-docx's run.text turns these into tabs and breaks
RUN_CONTROL_SPLIT = re.compile("([\t\n])")
SHARED_PUNCTUATION = re.compile("[" + L.SHARED_PUNCTUATION + "]+")  # see layout
SIGN_OFF_ROLES = (Role.SIGNATURE, Role.SIGNER_POST, Role.DATE)


@record
class Body:
    """Where a draft's blocks go: its document's body, before the body's sectPr."""

    doc: docx.document.Document
    static: Static
    comments: bool  # the spans' review notes as Word comments
    # body paragraph (w:p) -> its runs as written, for docx_pages (reading them back costs more)
    runs: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.container = self.doc._body  # private: see tests/test_private_access.py
        self.element = self.container._body  # the w:body (private, as above)
        self.end = self.element.find(qn("w:sectPr"))  # paragraphs and tables go before it

    def new_p(self):
        """A w:p at the end of the body (before its sectPr), like doc.add_paragraph()."""
        p = self.end.makeelement(W_P, {})
        self.end.addprevious(p)
        return p


def _pieces(text: str, offset: int, breaks: tuple[int, ...]):
    """(offset in the paragraph, text, is shared punctuation) pieces of a span, cut at the
    paragraph's line breaks and around shared punctuation."""
    cuts = {0, len(text)}
    cuts |= {b - offset for b in breaks if offset < b < offset + len(text)}
    for m in SHARED_PUNCTUATION.finditer(text):
        cuts |= {m.start(), m.end()}
    points = sorted(cuts)
    for a, b in itertools.pairwise(points):
        piece = text[a:b]
        yield offset + a, piece, bool(SHARED_PUNCTUATION.fullmatch(piece))


def mark_size(block: Paragraph) -> float:
    """The masthead's size: the organ's choice (36 pt here), smaller when the name would not fit."""
    fit = L.mm_to_pt(L.TYPE_WIDTH_MM) / max(len(block.text), 1)
    return min(L.ORGAN_MARK_MAX_PT, math.floor(fit * 2) / 2)  # w:sz counts half points


def paragraph(body: Body, block: Paragraph) -> DocxParagraph:
    """A body paragraph at the end of ``body``: the role's properties and a run per piece."""
    layout = L.ROLES[block.role]
    p = body.new_p()
    style = None if layout.style == "Normal" else body.static.style_ids[layout.style]
    p.append(ppr(block.role, style).__copy__())
    para = DocxParagraph(p, body.container)
    size = mark_size(block) if block.role is Role.ORGAN_MARK else layout.size
    offset = 0
    spacing = L.CHAR_SPACING_TWENTIETHS / 20  # the runs' own, or Normal's
    pieces: list[docx_pages.Piece] = []
    body.runs[p] = pieces
    for span in block.spans:
        props = rpr(L.EMPHASIS_FONT.get(span.emphasis, layout.font), size, layout.color)
        if "\n" in span.text or "\t" in span.text:
            r = _run_element(p, props, hint=False)
            first = Run(r, para)
            first.text = span.text  # python-docx turns these into breaks and tabs
            split = RUN_CONTROL_SPLIT.split(span.text.replace("\r", "\n"))
            pieces += [(t, size, spacing) for t in split if t]
        else:
            first = None
            for start, text, shared in _pieces(span.text, offset, block.breaks):
                r = _run_element(p, props, hint=shared)
                if start in block.breaks and start:  # a title's line break (7.3.1)
                    r.append(r.makeelement(W_BR, {}))
                    pieces.append(("\n", size, spacing))
                pieces.append((text, size, spacing))
                t = r.makeelement(W_T, {XML_SPACE: "preserve"})
                t.text = text
                r.append(t)
                first = first or Run(r, para)
        offset += len(span.text)
        if span.note and body.comments and first is not None:
            body.doc.add_comment(first, text=span.note, author="drafter", initials="DR")
    return para


def _run_element(p, props, hint: bool):
    r = p.makeelement(W_R, {})
    props = props.__copy__()  # lxml's copy is deep; copy.deepcopy only adds dispatch
    if hint:  # shared punctuation takes the Chinese face (w:hint), not Times New Roman
        fonts = props.find(W_RFONTS)
        if fonts is not None:
            fonts.set(W_HINT, "eastAsia")
    r.append(props)
    p.append(r)
    return r


@record(frozen=True)
class SignOff:
    """The sign-off's layout in a draft: (right indent in characters, lines before) by role,
    and the space above it when docx_fit shrank it (None: the usual lines)."""

    offsets: dict[str, tuple[float, float]]
    space_pt: float | None


def adjust(
    body: Body, para: DocxParagraph, block: Paragraph, sign_off: SignOff, masthead: Masthead
) -> None:
    """What depends on more than the role: sign-off layout, hanging lines, masthead mode."""
    pf = para.paragraph_format
    p = para._p  # private: see tests/test_private_access.py
    if block.role in SIGN_OFF_ROLES:
        right, before = sign_off.offsets[block.role.value]
        set_indent(p, "right", right, L.BODY_SIZE_PT)
        pf.space_before = Pt(L.LINE_PITCH_PT * before)
        if sign_off.space_pt is not None:  # 7.3.5.5: less room, on the text's page
            if before and block.role is not Role.DATE:  # the signed date's blank line stays
                pf.space_before = Pt(sign_off.space_pt)
            off_grid(p)  # LibreOffice would snap the lines back to the grid's rows
    if block.role is Role.NOTE and sign_off.space_pt is not None:
        off_grid(p)
    if block.hang:
        base = L.ROLES[block.role]
        start = base.hang_from
        if start is None:
            start = base.left_chars or base.first_line_chars
        left = start + L.text_ems(block.text[: block.hang])
        set_indent(p, "left", left, L.BODY_SIZE_PT)
        set_indent(p, "hanging", L.text_ems(block.text[: block.hang]), L.BODY_SIZE_PT)
        tight = L.condensed_twentieths(L.text_ems(block.text)) if start == 0 else None
        for el in p.iter(qn("w:spacing")) if tight is not None else ():
            if el.getparent().tag == qn("w:rPr"):  # a run's, not the paragraph's
                el.set(qn("w:val"), str(tight))
        if tight is not None and p in body.runs:
            runs = body.runs[p]
            runs[:] = [(t, size, tight / 20) for t, size, _s in runs]
    if block.role is Role.ORGAN_MARK:  # a shrunk mark's line shrinks with it: 35 mm stays
        pf.line_spacing = Pt(mark_size(block))
    if block.role is Role.ORGAN_MARK and masthead is Masthead.PREPRINTED:
        for t in p.iter(qn("w:t")):  # the paper carries the mark: keep only its room
            t.text = ""


def red_rule(para: DocxParagraph, preprinted: bool = False) -> None:
    """The red separator under the document number, as wide as the type area. On 红头 paper
    the rule is printed already: the border keeps its room but is white (not printed)."""
    ppr_el = para._p.get_or_add_pPr()  # private: tests/test_private_access.py
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (
        ("w:val", "single"),
        ("w:sz", str(L.RED_RULE_WIDTH_EIGHTHS)),
        ("w:space", str(L.RED_RULE_SPACE_PT)),
        ("w:color", L.WHITE if preprinted else L.RED),
    ):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    put(ppr_el, bdr)
