"""Document model -> .docx laid out by GB/T 9704-2012.

The figures (page, fonts, sizes, indents, line pitch, distances) come from drafter.layout; this
module turns them into WordprocessingML: styles, sections, page-number fields, tables.
python-docx's ``font.name`` sets only the Latin fonts, so every run and style also gets
``w:rFonts/@w:eastAsia``; Latin text and digits use Times New Roman.

Speed (a batch builds thousands): python-docx builds, once per process, the template every draft
copies (styles, page, footers, package parts) and the paragraph, run and cell properties of each
layout; a draft's body is then lxml elements copied from those, because python-docx's per-run
API (ordered child insertion) was most of a draft's cost. The parts no draft writes into are
shared, not copied, and saved from bytes serialised and deflated once (save()).
tests/test_docx_writer.py checks that the shared parts stay as built and that save() writes
what python-docx's own save writes.

python-docx has no public handle on the XML beneath its objects; this writer uses the private
ones (_body, _sectPr, _p, _r, _parent, _element, _tr, _tbl) and its _ContentTypesItem, and
zipfile's _compressor. python-docx is pinned below 1.3 and tests/test_private_access.py fails
if any of them changes.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import time
import zipfile
import zlib
from copy import deepcopy
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.part import Part
from docx.opc.parts.coreprops import CorePropertiesPart
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.parts.document import DocumentPart
from docx.parts.hdrftr import HeaderPart
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from .. import diskcache
from .. import layout as L
from ..model import Document, Masthead, Paragraph, Role, Table
from ..output import atomic_path
from . import docx_fit, docx_letter, docx_package, docx_pages
from . import docx_imprint as imprint
from .ooxml import put

FANGSONG, HEITI, KAITI, XIAOBIAOSONG, SONGTI, LATIN = (
    L.FANGSONG,
    L.HEITI,
    L.KAITI,
    L.XIAOBIAOSONG,
    L.SONGTI,
    L.LATIN,
)
LINE_PITCH = L.LINE_PITCH_PT
RED = RGBColor.from_string(L.RED)
ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
LAYOUTS = L.ROLES
EMPHASIS_FONT = L.EMPHASIS_FONT


def set_fonts(rpr_owner, east_asia: str, latin: str = LATIN) -> None:
    """Write all four rFonts slots (and drop theme fonts, which would win over them)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _char_spacing(rpr_owner, size: float) -> None:
    """Body-size text runs a quarter point tighter, so 28 characters fill the line (see layout)."""
    if size != L.BODY_SIZE_PT:
        return
    rpr = rpr_owner.get_or_add_rPr()
    el = OxmlElement("w:spacing")
    el.set(qn("w:val"), str(L.CHAR_SPACING_TWENTIETHS))
    put(rpr, el)


def _no_orphan_control(fmt) -> None:
    """Widow control and keep-with-next leave pages a line or two short; 22 full lines win."""
    fmt.widow_control = False
    fmt.keep_with_next = False


SIGN_OFF_ROLES = (Role.SIGNATURE, Role.SIGNER_POST, Role.DATE)
SHARED_PUNCTUATION = re.compile("[" + L.SHARED_PUNCTUATION + "]+")  # see layout


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


def _set_indent(para, side: str, chars: float, size: float) -> None:
    """A left, right or hanging indent in characters (Word's *Chars) and in twips for others."""
    ind = para._p.get_or_add_pPr().get_or_add_ind()
    for attr in ("w:firstLineChars", "w:firstLine") if side == "hanging" else ():
        ind.attrib.pop(qn(attr), None)
    ind.set(qn(f"w:{side}"), str(round(chars * size * L.TWIPS_PER_PT)))
    ind.set(qn(f"w:{side}Chars"), str(round(chars * 100)))


def _no_auto_space(ppr_owner) -> None:
    """No extra gap between Chinese and digits or Latin (Word's and LibreOffice's default add one).
    LibreOffice reads it from the paragraph, not from the document defaults."""
    ppr = ppr_owner.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "0")
        put(ppr, el)


def _mark_size(block: Paragraph) -> float:
    """The masthead's size: the organ's choice (36 pt here), smaller when the name would not fit."""
    fit = L.mm_to_pt(L.TYPE_WIDTH_MM) / max(len(block.text), 1)
    return min(L.ORGAN_MARK_MAX_PT, math.floor(fit * 2) / 2)  # w:sz counts half points


def _off_grid(ppr_owner) -> None:
    """Text not of body size keeps its own exact pitch: the line grid would give it two lines."""
    ppr = ppr_owner.get_or_add_pPr()
    el = OxmlElement("w:snapToGrid")
    el.set(qn("w:val"), "0")
    put(ppr, el)


def _exact_spacing(fmt, before_lines: float = 0) -> None:
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH)
    fmt.space_before = Pt(LINE_PITCH * before_lines)
    fmt.space_after = Pt(0)


def _char_indent(pf, attr: str, chars: float, size: float) -> None:
    """Indent by characters: twips for every reader, *Chars for Word's own unit."""
    if not chars:
        return
    setattr(pf, attr, Pt(size * chars))
    ind = pf._element.get_or_add_pPr().get_or_add_ind()
    name = {
        "first_line_indent": "w:firstLineChars",
        "left_indent": "w:leftChars",
        "right_indent": "w:rightChars",
    }[attr]
    ind.set(qn(name), str(int(chars * 100)))


def _ends_masthead(block: Paragraph, following) -> bool:
    """The red rule goes under the document number, or under the organ mark when there is none."""
    if block.role is Role.DOC_NUMBER:
        return True
    return block.role is Role.ORGAN_MARK and not (
        isinstance(following, Paragraph) and following.role is Role.DOC_NUMBER
    )


_BLANK: list[docx.document.Document] = []
_TEMPLATE: list[docx.document.Document] = []
# Paragraph and run properties by layout, built once per process with python-docx and then
# copied into every draft: building them per draft was most of the writer's cost.
_PPR: dict = {}
_RPR: dict = {}
_STYLE_IDS: dict[str, str] = {}
_STATIC: dict = {}  # figures of the template every draft uses
_SHARED: dict[int, Part] = {}  # id -> template part, given to deepcopy as already copied
_FROZEN: dict[int, _Frozen] = {}  # id -> its _Frozen stand-in for saving
# The parts a draft writes into (body, comments' anchors, header text, properties): copied.
DRAFT_PARTS = (DocumentPart, HeaderPart, CorePropertiesPart)
DRAFT_PART_NAMES = ("/docProps/app.xml",)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_P, W_R, W_T, W_BR, W_TR, W_TBL_HEADER = (W + t for t in ("p", "r", "t", "br", "tr", "tblHeader"))
W_RFONTS, W_HINT, W_VAL = W + "rFonts", W + "hint", W + "val"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
RUN_CONTROL = re.compile("[\t\n\r]")  # python-docx's run.text turns these into tabs and breaks
RUN_CONTROL_SPLIT = re.compile("([\t\n])")


def blank_document() -> docx.document.Document:
    """python-docx's default document, parsed once per process: each build edits its own copy."""
    if not _BLANK:
        _BLANK.append(docx.Document())
    return deepcopy(_BLANK[0])


def template() -> docx.document.Document:
    """A copy of the page, styles, footers and package parts every draft shares, built once per
    process; a draft adds its header text, body, review comments and properties. The parts no
    draft writes into (styles, settings, theme, fonts, footers …) are not copied but shared, and
    saved from bytes serialised once (see save)."""
    if not _TEMPLATE:
        doc = docx.Document()  # built on once, kept in _TEMPLATE: no copy of a blank (11 ms)
        _STYLE_IDS.update(
            {name: doc.styles[name].style_id for name in {lay.style for lay in LAYOUTS.values()}}
        )
        _STATIC["table_grid"] = doc.styles["Table Grid"].style_id
        DocxWriter._styles(doc)
        DocxWriter._page(doc)
        body = doc.element.body  # not doc._body: a deep copy would detach that handle
        for p in list(body.iterchildren(qn("w:p"))):
            body.remove(p)
        docx_package.prepare(doc)
        section = doc.sections[-1]  # the type area's width, as doc.add_table gives a new table
        width, left, right = section.page_width, section.left_margin, section.right_margin
        assert width is not None and left is not None and right is not None  # set just above
        _STATIC["block_width"] = Emu(width - left - right)
        deflated = diskcache.Memo(
            f"docx-deflated-{zlib.ZLIB_RUNTIME_VERSION}.marshal", repr(DEFLATE)
        )
        for part in doc.part.package.iter_parts():
            if not isinstance(part, DRAFT_PARTS) and part.partname not in DRAFT_PART_NAMES:
                _SHARED[id(part)] = part
                _FROZEN[id(part)] = _Frozen(part, deflated)
        deflated.save()
        _TEMPLATE.append(doc)
    return deepcopy(_TEMPLATE[0], dict(_SHARED))


DEFLATE = (zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile's ZIP_DEFLATED


def _deflate(blob: bytes) -> bytes:
    packer = zlib.compressobj(*DEFLATE)
    return packer.compress(blob) + packer.flush()


class _Frozen:
    """A shared part as the package writer sees it: its XML serialised, and deflated as zipfile
    deflates it, once per machine (styles.xml alone is 350 kB, 6 ms to deflate): the deflated
    bytes are kept in drafter's disk cache, by digest of the part's bytes."""

    def __init__(self, part, deflated: diskcache.Memo) -> None:
        self.partname, self.content_type, self.rels = part.partname, part.content_type, part.rels
        self.blob = part.blob
        self.deflated = deflated.get(self.blob, _deflate)


class _Replay:
    """Stands in for zipfile's compressor on a member whose deflated bytes are known."""

    def __init__(self, deflated: bytes) -> None:
        self.deflated = deflated

    def compress(self, data: bytes) -> bytes:
        return b""

    def flush(self) -> bytes:
        return self.deflated


_CONTENT_TYPES: dict[tuple, bytes] = {}


def _content_types(parts) -> bytes:
    """[Content_Types].xml, which depends only on the parts' names and types."""
    key = tuple((str(part.partname), part.content_type) for part in parts)
    if key not in _CONTENT_TYPES:
        # private: python-docx's own content-types writer (tests/test_private_access.py)
        _CONTENT_TYPES[key] = _ContentTypesItem.from_parts(parts).blob
    return _CONTENT_TYPES[key]


def _write_deflated(zf: zipfile.ZipFile, name: str, data: bytes, deflated: bytes) -> None:
    """zf.writestr(name, data), replaying deflated bytes known beforehand. zipfile still computes
    the CRC and sizes from the data; were its private _compressor renamed, it would simply
    deflate again (tests/test_private_access.py notices)."""
    info = zipfile.ZipInfo(name, date_time=time.localtime(time.time())[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    info.file_size = len(data)
    with zf.open(info, mode="w") as dest:
        dest._compressor = _Replay(deflated)  # type: ignore[attr-defined]
        dest.write(data)


def save(doc: docx.document.Document, target) -> None:
    """doc.save(target), member for member and byte for byte as python-docx's PackageWriter
    writes it, but the shared parts come from their serialised and deflated bytes."""
    package = doc.part.package
    parts: list[Part | _Frozen] = [_FROZEN.get(id(part), part) for part in package.parts]
    for part in parts:
        if isinstance(part, Part):
            part.before_marshal()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _content_types(parts))
        zf.writestr("_rels/.rels", package.rels.xml)
        for part in parts:
            if isinstance(part, _Frozen):
                _write_deflated(zf, part.partname.membername, part.blob, part.deflated)
            else:
                zf.writestr(part.partname.membername, part.blob)
            if len(part.rels):
                zf.writestr(part.partname.rels_uri.membername, part.rels.xml)


def _scratch() -> DocxParagraph:
    """A paragraph in no document, to build cached properties with python-docx."""
    return DocxParagraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]


class DocxWriter:
    def __init__(self, comments: bool = True):
        self.comments = comments

    def write(self, document: Document, path: Path) -> None:
        doc = self.build(document)
        with atomic_path(path) as tmp:
            save(doc, str(tmp))

    # -- document ---------------------------------------------------------------
    def build(self, document: Document) -> docx.document.Document:
        doc = template()
        self._doc = doc
        self._container = doc._body
        body = self._container._body
        self._end = body.find(qn("w:sectPr"))  # the body's paragraphs and tables go before it
        self._letter_first = False
        self._mark_size = L.ORGAN_MARK_MAX_PT
        self._runs: dict = {}  # body paragraph -> its runs, for docx_pages
        self._header(doc, " ".join(filter(None, [document.running_head, document.header_text])))
        texts = {p.role: p.text for p in document.paragraphs() if p.role in SIGN_OFF_ROLES}
        self._signature_ems = L.text_ems(texts.get(Role.SIGNATURE, ""))
        self._date_ems = L.text_ems(texts.get(Role.DATE, ""))
        letter = document.masthead is Masthead.LETTER
        if letter:
            docx_letter.no_first_page_number(doc.sections[0])
        last = None
        self._sign_off_space = None if letter else self._fit_sign_off(document)
        for i, part in enumerate(document.parts):
            kept = docx_fit.kept_with_next(part.blocks) if i == 0 else set()
            for j, block in enumerate(part.blocks):
                if isinstance(block, Table):
                    if j and isinstance(part.blocks[j - 1], Paragraph) and last is not None:
                        # one blank line between a title (or text) and its table
                        last.paragraph_format.space_after = Pt(LINE_PITCH)
                    self._table(doc, block)
                    last = None
                    continue
                para = last = self._paragraph(doc, block)
                self._adjust(para, block, document)
                if block.keep_with_next or j in kept:
                    para.paragraph_format.keep_with_next = True
                if i > 0 and j == 0:
                    para.paragraph_format.page_break_before = True
                if j == 0 and block.role is Role.TITLE:  # the title opens its page
                    para.paragraph_format.space_before = Pt(0)
                    para.paragraph_format.space_after = Pt(LINE_PITCH * L.PART_TITLE_LINES_AFTER)
                following = part.blocks[j + 1] if j + 1 < len(part.blocks) else None
                if letter and i == 0:
                    self._letter(doc, para, block, j)
                elif _ends_masthead(block, following):
                    self._red_rule(para, document.masthead is Masthead.PREPRINTED)
        if document.imprint is not None:
            # printed with the plan (more than one part), or a document issued under its own
            # masthead (a genre's parts: [issued, …]), on both sides: an even page (7.4)
            issued = any(
                isinstance(b, Paragraph) and b.role is Role.ORGAN_MARK
                for b in document.parts[0].blocks
            )
            even = len(document.parts) > 1 or issued
            # at the foot of the text's last page when that is even and has room (7.4); a 信函's
            # framed masthead leaves page 1 to the reader's layout: its 版记 keeps its own page
            here = (
                even
                and not letter
                and imprint.fits_text_page(
                    docx_pages.text_end(self._container._body, known=self._runs),
                    document.imprint,
                    letter,
                )
            )
            imprint.write(
                doc, document.imprint, letter=letter, even_page=even and not here, on_text_page=here
            )
        docx_package.properties(doc, document.title, document.author)
        return doc

    @staticmethod
    def _styles(doc) -> None:
        normal = doc.styles["Normal"]
        normal.font.size = Pt(L.BODY_SIZE_PT)
        normal.font.color.rgb = RGBColor(0, 0, 0)
        set_fonts(normal.element, FANGSONG)
        _char_spacing(normal.element, L.BODY_SIZE_PT)
        _exact_spacing(normal.paragraph_format)
        _no_orphan_control(normal.paragraph_format)
        _no_auto_space(normal.element)
        for name, (font, size) in L.STYLES.items():
            style = doc.styles[name]
            style.font.size = Pt(size)
            style.font.bold = False
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            set_fonts(style.element, font)
            pf = style.paragraph_format
            _exact_spacing(pf)
            _no_orphan_control(pf)
            ppr = style.element.get_or_add_pPr()
            for border in ppr.findall(qn("w:pBdr")):  # Word's Title style has a rule under it
                ppr.remove(border)

    @staticmethod
    def _page(doc) -> None:
        """The page every draft shares: size, margins, grid, page numbers, (empty) headers."""
        section = doc.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(L.MARGIN_TOP_MM), Mm(L.MARGIN_BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(L.MARGIN_LEFT_MM), Mm(L.MARGIN_RIGHT_MM)
        section.footer_distance = Mm(L.FOOTER_DISTANCE_MM)
        section.header_distance = Mm(L.HEADER_DISTANCE_MM)
        # 22 lines on a line grid; 28 characters come from the runs' spacing (see layout).
        for grid in section._sectPr.findall(qn("w:docGrid")):
            section._sectPr.remove(grid)
        grid = OxmlElement("w:docGrid")
        grid.set(qn("w:type"), L.GRID_TYPE)
        grid.set(qn("w:linePitch"), str(L.GRID_LINE_PITCH_TWIPS))
        section._sectPr.append(grid)
        doc.settings.odd_and_even_pages_header_footer = True
        DocxWriter._page_number(section.footer.paragraphs[0], odd=True)
        DocxWriter._page_number(section.even_page_footer.paragraphs[0], odd=False)
        for header in (section.header, section.even_page_header):
            header.paragraphs[0]  # the header parts exist in every draft, with or without text

    @staticmethod
    def _header(doc, header_text: str | None) -> None:
        if not header_text:
            return
        section = doc.sections[0]
        for header in (section.header, section.even_page_header):
            para = header.paragraphs[0]
            para.alignment = WD_ALIGN_PARAGRAPH.LEFT
            run = para.add_run(header_text)
            # one line: a long header (a plan's title) takes a smaller size
            fit = L.mm_to_pt(L.TYPE_WIDTH_MM) / max(L.text_ems(header_text), 1)
            run.font.size = Pt(min(L.HEADER_SIZE_PT, math.floor(fit * 2) / 2))
            set_fonts(run._r, L.HEADER_FONT)

    @staticmethod
    def _page_number(para, odd: bool) -> None:
        """— N — from a PAGE field: odd pages right, even pages left, one character from the edge."""
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        pf = para.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(L.PAGE_NUMBER_LINE_PT)
        pf.space_before = pf.space_after = Pt(0)
        _off_grid(para._p)
        _char_indent(
            pf, "right_indent" if odd else "left_indent", L.PAGE_NUMBER_SIDE_CHARS, L.SIZE_4
        )
        pieces = [
            ("text", "— "),
            ("fld", "begin"),
            ("instr", " PAGE "),
            ("fld", "separate"),
            ("text", "1"),
            ("fld", "end"),
            ("text", " —"),
        ]
        for kind, value in pieces:
            run = para.add_run()
            run.font.size = Pt(L.PAGE_NUMBER_SIZE_PT)
            set_fonts(run._r, SONGTI, latin=SONGTI)
            if kind == "text":
                run.text = value
            elif kind == "fld":
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), value)
                run._r.append(el)
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = value
                run._r.append(el)

    # -- blocks -----------------------------------------------------------------
    def _letter(self, doc, para, block: Paragraph, j: int) -> None:
        """信函格式 (10.1): the mark and its double lines as frames; the number at the right."""
        if block.role is Role.ORGAN_MARK:
            self._mark_size = _mark_size(block)
            docx_letter.masthead(para, self._mark_size)
            self._letter_first = True
        elif self._letter_first and block.role in (Role.DOC_NUMBER, Role.TITLE):
            self._letter_first = False
            docx_letter.bottom_rule(doc, para)
            docx_letter.doc_number(para, self._mark_size)
            if block.role is Role.TITLE:  # no number: the title two lines under the line
                para.paragraph_format.space_before += Pt(LINE_PITCH * L.TITLE_LINES_BELOW_RED_RULE)
                para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _fit_sign_off(self, document: Document) -> float | None:
        """The notice's space above its sign-off when the usual one would leave the sign-off
        alone on a page (docx_fit, GB/T 9704 7.3.5.5)."""
        blocks = document.parts[0].blocks if document.parts else []
        offs = L.sign_off(document.sign_off.value, self._signature_ems, self._date_ems)
        befores = {Role(name): lines for name, (_right, lines) in offs.items()}
        first = blocks[0] if blocks else None
        mark = L.ORGAN_MARK_MAX_PT
        if isinstance(first, Paragraph) and first.role is Role.ORGAN_MARK:
            mark = _mark_size(first)
        return docx_fit.sign_off_space(blocks, befores, mark)

    def _adjust(self, para, block: Paragraph, document: Document) -> None:
        """What depends on more than the role: sign-off layout, hanging lines, masthead mode."""
        pf = para.paragraph_format
        if block.role in SIGN_OFF_ROLES:
            right, before = L.sign_off(
                document.sign_off.value, self._signature_ems, self._date_ems
            )[block.role.value]
            _set_indent(para, "right", right, L.BODY_SIZE_PT)
            pf.space_before = Pt(LINE_PITCH * before)
            if self._sign_off_space is not None:  # 7.3.5.5: less room, on the text's page
                if before:
                    pf.space_before = Pt(self._sign_off_space)
                _off_grid(para._p)  # LibreOffice would snap the lines back to the grid's rows
        if block.role is Role.NOTE and self._sign_off_space is not None:
            _off_grid(para._p)
        if block.hang:
            base = LAYOUTS[block.role]
            start = base.hang_from
            if start is None:
                start = base.left_chars or base.first_line_chars
            left = start + L.text_ems(block.text[: block.hang])
            _set_indent(para, "left", left, L.BODY_SIZE_PT)
            _set_indent(para, "hanging", L.text_ems(block.text[: block.hang]), L.BODY_SIZE_PT)
            tight = L.condensed_twentieths(L.text_ems(block.text)) if start == 0 else None
            for el in para._p.iter(qn("w:spacing")) if tight is not None else ():
                if el.getparent().tag == qn("w:rPr"):  # a run's, not the paragraph's
                    el.set(qn("w:val"), str(tight))
            if tight is not None and para._p in self._runs:
                runs = self._runs[para._p]
                runs[:] = [(t, size, tight / 20) for t, size, _s in runs]
        if block.role is Role.ORGAN_MARK:  # a shrunk mark's line shrinks with it: 35 mm stays
            pf.line_spacing = Pt(_mark_size(block))
        if block.role is Role.ORGAN_MARK and document.masthead is Masthead.PREPRINTED:
            for t in para._p.iter(qn("w:t")):  # the paper carries the mark: keep only its room
                t.text = ""

    def _new_p(self):
        """A w:p at the end of the body (before its sectPr), like doc.add_paragraph()."""
        p = self._end.makeelement(W_P, {})
        self._end.addprevious(p)
        return p

    def _paragraph(self, doc, block: Paragraph) -> DocxParagraph:
        # lxml directly: python-docx's per-run API (ordered child insertion) cost most of a draft.
        layout = LAYOUTS[block.role]
        p = self._new_p()
        p.append(_ppr(block.role).__copy__())
        para = DocxParagraph(p, self._container)
        size = _mark_size(block) if block.role is Role.ORGAN_MARK else layout.size
        offset = 0
        spacing = L.CHAR_SPACING_TWENTIETHS / 20  # the runs' own, or Normal's
        pieces: list[docx_pages.Piece] = []
        self._runs[p] = pieces
        for span in block.spans:
            rpr = _rpr(EMPHASIS_FONT.get(span.emphasis, layout.font), size, layout.color)
            if "\n" in span.text or "\t" in span.text:
                r = self._run_element(p, rpr, hint=False)
                first = Run(r, para)
                first.text = span.text  # python-docx turns these into breaks and tabs
                split = RUN_CONTROL_SPLIT.split(span.text.replace("\r", "\n"))
                pieces += [(t, size, spacing) for t in split if t]
            else:
                first = None
                for start, text, shared in _pieces(span.text, offset, block.breaks):
                    r = self._run_element(p, rpr, hint=shared)
                    if start in block.breaks and start:  # a title's line break (7.3.1)
                        r.append(r.makeelement(W_BR, {}))
                        pieces.append(("\n", size, spacing))
                    pieces.append((text, size, spacing))
                    t = r.makeelement(W_T, {XML_SPACE: "preserve"})
                    t.text = text
                    r.append(t)
                    first = first or Run(r, para)
            offset += len(span.text)
            if span.note and self.comments and first is not None:
                doc.add_comment(first, text=span.note, author="drafter", initials="DR")
        return para

    @staticmethod
    def _run_element(p, rpr, hint: bool):
        r = p.makeelement(W_R, {})
        props = rpr.__copy__()  # lxml's copy is deep; copy.deepcopy only adds dispatch
        if hint:  # shared punctuation takes the Chinese face (w:hint), not Times New Roman
            fonts = props.find(W_RFONTS)
            if fonts is not None:
                fonts.set(W_HINT, "eastAsia")
        r.append(props)
        p.append(r)
        return r

    @staticmethod
    def _red_rule(para, preprinted: bool = False) -> None:
        """The red separator under the document number, as wide as the type area. On 红头 paper
        the rule is printed already: the border keeps its room but is white (not printed)."""
        ppr = para._p.get_or_add_pPr()
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
        put(ppr, bdr)

    def _table(self, doc, table: Table) -> None:
        """The table and one model row by python-docx; each row is a copy of the model row
        filled with lxml (python-docx's per-cell API cost a third of a draft)."""
        rows = ([table.columns] if table.header else []) + table.rows
        ncols = len(table.columns)
        # doc.add_table(rows=2, cols=ncols, style=…) without its scans of sections and styles
        tbl = CT_Tbl.new_tbl(2, ncols, _STATIC["block_width"])
        self._end.addprevious(tbl)
        grid = DocxTable(tbl, self._container)
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        if table.ruled:
            tbl.tblStyle_val = _STATIC["table_grid"]
        size = L.TABLE_SIZE_PT if table.ruled else L.BODY_SIZE_PT
        # Ruled tables: two lines of 小四 to a body line; borderless ones keep the body's pitch.
        pitch = L.TABLE_RULED_LINE_PT if table.ruled else LINE_PITCH
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(round(L.mm_to_pt(L.TABLE_CELL_MARGIN_MM) * L.TWIPS_PER_PT)))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        put(tbl.tblPr, margins)
        widths: list[float] = []
        if table.widths_mm:
            grid.autofit = False
            widths = L.fit_widths(table.widths_mm, rows, size)
            for col, width in zip(grid.columns, widths, strict=False):
                col.width = Mm(width)  # the cells get theirs row by row below
        model, plain = grid.rows[0], grid.rows[1]  # a filled row's cells; an unfilled row's
        tr_pr = model._tr.get_or_add_trPr()
        keep = OxmlElement("w:cantSplit")  # a row never breaks across pages
        keep.set(qn("w:val"), "true")
        tr_pr.append(keep)
        if table.ruled:  # at least one grid line tall
            height = OxmlElement("w:trHeight")
            height.set(qn("w:val"), str(round(L.TABLE_ROW_MIN_PT * L.TWIPS_PER_PT)))
            height.set(qn("w:hRule"), "atLeast")
            tr_pr.append(height)
        for c, cell in enumerate(model.cells):
            if table.widths_mm and c < len(widths):
                cell.width = Mm(widths[c])
            if table.ruled:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        filled_tcs = [deepcopy(tc) for tc in model._tr.tc_lst]
        plain_tcs = [deepcopy(tc) for tc in plain._tr.tc_lst]
        model_pr = deepcopy(tr_pr)
        tbl.remove(model._tr)
        tbl.remove(plain._tr)
        font_rpr = {
            True: _cell_rpr(L.TABLE_HEADER_FONT, size),
            False: _cell_rpr(L.TABLE_FONT, size),
        }
        for r, values in enumerate(rows):
            is_header = table.header and r == 0
            tr = tbl.makeelement(W_TR, {})
            props = model_pr.__copy__()
            if is_header:
                props.append(props.makeelement(W_TBL_HEADER, {W_VAL: "true"}))
            tr.append(props)
            for c in range(ncols):
                if c >= len(values):
                    tr.append(plain_tcs[c].__copy__())
                    continue
                value = values[c]
                tc = filled_tcs[c].__copy__()
                tr.append(tc)
                if is_header or (table.ruled and c == 0):
                    align = WD_ALIGN_PARAGRAPH.CENTER
                elif L.NUMBER.match(value.strip()):
                    align = WD_ALIGN_PARAGRAPH.RIGHT
                else:
                    align = WD_ALIGN_PARAGRAPH.LEFT
                p = tc[-1]
                p.insert(0, _cell_ppr(pitch, align).__copy__())
                split = RUN_CONTROL_SPLIT.split(value.replace("\r", "\n"))
                self._runs[p] = [(t, size, L.CHAR_SPACING_TWENTIETHS / 20) for t in split if t]
                run = p.makeelement(W_R, {})
                run.append(font_rpr[is_header].__copy__())
                p.append(run)
                if RUN_CONTROL.search(value):
                    Run(run, None).text = value  # type: ignore[arg-type]  # tabs, breaks
                elif value:  # as python-docx's run.text writes it
                    t = run.makeelement(W_T, {})
                    t.text = value
                    if len(value.strip()) < len(value):
                        t.set(XML_SPACE, "preserve")
                    run.append(t)
            tbl.append(tr)


# Paragraph and run properties are built once per layout with python-docx, then copied:
# python-docx's ordered child insertion is the writer's main cost otherwise.
def _ppr(role: Role):
    if role not in _PPR:
        layout = LAYOUTS[role]
        para = _scratch()
        if layout.style != "Normal":
            para._p.style = _STYLE_IDS[layout.style]
        pf = para.paragraph_format
        pf.alignment = ALIGN[layout.align]
        _exact_spacing(pf, layout.lines_before)
        if role is Role.ORGAN_MARK:  # one line as tall as its type, 35 mm into the type area
            pf.line_spacing = Pt(layout.size)
            pf.space_before = Mm(L.MASTHEAD_TOP_BELOW_TYPE_AREA_MM)
        if layout.size != L.BODY_SIZE_PT:
            _off_grid(para._p)
        _no_auto_space(para._p)
        _char_indent(pf, "first_line_indent", layout.first_line_chars, layout.size)
        _char_indent(pf, "left_indent", layout.left_chars, layout.size)
        _char_indent(pf, "right_indent", layout.right_chars, layout.size)
        _PPR[role] = para._p.pPr
    return _PPR[role]


def _rpr(font: str, size: float, color: str | None):
    key = (font, size, str(color))
    if key not in _RPR:
        run = _scratch().add_run()
        run.font.size = Pt(size)
        run.font.bold = False
        if color is not None:
            run.font.color.rgb = RGBColor.from_string(color)
        set_fonts(run._r, font)
        _char_spacing(run._r, size)
        _RPR[key] = run._r.rPr
    return _RPR[key]


# Cell paragraph and run properties, like the body's: built once with python-docx, then copied.
def _cell_ppr(pitch: float, align: WD_ALIGN_PARAGRAPH):
    key = ("cell", pitch, align)
    if key not in _PPR:
        para = _scratch()
        pf = para.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(pitch)
        pf.space_before = pf.space_after = Pt(0)
        pf.alignment = align
        _off_grid(para._p)
        _no_auto_space(para._p)
        _PPR[key] = para._p.pPr
    return _PPR[key]


def _cell_rpr(font: str, size: float):
    key = ("cell", font, size)
    if key not in _RPR:
        run = _scratch().add_run()
        run.font.size = Pt(size)
        set_fonts(run._r, font)
        _RPR[key] = run._r.rPr
    return _RPR[key]


def write(document: Document, path: Path, comments: bool = True) -> None:
    DocxWriter(comments=comments).write(document, path)


def to_bytes(document: Document, comments: bool = True) -> bytes:
    """The .docx file's bytes, for drafter.api.render."""
    buffer = io.BytesIO()
    save(DocxWriter(comments=comments).build(document), buffer)
    return buffer.getvalue()
