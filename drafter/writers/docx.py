"""Document model -> .docx laid out by GB/T 9704-2012.

The figures (page, fonts, sizes, indents, line pitch, distances) come from drafter.layout; this
module turns them into WordprocessingML: styles, sections, page-number fields, tables.
python-docx's ``font.name`` sets only the Latin fonts, so every run and style also gets
``w:rFonts/@w:eastAsia``; Latin text and digits use Times New Roman.

python-docx has no public handle on the XML beneath its objects; this writer uses the private
ones (_body, _sectPr, _p, _r, _parent, _element, _tr). python-docx is pinned below 1.3 and
tests/test_private_access.py fails if any of them changes.
"""

from __future__ import annotations

import io
import itertools
import math
import re
from copy import deepcopy
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.run import Run

from .. import layout as L
from ..model import Document, Masthead, Paragraph, Role, Table
from ..output import atomic_path
from . import docx_imprint as imprint
from . import docx_letter, docx_package
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
# Punctuation Latin and Chinese share: without w:hint="eastAsia" Word sets it in the Latin font
# (Times New Roman). The hint goes on these runs only: on a run with digits LibreOffice would
# treat the digits as Chinese and break lines between them.
SHARED_PUNCTUATION = re.compile("[“”‘’—…·–]+")


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
    return min(L.ORGAN_MARK_MAX_PT, L.mm_to_pt(L.TYPE_WIDTH_MM) / max(len(block.text), 1))


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


def blank_document() -> docx.document.Document:
    """python-docx's default document, parsed once per process: each build edits its own copy."""
    if not _BLANK:
        _BLANK.append(docx.Document())
    return deepcopy(_BLANK[0])


class DocxWriter:
    def __init__(self, comments: bool = True):
        self.comments = comments

    def write(self, document: Document, path: Path) -> None:
        doc = self.build(document)
        with atomic_path(path) as tmp:
            doc.save(str(tmp))

    # -- document ---------------------------------------------------------------
    def build(self, document: Document) -> docx.document.Document:
        doc = blank_document()
        self._styles(doc)
        self._ppr_cache: dict = {}
        self._letter_first = False
        self._mark_size = L.ORGAN_MARK_MAX_PT
        self._rpr_cache: dict = {}
        # Looking a style up by name scans every style; resolve each id once.
        self._style_ids = {
            name: doc.styles[name].style_id for name in {lay.style for lay in LAYOUTS.values()}
        }
        self._page(doc, " ".join(filter(None, [document.running_head, document.header_text])))
        texts = {p.role: p.text for p in document.paragraphs() if p.role in SIGN_OFF_ROLES}
        self._signature_ems = L.text_ems(texts.get(Role.SIGNATURE, ""))
        self._date_ems = L.text_ems(texts.get(Role.DATE, ""))
        body = doc._body._body
        for p in list(body.iterchildren(qn("w:p"))):
            body.remove(p)
        letter = document.masthead is Masthead.LETTER
        if letter:
            docx_letter.no_first_page_number(doc.sections[0])
        for i, part in enumerate(document.parts):
            for j, block in enumerate(part.blocks):
                if isinstance(block, Table):
                    if j and isinstance(part.blocks[j - 1], Paragraph):
                        # one blank line between a title (or text) and its table
                        doc.paragraphs[-1].paragraph_format.space_after = Pt(LINE_PITCH)
                    self._table(doc, block)
                    continue
                para = self._paragraph(doc, block)
                self._adjust(para, block, document)
                if block.keep_with_next:
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
            imprint.write(doc, document.imprint, document.masthead is Masthead.LETTER)
        docx_package.finish(doc, document.title, document.author)
        return doc

    def _styles(self, doc) -> None:
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

    def _page(self, doc, header_text: str | None) -> None:
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
        self._page_number(section.footer.paragraphs[0], odd=True)
        self._page_number(section.even_page_footer.paragraphs[0], odd=False)
        for header in (section.header, section.even_page_header):
            para = header.paragraphs[0]
            if header_text:
                para.alignment = WD_ALIGN_PARAGRAPH.LEFT
                run = para.add_run(header_text)
                # one line: a long header (a plan's title) takes a smaller size
                fit = L.mm_to_pt(L.TYPE_WIDTH_MM) / max(L.text_ems(header_text), 1)
                run.font.size = Pt(min(L.HEADER_SIZE_PT, math.floor(fit * 2) / 2))
                set_fonts(run._r, L.HEADER_FONT)

    def _page_number(self, para, odd: bool) -> None:
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

    def _adjust(self, para, block: Paragraph, document: Document) -> None:
        """What depends on more than the role: sign-off layout, hanging lines, masthead mode."""
        pf = para.paragraph_format
        if block.role in SIGN_OFF_ROLES:
            right, before = L.sign_off(
                document.sign_off.value, self._signature_ems, self._date_ems
            )[block.role.value]
            _set_indent(para, "right", right, L.BODY_SIZE_PT)
            pf.space_before = Pt(LINE_PITCH * before)
        if block.hang:
            base = LAYOUTS[block.role]
            left = (base.left_chars or base.first_line_chars) + L.text_ems(block.text[: block.hang])
            _set_indent(para, "left", left, L.BODY_SIZE_PT)
            _set_indent(para, "hanging", L.text_ems(block.text[: block.hang]), L.BODY_SIZE_PT)
        if block.role is Role.ORGAN_MARK and document.masthead is Masthead.PREPRINTED:
            for t in para._p.iter(qn("w:t")):  # the paper carries the mark: keep only its room
                t.text = ""

    def _paragraph(self, doc, block: Paragraph):
        layout = LAYOUTS[block.role]
        para = doc.add_paragraph()
        para._p.insert(0, deepcopy(self._ppr(doc, block.role)))
        size = _mark_size(block) if block.role is Role.ORGAN_MARK else layout.size
        offset = 0
        for span in block.spans:
            rpr = self._rpr(doc, EMPHASIS_FONT.get(span.emphasis, layout.font), size, layout.color)
            if "\n" in span.text or "\t" in span.text:
                r = self._run_element(para, rpr, hint=False)
                first = Run(r, para)
                first.text = span.text  # python-docx turns these into breaks and tabs
            else:
                first = None
                for start, text, shared in _pieces(span.text, offset, block.breaks):
                    r = self._run_element(para, rpr, hint=shared)
                    if start in block.breaks and start:  # a title's line break (7.3.1)
                        r.append(OxmlElement("w:br"))
                    t = OxmlElement("w:t")
                    t.set(qn("xml:space"), "preserve")
                    t.text = text
                    r.append(t)
                    first = first or Run(r, para)
            offset += len(span.text)
            if span.note and self.comments and first is not None:
                doc.add_comment(first, text=span.note, author="drafter", initials="DR")
        return para

    @staticmethod
    def _run_element(para, rpr, hint: bool):
        r = OxmlElement("w:r")
        props = deepcopy(rpr)
        if hint:  # shared punctuation takes the Chinese face (w:hint), not Times New Roman
            fonts = props.find(qn("w:rFonts"))
            if fonts is not None:
                fonts.set(qn("w:hint"), "eastAsia")
        r.append(props)
        para._p.append(r)
        return r

    # Paragraph and run properties are built once per layout with python-docx, then copied:
    # python-docx's ordered child insertion is the writer's main cost otherwise.
    def _ppr(self, doc, role: Role):
        if role not in self._ppr_cache:
            layout = LAYOUTS[role]
            para = doc.add_paragraph()
            if layout.style != "Normal":
                para._p.style = self._style_ids[layout.style]
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
            self._ppr_cache[role] = para._p.pPr
            para._p.getparent().remove(para._p)
        return self._ppr_cache[role]

    def _rpr(self, doc, font: str, size: float, color: str | None):
        key = (font, size, str(color))
        if key not in self._rpr_cache:
            run = doc.add_paragraph().add_run()
            run.font.size = Pt(size)
            run.font.bold = False
            if color is not None:
                run.font.color.rgb = RGBColor.from_string(color)
            set_fonts(run._r, font)
            _char_spacing(run._r, size)
            self._rpr_cache[key] = run._r.rPr
            run._parent._p.getparent().remove(run._parent._p)
        return self._rpr_cache[key]

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
        rows = ([table.columns] if table.header else []) + table.rows
        grid = doc.add_table(rows=len(rows), cols=len(table.columns))
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        if table.ruled:
            grid.style = doc.styles["Table Grid"]
        size = L.TABLE_SIZE_PT if table.ruled else L.BODY_SIZE_PT
        # Ruled tables: two lines of 小四 to a body line; borderless ones keep the body's pitch.
        pitch = L.TABLE_RULED_LINE_PT if table.ruled else LINE_PITCH
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(round(L.mm_to_pt(L.TABLE_CELL_MARGIN_MM) * L.TWIPS_PER_PT)))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        put(grid._tbl.tblPr, margins)
        widths: list[float] = []
        if table.widths_mm:
            grid.autofit = False
            widths = L.fit_widths(table.widths_mm, rows, size)
            for col, width in zip(grid.columns, widths, strict=False):
                col.width = Mm(width)  # the cells get theirs row by row below
        for r, (row, values) in enumerate(zip(grid.rows, rows, strict=False)):
            cells = row.cells  # Table.cell() rebuilds the whole cell list on every call
            is_header = table.header and r == 0
            tr_pr = row._tr.get_or_add_trPr()
            keep = OxmlElement("w:cantSplit")  # a row never breaks across pages
            keep.set(qn("w:val"), "true")
            tr_pr.append(keep)
            if table.ruled:  # at least one grid line tall
                height = OxmlElement("w:trHeight")
                height.set(qn("w:val"), str(round(L.TABLE_ROW_MIN_PT * L.TWIPS_PER_PT)))
                height.set(qn("w:hRule"), "atLeast")
                tr_pr.append(height)
            if is_header:
                el = OxmlElement("w:tblHeader")
                el.set(qn("w:val"), "true")
                tr_pr.append(el)
            for c, value in enumerate(values):
                if table.widths_mm and c < len(widths):
                    cells[c].width = Mm(widths[c])
                if table.ruled:
                    cells[c].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                para = cells[c].paragraphs[0]
                if is_header or (table.ruled and c == 0):
                    align = WD_ALIGN_PARAGRAPH.CENTER
                elif L.NUMBER.match(value.strip()):
                    align = WD_ALIGN_PARAGRAPH.RIGHT
                else:
                    align = WD_ALIGN_PARAGRAPH.LEFT
                para._p.insert(0, deepcopy(self._cell_ppr(doc, pitch, align)))
                run = para.add_run(value)
                font = L.TABLE_HEADER_FONT if is_header else L.TABLE_FONT
                run._r.insert(0, deepcopy(self._cell_rpr(doc, font, size)))

    # Cell paragraph and run properties, like the body's: built once with python-docx, then copied.
    def _cell_ppr(self, doc, pitch: float, align: WD_ALIGN_PARAGRAPH):
        key = ("cell", pitch, align)
        if key not in self._ppr_cache:
            para = doc.add_paragraph()
            pf = para.paragraph_format
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(pitch)
            pf.space_before = pf.space_after = Pt(0)
            pf.alignment = align
            _off_grid(para._p)
            _no_auto_space(para._p)
            self._ppr_cache[key] = para._p.pPr
            para._p.getparent().remove(para._p)
        return self._ppr_cache[key]

    def _cell_rpr(self, doc, font: str, size: float):
        key = ("cell", font, size)
        if key not in self._rpr_cache:
            run = doc.add_paragraph().add_run()
            run.font.size = Pt(size)
            set_fonts(run._r, font)
            self._rpr_cache[key] = run._r.rPr
            run._parent._p.getparent().remove(run._parent._p)
        return self._rpr_cache[key]


def write(document: Document, path: Path, comments: bool = True) -> None:
    DocxWriter(comments=comments).write(document, path)


def to_bytes(document: Document, comments: bool = True) -> bytes:
    """The .docx file's bytes, for drafter.api.render."""
    buffer = io.BytesIO()
    DocxWriter(comments=comments).build(document).save(buffer)
    return buffer.getvalue()
