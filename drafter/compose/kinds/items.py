"""items: numbered （一）title。body items from a catalogue, the ids in the order the profile's
plan.<field> lists them (safeguards, steps …)."""

from __future__ import annotations

from ...library.genres import Section
from ..scope import Scope
from .base import Built, lead_item


def build(scope: Scope, section: Section) -> Built:
    library = scope.genre.catalogues[section.library or ""]
    file = f"catalogue/{section.library}.yaml"
    out = []
    for i, key in enumerate(scope.data["plan"].get(section.field or section.id, []), 1):
        item = library[key]
        title = scope.render(item["title"], scope.lib_where(file, f"{key}.title"))
        text = scope.render(item["body"], scope.lib_where(file, f"{key}.body"))
        out.append(lead_item(scope, i, title, text))
    return Built(list(out))
