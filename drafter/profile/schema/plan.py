"""The profile's plan part: status, headings, prose choices, principles, goals, items, attachments.

What it allows is what the genres allow together; each profile's own genre is checked by validate.
"""

from __future__ import annotations

from typing import Any

from ...library import Library
from ..fields import OWN_PRINCIPLES
from . import rules as r


def _union(lists: Any) -> list[str]:
    return list(dict.fromkeys(x for values in lists for x in values))


def _genre_rules(lib: Library) -> dict[str, Any]:
    """What the genres allow, together; each profile's own genre is checked by validate."""
    genres = list(lib.genres.values())
    sections = [s for g in genres for s in g.sections]
    headings: dict[str, list[str]] = {}
    choices: dict[str, list[str]] = {}
    items: dict[str, list[str]] = {}  # an items/steps section's plan.<field>: its catalogue's ids
    for g in genres:
        for s in g.sections:
            if s.field and s.library:
                items[s.field] = _union([items.get(s.field, []), g.catalogues[s.library]])
    for s in sections:
        headings[s.id] = _union([headings.get(s.id, []), s.headings])
        if s.variants:
            key = s.choice or s.id
            choices[key] = _union([choices.get(key, []), s.variants])
    return {
        "headings": headings,
        "choices": choices,
        "preambles": _union([k for k in g.preambles if k != "period"] for g in genres),
        "attachments": _union(g.attachments for g in genres),
        "items": items,
    }


def plan_part(lib: Library) -> dict[str, Any]:
    genre = _genre_rules(lib)
    return r.mapping(
        {
            "status": {"type": "string", "allowed": list(lib.statuses)},
            "period_sentence": {"type": "boolean"},
            "preamble": {"type": "string", "allowed": genre["preambles"]},
            "headings": r.mapping(
                {sid: {"type": "string", "allowed": h} for sid, h in genre["headings"].items()}
            ),
            # prose variants by the field that picks them (guiding, goals_text)
            **{
                key: {"type": "string", "allowed": names} for key, names in genre["choices"].items()
            },
            # principles from the library by id, in the county's order; OWN_PRINCIPLES marks
            # where the county's own (own_principles) stand, else they follow
            "principles": {
                "type": "list",
                "schema": {"type": "string", "allowed": [*lib.principles, OWN_PRINCIPLES]},
            },
            "own_principles": {
                "type": "list",
                "schema": r.mapping({"title": r.text(True), "body": r.text(True, maxlength=2000)}),
            },
            "goals": {"type": "list", "schema": {"type": "string", "allowed": list(lib.goals)}},
            # an items section's ids (a genre's safeguards, steps …), in the order printed
            **{
                field: {
                    "type": "list",
                    "minlength": 1,
                    "schema": {"type": "string", "allowed": ids},
                }
                for field, ids in genre["items"].items()
            },
            "attachments": {
                "type": "list",
                "schema": {"type": "string", "allowed": genre["attachments"]},
            },
        }
    )
