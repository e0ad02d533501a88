"""The profile schema (cerberus). Allowed ids come from the library, so data and schema agree."""

from __future__ import annotations

from typing import Any

from .. import limits
from ..library import Library
from ..schemacheck import FINITE_MESSAGE, DrafterValidator  # noqa: F401 - FINITE_MESSAGE re-exported
from .fields import FRAMING, OWN_PRINCIPLES

TAGS = (
    "universities",
    "agriculture",
    "gi",
    "port",
    "marine",
    "batch2024",
    "international",
    "parks",
    "culture",
)
NUMBERING = ("continuous", "per_group")
RESPONSIBILITY = ("duty", "units", "listed")
APPROVALS = ("government", "study", "meeting", "party_government", "consent", "none")
# task wording variants (templates/catalogue/tasks.yaml): seed 000's, 003's, 002's
TASK_STYLES = ["detailed", "concise", "opinion"]
SEALS = ("sealed", "unsealed", "signed")  # GB/T 9704 7.3.5.1–7.3.5.3
MASTHEADS = ("standard", "preprinted", "letter")  # 7.2; 红头 paper; 信函格式 (10.1)


ProfileValidator = DrafterValidator  # cerberus with drafter's types (drafter/schemacheck.py)


def _text(required: bool = False, **extra: Any) -> dict[str, Any]:
    rule = {"type": "string", "empty": False, "maxlength": limits.MAX_TEXT_CHARS}
    if required:
        rule["required"] = True
    rule.update(extra)
    return rule


def _name(required: bool = False, **extra: Any) -> dict[str, Any]:
    return _text(required, maxlength=limits.MAX_NAME_CHARS, **extra)


def _title(required: bool = False, **extra: Any) -> dict[str, Any]:
    return _text(required, maxlength=limits.MAX_TITLE_CHARS, **extra)


def _list(item: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "list", "maxlength": limits.MAX_LIST_ITEMS, "schema": item, **extra}


def _texts(item: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return _list(item or _text(), **extra)


def _figure(**extra: Any) -> dict[str, Any]:
    return {"type": "number", "min": 0, "max": limits.MAX_FIGURE, "finite": True, **extra}


def _year(required: bool = False) -> dict[str, Any]:
    rule: dict[str, Any] = {"type": "integer", "min": limits.YEAR_MIN, "max": limits.YEAR_MAX}
    if required:
        rule["required"] = True
    return rule


def _dict(schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"type": "dict", "required": required, "schema": schema}


def _cap_lists(rule: Any) -> None:
    """Every list in the schema gets MAX_LIST_ITEMS unless it says otherwise."""
    if isinstance(rule, dict):
        if rule.get("type") == "list":
            rule.setdefault("maxlength", limits.MAX_LIST_ITEMS)
        for value in rule.values():
            _cap_lists(value)


def profile_schema(lib: Library) -> dict[str, Any]:
    schema = _profile_schema(lib)
    _cap_lists(schema)
    return schema


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


def _profile_schema(lib: Library) -> dict[str, Any]:
    genre = _genre_rules(lib)
    level_words = sorted({w for words in lib.levels.values() for w in words if w != "addressees"})
    params = {
        key: {
            "count": {"type": "count", "min": 1, "max": limits.MAX_FIGURE},
            "text": _text(),
            "list": _texts(minlength=1),
        }[spec.kind]
        for key, spec in lib.task_params.items()
    }
    wordings = sorted({w for ind in lib.indicators.values() for w in ind.wordings or {}})
    task_ids = lib.task_ids
    indicator = {
        "type": "dict",
        "schema": {
            "target": _figure(),
            "baseline": _dict({"value": _figure(required=True), "year": _year(True)}),
            "growth": {"type": "number", "min": -1, "max": limits.MAX_GROWTH, "finite": True},
            "wording": {"type": "string", "allowed": wordings},
        },
    }
    task_fields = {
        "title": _title(),
        "body": _text(maxlength=limits.MAX_BODY_CHARS),
        "roles": _list({"type": "string", "allowed": list(lib.roles)}, minlength=1),
        "deadline": _name(),
        "variant": {"type": "string", "allowed": TASK_STYLES},
    }
    return {
        "extends": _text(),
        "genre": {"type": "string", "allowed": list(lib.genres)},
        "county": _dict(
            {
                "name": _name(True),
                "full_name": _name(True),
                "level": {"type": "string", "required": True, "allowed": list(lib.level_ids)},
                "province": _name(True),
                "prefecture": _name(True),
                "population": {"type": "count", "min": 1, "max": limits.MAX_POPULATION},
                "tags": {"type": "list", "schema": {"type": "string", "allowed": list(TAGS)}},
                # the county's own level words (towns: 各镇街), over templates/catalogue/levels.yaml
                "words": {
                    "type": "dict",
                    "keysrules": {"type": "string", "allowed": level_words},
                    "valuesrules": _name(),
                },
            },
            required=True,
        ),
        "framing": _dict({key: _text() for key in FRAMING}),
        "programme": _dict(
            {
                "kind": {"type": "string", "required": True, "allowed": list(lib.programme_kinds)},
                "batch": _year(False),  # required where the genre cites its round (validate)
                "period": _dict({"start": _year(True), "end": _year(True)}, required=True),
                "title": _title(),
            },
            required=True,
        ),
        "notice": _dict(
            {
                "issuer": _name(True),
                "doc_number": _dict(
                    {
                        "prefix": _name(True),
                        "year": _year(True),
                        "serial": {
                            "type": "count",
                            "min": 1,
                            "max": limits.MAX_SERIAL,
                            "required": True,
                        },
                    }
                ),
                "date": {"type": "date", "required": True},
                "addressees": _texts(_name(), required=True, minlength=1),
                "approved_by": _text(),  # default: the government (县政府)
                "instruction": _text(True),
                "title_issuer": _name(),  # the issuer as the title names it (县政府办公室)
                "title_quotes": {"type": "boolean"},
                "approval": {"type": "string", "allowed": list(APPROVALS)},
                "meeting": _dict(
                    {
                        "number": {
                            "type": "count",
                            "min": 1,
                            "max": limits.MAX_SERIAL,
                            "required": True,
                        },
                        "year": _year(),
                        "verb": {"type": "string", "allowed": list(lib.meeting_verbs)},
                    }
                ),
                "forward": _dict({"from": _name(True), "drafted": {"type": "boolean"}}),
                "public": {"type": "boolean"},
                "seal": {"type": "string", "allowed": list(SEALS)},
                "signer_post": _text(),
                "masthead": {"type": "string", "allowed": list(MASTHEADS)},
                "cc": _texts(),
                "printer": _text(),
                "print_date": {"type": "date"},
            },
            required=True,
        ),
        "legal_basis": _dict(
            {
                "policies": _texts(_title()),
                "bases": _texts(_title()),
                # replace the auto-cited lists (drop, reorder, replace): document ids or full titles
                "national": _texts(_title()),
                "round": _texts(_title()),
            }
        ),
        # 起草说明 (drafter build --format notes): how the plan was drafted, as the county states it
        "drafting": _dict(
            {
                "office": _name(),  # 起草单位; default: the leading group's office
                "consulted": _texts(_name()),  # units whose views were sought
                "rounds": _list(  # 征求意见 rounds, in date order
                    _dict(
                        {
                            "date": {"type": "date", "required": True},
                            "scope": _text(True),  # whom the draft went to
                            "received": {"type": "count", "min": 0, "max": limits.MAX_FIGURE},
                            "adopted": {"type": "count", "min": 0, "max": limits.MAX_FIGURE},
                        }
                    )
                ),
            }
        ),
        "industries": _texts(_name()),
        "universities": _texts(_name()),
        "funding_rules": _text(nullable=True),
        "indicators": {
            "type": "dict",
            "keysrules": {"type": "string", "allowed": list(lib.indicators)},
            "valuesrules": indicator,
        },
        "departments": {
            "type": "dict",
            "keysrules": {"type": "string", "allowed": list(lib.roles)},
            "valuesrules": _name(),
        },
        "leading_group": _dict(
            {
                "name": _name(),
                "short_name": _name(),
                "office": _name(),
                "office_head": _name(),
                "leader_post": _name(),
                "members": {
                    "type": "list",
                    "schema": _dict(
                        {
                            "title": {
                                "type": "string",
                                "required": True,
                                "allowed": list(lib.member_titles),
                            },
                            "name": _name(True),
                            "post": _name(True),
                        }
                    ),
                },
            },
            required=True,
        ),
        "plan": _dict(
            {
                "status": {"type": "string", "allowed": list(lib.statuses)},
                "period_sentence": {"type": "boolean"},
                "preamble": {"type": "string", "allowed": genre["preambles"]},
                "headings": _dict(
                    {sid: {"type": "string", "allowed": h} for sid, h in genre["headings"].items()}
                ),
                # prose variants by the field that picks them (guiding, goals_text)
                **{
                    key: {"type": "string", "allowed": names}
                    for key, names in genre["choices"].items()
                },
                # principles from the library by id, in the county's order; OWN_PRINCIPLES marks
                # where the county's own (own_principles) stand, else they follow
                "principles": {
                    "type": "list",
                    "schema": {"type": "string", "allowed": [*lib.principles, OWN_PRINCIPLES]},
                },
                "own_principles": {
                    "type": "list",
                    "schema": _dict({"title": _text(True), "body": _text(True, maxlength=2000)}),
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
        ),
        "tasks": _dict(
            {
                "layout": {"type": "string", "allowed": list(lib.layouts)},
                "numbering": {"type": "string", "allowed": list(NUMBERING)},
                "responsibility": {"type": "string", "allowed": list(RESPONSIBILITY)},
                "style": {"type": "string", "allowed": TASK_STYLES},
                "params": _dict(params),
                "groups": {
                    "type": "list",
                    "minlength": 1,
                    "schema": {"type": "string", "allowed": list(lib.groups)},
                },
                "group_titles": {
                    "type": "dict",
                    "keysrules": {"type": "string", "allowed": list(lib.groups)},
                    "valuesrules": _title(),
                },
                "tags": {"type": "list", "schema": {"type": "string", "allowed": list(TAGS)}},
                "select": {"type": "list", "schema": {"type": "string", "allowed": task_ids}},
                "include": {"type": "list", "schema": {"type": "string", "allowed": task_ids}},
                "exclude": {"type": "list", "schema": {"type": "string", "allowed": task_ids}},
                "overrides": {
                    "type": "dict",
                    "keysrules": {"type": "string", "allowed": task_ids},
                    "valuesrules": _dict(task_fields),
                },
                "custom": {
                    "type": "list",
                    "schema": _dict(
                        {
                            "id": _text(True, regex=r"[a-z0-9][a-z0-9-]*", forbidden=task_ids),
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
        ),
    }
