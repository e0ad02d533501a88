"""The profile's tasks part: which catalogue tasks, how numbered and worded, and the county's own."""

from __future__ import annotations

from typing import Any

from ... import limits
from ...library import Library
from . import rules as r
from .choices import NUMBERING, RESPONSIBILITY, TAGS, TASK_STYLES


def tasks_part(lib: Library) -> dict[str, Any]:
    params = {
        key: {
            "count": {"type": "count", "min": 1, "max": limits.MAX_FIGURE},
            "text": r.text(),
            "list": r.texts(minlength=1),
        }[spec.kind]
        for key, spec in lib.task_params.items()
    }
    task_ids = lib.task_ids
    task_fields = {
        "title": r.title(),
        "body": r.text(maxlength=limits.MAX_BODY_CHARS),
        "roles": r.list_of({"type": "string", "allowed": list(lib.roles)}, minlength=1),
        "deadline": r.name(),
        "variant": {"type": "string", "allowed": TASK_STYLES},
    }
    return r.mapping(
        {
            "layout": {"type": "string", "allowed": list(lib.layouts)},
            "numbering": {"type": "string", "allowed": list(NUMBERING)},
            "responsibility": {"type": "string", "allowed": list(RESPONSIBILITY)},
            "style": {"type": "string", "allowed": TASK_STYLES},
            "params": r.mapping(params),
            "groups": {
                "type": "list",
                "minlength": 1,
                "schema": {"type": "string", "allowed": list(lib.groups)},
            },
            "group_titles": {
                "type": "dict",
                "keysrules": {"type": "string", "allowed": list(lib.groups)},
                "valuesrules": r.title(),
            },
            "tags": {"type": "list", "schema": {"type": "string", "allowed": list(TAGS)}},
            "select": {"type": "list", "schema": {"type": "string", "allowed": task_ids}},
            "include": {"type": "list", "schema": {"type": "string", "allowed": task_ids}},
            "exclude": {"type": "list", "schema": {"type": "string", "allowed": task_ids}},
            "overrides": {
                "type": "dict",
                "keysrules": {"type": "string", "allowed": task_ids},
                "valuesrules": r.mapping(task_fields),
            },
            "custom": {
                "type": "list",
                "schema": r.mapping(
                    {
                        "id": r.text(True, regex=r"[a-z0-9][a-z0-9-]*", forbidden=task_ids),
                        "group": {
                            "type": "string",
                            "required": True,
                            "allowed": list(lib.groups),
                        },
                        **{
                            k: {**v, "required": True}
                            for k, v in task_fields.items()
                            if k not in ("deadline", "variant")
                        },
                        "deadline": task_fields["deadline"],
                    }
                ),
            },
        }
    )
