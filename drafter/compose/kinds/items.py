"""items: numbered （一）title。body items from a catalogue, the ids in the order the profile's
plan.<field> lists them (safeguards …). An item with `roles` ends in its responsibility list, as
a task does (seed 002's 保障措施)."""

from __future__ import annotations

from collections.abc import Iterator

from ...library.entries import Item
from ...library.genres import Section
from ...model import Paragraph, Span
from ..scope import Scope
from ..tasks import task_units
from .base import Built, lead_item
from .tasks import duty_text


def listed(scope: Scope, section: Section) -> Iterator[tuple[str, Item, Paragraph]]:
    """Each entry plan.<field> lists, with its catalogue entry and its （一）title。body paragraph."""
    library = scope.genre.catalogues[section.library or ""]
    file = f"catalogue/{section.library}.yaml"
    for i, key in enumerate(scope.data["plan"].get(section.field or section.id, []), 1):
        item = library[key]
        title = scope.render(item.title, scope.lib_where(file, f"{key}.title"))
        text = scope.render(item.body, scope.lib_where(file, f"{key}.body"))
        yield key, item, lead_item(scope, i, title, text)


def build(scope: Scope, section: Section) -> Built:
    out = Built()
    for key, item, paragraph in listed(scope, section):
        if item.roles:
            units, issues = task_units(
                scope.profile, scope.lib, scope.ctx["dept"], key, list(item.roles)
            )
            out.issues += issues
            if units:
                paragraph.spans.append(Span(duty_text(scope, units)))
        out.blocks.append(paragraph)
    return out
