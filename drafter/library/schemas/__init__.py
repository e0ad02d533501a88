"""The content library's own schemas (cerberus): one per file under templates/.

Each is built from the ids the other files define (roles, groups, levels, indicators, documents,
programme kinds), so a task naming a role that roles.yaml lacks is refused in tasks.yaml, at its
line. The rules are only about shape and reference; what a text says is the data's business.

base.py has the shared rules and Ids, catalogue.py the catalogue's files, texts.py the text
files, genre.py a genre's genre.yaml.
"""

from __future__ import annotations

from typing import Any

from .base import Ids
from .catalogue import catalogue_schemas, items_file_rule
from .genre import genre_rule
from .texts import CHECK_FONTS, CHECK_PATTERNS, text_file_rule, text_schemas

__all__ = [
    "CHECK_FONTS",
    "CHECK_PATTERNS",
    "Ids",
    "genre_rule",
    "items_file_rule",
    "schemas",
    "text_file_rule",
]


def schemas(ids: Ids) -> dict[str, dict[str, Any]]:
    """Each file's root rule, by its path under templates/."""
    return {**catalogue_schemas(ids), **text_schemas()}
