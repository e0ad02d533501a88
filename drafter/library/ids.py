"""The ids each templates/ file defines (levels, roles, groups …), which the other files' schemas allow."""

from __future__ import annotations

from typing import Any

from .schemas import Ids


def keys(value: Any) -> list[str]:
    return [str(k) for k in value] if isinstance(value, dict) else []


def get(data: dict[str, Any], name: str, *keys: str) -> Any:
    value = data.get(name)
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def defined_ids(data: dict[str, Any]) -> Ids:
    """The ids each file defines, read defensively: a broken file is reported by its own check."""
    kinds = get(data, "catalogue/choices.yaml", "programme_kinds")
    return Ids(
        levels=keys(data.get("catalogue/levels.yaml")),
        roles=keys(get(data, "catalogue/roles.yaml", "roles")),
        groups=keys(get(data, "catalogue/groups.yaml", "groups")),
        indicators=keys(get(data, "catalogue/indicators.yaml", "indicators")),
        documents=keys(get(data, "catalogue/legal_bases.yaml", "documents")),
        programme_kinds=[str(k) for k in kinds] if isinstance(kinds, list) else [],
    )
