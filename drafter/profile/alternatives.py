"""A profile picking two wordings of one item (library/alternatives.py), or one item twice: the
draft would say the same thing twice, so the later pick is an error naming both."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import Issue
from ..i18n import _
from ..library import Library
from ..library.alternatives import clash_message, clashes
from ..library.entries import Goal, Item
from ..library.genres import LISTED_KINDS
from .genre import genre_id
from .yamlread import SourceMap, field_text


def misfits(data: dict[str, Any], smap: SourceMap, lib: Library) -> list[Issue]:
    """Each pair of alternatives the plan's lists pick, at the later one (schema-valid data)."""
    plan = data.get("plan") or {}
    out = []
    for field, file, entries in _catalogues(data, lib):
        chosen = plan.get(field) or []
        for j, key in enumerate(chosen):
            if key in chosen[:j]:
                path = ("plan", field, j)
                message = _("{id} is listed twice (first at {first}): keep one").format(
                    id=key, first=field_text(("plan", field, chosen.index(key)))
                )
                out.append(Issue(smap.locate(path)[0], smap.line(path), field_text(path), message))
        alternatives = {key: entry.alternative_of for key, entry in entries.items()}
        for i, j in clashes(chosen, alternatives):
            first, second = chosen[i], chosen[j]
            path = ("plan", field, j)
            message = clash_message(
                file, (first, entries[first].title), (second, entries[second].title)
            )
            out.append(Issue(smap.locate(path)[0], smap.line(path), field_text(path), message))
    return out


def _catalogues(
    data: dict[str, Any], lib: Library
) -> Iterable[tuple[str, str, Mapping[str, Item | Goal]]]:
    """plan.<field>, its catalogue file and entries, of each section of the profile's genre."""
    genre = lib.genres.get(genre_id(data))
    for section in genre.sections if genre else ():
        if section.kind == "principles":
            yield "principles", "catalogue/principles.yaml", lib.principles
        elif section.kind == "goals":
            yield "goals", "catalogue/goals.yaml", lib.goals
        elif section.kind in LISTED_KINDS and section.library:
            entries = genre.catalogues[section.library] if genre else {}
            yield section.field or section.id, f"catalogue/{section.library}.yaml", entries
