"""Read and check every YAML file under templates/, each against its own schema (library/schemas.py).

A fault is the library's, never the county's: each message names templates/<file>:<line>, the
field and what was expected, and every fault of every file is reported at once. Files are read as
a profile is (profile/yamlread.py): a duplicate key is a fault, and each field keeps its line.
The disk cache (library/load.py) means this runs only when a file under templates/ has changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from cerberus import errors as cerr

from .. import schemacheck
from ..errors import DrafterError, Issue
from ..i18n import _
from ..profile import yamlread
from . import genres, schemas
from .genres import GENRE_FILE

FieldPath = tuple[Any, ...]
Add = Callable[[str, FieldPath, str], None]

_ROOT = "file"  # each file is checked as the one field of a wrapper, so any root shape has a rule


class LibraryError(DrafterError):
    """A file under templates/ is wrong: drafter's own content, not the county's profile."""


def read(root: Path) -> dict[str, Any]:
    """Every YAML file under ``root``, by its path under it ("catalogue/tasks.yaml"), checked."""
    paths = sorted(p for p in root.rglob("*.yaml") if p.is_file())
    data: dict[str, Any] = {}
    maps: dict[str, yamlread.SourceMap] = {}
    for path in paths:
        name = path.relative_to(root).as_posix()
        try:
            data[name], maps[name] = yamlread.read(path, f"{root.name}/{name}")
        except DrafterError as error:
            raise LibraryError(error.issues) from None
    faults = Faults(maps)
    ids = _ids(data)
    rules = schemas.schemas(ids)
    for name, value in data.items():
        rule = _rule(name, rules, ids)
        if rule is not None:
            faults.check(name, value, rule)
    _semantic(data, ids, faults.add)
    genres.check_references(data, root, faults.add)
    faults.raise_any()
    return data


def _rule(name: str, rules: dict[str, dict[str, Any]], ids: schemas.Ids) -> dict[str, Any] | None:
    """A file's schema: its own, a genre's, else (a text file not yet known here) a mapping of texts,
    or (a catalogue file not known here) a catalogue of items.

    defaults.yaml is a profile's bottom layer: the profile schema checks it, merged."""
    if name in rules:
        return rules[name]
    if name.startswith("genres/") and name.endswith(f"/{GENRE_FILE}"):
        return schemas.genre_rule(ids)
    if name.startswith(("genres/", "text/")):
        return schemas.text_file_rule()
    if name.startswith("catalogue/"):
        return schemas.items_file_rule(name.removeprefix("catalogue/").removesuffix(".yaml"), ids)
    return None


class Faults:
    """Faults found, by file (templates/catalogue/tasks.yaml), each at its field's line."""

    def __init__(self, maps: dict[str, yamlread.SourceMap]):
        self.maps = maps
        self.found: list[tuple[str, FieldPath, str]] = []

    def add(self, name: str, path: FieldPath, message: str) -> None:
        self.found.append((name, tuple(path), message))

    def check(self, name: str, value: Any, rule: dict[str, Any]) -> None:
        schema = {_ROOT: {**rule, "required": True, "nullable": False}}
        checker = schemacheck.validator(schema)
        if checker.validate({_ROOT: value}, normalize=False):
            return
        for error in schemacheck.leaves(checker.errors):
            path = tuple(error.document_path)[1:]
            self.add(name, path, _message(error, schema))

    def raise_any(self) -> None:
        issues = []
        for name, path, message in self.found:
            file, line = self.maps[name].locate(path)
            issues.append(Issue(file, line, path or None, message))
        if issues:
            raise LibraryError(sorted(set(issues), key=lambda i: (i.file, *i.sort_key)))


def _message(error: cerr.ValidationError, schema: dict[str, Any]) -> str:
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


def _keys(value: Any) -> list[str]:
    return [str(k) for k in value] if isinstance(value, dict) else []


def _get(data: dict[str, Any], name: str, *keys: str) -> Any:
    value = data.get(name)
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _ids(data: dict[str, Any]) -> schemas.Ids:
    """The ids each file defines, read defensively: a broken file is reported by its own check."""
    kinds = _get(data, "catalogue/choices.yaml", "programme_kinds")
    return schemas.Ids(
        levels=_keys(data.get("catalogue/levels.yaml")),
        roles=_keys(_get(data, "catalogue/roles.yaml", "roles")),
        groups=_keys(_get(data, "catalogue/groups.yaml", "groups")),
        indicators=_keys(_get(data, "catalogue/indicators.yaml", "indicators")),
        documents=_keys(_get(data, "catalogue/legal_bases.yaml", "documents")),
        programme_kinds=[str(k) for k in kinds] if isinstance(kinds, list) else [],
    )


# -- rules across entries and files, which a schema cannot say -----------------------------------


def _semantic(data: dict[str, Any], ids: schemas.Ids, add: Add) -> None:
    _levels(data.get("catalogue/levels.yaml"), add)
    _tasks(_get(data, "catalogue/tasks.yaml", "tasks"), add)
    _layouts(_get(data, "catalogue/groups.yaml", "layouts"), ids, add)
    _indicators(_get(data, "catalogue/indicators.yaml", "indicators"), add)
    _goals(_get(data, "catalogue/goals.yaml", "goals"), ids, add)
    _params(_get(data, "catalogue/task_params.yaml", "params"), add)
    _patterns(data.get("text/reading.yaml"), READING_PATTERNS, add, "text/reading.yaml", ())
    check = _get(data, "text/check.yaml", "patterns")
    _patterns(check, schemas.CHECK_PATTERNS, add, "text/check.yaml", ("patterns",))


def _levels(levels: Any, add: Add) -> None:
    """Every level gives the words the first one gives: a text may use any of them."""
    if not isinstance(levels, dict) or not levels:
        return
    first, *others = levels
    words = set(_keys(levels[first]))
    for level in others:
        missing = words - set(_keys(levels[level]))
        if missing and isinstance(levels[level], dict):
            add(
                "catalogue/levels.yaml",
                (level,),
                _("gives no {words}, which {first} gives").format(
                    words=", ".join(sorted(missing)), first=first
                ),
            )


def _entries(value: Any) -> Iterable[tuple[Any, dict[str, Any]]]:
    items = value.items() if isinstance(value, dict) else enumerate(value or [])
    return ((key, entry) for key, entry in items if isinstance(entry, dict))


def _tasks(tasks: Any, add: Add) -> None:
    if not isinstance(tasks, list):
        return
    seen: dict[str, int] = {}
    for i, task in _entries(tasks):
        task_id = task.get("id")
        if isinstance(task_id, str) and task_id in seen:
            add(
                "catalogue/tasks.yaml",
                ("tasks", i, "id"),
                _("task id {id} is used twice (first at tasks[{first}])").format(
                    id=task_id, first=seen[task_id]
                ),
            )
        elif isinstance(task_id, str):
            seen[task_id] = i


def _layouts(layouts: Any, ids: schemas.Ids, add: Add) -> None:
    """Every layout gives every group one heading, or a chosen task has nowhere to go."""
    for name, headings in layouts.items() if isinstance(layouts, dict) else ():
        if not isinstance(headings, list):
            continue
        placed = [g for h in headings if isinstance(h, dict) for g in (h.get("groups") or []) if g]
        missing = [g for g in ids.groups if g not in placed]
        twice = sorted({g for g in placed if placed.count(g) > 1})
        if missing:
            add(
                "catalogue/groups.yaml",
                ("layouts", name),
                _("places no heading for the group(s) {groups}").format(groups=", ".join(missing)),
            )
        if twice:
            add(
                "catalogue/groups.yaml",
                ("layouts", name),
                _("places the group(s) {groups} under two headings").format(
                    groups=", ".join(twice)
                ),
            )


def _indicators(indicators: Any, add: Add) -> None:
    """A ratio is per 10,000 people of a count, which it must name."""
    if not isinstance(indicators, dict):
        return
    for key, spec in _entries(indicators):
        base = spec.get("per_10k_of")
        if spec.get("kind") == "ratio" and base is None:
            add(
                "catalogue/indicators.yaml",
                ("indicators", key),
                _("a ratio needs per_10k_of: the count it is per 10,000 people of"),
            )
        elif base is not None and (indicators.get(base) or {}).get("kind") != "count":
            add(
                "catalogue/indicators.yaml",
                ("indicators", key, "per_10k_of"),
                _("per_10k_of must name a count indicator, got {value}").format(
                    value=schemacheck.show_value(base)
                ),
            )


GOAL_SEGMENT = {
    "before": {"type": "string"},
    "figures": {
        "type": "list",
        "required": True,
        "minlength": 1,
        "schema": {"type": ["string", "dict"]},
    },
    "close": {"type": "string"},
    "otherwise": {"type": "string"},
}
GOAL_FIGURE: dict[str, dict[str, Any]] = {
    "id": {"type": "string", "required": True},
    "sep": {"type": "string"},
}


def _goals(goals: Any, ids: schemas.Ids, add: Add) -> None:
    """A goal's figure segment: {figures: [indicator or {id, sep}], before, close, otherwise}."""
    for key, goal in _entries(goals):
        body = goal.get("body")
        for i, segment in _entries(body if isinstance(body, list) else []):
            path = ("goals", key, "body", i)
            _sub("catalogue/goals.yaml", path, segment, GOAL_SEGMENT, add)
            figures = segment.get("figures")
            for j, figure in enumerate(figures if isinstance(figures, list) else []):
                if isinstance(figure, dict):
                    figure_rule = {
                        **GOAL_FIGURE,
                        "id": {**GOAL_FIGURE["id"], "allowed": ids.indicators},
                    }
                    _sub("catalogue/goals.yaml", (*path, "figures", j), figure, figure_rule, add)
                elif isinstance(figure, str) and figure not in ids.indicators:
                    add(
                        "catalogue/goals.yaml",
                        (*path, "figures", j),
                        _("expected one of: {choices}; got {value}").format(
                            choices=schemacheck.choice_list(ids.indicators),
                            value=schemacheck.show_value(figure),
                        )
                        + schemacheck.suggest(figure, ids.indicators),
                    )


def _sub(name: str, path: FieldPath, value: Any, schema: dict[str, Any], add: Add) -> None:
    """Check a part of a file against its own schema, its faults placed under ``path``."""
    checker = schemacheck.validator(schema)
    if not checker.validate(value, normalize=False):
        for error in schemacheck.leaves(checker.errors):
            add(name, (*path, *error.document_path), _message(error, schema))


def _params(params: Any, add: Add) -> None:
    for key, spec in _entries(params):
        if spec.get("kind") == "count" and "unit" not in spec:
            add(
                "catalogue/task_params.yaml",
                ("params", key),
                _("a count needs its unit"),
            )


READING_PATTERNS = ("year_range", "short_note")  # text/reading.yaml's regular expressions


def _patterns(found: Any, keys: Iterable[str], add: Add, name: str, at: FieldPath) -> None:
    """Each of ``keys`` in the mapping ``found`` (at ``at`` in file ``name``) is a pattern."""
    for key in keys:
        value = found.get(key) if isinstance(found, dict) else None
        if not isinstance(value, str):
            continue
        try:
            re.compile(value)
        except re.error as error:
            add(
                name,
                (*at, key),
                _("not a regular expression: {problem}").format(problem=str(error)),
            )
