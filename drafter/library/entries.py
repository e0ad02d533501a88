"""The catalogue's entries as typed objects: a Task, a Role, an Indicator … rather than dicts of Any.

Each is built from a file library/check.py has already checked, so building trusts the shape.
An entry reads as attributes (``task.roles``); it also reads as a read-only mapping of its
fields (``task["roles"]``, ``{**task}``), for the composer, which still takes catalogue tasks
and a profile's own tasks (plain mappings) side by side. Absent optional fields (None) are not
among its keys, as they were not in the YAML.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any


class _Entry(Mapping[str, Any]):
    """A read-only mapping view of a dataclass's fields that are set."""

    def __getitem__(self, key: str) -> Any:
        if key in self._names():
            value = getattr(self, key)
            if value is not None:
                return value
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (name for name in self._names() if getattr(self, name) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    @classmethod
    def _names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))  # type: ignore[arg-type]


@dataclass(frozen=True, eq=True)
class TaskVariant(_Entry):
    """One source's wording of a task (seed 000's detailed, 003's concise, 002's opinion)."""

    title: str
    body: str
    roles: list[str]
    source: list[str]


@dataclass(frozen=True, eq=True)
class Task(_Entry):
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

    @classmethod
    def read(cls, raw: dict[str, Any]) -> Task:
        variants = {k: TaskVariant(**v) for k, v in raw.get("variants", {}).items()}
        return cls(**{**raw, "variants": variants})


@dataclass(frozen=True, eq=True)
class Role(_Entry):
    """A department role: its label, and its default name at each level."""

    label: str
    names: dict[str, str]
    collective: bool | None = None  # the one unit is itself a body of units (…成员单位)
    area: bool | None = None  # a place (towns, parks) rather than a department


@dataclass(frozen=True, eq=True)
class Group(_Entry):
    title: str


@dataclass(frozen=True, eq=True)
class Heading(_Entry):
    """One heading of a layout: its title and the groups whose tasks it holds."""

    title: str
    groups: list[str]


@dataclass(frozen=True, eq=True)
class Indicator(_Entry):
    """A figure a goal can print: how it is formatted (kind) and worded."""

    name: str
    unit: str
    kind: str
    nature: str
    source: list[str]
    sentence: str
    per_10k_of: str | None = None
    wordings: dict[str, str] | None = None


@dataclass(frozen=True, eq=True)
class Item(_Entry):
    """A principle or a safeguard: "（一）title。body", a safeguard with the roles it names."""

    title: str
    body: str
    source: list[str]
    roles: list[str] | None = None


Principle = Safeguard = Item


@dataclass(frozen=True, eq=True)
class Goal(_Entry):
    """A numbered goal: its title and body segments (prose, or figures of indicators)."""

    title: str
    source: list[str]
    body: list[Any]
    numbered: bool | None = None  # false: printed without its （一）title (seed 002)


@dataclass(frozen=True, eq=True)
class TaskParam(_Entry):
    """A figure or name a task text can take from the profile (tasks.params)."""

    kind: str
    about: str
    unit: str | None = None


def by_id(raw: dict[str, Any], kind: type) -> dict[str, Any]:
    return {key: kind(**value) for key, value in raw.items()}
