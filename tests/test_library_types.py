"""The library's schemas and its typed classes agree: each class has a field for every key its file's
schema allows, and no other, so a field added to one and not the other fails here, not at build
time. And the library holds its catalogue as typed entries, not dicts of Any."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

import pytest

from drafter import library
from drafter.library import check, crosscheck, entries, genres, ids, schemas
from drafter.library.load import Library

LIB = library.load()


def _ids() -> schemas.Ids:
    return ids.defined_ids(check.read(LIB.root))


IDS = _ids()
RULES = schemas.schemas(IDS)


def entry_rule(file: str, key: str) -> dict[str, Any]:
    """The rule of one entry of a file's mapping of entries (``roles: {market: {…}}``)."""
    return RULES[file]["schema"][key]["valuesrules"]["schema"]


def keys(rule: dict[str, Any]) -> set[str]:
    return set(rule)


def field_names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


TASK = RULES["catalogue/tasks.yaml"]["schema"]["tasks"]["schema"]["schema"]
LAYOUT = RULES["catalogue/groups.yaml"]["schema"]["layouts"]["valuesrules"]["schema"]["schema"]
SECTION = schemas.genre_rule(IDS)["schema"]["sections"]["schema"]["schema"]

# (class, the schema keys of one of its entries)
PAIRS = [
    (entries.Task, keys(TASK)),
    (entries.TaskVariant, keys(TASK["variants"]["valuesrules"]["schema"])),
    (entries.Role, keys(entry_rule("catalogue/roles.yaml", "roles"))),
    (entries.Group, keys(entry_rule("catalogue/groups.yaml", "groups"))),
    (entries.Heading, keys(LAYOUT)),
    (entries.Indicator, keys(entry_rule("catalogue/indicators.yaml", "indicators"))),
    (entries.Goal, keys(entry_rule("catalogue/goals.yaml", "goals"))),
    (entries.TaskParam, keys(entry_rule("catalogue/task_params.yaml", "params"))),
    (
        entries.Guidance,
        keys(RULES["catalogue/guidance.yaml"]["schema"]["guidance"]["schema"]["schema"]),
    ),
    (
        entries.Round,
        keys(RULES["catalogue/legal_bases.yaml"]["schema"]["rounds"]["valuesrules"]["schema"]),
    ),
    (entries.GoalSegment, keys(crosscheck.GOAL_SEGMENT)),
    (entries.GoalFigure, keys(crosscheck.GOAL_FIGURE)),
    (genres.Section, keys(SECTION)),
]


@pytest.mark.parametrize("cls,schema_keys", PAIRS, ids=[c.__name__ for c, _k in PAIRS])
def test_each_class_has_a_field_for_each_key_of_its_schema(cls, schema_keys):
    assert field_names(cls) == schema_keys


# each items catalogue and the Item fields its schema leaves out (a principle has no departments)
ITEM_FILES = {"catalogue/principles.yaml": {"roles"}, "catalogue/safeguards.yaml": set()}


@pytest.mark.parametrize("file", ITEM_FILES)
def test_principles_and_safeguards_are_items(file):
    name = file.removeprefix("catalogue/").removesuffix(".yaml")
    assert keys(entry_rule(file, name)) == field_names(entries.Item) - ITEM_FILES[file]


def test_steps_are_items():
    steps = schemas.items_file_rule("steps", IDS)["schema"]["steps"]["valuesrules"]["schema"]
    assert keys(steps) == field_names(entries.Item)


# genre.yaml's keys, and the Genre fields each becomes (the others come from the folder's files)
GENRE_KEYS = {
    "id": {"id"},
    "summary": {"summary"},
    "levels": {"levels"},
    "programmes": {"programmes"},
    "vocabulary": {"words"},
    "title": {"title"},
    "legal_basis": {"national", "rounds"},
    "parts": {"parts"},
    "preamble": {"preambles", "preamble_file"},
    "preamble_default": {"preamble_default"},
    "sections": {"sections", "catalogues"},  # items sections name their catalogues
    "attachments": {"attachments"},
    "fields": {"fields"},
    "profile_defaults": {"profile_defaults"},
}
GENRE_FOLDER_FIELDS = {"folder", "titles", "own_titles", "texts"}  # the folder and its texts


def test_the_genre_class_has_a_field_for_each_key_of_genre_yaml():
    assert set(schemas.genre_rule(IDS)["schema"]) == set(GENRE_KEYS)
    made = set().union(*GENRE_KEYS.values())
    assert made | GENRE_FOLDER_FIELDS == field_names(genres.Genre)
    assert not made & GENRE_FOLDER_FIELDS


# -- no dict of Any for the catalogue -------------------------------------------------------------

# The library's fields that hold text files (mappings of Jinja texts, each checked by its schema
# in library/schemas/): the only ones a mapping of Any may hold.
TEXT_FIELDS = {
    "notice",
    "titles",
    "responsibility",
    "notes",
    "drafting_text",
    "check_text",  # what `drafter check` reads a .docx by (text/check.yaml)
    "imprint",
    "joins",
    "levels",
    "documents",
}


def _mentions_any(hint: Any) -> bool:
    return hint is Any or any(_mentions_any(a) for a in typing.get_args(hint))


def test_catalogue_fields_hold_typed_entries_not_dicts_of_any():
    hints = typing.get_type_hints(Library)
    loose = {name for name, hint in hints.items() if _mentions_any(hint)}
    assert loose <= TEXT_FIELDS, loose - TEXT_FIELDS
    for name in ("tasks", "groups", "roles", "principles", "safeguards", "goals", "indicators"):
        value = getattr(LIB, name)
        values = value.values() if isinstance(value, dict) else value
        assert values and all(dataclasses.is_dataclass(v) for v in values), name
    assert all(isinstance(r, entries.Round) for r in LIB.rounds.values())


@pytest.mark.parametrize(
    "cls",
    [genres.Genre, genres.Section, entries.Item, entries.Task, entries.Goal, entries.Indicator],
)
def test_genres_sections_and_items_are_typed(cls):
    hints = typing.get_type_hints(cls)
    # a genre's titles are a text file; profile_defaults is a profile layer the profile schema checks
    allowed = {"titles", "profile_defaults"} if cls is genres.Genre else set()
    assert {n for n, h in hints.items() if _mentions_any(h)} <= allowed


def test_the_loaded_genres_hold_typed_sections_and_items():
    assert LIB.genres
    for genre in LIB.genres.values():
        assert genre.sections and all(isinstance(s, genres.Section) for s in genre.sections)
        for items in genre.catalogues.values():
            assert all(isinstance(i, entries.Item) for i in items.values())


def test_a_documents_schema_has_every_key_a_section_kind_reads():
    """document.yaml's schema (library/schemas/document.py) and the loader's tables and
    DocSection (library/documents.py) name the same section keys."""
    from drafter.library import documents
    from drafter.library.schemas.document import section_rule

    rule = set(section_rule()["schema"])
    tables = set(documents._COMMON).union(*documents._KIND_KEYS.values())
    fields = {f.name for f in dataclasses.fields(documents.DocSection)} - {"line"}
    assert rule == tables == fields
