"""A draft's tables: the table and one model row by python-docx, each row a copy of the model row
filled with lxml (python-docx's per-cell API cost a third of a draft). Ruled tables (Table
Grid, 小四, two lines to a body line) and borderless ones (the body's size and pitch); column
widths from layout.fit_widths; a row never breaks across pages; the header row repeats."""

from __future__ import annotations

from copy import deepcopy

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Mm
from docx.table import Table as DocxTable
from docx.text.run import Run

from .. import layout as L
from ..model import Table
from .docx_props import cell_ppr, cell_rpr
from .docx_text import RUN_CONTROL, RUN_CONTROL_SPLIT, W_R, W_T, XML_SPACE, Body, W
from .ooxml import put

W_TR, W_TBL_HEADER, W_VAL = W + "tr", W + "tblHeader", W + "val"


def table(body: Body, table: Table) -> None:
    """``table`` at the end of ``body``."""
    rows = ([table.columns] if table.header else []) + table.rows
    ncols = len(table.columns)
    # doc.add_table(rows=2, cols=ncols, style=…) without its scans of sections and styles
    tbl = CT_Tbl.new_tbl(2, ncols, body.static.block_width)
    body.end.addprevious(tbl)
    grid = DocxTable(tbl, body.container)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    if table.ruled:
        tbl.tblStyle_val = body.static.table_grid
    size = L.TABLE_SIZE_PT if table.ruled else L.BODY_SIZE_PT
    # Ruled tables: two lines of 小四 to a body line; borderless ones keep the body's pitch.
    pitch = L.TABLE_RULED_LINE_PT if table.ruled else L.LINE_PITCH_PT
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
    model_tr, plain_tr = model._tr, plain._tr  # private: see tests/test_private_access.py
    tr_pr = model_tr.get_or_add_trPr()
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
    filled_tcs = [deepcopy(tc) for tc in model_tr.tc_lst]
    plain_tcs = [deepcopy(tc) for tc in plain_tr.tc_lst]
    model_pr = deepcopy(tr_pr)
    tbl.remove(model_tr)
    tbl.remove(plain_tr)
    font_rpr = {
        True: cell_rpr(L.TABLE_HEADER_FONT, size),
        False: cell_rpr(L.TABLE_FONT, size),
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
            p.insert(0, cell_ppr(pitch, align).__copy__())
            split = RUN_CONTROL_SPLIT.split(value.replace("\r", "\n"))
            body.runs[p] = [(t, size, L.CHAR_SPACING_TWENTIETHS / 20) for t in split if t]
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
