"""Schemas of templates/catalogue/*.yaml (and fields.yaml): the ids, tasks, roles and indicators."""

from __future__ import annotations

from typing import Any

from .base import (
    FINAL_STATUS,
    ID,
    INDICATOR_KINDS,
    PARAM_KINDS,
    SINCE,
    SOURCE,
    Ids,
    by_id,
    list_of,
    mapping,
    one_of,
    req,
    sources,
    text,
    texts,
)


def catalogue_schemas(ids: Ids) -> dict[str, dict[str, Any]]:
    """catalogue/*.yaml and fields.yaml: each file's root rule, by its path under templates/."""
    # other wordings of the same item (library/alternatives.py): a profile picks one of them
    alternatives = {"alternative_of": list_of(text(regex=ID), minlength=1)}
    entry = {"title": req(text()), "body": req(text()), "source": sources(), **alternatives}
    goal_body = list_of({"type": ["string", "dict"]}, minlength=1, required=True)
    words = {
        "type": "dict",
        "keysrules": text(regex=ID),
        "valuesrules": {"type": ["string", "list"], "empty": False, "schema": text()},
    }
    return {
        "catalogue/levels.yaml": {
            "type": "dict",
            "minlength": 1,
            "keysrules": text(),
            "valuesrules": words,
        },
        "catalogue/choices.yaml": mapping(
            {
                "programme_kinds": list_of(text(), minlength=1, required=True),
                "statuses": list_of(text(), contains=FINAL_STATUS, required=True),
                "member_titles": list_of(text(), minlength=1, required=True),
                "meeting_verbs": list_of(text(), minlength=1, required=True),
            }
        ),
        "catalogue/roles.yaml": mapping(
            {
                "roles": by_id(
                    mapping(
                        {
                            "label": req(text()),
                            "names": req(
                                {
                                    "type": "dict",
                                    "keysrules": one_of(ids.levels),
                                    "valuesrules": text(),
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
        "catalogue/groups.yaml": mapping(
            {
                "groups": by_id(mapping({"title": req(text())}), required=True),
                "layouts": by_id(
                    list_of(
                        mapping(
                            {
                                "title": req(text()),
                                "groups": list_of(one_of(ids.groups), minlength=1, required=True),
                            }
                        ),
                        minlength=1,
                    ),
                    required=True,
                ),
            }
        ),
        "catalogue/indicators.yaml": mapping(
            {
                "indicators": by_id(
                    mapping(
                        {
                            **texts("name", "unit", "nature", "sentence"),
                            "kind": req(one_of(list(INDICATOR_KINDS))),
                            "source": sources(),
                            "per_10k_of": one_of(ids.indicators),
                            "wordings": by_id(text()),
                            "since": SINCE,
                            "full": {"type": "boolean"},
                        }
                    ),
                    required=True,
                )
            }
        ),
        "catalogue/principles.yaml": mapping({"principles": by_id(mapping(entry), required=True)}),
        "catalogue/safeguards.yaml": mapping(
            {
                "safeguards": by_id(
                    mapping({**entry, "roles": list_of(one_of(ids.role_refs), minlength=1)}),
                    required=True,
                )
            }
        ),
        "catalogue/goals.yaml": mapping(
            {
                "goals": by_id(
                    mapping(
                        {
                            "title": req(text()),
                            "source": sources(),
                            "body": goal_body,
                            "numbered": {"type": "boolean"},  # false: no （一）title (seed 002)
                            **alternatives,
                        }
                    ),
                    required=True,
                )
            }
        ),
        "catalogue/legal_bases.yaml": mapping(
            {
                "documents": by_id(text(), required=True),
                "national": list_of(one_of(ids.documents), required=True),
                "since": {
                    "type": "dict",
                    "keysrules": one_of(ids.documents),
                    "valuesrules": SINCE,
                },
                "rounds": req(
                    {
                        "type": "dict",
                        "keysrules": {"type": "integer"},
                        "valuesrules": mapping(
                            {
                                "documents": list_of(one_of(ids.documents), required=True),
                                "tags": list_of(text(regex=ID), required=True),
                            }
                        ),
                    }
                ),
            }
        ),
        "catalogue/guidance.yaml": mapping(
            {
                "guidance": list_of(
                    mapping(
                        {
                            "since": req({"type": "date"}),
                            "source": sources(),
                            **texts("text"),
                            "plain": text(),
                        }
                    ),
                    minlength=1,
                    required=True,
                )
            }
        ),
        "catalogue/task_params.yaml": mapping(
            {
                "params": by_id(
                    mapping(
                        {
                            "kind": req(one_of(list(PARAM_KINDS))),
                            "about": req(text()),
                            "unit": text(),
                        }
                    ),
                    required=True,
                )
            }
        ),
        "catalogue/tasks.yaml": mapping({"tasks": list_of(_task(ids), required=True)}),
        "fields.yaml": {
            "type": "dict",
            "keysrules": text(),
            "valuesrules": mapping(
                {
                    **texts("zh", "en"),
                    "help": text(),
                    "help_en": text(),
                    "choices": {"type": "dict", "keysrules": text(), "valuesrules": text()},
                }
            ),
        },
    }


def _task(ids: Ids) -> dict[str, Any]:
    roles = list_of(one_of(ids.role_refs), minlength=1, required=True)
    variant = mapping(
        {"title": req(text()), "body": req(text()), "roles": roles, "source": sources()}
    )
    return mapping(
        {
            "id": req(text(regex=ID)),
            "group": req(one_of(ids.groups)),
            "title": req(text()),
            "body": req(text()),
            "roles": roles,
            "tags": list_of(text(regex=ID), required=True),
            "core": req({"type": "boolean"}),
            "source": sources(),
            "variants": by_id(variant),
            "since": SINCE,
        }
    )


def items_file_rule(name: str, ids: Ids) -> dict[str, Any]:
    """catalogue/<name>.yaml without a schema of its own: a catalogue of items a genre's items
    section prints (steps.yaml), "（一）title。body", with the roles it names if any."""
    item = {
        **texts("title", "body"),
        "source": list_of(text(regex=SOURCE), minlength=1),
        "roles": list_of(one_of(ids.role_refs), minlength=1),
        "alternative_of": list_of(text(regex=ID), minlength=1),
    }
    return mapping({name: by_id(mapping(item), required=True)})
