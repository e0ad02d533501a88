"""A templates/ file's faults, each placed at templates/<file>:<line> and its field, all raised at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cerberus import errors as cerr

from .. import schemacheck
from ..errors import DrafterError, Issue
from ..i18n import _
from ..profile import yamlread

FieldPath = tuple[Any, ...]
Add = Callable[[str, FieldPath, str], None]

_ROOT = "file"  # each file is checked as the one field of a wrapper, so any root shape has a rule


class LibraryError(DrafterError):
    """A file under templates/ is wrong: drafter's own content, not the county's profile."""


class Faults:
    """Faults found, by file (templates/catalogue/tasks.yaml), each at its field's line."""

    def __init__(self, maps: dict[str, yamlread.SourceMap]):
        self.maps = maps
        self.found: list[tuple[str, FieldPath, str]] = []

    def add(self, name: str, path: FieldPath, message: str) -> None:
        self.found.append((name, tuple(path), message))

    def check(self, name: str, value: Any, rule: dict[str, Any]) -> None:
        for path, text in schema_faults(value, rule):
            self.add(name, path, text)

    def raise_any(self) -> None:
        issues = []
        for name, path, message in self.found:
            file, line = self.maps[name].locate(path)
            issues.append(Issue(file, line, path or None, message))
        if issues:
            raise LibraryError(sorted(set(issues), key=lambda i: (i.file, *i.sort_key)))


def schema_faults(value: Any, rule: dict[str, Any]) -> list[tuple[FieldPath, str]]:
    """A file's faults against its root rule: each field's path and what is wrong there."""
    schema = {_ROOT: {**rule, "required": True, "nullable": False}}
    checker = schemacheck.validator(schema)
    if checker.validate({_ROOT: value}, normalize=False):
        return []
    return [
        (tuple(error.document_path)[1:], message(error, schema))
        for error in schemacheck.leaves(checker.errors)
    ]


def message(error: cerr.ValidationError, schema: dict[str, Any]) -> str:
    if error.code == cerr.REGEX_MISMATCH.code:
        return _("expected an id of lower-case letters, digits, - and _, got {value}").format(
            value=schemacheck.show_value(error.value)
        )
    if error.code == cerr.MISSING_MEMBERS.code:
        return _("the list must hold {value}").format(value=", ".join(map(str, error.info[0])))
    if error.code in (cerr.NOT_NULLABLE.code, cerr.BAD_TYPE.code) and error.document_path == (
        _ROOT,
    ):
        what = _("an empty file") if error.value is None else schemacheck.type_name_of(error.value)
        return _("expected a mapping (key: value), got {what}").format(what=what)
    return schemacheck.message(error, schema)


def check_part(name: str, path: FieldPath, value: Any, schema: dict[str, Any], add: Add) -> None:
    """Check a part of a file against its own schema, its faults placed under ``path``."""
    checker = schemacheck.validator(schema)
    if not checker.validate(value, normalize=False):
        for error in schemacheck.leaves(checker.errors):
            add(name, (*path, *error.document_path), message(error, schema))
