"""The catalogue's entries as typed objects: a Task, a Role, an Indicator … rather than dicts of Any.

Each is built from a file library/check.py has already checked, so building trusts the shape.
An entry reads as attributes only (``task.roles``), so a misspelt field is a type error, not a
KeyError at build time; Jinja texts read the same attributes. Each class's fields are its file's
schema keys (library/schemas.py; tests/test_library.py keeps the two equal).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from typing import Any

from ..records import record


@record(frozen=True, eq=True)
class TaskVariant:
    """One source's wording of a task (seed 000's detailed, 003's concise, 002's opinion)."""

    title: str
    body: str
    roles: list[str]
    source: list[str]


@record(frozen=True, eq=True)
class Task:
    """A task a plan can carry: its group, text, the roles answering for it (lead first)."""

    id: str
    group: str
    title: str
    body: str
    roles: list[str]
    tags: list[str]
    core: bool
    source: list[str]
    variants: dict[str, TaskVariant] = field(default_factory=dict)
    since: int | None = None  # the year what it names first appeared (drafter/library/era.py)

    @classmethod
    def read(cls, raw: dict[str, Any]) -> Task:
        variants = {k: TaskVariant(**v) for k, v in raw.get("variants", {}).items()}
        return cls(**{**raw, "variants": variants})


@record(frozen=True, eq=True)
class Role:
    """A department role: its label, and its default name at each level."""

    label: str
    names: dict[str, str]
    collective: bool = False  # the one unit is itself a body of units (…成员单位)
    area: bool = False  # a place (towns, parks) rather than a department


@record(frozen=True, eq=True)
class Group:
    title: str


@record(frozen=True, eq=True)
class Heading:
    """One heading of a layout: its title and the groups whose tasks it holds."""

    title: str
    groups: list[str]


@record(frozen=True, eq=True)
class Indicator:
    """A figure a goal can print: how it is formatted (kind) and worded."""

    name: str
    unit: str
    kind: str
    nature: str
    source: list[str]
    sentence: str
    per_10k_of: str | None = None
    wordings: dict[str, str] = field(default_factory=dict)
    since: int | None = None  # the year it was first counted (drafter/library/era.py)
    full: bool = True  # false: a rate no plan sets at 100% (满意度); targets.py keeps its baseline


@record(frozen=True, eq=True)
class Item:
    """A principle or a safeguard: "（一）title。body", a safeguard with the roles it names."""

    title: str
    body: str
    source: list[str] = field(default_factory=list)  # required of principles and safeguards
    roles: list[str] = field(default_factory=list)
    alternative_of: list[str] = field(default_factory=list)  # other wordings: pick one


Principle = Safeguard = Item


@record(frozen=True, eq=True)
class GoalFigure:
    """An indicator a goal's segment prints, and the mark after it (default: the clause mark)."""

    id: str
    sep: str | None = None


@record(frozen=True, eq=True)
class GoalSegment:
    """A run of a goal's figures: ``before`` them, ``close`` after, ``otherwise`` if none is given."""

    figures: list[GoalFigure]
    before: str = ""
    close: str | None = None
    otherwise: str | None = None

    @classmethod
    def read(cls, raw: dict[str, Any]) -> GoalSegment:
        figures = [GoalFigure(f) if isinstance(f, str) else GoalFigure(**f) for f in raw["figures"]]
        return cls(**{**raw, "figures": figures})


@record(frozen=True, eq=True)
class Goal:
    """A numbered goal: its title and body segments (prose, or figures of indicators)."""

    title: str
    source: list[str]
    body: list[str | GoalSegment]
    numbered: bool = True  # false: printed without its （一）title (seed 002)
    alternative_of: list[str] = field(default_factory=list)  # other wordings: pick one

    @classmethod
    def read(cls, raw: dict[str, Any]) -> Goal:
        body = [s if isinstance(s, str) else GoalSegment.read(s) for s in raw["body"]]
        return cls(**{**raw, "body": body})


@record(frozen=True, eq=True)
class Round:
    """A batch year's own documents (its notices) and the task tags that come with it."""

    documents: list[str]
    tags: list[str]


@record(frozen=True, eq=True)
class Guidance:
    """The line 指导思想 opens with from a date on (`since`): catalogue/guidance.yaml."""

    since: dt.date
    source: list[str]
    text: str
    plain: str | None = None  # the line naming no congress; None: text


@record(frozen=True, eq=True)
class TaskParam:
    """A figure or name a task text can take from the profile (tasks.params)."""

    kind: str
    about: str
    unit: str | None = None


def by_id(raw: dict[str, Any], kind: type) -> dict[str, Any]:
    return {key: kind(**value) for key, value in raw.items()}
