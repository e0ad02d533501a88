"""The whole profile schema: the county, its programme, indicators, departments and leading group,
with the notice, plan and tasks parts (notice.py, plan.py, tasks.py)."""

from __future__ import annotations

from typing import Any

from ... import limits
from ...library import Library
from ..fields import FRAMING
from . import rules as r
from .choices import TAGS
from .notice import notice_parts
from .plan import plan_part
from .tasks import tasks_part


def profile_schema(lib: Library) -> dict[str, Any]:
    schema = _profile_schema(lib)
    r.cap_lists(schema)
    return schema


def _profile_schema(lib: Library) -> dict[str, Any]:
    level_words = sorted({w for words in lib.levels.values() for w in words if w != "addressees"})
    wordings = sorted({w for ind in lib.indicators.values() for w in ind.wordings or {}})
    indicator = {
        "type": "dict",
        "schema": {
            "target": r.figure(),
            "baseline": r.mapping({"value": r.figure(required=True), "year": r.year(True)}),
            "growth": {"type": "number", "min": -1, "max": limits.MAX_GROWTH, "finite": True},
            "wording": {"type": "string", "allowed": wordings},
        },
    }
    return {
        "extends": r.text(),
        "genre": {"type": "string", "allowed": list(lib.genres)},
        "county": r.mapping(
            {
                "name": r.name(True),
                "full_name": r.name(True),
                "level": {"type": "string", "required": True, "allowed": list(lib.level_ids)},
                "province": r.name(True),
                "prefecture": r.name(True),
                "population": {"type": "count", "min": 1, "max": limits.MAX_POPULATION},
                "tags": {"type": "list", "schema": {"type": "string", "allowed": list(TAGS)}},
                # the county's own level words (towns: 各镇街), over templates/catalogue/levels.yaml
                "words": {
                    "type": "dict",
                    "keysrules": {"type": "string", "allowed": level_words},
                    "valuesrules": r.name(),
                },
            },
            required=True,
        ),
        "framing": r.mapping({key: r.text() for key in FRAMING}),
        "programme": r.mapping(
            {
                "kind": {"type": "string", "required": True, "allowed": list(lib.programme_kinds)},
                "batch": r.year(False),  # required where the genre cites its round (validate)
                "period": r.mapping({"start": r.year(True), "end": r.year(True)}, required=True),
                "title": r.title(),
            },
            required=True,
        ),
        **notice_parts(lib),
        "industries": r.texts(r.name()),
        "universities": r.texts(r.name()),
        "funding_rules": r.text(nullable=True),
        "indicators": {
            "type": "dict",
            "keysrules": {"type": "string", "allowed": list(lib.indicators)},
            "valuesrules": indicator,
        },
        "departments": {
            "type": "dict",
            "keysrules": {"type": "string", "allowed": list(lib.roles)},
            "valuesrules": r.name(),
        },
        "leading_group": r.mapping(
            {
                "name": r.name(),
                "short_name": r.name(),
                "office": r.name(),
                "office_head": r.name(),
                "leader_post": r.name(),
                "members": {
                    "type": "list",
                    "schema": r.mapping(
                        {
                            "title": {
                                "type": "string",
                                "required": True,
                                "allowed": list(lib.member_titles),
                            },
                            "name": r.name(True),
                            "post": r.name(True),
                        }
                    ),
                },
            },
            required=True,
        ),
        "plan": plan_part(lib),
        "tasks": tasks_part(lib),
    }
