"""lists: a record's lists of entries (a department's 牵头任务, 配合任务), each under its （一）
heading, one paragraph per entry (the `item` text over the entry's fields, opening with the
`label` text, its wrapped lines hanging after the label), or the `empty` text when it has none.
With `group`, a list's entries stand under 1. subheadings, one per distinct text `group` says
over them, in order of first mention (a department's tasks under their groups in the plan, as a
分工表 lists them, so that a task line need not name its group). A list with `when` or `unless`
shows only when that flag of the context is true or false; a record left with one list needs no
（一） heading over it, and its group subheadings take that level instead."""

from __future__ import annotations

from typing import Any

from ...library.documents import DocSection, ListSpec
from ...model import Emphasis, Paragraph, Role, Span
from .. import numbering
from .base import Block, Built
from .sheet import Sheet


def build(sheet: Sheet, section: DocSection) -> Built:
    blocks: list[Block] = []
    shown = [spec for spec in section.lists if _shown(sheet, section, spec)]
    alone = len(shown) == 1
    for n, spec in enumerate(shown, 1):
        if not alone:
            heading = numbering.level2(n) + sheet.say(spec.heading)
            # a heading never ends a page: it keeps with its first entry even where the
            # record's part is too long to keep whole
            blocks.append(Paragraph(Role.HEADING2, [Span(heading)], keep_with_next=True))
        entries = sheet.ctx.get(spec.entries) or []
        for k, (title, members) in enumerate(_grouped(sheet, section, entries).items(), 1):
            if section.group and alone:
                sub = Span(numbering.level2(k) + title)
                blocks.append(Paragraph(Role.HEADING2, [sub], keep_with_next=True))
            elif section.group:
                lead = numbering.level3(k) + title
                lead_span = Span(lead, Emphasis.LEAD3)
                blocks.append(Paragraph(Role.BODY, [lead_span], keep_with_next=True))
            blocks += [_item(sheet, section, entry) for entry in members]
        if not entries and section.empty:
            blocks.append(Paragraph(Role.BODY, [Span(sheet.say(section.empty))]))
    return Built(blocks)


def _shown(sheet: Sheet, section: DocSection, spec: ListSpec) -> bool:
    """Whether the list shows: its `when` flag true, its `unless` flag false."""
    return (spec.when is None or sheet.flag(section, spec.when)) and (
        spec.unless is None or not sheet.flag(section, spec.unless)
    )


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
