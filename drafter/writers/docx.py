"""Document model -> .docx laid out by GB/T 9704-2012: the wiring of the writer's modules.

The figures (page, fonts, sizes, indents, line pitch, distances) come from drafter.layout. Each
module has one job:

- docx_template: the per-process template (styles, page, page-number footers, headers) and a
  draft's header text; docx_package: the package's settings, theme, fonts and properties;
- docx_props: each layout's paragraph and run properties, built once with python-docx;
- docx_text: body paragraphs and runs, the sign-off's and hanging lines' adjustments, the red
  rule; docx_tables: tables; docx_letter: the 信函格式's first page; docx_imprint: the 版记;
- docx_fit: keeps the notice's sign-off on its page; docx_carry: only the text's last line,
  not its whole last paragraph, goes over with it; docx_pages (with docx_lines): where the
  text ends, for the 版记 and docx_carry;
- docx_save: saves the package, the shared parts from bytes serialised and deflated once.

Speed (a batch builds thousands): python-docx builds, once per process, the template and each
layout's properties; a draft's body is lxml elements copied from those.

python-docx has no public handle on the XML beneath its objects; the writer uses the private
ones (_body, _sectPr, _p, _r, _tr, _element) where marked, and tests/test_private_access.py
fails if any of them changes (python-docx is pinned below 1.3).
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from .. import layout as L
from ..model import Document, Masthead, Paragraph, Role, Table
from ..output import atomic_path
from . import docx_carry, docx_fit, docx_letter, docx_package, docx_pages, docx_tables, docx_text
from . import docx_imprint as imprint
from .docx_save import save
from .docx_template import header, static, template

__all__ = ["DocxWriter", "save", "template", "to_bytes", "write"]


def _ends_masthead(block: Paragraph, following) -> bool:
    """The red rule goes under the document number, or under the organ mark when there is none."""
    if block.role is Role.DOC_NUMBER:
        return True
    return block.role is Role.ORGAN_MARK and not (
        isinstance(following, Paragraph) and following.role is Role.DOC_NUMBER
    )


def _sign_off(document: Document, letter: bool) -> docx_text.SignOff:
    """The sign-off's indents and lines, and the space above it when the usual one would leave
    it alone on a page (docx_fit, GB/T 9704 7.3.5.5; not for a 信函: no estimate)."""
    texts = {p.role: p.text for p in document.paragraphs() if p.role in docx_text.SIGN_OFF_ROLES}
    offsets = L.sign_off(
        document.sign_off.value,
        L.text_ems(texts.get(Role.SIGNATURE, "")),
        L.text_ems(texts.get(Role.DATE, "")),
    )
    if letter:
        return docx_text.SignOff(offsets, None)
    blocks = document.parts[0].blocks if document.parts else []
    befores = {Role(name): lines for name, (_right, lines) in offsets.items()}
    first = blocks[0] if blocks else None
    mark = L.ORGAN_MARK_MAX_PT
    if isinstance(first, Paragraph) and first.role is Role.ORGAN_MARK:
        mark = docx_text.mark_size(first)
    return docx_text.SignOff(offsets, docx_fit.sign_off_space(blocks, befores, mark))


class _Letter:
    """信函格式 (10.1) on the first part: the mark and its double lines as frames; the number
    at the right."""

    def __init__(self, doc: docx.document.Document) -> None:
        self.doc = doc
        self.first = False  # the mark is written; the number (or title) under it is not yet
        self.mark_size = L.ORGAN_MARK_MAX_PT

    def paragraph(self, para, block: Paragraph) -> None:
        if block.role is Role.ORGAN_MARK:
            self.mark_size = docx_text.mark_size(block)
            docx_letter.masthead(para, self.mark_size)
            self.first = True
        elif self.first and block.role in (Role.DOC_NUMBER, Role.TITLE):
            self.first = False
            docx_letter.bottom_rule(self.doc, para)
            docx_letter.doc_number(para, self.mark_size)
            if block.role is Role.TITLE:  # no number: the title two lines under the line
                para.paragraph_format.space_before += Pt(
                    L.LINE_PITCH_PT * L.TITLE_LINES_BELOW_RED_RULE
                )
                para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


class DocxWriter:
    def __init__(self, comments: bool = True):
        self.comments = comments

    def write(self, document: Document, path: Path) -> None:
        doc = self.build(document)
        with atomic_path(path) as tmp:
            save(doc, str(tmp))

    def build(self, document: Document) -> docx.document.Document:
        doc = template()
        body = docx_text.Body(doc, static(), self.comments)
        header(doc, " ".join(filter(None, [document.running_head, document.header_text])))
        letter = document.masthead is Masthead.LETTER
        if letter:
            docx_letter.no_first_page_number(doc.sections[0])
        letterhead = _Letter(doc)
        sign_off = _sign_off(document, letter)
        last = None
        carried = None  # the text's last paragraph, kept with the sign-off (docx_carry)
        for i, part in enumerate(document.parts):
            if i == 1 and carried is not None and not letter:
                docx_carry.carry_last_line(body.element, carried, known=body.runs)
            kept = docx_fit.kept_with_next(part.blocks) if i == 0 else set()
            for j, block in enumerate(part.blocks):
                if isinstance(block, Table):
                    if j and isinstance(part.blocks[j - 1], Paragraph) and last is not None:
                        # one blank line between a title (or text) and its table
                        last.paragraph_format.space_after = Pt(L.LINE_PITCH_PT)
                    docx_tables.table(body, block)
                    last = None
                    continue
                para = last = docx_text.paragraph(body, block)
                docx_text.adjust(body, para, block, sign_off, document.masthead)
                pf = para.paragraph_format
                if j and isinstance(part.blocks[j - 1], Table):
                    # and one blank line between a table and the text after it
                    pf.space_before = Pt(pf.space_before.pt + L.LINE_PITCH_PT)
                if block.keep_with_next or block.heading or j in kept:
                    pf.keep_with_next = True
                if kept and j == min(kept):  # the text's last paragraph, before the sign-off
                    carried = para._p  # private: tests/test_private_access.py
                if i > 0 and j == 0:
                    pf.page_break_before = True
                if j == 0 and block.role is Role.TITLE:  # the title opens its page
                    pf.space_before = Pt(0)
                    pf.space_after = Pt(L.LINE_PITCH_PT * L.PART_TITLE_LINES_AFTER)
                following = part.blocks[j + 1] if j + 1 < len(part.blocks) else None
                if letter and i == 0:
                    letterhead.paragraph(para, block)
                elif _ends_masthead(block, following):
                    docx_text.red_rule(para, document.masthead is Masthead.PREPRINTED)
        if len(document.parts) == 1 and carried is not None and not letter:
            docx_carry.carry_last_line(body.element, carried, known=body.runs)
        if document.imprint is not None:
            self._imprint(body, document, letter)
        docx_package.properties(doc, document.title, document.author)
        return doc

    @staticmethod
    def _imprint(body: docx_text.Body, document: Document, letter: bool) -> None:
        assert document.imprint is not None
        # printed with the plan (more than one part), or a document issued under its own
        # masthead (a genre's parts: [issued, …]), on both sides: an even page (7.4)
        issued = any(
            isinstance(b, Paragraph) and b.role is Role.ORGAN_MARK for b in document.parts[0].blocks
        )
        even = len(document.parts) > 1 or issued
        # at the foot of the text's last page when that is even and has room (7.4); a 信函's
        # framed masthead leaves page 1 to the reader's layout: its 版记 keeps its own page
        end = docx_pages.text_end(body.element, known=body.runs) if even else None
        here = end is not None and not letter and imprint.fits_text_page(end, document.imprint)
        imprint.write(
            body.doc,
            document.imprint,
            letter=letter,
            even_page=even and not here,
            on_text_page=here,
            # on a page of its own after text ending on an odd page: no blank page, numbered
            numbered=end is not None and not here and docx_pages.own_page_numbered(end),
        )


def write(document: Document, path: Path, comments: bool = True) -> None:
    DocxWriter(comments=comments).write(document, path)


def to_bytes(document: Document, comments: bool = True) -> bytes:
    """The .docx file's bytes, for drafter.api.render."""
    buffer = io.BytesIO()
    save(DocxWriter(comments=comments).build(document), buffer)
    return buffer.getvalue()
