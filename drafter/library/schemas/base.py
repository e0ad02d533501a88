"""The rules every templates/ schema is built from, and the ids one file defines for others to name."""

from __future__ import annotations

from typing import Any

from ...limits import YEAR_MAX, YEAR_MIN
from ...records import record

INDICATOR_KINDS = ("count", "ratio", "percent", "money")  # how compose/figures.py formats them
PARAM_KINDS = ("count", "text", "list")  # what a task parameter holds (profile schema, compose)
FINAL_STATUS = "final"  # the one draft status that prints no page header
ID = r"[a-z0-9][a-z0-9_-]*"  # a catalogue id: lower-case letters, digits, - and _
SOURCE = r"\d{3}(:\S+)?"  # a seed and the place in it: 000:三.一, 003:1.2, 004
TEXT_DEPTH = 3  # how deep a text file's mappings go (notice.yaml approval.government)
# an item's era (`since`): the year what it names first appeared (drafter/library/era.py)
SINCE = {"type": "integer", "min": YEAR_MIN, "max": YEAR_MAX}


@record(frozen=True)
class Ids:
    """The ids the library's files define, which other files may name."""

    levels: list[str]
    roles: list[str]
    groups: list[str]
    indicators: list[str]
    documents: list[str]
    programme_kinds: list[str]

    @property
    def role_refs(self) -> list[str]:
        """A role, or a role in brackets: named only for counties that name it (tasks.yaml)."""
        return [*self.roles, *(f"({r})" for r in self.roles)]


def text(**extra: Any) -> dict[str, Any]:
    return {"type": "string", "empty": False, **extra}


def req(rule: dict[str, Any]) -> dict[str, Any]:
    return {**rule, "required": True}


def list_of(item: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "list", "schema": item, **extra}


def mapping(schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "dict", "schema": schema, **extra}


def by_id(entry: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A mapping of catalogue ids to entries."""
    return {"type": "dict", "keysrules": text(regex=ID), "valuesrules": entry, **extra}


def one_of(values: list[str]) -> dict[str, Any]:
    return {"type": "string", "allowed": list(values)}


def sources() -> dict[str, Any]:
    return list_of(text(regex=SOURCE), minlength=1, required=True)


def texts(*keys: str) -> dict[str, Any]:
    return {key: req(text()) for key in keys}


def text_value(depth: int = TEXT_DEPTH) -> dict[str, Any]:
    """What a text file holds: text, true/false, lists of text, mappings of the same."""
    types = ["string", "boolean", "list"] + (["dict"] if depth else [])
    rule: dict[str, Any] = {"type": types, "nullable": False}
    if depth:
        rule["valuesrules"] = text_value(depth - 1)
        rule["keysrules"] = {"type": "string"}
    return rule


def text_file(schema: dict[str, Any]) -> dict[str, Any]:
    """A text file: these keys required; others may be added, holding text."""
    return {"type": "dict", "schema": schema, "allow_unknown": text_value()}
