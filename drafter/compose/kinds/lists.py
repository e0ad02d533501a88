"""lists: a record's lists of entries (a department's 牵头任务, 配合任务), each under its （一）
heading, one paragraph per entry (the `item` text over the entry's fields, opening with the
`label` text, its wrapped lines hanging after the label), or the `empty` text when it has none.
With `group`, a list's entries stand under 1. subheadings, one per distinct text `group` says
over them, in order of first mention (a department's tasks under their groups in the plan, as a
分工表 lists them, so that a task line need not name its group)."""

from __future__ import annotations

from typing import Any

from ...library.documents import DocSection
from ...model import Emphasis, Paragraph, Role, Span
from .. import numbering
from .base import Block, Built
from .sheet import Sheet


def build(sheet: Sheet, section: DocSection) -> Built:
    blocks: list[Block] = []
    for n, spec in enumerate(section.lists, 1):
        heading = numbering.level2(n) + sheet.say(spec.heading)
        # a heading never ends a page: it keeps with its first entry even where the record's
        # part is too long to keep whole
        blocks.append(Paragraph(Role.HEADING2, [Span(heading)], keep_with_next=True))
        entries = sheet.ctx.get(spec.entries) or []
        for k, (title, members) in enumerate(_grouped(sheet, section, entries).items(), 1):
            if section.group:
                lead = numbering.level3(k) + title
                lead_span = Span(lead, Emphasis.LEAD3)
                blocks.append(Paragraph(Role.BODY, [lead_span], keep_with_next=True))
            blocks += [_item(sheet, section, entry) for entry in members]
        if not entries and section.empty:
            blocks.append(Paragraph(Role.BODY, [Span(sheet.say(section.empty))]))
    return Built(blocks)


def _grouped(
    sheet: Sheet, section: DocSection, entries: list[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """The entries by their subheading's text, in order of first mention (one group of all
    when the section has no `group`)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        key = sheet.say(section.group, **entry) if section.group else ""
        groups.setdefault(key, []).append(entry)
    return groups


def _item(sheet: Sheet, section: DocSection, entry: dict[str, Any]) -> Paragraph:
    label = sheet.say(section.label, **entry) if section.label else ""
    line = sheet.say(section.item or "", label=label, **entry)
    return Paragraph(Role.BODY, [Span(line)], hang=len(label))
