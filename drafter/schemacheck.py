"""Cerberus, drafter's way: the validator both schemas use (the profile's and the content
library's), and its errors in the reader's words: what was expected, what was found, the near name.

Kept apart from both schemas so that the library (read first) and the profile (checked against
the library) share one set of messages without importing each other.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from typing import Any

from cerberus import TypeDefinition, Validator
from cerberus import errors as cerr
from cerberus.schema import DefinitionSchema

from .i18n import _

FINITE_MESSAGE = "finite"  # the code the validator's message table turns into words


class DrafterValidator(Validator):
    """Cerberus with the two scalar types drafter needs and bool kept out of numbers."""

    types_mapping = Validator.types_mapping.copy()
    types_mapping["count"] = TypeDefinition("count", (int,), (bool,))
    types_mapping["integer"] = TypeDefinition("integer", (int,), (bool,))
    types_mapping["number"] = TypeDefinition("number", (int, float), (bool,))

    def _validate_finite(self, constraint: bool, field: str, value: Any) -> None:
        """{'type': 'boolean'}"""
        if constraint and isinstance(value, float) and not math.isfinite(value):
            self._error(field, FINITE_MESSAGE)


class TrustedSchema(DefinitionSchema):
    """drafter's own schema, checked once by the tests rather than in every process:
    cerberus's schema self-check costs more than validating a document.

    This overrides a cerberus internal (DefinitionSchema.validate, called when a schema is
    set); cerberus is pinned below 2 and tests/test_private_access.py fails if it changes."""

    def validate(self, schema: Any = None) -> None:
        pass


class RawErrors(cerr.BaseErrorHandler):
    """Hands ``validator.errors`` back as cerberus's own ValidationError list (public API),
    which carries the codes, paths and constraints the messages are made from."""

    def __call__(self, errors: Iterable[cerr.ValidationError]) -> list[cerr.ValidationError]:
        return list(errors)


def validator(schema: dict[str, Any]) -> DrafterValidator:
    """A validator for one of drafter's own schemas, unknown fields refused, errors kept raw."""
    checker = DrafterValidator(allow_unknown=False, error_handler=RawErrors)
    checker.schema = TrustedSchema(checker, schema)
    return checker


def leaves(errors: Iterable[cerr.ValidationError]) -> Iterable[cerr.ValidationError]:
    for error in errors:
        if error.is_group_error:
            yield from leaves(error.child_errors)
        else:
            yield error


def show_value(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return type_name_of(value)
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + '…"'


def type_name(name: str) -> str:
    names = {
        "count": _("a non-negative integer"),
        "integer": _("an integer"),
        "number": _("a number"),
        "string": _("text"),
        "boolean": _("true or false"),
        "list": _("a list"),
        "dict": _("a mapping (key: value)"),
        "date": _("a date such as 2022-12-04"),
    }
    return names.get(name, name)


def type_name_of(value: Any) -> str:
    if isinstance(value, bool):
        return type_name("boolean")
    if isinstance(value, dict):
        return type_name("dict")
    if isinstance(value, list):
        return type_name("list")
    if isinstance(value, (int, float)):
        return type_name("number")
    return type_name("string")


def schema_at(schema: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any] | None:
    """The mapping schema that holds the last element of ``path``, to suggest names from."""
    node: Any = {"schema": schema, "type": "dict"}
    for part in path[:-1]:
        rules = node.get("schema") if isinstance(node, dict) else None
        if isinstance(part, int):
            node = rules
        elif isinstance(rules, dict) and part in rules:
            node = rules[part]
        elif isinstance(node, dict) and "valuesrules" in node:
            node = node["valuesrules"]
        else:
            return None
    rules = node.get("schema") if isinstance(node, dict) else None
    return rules if isinstance(rules, dict) else None


def suggest(word: str, choices: Iterable[str]) -> str:
    import difflib  # only a wrong name needs it: not imported by every build (1 ms with heapq)

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return _("; did you mean {name}?").format(name=close[0]) if close else ""


def unknown_field(name: Any, known: Iterable[str]) -> str:
    """ "unknown field", with the near name if there is one, else the names that are allowed there."""
    known = list(known)
    hint = suggest(name, known)
    if hint or not known:
        return _("unknown field") + hint
    return _("unknown field") + " " + _("(known fields: {names})").format(names=", ".join(known))


def choice_list(values: Iterable[Any]) -> str:
    # TRANSLATORS: between the allowed values of a field, as a list in running text.
    return _(", ").join(map(str, values))


def message(error: cerr.ValidationError, schema: dict[str, Any]) -> str:
    """The words for one cerberus error of a rule both schemas use."""
    path = tuple(error.document_path)
    code, constraint, value = error.code, error.constraint, error.value
    if code == cerr.UNKNOWN_FIELD.code:
        return unknown_field(path[-1], schema_at(schema, path) or {})
    if code == cerr.REQUIRED_FIELD.code:
        return _("required field is missing")
    if code == cerr.BAD_TYPE.code:
        return _("expected {what}, got {value}").format(
            what=type_name(constraint), value=show_value(value)
        )
    if code == cerr.UNALLOWED_VALUE.code:
        return _("expected one of: {choices}; got {value}").format(
            choices=choice_list(constraint), value=show_value(value)
        ) + suggest(value, constraint)
    if code == cerr.MIN_VALUE.code:
        return _("expected at least {min}, got {value}").format(
            min=constraint, value=show_value(value)
        )
    if code == cerr.MAX_VALUE.code:
        return _("expected at most {max}, got {value}").format(
            max=constraint, value=show_value(value)
        )
    if code in (cerr.EMPTY_NOT_ALLOWED.code, cerr.NOT_NULLABLE.code):
        return _("must not be empty")
    if code == cerr.MIN_LENGTH.code:
        return _("expected at least {min} item(s)").format(min=constraint)
    if code == cerr.MAX_LENGTH.code and isinstance(value, (list, dict)):
        return _("too many items: at most {max}").format(max=constraint)
    if code == cerr.MAX_LENGTH.code:
        return _("too long: at most {max} characters").format(max=constraint)
    if code == cerr.CUSTOM.code and FINITE_MESSAGE in error.info:
        return _("expected a finite number, got {value}").format(value=show_value(value))
    return str(error.rule)  # pragma: no cover - a rule we do not use
