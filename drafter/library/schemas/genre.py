"""The schema of templates/genres/<id>/genre.yaml: a genre's parts, sections and vocabulary."""

from __future__ import annotations

from typing import Any

from ..genres import ATTACHMENTS, DEFAULT_NATIONAL, KINDS, PARTS
from .base import (
    ID,
    Ids,
    by_id,
    list_of,
    mapping,
    one_of,
    req,
    text,
)


def genre_rule(ids: Ids) -> dict[str, Any]:
    """templates/genres/<id>/genre.yaml (the format: templates/genres/README.md)."""
    section = mapping(
        {
            "id": req(text(regex=ID)),
            "kind": req(one_of(list(KINDS))),
            "headings": list_of(text(), minlength=1, required=True),
            "optional": {"type": "boolean"},
            "choice": text(regex=ID),
            "variants": by_id(text(regex=r"[\w.-]+\.j2")),
            "defaults": {
                "type": "dict",
                "keysrules": one_of(ids.programme_kinds),
                "valuesrules": text(regex=ID),
            },
            "library": text(regex=ID),
            "field": text(regex=ID),
        }
    )
    # The shape, the keys a genre and a section may have and the ids they name; what a genre
    # refers to beyond the catalogue's ids (its folder's files) is genres.check_references's.
    return mapping(
        {
            "id": req(text(regex=ID)),
            "summary": req(text()),
            "levels": list_of(one_of(ids.levels), minlength=1, required=True),
            "programmes": list_of(one_of(ids.programme_kinds), minlength=1, required=True),
            "vocabulary": req({"type": "dict", "keysrules": text(regex=ID), "valuesrules": text()}),
            "title": req(text()),
            "legal_basis": mapping(
                {
                    # the catalogue's own national list, one document, or a list of them
                    "national": {
                        "type": ["string", "list"],
                        "allowed": [DEFAULT_NATIONAL, *ids.documents],
                        "schema": one_of(ids.documents),
                    },
                    "rounds": {"type": "boolean"},
                }
            ),
            "parts": list_of(one_of(list(PARTS)), minlength=1, required=True),
            "preamble": text(),
            "preamble_default": text(regex=ID),
            "sections": list_of(section, minlength=1, required=True),
            "attachments": list_of(one_of(list(ATTACHMENTS))),
            "fields": list_of(text(regex=ID), minlength=1, required=True),
            "profile_defaults": {"type": "dict"},
        }
    )
