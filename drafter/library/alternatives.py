"""Alternatives: two wordings of one item (a principle, a safeguard, a goal, each from another
seed) that a draft must not print both of, or it says the same thing twice.

An entry's `alternative_of` names the entries of its own file it stands for; the relation goes
both ways and is not transitive (创新引领，融合发展 stands for 坚持创新引领 and for 坚持融合发展,
which may stand together). The library's check (here) sees every id named and no default picking
two; the profile's (profile/alternatives.py) sees a county's choices.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .. import schemacheck
from ..i18n import Message, _
from .faults import Add
from .genres import LISTED_KINDS, genre_files

KEY = "alternative_of"
DEFAULTS_FILE = "defaults.yaml"
# the plan fields that pick catalogue entries by id, beside the items sections' own fields
PLAN_CATALOGUES = {"principles": "principles", "goals": "goals"}
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def clashes(
    chosen: Sequence[Any], alternatives: Mapping[str, Sequence[str]]
) -> list[tuple[int, int]]:
    """(i, j), i < j: the positions in ``chosen`` of two ids that are alternatives of each other."""
    out = []
    for j, later in enumerate(chosen):
        for i, earlier in enumerate(chosen[:j]):
            if later in alternatives.get(earlier, ()) or earlier in alternatives.get(later, ()):
                out.append((i, j))
    return out


def clash_message(file: str, first: tuple[str, str], second: tuple[str, str]) -> Message:
    """Both items, by id and title (its Jinja left out), and the file that says they are one."""
    return _(
        "{first} ({first_title}) and {second} ({second_title}) are two wordings of one item "
        "(alternative_of in templates/{file}): keep one"
    ).format(
        first=first[0],
        first_title=plain_title(first[1]),
        second=second[0],
        second_title=plain_title(second[1]),
        file=file,
    )


def plain_title(title: str) -> str:
    return _EXPRESSION.sub("…", title)


def check(data: dict[str, Any], add: Add) -> None:
    """Each `alternative_of` names another entry of its file; no default picks two alternatives."""
    catalogues = dict(_catalogues(data))
    for file, (key, entries) in catalogues.items():
        for item, entry in entries.items():
            named = entry.get(KEY) if isinstance(entry, dict) else None
            for j, other in enumerate(named if isinstance(named, list) else []):
                path = (key, item, KEY, j)
                if other == item:
                    add(file, path, _("an item cannot be an alternative of itself"))
                elif isinstance(other, str) and other not in entries:
                    add(
                        file,
                        path,
                        _("no entry {value} in this file (known: {names})").format(
                            value=schemacheck.show_value(other),
                            names=schemacheck.choice_list(list(entries)),
                        )
                        + schemacheck.suggest(other, list(entries)),
                    )
    fields = {**PLAN_CATALOGUES, **dict(_listed_fields(data))}
    for file, at, plan in _default_plans(data):
        for field, library in fields.items():
            found = catalogues.get(f"catalogue/{library}.yaml")
            chosen = plan.get(field)
            if found is None or not isinstance(chosen, list):
                continue
            key, entries = found
            alternatives = {k: v.get(KEY) or [] for k, v in entries.items() if isinstance(v, dict)}
            for i, j in clashes(chosen, alternatives):
                first, second = chosen[i], chosen[j]
                add(
                    file,
                    (*at, field, j),
                    clash_message(
                        f"catalogue/{library}.yaml",
                        (first, str(entries[first].get("title", ""))),
                        (second, str(entries[second].get("title", ""))),
                    ),
                )


def _catalogues(data: dict[str, Any]) -> Iterable[tuple[str, tuple[str, dict[str, Any]]]]:
    """catalogue/<name>.yaml files holding a mapping <name>: of entries."""
    for file, value in data.items():
        key = file.removeprefix("catalogue/").removesuffix(".yaml")
        entries = (
            value.get(key) if file.startswith("catalogue/") and isinstance(value, dict) else None
        )
        if isinstance(entries, dict):
            yield file, (key, entries)


def _listed_fields(data: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """plan.<field> → catalogue name, of every genre's items and steps sections."""
    for file in genre_files(data):
        sections = (data[file] or {}).get("sections") if isinstance(data[file], dict) else None
        for section in sections if isinstance(sections, list) else []:
            if not isinstance(section, dict) or section.get("kind") not in LISTED_KINDS:
                continue
            field, library = section.get("field"), section.get("library")
            if isinstance(field, str) and isinstance(library, str):
                yield field, library


def _default_plans(data: dict[str, Any]) -> Iterable[tuple[str, tuple[str, ...], dict[str, Any]]]:
    """The plan parts a profile gets unless it says otherwise: defaults.yaml's, each genre's."""
    plan = (data.get(DEFAULTS_FILE) or {}).get("plan")
    if isinstance(plan, dict):
        yield DEFAULTS_FILE, ("plan",), plan
    for file in genre_files(data):
        defaults = data[file].get("profile_defaults") if isinstance(data[file], dict) else None
        plan = defaults.get("plan") if isinstance(defaults, dict) else None
        if isinstance(plan, dict):
            yield file, ("profile_defaults", "plan"), plan
