"""lists: a record's lists of entries (a department's 牵头任务, 配合任务), each under its （一）
heading, one paragraph per entry (the `item` text over the entry's fields, opening with the
`label` text, its wrapped lines hanging after the label), or the `empty` text when it has none."""

from __future__ import annotations

from ...library.documents import DocSection
from ...model import Paragraph, Role, Span
from .. import numbering
from .base import Block, Built
from .sheet import Sheet


def build(sheet: Sheet, section: DocSection) -> Built:
    blocks: list[Block] = []
    for n, spec in enumerate(section.lists, 1):
        heading = numbering.level2(n) + sheet.say(spec.heading)
        blocks.append(Paragraph(Role.HEADING2, [Span(heading)]))
        entries = sheet.ctx.get(spec.entries) or []
        for entry in entries:
            label = sheet.say(section.label, **entry) if section.label else ""
            line = sheet.say(section.item or "", label=label, **entry)
            blocks.append(Paragraph(Role.BODY, [Span(line)], hang=len(label)))
        if not entries and section.empty:
            blocks.append(Paragraph(Role.BODY, [Span(sheet.say(section.empty))]))
    return Built(blocks)
