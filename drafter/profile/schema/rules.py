"""The rules every part of the profile schema is built from, each within drafter's size limits."""

from __future__ import annotations

from typing import Any

from ... import limits


def text(required: bool = False, **extra: Any) -> dict[str, Any]:
    rule = {"type": "string", "empty": False, "maxlength": limits.MAX_TEXT_CHARS}
    if required:
        rule["required"] = True
    rule.update(extra)
    return rule


def name(required: bool = False, **extra: Any) -> dict[str, Any]:
    return text(required, maxlength=limits.MAX_NAME_CHARS, **extra)


def title(required: bool = False, **extra: Any) -> dict[str, Any]:
    return text(required, maxlength=limits.MAX_TITLE_CHARS, **extra)


def list_of(item: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "list", "maxlength": limits.MAX_LIST_ITEMS, "schema": item, **extra}


def texts(item: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return list_of(item or text(), **extra)


def figure(**extra: Any) -> dict[str, Any]:
    return {"type": "number", "min": 0, "max": limits.MAX_FIGURE, "finite": True, **extra}


def year(required: bool = False) -> dict[str, Any]:
    rule: dict[str, Any] = {"type": "integer", "min": limits.YEAR_MIN, "max": limits.YEAR_MAX}
    if required:
        rule["required"] = True
    return rule


def mapping(schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"type": "dict", "required": required, "schema": schema}


def cap_lists(rule: Any) -> None:
    """Every list in the schema gets MAX_LIST_ITEMS unless it says otherwise."""
    if isinstance(rule, dict):
        if rule.get("type") == "list":
            rule.setdefault("maxlength", limits.MAX_LIST_ITEMS)
        for value in rule.values():
            cap_lists(value)
