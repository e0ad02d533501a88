"""table: one row per record, each cell the record's field the section's `cells` names, under
the header row of its `columns` text; widths from drafter/layout.py, a column of names widened
to hold its longest on one line (compose/columns.py). A cell with nothing to say
shows the `empty` text, and a column with nothing in any row is left out."""

from __future__ import annotations

from ...layout import TABLE_NAME_MAX_MM, TABLE_WIDTHS_MM
from ...library.documents import DocSection
from ...model import Table
from .. import columns
from .base import Built
from .sheet import Sheet


def build(sheet: Sheet, section: DocSection) -> Built:
    records = sheet.rows(section, section.records or "")
    if not records:
        return Built()
    empty = sheet.say(section.empty) if section.empty else ""
    rows = [[str(r.get(cell, "")) or empty for cell in section.cells] for r in records]
    table = Table(
        columns=sheet.words(section.columns or ""),
        rows=rows,
        widths_mm=TABLE_WIDTHS_MM[section.widths or ""],
        header=True,
        ruled=True,
    ).without_empty_columns({empty, ""})
    # a column of names (the report's 指标, its first, never empty) wide enough for its longest
    caps = TABLE_NAME_MAX_MM.get(section.widths or "", {})
    if table.widths_mm and caps and len(table.widths_mm) == len(table.columns):
        cells = [[table.columns[c], *(r[c] for r in table.rows)] for c in range(len(table.columns))]
        names = {c: [r[c] for r in table.rows] for c in caps if c < len(table.columns)}
        table.widths_mm = columns.fit_names(table.widths_mm, cells, names, caps)
    return Built([table])
