"""What the form shows for the chosen genre: its levels and programme kinds, the fields it reads,
the defaults it gives. All read from the library's genres (templates/genres/<id>/genre.yaml), so a
new genre needs no change here.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from .. import api
from ..api import DEFAULT_GENRE, LISTED_KINDS, Genre

# plan.* fields that only a section of one kind uses (the rest follow the genre's own sections)
_KIND_FIELDS = {
    "principles": ("plan.principles", "plan.own_principles"),
    "goals": ("plan.goals",),
}
PERIOD = "period"  # the preamble file's optional work-period sentence, not a shape
# the fields whose values a genre's defaults set: when the clerk switches genre, a value that only
# repeated the old genre's default (a ticked box, a layout) gives way to the new genre's
SWITCHED = ("plan", "tasks")


def genre_id(data: dict[str, Any]) -> str:
    """The genre the data names, if the library has it; else the default."""
    chosen = data.get("genre")
    return chosen if isinstance(chosen, str) and chosen in api.content().genres else DEFAULT_GENRE


def genre_of(data: dict[str, Any]) -> Genre:
    return api.content().genres[genre_id(data)]


def choices() -> list[tuple[str, str]]:
    """(id, summary) of every genre, in the library's order: the form's genre choice."""
    return [(g.id, g.summary) for g in api.content().genres.values()]


def fits() -> dict[str, dict[str, list[str]]]:
    """Per genre, the levels and programme kinds it fits: the start page filters by them."""
    return {
        g.id: {"levels": list(g.levels), "kinds": list(g.programmes)}
        for g in api.content().genres.values()
    }


@lru_cache(maxsize=16)
def _defaults(genre: str) -> dict[str, Any]:
    return api.profile_defaults(genre)


def defaults(genre: str) -> dict[str, Any]:
    """What a profile of this genre gets for a field it leaves out (a copy)."""
    return copy.deepcopy(_defaults(genre))


def hidden(genre: Genre) -> set[str]:
    """The dotted form paths this genre does not read: the form leaves them out, so they are
    never sent (and never an error the clerk did not cause)."""
    tree = api.content()
    out = {k for k in _top_fields() if k not in genre.fields}
    kinds = genre.kinds()
    for kind, paths in _KIND_FIELDS.items():
        if kind not in kinds:
            out.update(paths)
    choice_keys = {s.choice or s.id for s in genre.sections if s.variants}
    item_fields = {s.field for s in genre.sections if s.kind in LISTED_KINDS and s.field}
    section_ids = {s.id for s in genre.sections}
    for g in tree.genres.values():
        for s in g.sections:
            if s.variants and (s.choice or s.id) not in choice_keys:
                out.add(f"plan.{s.choice or s.id}")
            if s.kind in LISTED_KINDS and s.field and s.field not in item_fields:
                out.add(f"plan.{s.field}")
            if s.id not in section_ids:
                out.add(f"plan.headings.{s.id}")
    if not genre.attachments:
        out.add("plan.attachments")
    if PERIOD not in genre.preambles:
        out.add("plan.period_sentence")
    if not genre.rounds:
        out.add("programme.batch")
    return out


def _top_fields() -> list[str]:
    from .fields import form_tree

    return [f.name for f in form_tree()]


def limits(genre: Genre) -> dict[str, list[str]]:
    """The options a choice offers for this genre (others the schema allows for other genres)."""
    headings = {f"plan.headings.{s.id}": list(s.headings) for s in genre.sections}
    variants = {f"plan.{s.choice or s.id}": list(s.variants) for s in genre.sections if s.variants}
    return {
        "county.level": list(genre.levels),
        "programme.kind": list(genre.programmes),
        "plan.preamble": [k for k in genre.preambles if k != PERIOD],
        "plan.attachments": list(genre.attachments),
        **headings,
        **variants,
    }


def fit(data: dict[str, Any], was: str | None) -> dict[str, Any]:
    """The form's data for its genre: fields the genre does not read are dropped; where the
    clerk just switched from genre ``was``, values that only repeated its defaults are dropped
    too, so the new genre's apply. A level or kind the genre does not fit is kept: validation
    names it and the levels the genre fits."""
    genre = genre_of(data)
    out = copy.deepcopy(data)
    for dotted in hidden(genre):
        node: Any = out
        *path, last = dotted.split(".")
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(last, None)
    if was and was != genre.id and was in api.content().genres:
        old = _defaults(was)
        for section in SWITCHED:
            node, before = out.get(section), old.get(section) or {}
            for key in list(node) if isinstance(node, dict) else []:
                if key in before and node[key] == before[key]:
                    del node[key]
    if out.get("genre") == DEFAULT_GENRE:
        # the default genre chosen is the default genre unsaid: the profile stays short
        del out["genre"]
    return {k: v for k, v in out.items() if v not in ({}, None)}
