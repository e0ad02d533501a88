"""The content library's own schemas (cerberus): one per file under templates/.

Each is built from the ids the other files define (roles, groups, levels, indicators, documents,
programme kinds), so a task naming a role that roles.yaml lacks is refused in tasks.yaml, at its
line. The rules are only about shape and reference; what a text says is the data's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..limits import YEAR_MAX, YEAR_MIN
from .genres import ATTACHMENTS, DEFAULT_NATIONAL, KINDS, PARTS

INDICATOR_KINDS = ("count", "ratio", "percent", "money")  # how compose/figures.py formats them
PARAM_KINDS = ("count", "text", "list")  # what a task parameter holds (profile schema, compose)
FINAL_STATUS = "final"  # the one draft status that prints no page header
ID = r"[a-z0-9][a-z0-9_-]*"  # a catalogue id: lower-case letters, digits, - and _
SOURCE = r"\d{3}(:\S+)?"  # a seed and the place in it: 000:三.一, 003:1.2, 004
TEXT_DEPTH = 3  # how deep a text file's mappings go (notice.yaml approval.government)
# an item's era (`since`): the year what it names first appeared (drafter/library/era.py)
SINCE = {"type": "integer", "min": YEAR_MIN, "max": YEAR_MAX}


@dataclass(frozen=True)
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


def _text(**extra: Any) -> dict[str, Any]:
    return {"type": "string", "empty": False, **extra}


def _req(rule: dict[str, Any]) -> dict[str, Any]:
    return {**rule, "required": True}


def _list(item: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "list", "schema": item, **extra}


def _dict(schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "dict", "schema": schema, **extra}


def _by_id(entry: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A mapping of catalogue ids to entries."""
    return {"type": "dict", "keysrules": _text(regex=ID), "valuesrules": entry, **extra}


def _one_of(values: list[str]) -> dict[str, Any]:
    return {"type": "string", "allowed": list(values)}


def _sources() -> dict[str, Any]:
    return _list(_text(regex=SOURCE), minlength=1, required=True)


def _texts(*keys: str) -> dict[str, Any]:
    return {key: _req(_text()) for key in keys}


def _text_value(depth: int = TEXT_DEPTH) -> dict[str, Any]:
    """What a text file holds: text, true/false, lists of text, mappings of the same."""
    types = ["string", "boolean", "list"] + (["dict"] if depth else [])
    rule: dict[str, Any] = {"type": types, "nullable": False}
    if depth:
        rule["valuesrules"] = _text_value(depth - 1)
        rule["keysrules"] = {"type": "string"}
    return rule


def _text_file(schema: dict[str, Any]) -> dict[str, Any]:
    """A text file: these keys required; others may be added, holding text."""
    return {"type": "dict", "schema": schema, "allow_unknown": _text_value()}


def schemas(ids: Ids) -> dict[str, dict[str, Any]]:
    """Each file's root rule, by its path under templates/."""
    entry = {"title": _req(_text()), "body": _req(_text()), "source": _sources()}
    goal_body = _list({"type": ["string", "dict"]}, minlength=1, required=True)
    words = {
        "type": "dict",
        "keysrules": _text(regex=ID),
        "valuesrules": {"type": ["string", "list"], "empty": False, "schema": _text()},
    }
    return {
        "catalogue/levels.yaml": {
            "type": "dict",
            "minlength": 1,
            "keysrules": _text(),
            "valuesrules": words,
        },
        "catalogue/choices.yaml": _dict(
            {
                "programme_kinds": _list(_text(), minlength=1, required=True),
                "statuses": _list(_text(), contains=FINAL_STATUS, required=True),
                "member_titles": _list(_text(), minlength=1, required=True),
                "meeting_verbs": _list(_text(), minlength=1, required=True),
            }
        ),
        "catalogue/roles.yaml": _dict(
            {
                "roles": _by_id(
                    _dict(
                        {
                            "label": _req(_text()),
                            "names": _req(
                                {
                                    "type": "dict",
                                    "keysrules": _one_of(ids.levels),
                                    "valuesrules": _text(),
                                }
                            ),
                            "collective": {"type": "boolean"},
                            "area": {"type": "boolean"},
                        }
                    ),
                    required=True,
                )
            }
        ),
        "catalogue/groups.yaml": _dict(
            {
                "groups": _by_id(_dict({"title": _req(_text())}), required=True),
                "layouts": _by_id(
                    _list(
                        _dict(
                            {
                                "title": _req(_text()),
                                "groups": _list(_one_of(ids.groups), minlength=1, required=True),
                            }
                        ),
                        minlength=1,
                    ),
                    required=True,
                ),
            }
        ),
        "catalogue/indicators.yaml": _dict(
            {
                "indicators": _by_id(
                    _dict(
                        {
                            **_texts("name", "unit", "nature", "sentence"),
                            "kind": _req(_one_of(list(INDICATOR_KINDS))),
                            "source": _sources(),
                            "per_10k_of": _one_of(ids.indicators),
                            "wordings": _by_id(_text()),
                            "since": SINCE,
                        }
                    ),
                    required=True,
                )
            }
        ),
        "catalogue/principles.yaml": _dict({"principles": _by_id(_dict(entry), required=True)}),
        "catalogue/safeguards.yaml": _dict(
            {
                "safeguards": _by_id(
                    _dict({**entry, "roles": _list(_one_of(ids.role_refs), minlength=1)}),
                    required=True,
                )
            }
        ),
        "catalogue/goals.yaml": _dict(
            {
                "goals": _by_id(
                    _dict(
                        {
                            "title": _req(_text()),
                            "source": _sources(),
                            "body": goal_body,
                            "numbered": {"type": "boolean"},  # false: no （一）title (seed 002)
                        }
                    ),
                    required=True,
                )
            }
        ),
        "catalogue/legal_bases.yaml": _dict(
            {
                "documents": _by_id(_text(), required=True),
                "national": _list(_one_of(ids.documents), required=True),
                "since": {
                    "type": "dict",
                    "keysrules": _one_of(ids.documents),
                    "valuesrules": SINCE,
                },
                "rounds": _req(
                    {
                        "type": "dict",
                        "keysrules": {"type": "integer"},
                        "valuesrules": _dict(
                            {
                                "documents": _list(_one_of(ids.documents), required=True),
                                "tags": _list(_text(regex=ID), required=True),
                            }
                        ),
                    }
                ),
            }
        ),
        "catalogue/task_params.yaml": _dict(
            {
                "params": _by_id(
                    _dict(
                        {
                            "kind": _req(_one_of(list(PARAM_KINDS))),
                            "about": _req(_text()),
                            "unit": _text(),
                        }
                    ),
                    required=True,
                )
            }
        ),
        "catalogue/tasks.yaml": _dict({"tasks": _list(_task(ids), required=True)}),
        "fields.yaml": {
            "type": "dict",
            "keysrules": _text(),
            "valuesrules": _dict(
                {
                    **_texts("zh", "en"),
                    "help": _text(),
                    "help_en": _text(),
                    "choices": {"type": "dict", "keysrules": _text(), "valuesrules": _text()},
                }
            ),
        },
        **_text_schemas(),
    }


def _task(ids: Ids) -> dict[str, Any]:
    roles = _list(_one_of(ids.role_refs), minlength=1, required=True)
    variant = _dict(
        {"title": _req(_text()), "body": _req(_text()), "roles": roles, "source": _sources()}
    )
    return _dict(
        {
            "id": _req(_text(regex=ID)),
            "group": _req(_one_of(ids.groups)),
            "title": _req(_text()),
            "body": _req(_text()),
            "roles": roles,
            "tags": _list(_text(regex=ID), required=True),
            "core": _req({"type": "boolean"}),
            "source": _sources(),
            "variants": _by_id(variant),
            "since": SINCE,
        }
    )


# text/check.yaml: the regular expressions and words `drafter check` reads a .docx by
# (drafter/check/patterns.py); library/check.py compiles each pattern
CHECK_PATTERNS = (
    *("level1", "level2", "level3", "level4", "attachment_note", "attachment_note_label"),
    *("attachment_item", "attachment_label", "doc_number", "date", "note", "bracketed"),
    *("copy_to", "issued", "item_number", "sentence", "sentence_end", "duty_prefix", "duty_suffix"),
)
CHECK_FONTS = ("fangsong", "heiti", "kaiti", "xiaobiaosong")  # families drafter/layout.py names


def _check_text() -> dict[str, Any]:
    words = _list(_text(), minlength=1, required=True)
    return _dict(
        {
            "patterns": _req(_dict(_texts(*CHECK_PATTERNS))),
            "typed_as": _req(
                {"type": "dict", "keysrules": _text(maxlength=1), "valuesrules": _text()}
            ),
            **_texts("open_brackets", "close_brackets", "task_end"),
            "kind_words": _req(_dict({"departments": words, "report": words})),
            "title_styles": words,
            "page_number_dashes": words,
            "fonts": _req(_dict(dict.fromkeys(CHECK_FONTS, words))),
            "chinese_faces": words,
        }
    )


def _text_schemas() -> dict[str, dict[str, Any]]:
    """templates/text/*.yaml: the keys compose reads from each, required."""
    pair = _dict(_texts("one", "many"), allow_unknown=_text_value())
    return {
        "text/check.yaml": _check_text(),
        "text/departments.yaml": _text_file(
            _texts("title", "intro", "lead", "partner", "item_label", "item", "none")
        ),
        "text/figures.yaml": _dict(
            {
                "compact_from": _req({"type": "integer", "min": 1}),
                "compact_step": _req({"type": "integer", "min": 1}),
                "compact_digits": _req({"type": "integer", "min": 0}),
            }
        ),
        "text/imprint.yaml": _text_file(
            {
                **_texts("printer", "letter_mark", "cc_label", "cc_end", "cc_separator", "printed"),
                "title_words": _list(_text(), required=True),
            }
        ),
        "text/joins.yaml": _text_file(_texts("sep", "last", "book_open", "book_close")),
        "text/notes.yaml": _text_file(_texts("growth", "per_10k")),
        "text/notice.yaml": _text_file(
            {
                **_texts(
                    "organ_mark",
                    "doc_number",
                    "title",
                    "forward_title",
                    "addressees",
                    "forward",
                    "public_note",
                ),
                "approval": _req(
                    _dict(
                        _texts(
                            "government", "study", "meeting", "party_government", "consent", "none"
                        )
                    )
                ),
            }
        ),
        "text/report.yaml": _text_file(
            {
                **_texts(
                    "title",
                    "when",
                    "intro",
                    "tally",
                    "growth",
                    "growth_cell",
                    "indicator",
                    "unreported",
                    "behind",
                    "since",
                    "none_behind",
                    "baseline_cell",
                    "empty",
                ),
                "columns": _list(_text(), minlength=1, required=True),
                "headings": _req(_dict(_texts("indicators", "behind"))),
                "status": _req(_dict(_texts("done", "on_track", "behind"))),
            }
        ),
        "text/reading.yaml": _text_file(
            _texts(
                "opening_marks",
                "closing_marks",
                "year_range",
                "short_note",
                "organ_break",
                "masthead_end",
                "notice_title_open",
                "notice_title_end",
                "notice_verb",
            )
        ),
        "text/responsibility.yaml": _text_file(
            {
                "duty": _req(pair),
                "listed": _req(pair),
                "units": _req(
                    _dict(
                        {
                            **_texts("one", "many"),
                            "shorten": {"type": "boolean"},
                            "areas_last": {"type": "boolean"},
                        }
                    )
                ),
            }
        ),
        "text/titles.yaml": _text_file(
            {
                **_texts(
                    "attachment_label",
                    "attachment_list",
                    "attachment_item",
                    "members_office",
                    "member_title",
                    "deadline",
                    "table_none",
                ),
                "division_columns": _list(_text(), minlength=1, required=True),
                "indicator_columns": _list(_text(), minlength=1, required=True),
            }
        ),
    }


def items_file_rule(name: str, ids: Ids) -> dict[str, Any]:
    """catalogue/<name>.yaml without a schema of its own: a catalogue of items a genre's items
    section prints (steps.yaml), "（一）title。body", with the roles it names if any."""
    item = {
        **_texts("title", "body"),
        "source": _list(_text(regex=SOURCE), minlength=1),
        "roles": _list(_one_of(ids.role_refs), minlength=1),
    }
    return _dict({name: _by_id(_dict(item), required=True)})


def text_file_rule() -> dict[str, Any]:
    """A text file this module does not know yet (a new one): a mapping of texts."""
    return {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": _text_value()}


def genre_rule(ids: Ids) -> dict[str, Any]:
    """templates/genres/<id>/genre.yaml (the format: templates/genres/README.md)."""
    section = _dict(
        {
            "id": _req(_text(regex=ID)),
            "kind": _req(_one_of(list(KINDS))),
            "headings": _list(_text(), minlength=1, required=True),
            "optional": {"type": "boolean"},
            "choice": _text(regex=ID),
            "variants": _by_id(_text(regex=r"[\w.-]+\.j2")),
            "defaults": {
                "type": "dict",
                "keysrules": _one_of(ids.programme_kinds),
                "valuesrules": _text(regex=ID),
            },
            "library": _text(regex=ID),
            "field": _text(regex=ID),
        }
    )
    # The shape, the keys a genre and a section may have and the ids they name; what a genre
    # refers to beyond the catalogue's ids (its folder's files) is genres.check_references's.
    return _dict(
        {
            "id": _req(_text(regex=ID)),
            "summary": _req(_text()),
            "levels": _list(_one_of(ids.levels), minlength=1, required=True),
            "programmes": _list(_one_of(ids.programme_kinds), minlength=1, required=True),
            "vocabulary": _req(
                {"type": "dict", "keysrules": _text(regex=ID), "valuesrules": _text()}
            ),
            "title": _req(_text()),
            "legal_basis": _dict(
                {
                    # the catalogue's own national list, one document, or a list of them
                    "national": {
                        "type": ["string", "list"],
                        "allowed": [DEFAULT_NATIONAL, *ids.documents],
                        "schema": _one_of(ids.documents),
                    },
                    "rounds": {"type": "boolean"},
                }
            ),
            "parts": _list(_one_of(list(PARTS)), minlength=1, required=True),
            "preamble": _text(),
            "preamble_default": _text(regex=ID),
            "sections": _list(section, minlength=1, required=True),
            "attachments": _list(_one_of(list(ATTACHMENTS))),
            "fields": _list(_text(regex=ID), minlength=1, required=True),
            "profile_defaults": {"type": "dict"},
        }
    )
