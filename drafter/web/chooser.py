"""What the task chooser shows: catalogue tasks grouped as the plan groups them, with the
departments that answer for each, as the county named them (else the level's default name)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .. import api
from ..api import Document, Goal, Item

EXCERPT = 60  # characters of a task's text shown in the chooser
_VAR = re.compile(r"{{\s*([a-z_.]+)[^}]*}}")
_TAG = re.compile(r"{%.*?%}")  # a catalogue title's Jinja tags: left out of the chooser's label
# plan.* lists of catalogue items the form labels by their titles (a genre's items catalogues too)
CATALOGUES = ("principles", "goals", "safeguards", "steps")


def mapping(value: Any) -> dict[str, Any]:
    """``value`` if it is a mapping, else empty: an uploaded profile may hold anything."""
    return value if isinstance(value, dict) else {}


def level_of(data: dict[str, Any]) -> str:
    level = mapping(data.get("county")).get("level")
    lib = api.content()
    return level if isinstance(level, str) and level in lib.levels else lib.default_level


def _fill(template: str, data: dict[str, Any], level: str) -> str:
    """A catalogue text with the county's plain facts put in; anything else shows as ××."""
    lib = api.content()
    lw = lib.levels.get(level, lib.levels[lib.default_level])
    unknown = lib.joins["unknown"]

    def value(match: re.Match) -> str:
        parts = match.group(1).split(".")
        if parts[0] == "lw" and len(parts) == 2:
            return str(lw.get(parts[1], unknown))
        node: Any = data
        for part in parts:
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, str) and node else unknown

    return _VAR.sub(value, _TAG.sub("", template))


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[:EXCERPT] + api.content().joins["cut"]


def department_names(data: dict[str, Any]) -> dict[str, str]:
    """Each role's name: the profile's own, else the level's default, with the county's facts in."""
    lib = api.content()
    level = level_of(data)
    own = mapping(data.get("departments"))
    out = {}
    for role, spec in lib.roles.items():
        default = spec.names.get(level, "")
        name = own.get(role)
        out[role] = (
            name
            if isinstance(name, str) and name
            else (_fill(default, data, level) if default else "")
        )
    return out


def groups(layout: str, order: list[str] | None) -> list[dict[str, Any]]:
    """The plan's task headings: a layout's, or one per catalogue group in the county's order."""
    lib = api.content()
    if order:
        return [{"title": lib.groups[g].title, "groups": [g]} for g in order if g in lib.groups]
    headings = lib.layouts.get(layout) or lib.layouts["five"]
    return [{"title": h.title, "groups": list(h.groups)} for h in headings]


def tasks(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every catalogue task with its group, title, excerpt and departments for this county."""
    lib = api.content()
    level = level_of(data)
    names = department_names(data)
    own = mapping(data.get("departments"))
    out = []
    for task in lib.tasks:
        # "(role)": named in the list only where the county names that department
        roles = [r.strip("()") for r in task.roles if not r.startswith("(") or r.strip("()") in own]
        out.append(
            {
                "id": task.id,
                "group": task.group,
                "title": task.title,
                "excerpt": excerpt(_fill(task.body, data, level)),
                "departments": [
                    names.get(r) or lib.roles[r].label for r in roles if r in lib.roles
                ],
                "core": task.core,
                "tags": list(task.tags),
            }
        )
    return out


def in_draft(document: Document, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The tasks the draft holds, by id (matched on their title), with number and departments."""
    lib = api.content()
    tasks_data = mapping(data.get("tasks"))
    overrides = mapping(tasks_data.get("overrides"))
    by_title: dict[str, str] = {}
    for task in lib.tasks:
        title = mapping(overrides.get(task.id)).get("title") or task.title
        if isinstance(title, str):
            by_title.setdefault(title, task.id)
    custom = tasks_data.get("custom")
    for task in custom if isinstance(custom, list) else []:
        if isinstance(task, dict) and isinstance(task.get("title"), str):
            by_title.setdefault(task["title"], str(task.get("id")))
    out = {}
    for entry in document.tasks:
        task_id = by_title.get(entry.title)
        if task_id:
            out[task_id] = {
                "label": entry.label,
                "departments": entry.lead + entry.partners,
                "group": entry.group_title,
            }
    return out


def role_labels() -> dict[str, str]:
    return {role: spec.label for role, spec in api.content().roles.items()}


def group_titles() -> dict[str, str]:
    return {g: spec.title for g, spec in api.content().groups.items()}


def indicator_names() -> dict[str, str]:
    lib = api.content()
    return {
        k: lib.joins["name_unit"].format(name=v.name, unit=v.unit)
        for k, v in lib.indicators.items()
    }


def catalogue_titles(section: str, level: str) -> dict[str, str]:
    lib = api.content()
    table: dict[str, Mapping[str, Goal | Item]] = {
        "principles": lib.principles,
        "goals": lib.goals,
        "safeguards": lib.safeguards,
    }
    if section in table:
        return {k: _fill(v.title, {}, level) for k, v in table[section].items()}
    # a genre's own items catalogue (templates/catalogue/steps.yaml), typed Items
    items: Mapping[str, Item] = next(
        (g.catalogues[section] for g in lib.genres.values() if section in g.catalogues), {}
    )
    return {k: _fill(v.title, {}, level) for k, v in items.items()}
