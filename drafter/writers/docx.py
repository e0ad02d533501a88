"""Document model -> .docx laid out by GB/T 9704-2012.

All layout lives here: page, fonts, sizes, indents, line pitch, page-number fields.
python-docx's ``font.name`` sets only the Latin fonts, so every run and style also gets
``w:rFonts/@w:eastAsia``; Latin text and digits use Times New Roman.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.run import Run

from ..model import Document, Emphasis, Paragraph, Role, Table
from ..output import atomic_path

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"
LATIN = "Times New Roman"

SIZE_2 = 22.0  # 2号
SIZE_3 = 16.0  # 3号
SIZE_4 = 14.0  # 4号
SIZE_SMALL_4 = 12.0  # 小四, for ruled tables
LINE_PITCH = 28.95  # exact line spacing in pt: 22 lines in the 225 mm type area
TYPE_WIDTH_MM = 156
RED = RGBColor(0xFF, 0x00, 0x00)

PAGE = dict(width=210, height=297, top=37, bottom=35, left=28, right=26)


@dataclass(frozen=True)
class Layout:
    font: str = FANGSONG
    size: float = SIZE_3
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    first_line_chars: float = 0
    left_chars: float = 0
    right_chars: float = 0
    lines_before: float = 0
    style: str = "Normal"
    color: RGBColor | None = None


LAYOUTS: dict[Role, Layout] = {
    Role.ORGAN_MARK: Layout(font=XIAOBIAOSONG, size=36, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED),
    Role.DOC_NUMBER: Layout(align=WD_ALIGN_PARAGRAPH.CENTER, lines_before=2),
    Role.TITLE: Layout(
        font=XIAOBIAOSONG,
        size=SIZE_2,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        lines_before=1,
        style="Title",
    ),
    Role.ADDRESSEE: Layout(align=WD_ALIGN_PARAGRAPH.LEFT, lines_before=1),
    Role.BODY: Layout(first_line_chars=2),
    Role.HEADING1: Layout(font=HEITI, first_line_chars=2, style="Heading 1"),
    Role.HEADING2: Layout(font=KAITI, first_line_chars=2, style="Heading 2"),
    Role.SIGNATURE: Layout(align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=2, lines_before=1),
    Role.DATE: Layout(align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=2),
    Role.NOTE: Layout(first_line_chars=2, lines_before=1),
    Role.ATTACHMENT_LIST: Layout(first_line_chars=2, lines_before=1, align=WD_ALIGN_PARAGRAPH.LEFT),
    Role.ATTACHMENT_LIST_MORE: Layout(left_chars=5, align=WD_ALIGN_PARAGRAPH.LEFT),
    Role.ATTACHMENT_LABEL: Layout(font=HEITI, align=WD_ALIGN_PARAGRAPH.LEFT),
    Role.ATTACHMENT_TITLE: Layout(
        font=XIAOBIAOSONG,
        size=SIZE_2,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        lines_before=1,
        style="Title",
    ),
}
EMPHASIS_FONT = {Emphasis.LEAD2: KAITI}


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


class DocxWriter:
    def __init__(self, comments: bool = True):
        self.comments = comments

    def write(self, document: Document, path: Path) -> None:
        doc = self.build(document)
        with atomic_path(path) as tmp:
            doc.save(str(tmp))

    # -- document ---------------------------------------------------------------
    def build(self, document: Document) -> docx.document.Document:
        doc = docx.Document()
        doc.core_properties.title = document.title
        doc.core_properties.author = ""
        self._styles(doc)
        self._ppr_cache: dict = {}
        self._rpr_cache: dict = {}
        # Looking a style up by name scans every style; resolve each id once.
        self._style_ids = {
            name: doc.styles[name].style_id for name in {lay.style for lay in LAYOUTS.values()}
        }
        self._page(doc, document.header_text)
        body = doc._body._body
        for p in list(body.iterchildren(qn("w:p"))):
            body.remove(p)
        for i, part in enumerate(document.parts):
            for j, block in enumerate(part.blocks):
                if isinstance(block, Table):
                    self._table(doc, block)
                    continue
                para = self._paragraph(doc, block)
                if i > 0 and j == 0:
                    para.paragraph_format.page_break_before = True
                following = part.blocks[j + 1] if j + 1 < len(part.blocks) else None
                if _ends_masthead(block, following):
                    self._red_rule(para)
        return doc

    def _styles(self, doc) -> None:
        normal = doc.styles["Normal"]
        normal.font.size = Pt(SIZE_3)
        normal.font.color.rgb = RGBColor(0, 0, 0)
        set_fonts(normal.element, FANGSONG)
        _exact_spacing(normal.paragraph_format)
        for name, font, size in (
            ("Title", XIAOBIAOSONG, SIZE_2),
            ("Heading 1", HEITI, SIZE_3),
            ("Heading 2", KAITI, SIZE_3),
        ):
            style = doc.styles[name]
            style.font.size = Pt(size)
            style.font.bold = False
            style.font.italic = False
            style.font.color.rgb = RGBColor(0, 0, 0)
            set_fonts(style.element, font)
            pf = style.paragraph_format
            _exact_spacing(pf)
            pf.keep_with_next = name != "Title"
            ppr = style.element.get_or_add_pPr()
            for border in ppr.findall(qn("w:pBdr")):  # Word's Title style has a rule under it
                ppr.remove(border)

    def _page(self, doc, header_text: str | None) -> None:
        section = doc.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = Mm(PAGE["width"]), Mm(PAGE["height"])
        section.top_margin, section.bottom_margin = Mm(PAGE["top"]), Mm(PAGE["bottom"])
        section.left_margin, section.right_margin = Mm(PAGE["left"]), Mm(PAGE["right"])
        section.footer_distance = Mm(28)
        section.header_distance = Mm(15)
        # No snapping line grid: exact line spacing already gives 22 lines, and a grid would
        # push the 2号 title onto two grid lines per text line.
        for grid in section._sectPr.findall(qn("w:docGrid")):
            section._sectPr.remove(grid)
        doc.settings.odd_and_even_pages_header_footer = True
        self._page_number(section.footer.paragraphs[0], odd=True)
        self._page_number(section.even_page_footer.paragraphs[0], odd=False)
        for header in (section.header, section.even_page_header):
            para = header.paragraphs[0]
            if header_text:
                para.alignment = WD_ALIGN_PARAGRAPH.LEFT
                run = para.add_run(header_text)
                run.font.size = Pt(SIZE_3)
                set_fonts(run._r, HEITI)

    def _page_number(self, para, odd: bool) -> None:
        """— N — from a PAGE field: odd pages right, even pages left, one character from the edge."""
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        pf = para.paragraph_format
        _char_indent(pf, "right_indent" if odd else "left_indent", 1, SIZE_4)
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
            run.font.size = Pt(SIZE_4)
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
    def _paragraph(self, doc, block: Paragraph):
        layout = LAYOUTS[block.role]
        para = doc.add_paragraph()
        para._p.insert(0, deepcopy(self._ppr(doc, block.role)))
        size = layout.size
        if block.role is Role.ORGAN_MARK:
            size = min(layout.size, (TYPE_WIDTH_MM / 25.4 * 72) / max(len(block.text), 1))
        for span in block.spans:
            r = OxmlElement("w:r")
            r.append(
                deepcopy(
                    self._rpr(
                        doc, EMPHASIS_FONT.get(span.emphasis, layout.font), size, layout.color
                    )
                )
            )
            para._p.append(r)
            run = Run(r, para)
            if "\n" in span.text or "\t" in span.text:
                run.text = span.text  # python-docx turns these into breaks and tabs
            else:
                t = OxmlElement("w:t")
                t.set(qn("xml:space"), "preserve")
                t.text = span.text
                r.append(t)
            if span.note and self.comments:
                doc.add_comment(run, text=span.note, author="drafter", initials="DR")
        return para

    # Paragraph and run properties are built once per layout with python-docx, then copied:
    # python-docx's ordered child insertion is the writer's main cost otherwise.
    def _ppr(self, doc, role: Role):
        if role not in self._ppr_cache:
            layout = LAYOUTS[role]
            para = doc.add_paragraph()
            if layout.style != "Normal":
                para._p.style = self._style_ids[layout.style]
            pf = para.paragraph_format
            pf.alignment = layout.align
            _exact_spacing(pf, layout.lines_before)
            if layout.size > LINE_PITCH:  # the organ mark is taller than one line
                pf.line_spacing = Pt(layout.size * 1.2)
            _char_indent(pf, "first_line_indent", layout.first_line_chars, layout.size)
            _char_indent(pf, "left_indent", layout.left_chars, layout.size)
            _char_indent(pf, "right_indent", layout.right_chars, layout.size)
            self._ppr_cache[role] = para._p.pPr
            para._p.getparent().remove(para._p)
        return self._ppr_cache[role]

    def _rpr(self, doc, font: str, size: float, color: RGBColor | None):
        key = (font, size, str(color))
        if key not in self._rpr_cache:
            run = doc.add_paragraph().add_run()
            run.font.size = Pt(size)
            run.font.bold = False
            if color is not None:
                run.font.color.rgb = color
            set_fonts(run._r, font)
            self._rpr_cache[key] = run._r.rPr
            run._parent._p.getparent().remove(run._parent._p)
        return self._rpr_cache[key]

    @staticmethod
    def _red_rule(para) -> None:
        """The red separator under the document number, as wide as the type area."""
        ppr = para._p.get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for k, v in (("w:val", "single"), ("w:sz", "12"), ("w:space", "11"), ("w:color", "FF0000")):
            bottom.set(qn(k), v)
        bdr.append(bottom)
        ppr.append(bdr)

    def _table(self, doc, table: Table) -> None:
        rows = ([table.columns] if table.header else []) + table.rows
        grid = doc.add_table(rows=len(rows), cols=len(table.columns))
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        if table.ruled:
            grid.style = doc.styles["Table Grid"]
        size = SIZE_SMALL_4 if table.ruled else SIZE_3
        if table.widths_mm:
            grid.autofit = False
            for col, width in zip(grid.columns, table.widths_mm, strict=False):
                col.width = Mm(width)
                for cell in col.cells:
                    cell.width = Mm(width)
        for r, (row, values) in enumerate(zip(grid.rows, rows, strict=False)):
            cells = row.cells  # Table.cell() rebuilds the whole cell list on every call
            is_header = table.header and r == 0
            tr_pr = row._tr.get_or_add_trPr()
            keep = OxmlElement("w:cantSplit")  # a row never breaks across pages
            keep.set(qn("w:val"), "true")
            tr_pr.append(keep)
            if is_header:
                el = OxmlElement("w:tblHeader")
                el.set(qn("w:val"), "true")
                tr_pr.append(el)
            for c, value in enumerate(values):
                para = cells[c].paragraphs[0]
                pf = para.paragraph_format
                pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                pf.line_spacing = Pt(size * 1.5)
                pf.space_before = pf.space_after = Pt(0)
                if is_header or (table.ruled and c == 0):
                    pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
                else:
                    pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
                run = para.add_run(value)
                run.font.size = Pt(size)
                set_fonts(run._r, HEITI if is_header else FANGSONG)


def write(document: Document, path: Path, comments: bool = True) -> None:
    DocxWriter(comments=comments).write(document, path)
