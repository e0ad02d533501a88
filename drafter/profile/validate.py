"""Validate a profile and say what is wrong in the clerk's terms: file:line, field, what was expected."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import threading
from collections.abc import Iterable
from typing import Any

from cerberus import errors as cerr
from cerberus.schema import DefinitionSchema

from .. import limits
from ..compose.figures import round_half_up
from ..errors import Issue
from ..i18n import _
from ..library import Library
from . import genre
from .schema import FINITE_MESSAGE, ProfileValidator, profile_schema
from .yamlread import SourceMap, field_text

# A cerberus validator keeps the errors of its last run, so each thread has its own: two
# profiles validated at once (a web server's threads) must not see each other's errors.
_local = threading.local()

TEMPLATE_MARKERS = re.compile(r"\{\{|\{%|\{#")
# The only profile fields drafter renders as templates; every other text reaches the draft as it is.
RENDERED = re.compile(r"^tasks\.(overrides\.[^.]+|custom\[\d+\])\.(title|body)$")


class _TrustedSchema(DefinitionSchema):
    """drafter's own schema, checked once by tests/test_cli_more.py rather than in every process:
    cerberus's schema self-check costs more than validating a profile.

    This overrides a cerberus internal (DefinitionSchema.validate, called when a schema is
    set); cerberus is pinned below 2 and tests/test_private_access.py fails if it changes."""

    def validate(self, schema: Any = None) -> None:
        pass


class _RawErrors(cerr.BaseErrorHandler):
    """Hands ``validator.errors`` back as cerberus's own ValidationError list (public API),
    which carries the codes, paths and constraints the messages are made from."""

    def __call__(self, errors: Iterable[cerr.ValidationError]) -> list[cerr.ValidationError]:
        return list(errors)


def _validator(lib: Library) -> tuple[ProfileValidator, dict[str, Any]]:
    """One validator per library; the plain schema dict is kept for suggestions."""
    validators = getattr(_local, "validators", None)
    if validators is None:
        validators = _local.validators = {}
    key = id(lib)
    if key not in validators:
        schema = profile_schema(lib)
        validator = ProfileValidator(allow_unknown=False, error_handler=_RawErrors)
        validator.schema = _TrustedSchema(validator, schema)
        validators[key] = (validator, schema)
    return validators[key]


def validate(data: Any, smap: SourceMap, lib: Library) -> list[Issue]:
    if not isinstance(data, dict):
        what = _("an empty file") if data is None else type_name_of(data)
        return [
            Issue(
                smap.file,
                smap.line(()),
                None,
                _("a profile must be a mapping of fields (key: value), got {what}").format(
                    what=what
                ),
            )
        ]
    validator, schema = _validator(lib)
    # The schema has no defaults or coercions (templates/defaults.yaml is merged beforehand), so
    # cerberus's normalisation pass would only copy the document: skip it.
    if validator.validate(data, normalize=False):
        return _semantic(data, smap, lib)
    issues = [_issue(e, smap, schema) for e in _leaves(validator.errors)]
    return sorted(set(issues), key=lambda i: i.sort_key)


def _leaves(errors: Iterable[cerr.ValidationError]) -> Iterable[cerr.ValidationError]:
    for error in errors:
        if error.is_group_error:
            yield from _leaves(error.child_errors)
        else:
            yield error


_field = field_text


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


def _schema_at(schema: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any] | None:
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
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return _("; did you mean {name}?").format(name=close[0]) if close else ""


def unknown_field(name: Any, known: Iterable[str]) -> str:
    """ "unknown field", with the near name if there is one, else the names that are allowed there."""
    known = list(known)
    hint = suggest(name, known)
    if hint or not known:
        return _("unknown field") + hint
    return _("unknown field") + " " + _("(known fields: {names})").format(names=", ".join(known))


def _issue(error: cerr.ValidationError, smap: SourceMap, schema: dict[str, Any]) -> Issue:
    path = tuple(error.document_path)
    file, line = smap.locate(path)
    field = _field(path)
    code, constraint, value = error.code, error.constraint, error.value
    if code == cerr.UNKNOWN_FIELD.code:
        msg = unknown_field(path[-1], _schema_at(schema, path) or {})
    elif code == cerr.REQUIRED_FIELD.code:
        msg = _("required field is missing")
    elif code == cerr.BAD_TYPE.code:
        msg = _("expected {what}, got {value}").format(
            what=type_name(constraint), value=show_value(value)
        )
    elif code == cerr.UNALLOWED_VALUE.code:
        msg = _("expected one of: {choices}; got {value}").format(
            choices="、".join(map(str, constraint)), value=show_value(value)
        ) + suggest(value, constraint)
    elif code == cerr.MIN_VALUE.code:
        msg = _("expected at least {min}, got {value}").format(
            min=constraint, value=show_value(value)
        )
    elif code == cerr.MAX_VALUE.code:
        msg = _("expected at most {max}, got {value}").format(
            max=constraint, value=show_value(value)
        )
    elif code == cerr.EMPTY_NOT_ALLOWED.code:
        msg = _("must not be empty")
    elif code == cerr.MIN_LENGTH.code:
        msg = _("expected at least {min} item(s)").format(min=constraint)
    elif code == cerr.MAX_LENGTH.code and isinstance(value, (list, dict)):
        msg = _("too many items: at most {max}").format(max=constraint)
    elif code == cerr.MAX_LENGTH.code:
        msg = _("too long: at most {max} characters").format(max=constraint)
    elif code == cerr.CUSTOM.code and FINITE_MESSAGE in error.info:
        msg = _("expected a finite number, got {value}").format(value=show_value(value))
    elif code == cerr.NOT_NULLABLE.code:
        msg = _("must not be empty")
    elif code == cerr.FORBIDDEN_VALUE.code:
        msg = _("{value} is already a catalogue task id; choose another id").format(
            value=show_value(value)
        )
    elif code == cerr.REGEX_MISMATCH.code:
        msg = _("use lower-case letters, digits and hyphens, e.g. my-task; got {value}").format(
            value=show_value(value)
        )
    else:  # pragma: no cover - a rule we do not use
        msg = str(error.rule)
    return Issue(file, line, field, msg)


def _semantic(data: dict[str, Any], smap: SourceMap, lib: Library) -> list[Issue]:
    """Cross-field rules that cerberus cannot express."""
    issues: list[Issue] = []

    def add(path: tuple[Any, ...], message: str) -> None:
        file, line = smap.locate(path)
        issues.append(Issue(file, line, _field(path), message))

    programme = data["programme"]
    start, end = programme["period"]["start"], programme["period"]["end"]
    if end < start:
        add(
            ("programme", "period", "end"),
            _("the period ends ({end}) before it starts ({start})").format(start=start, end=end),
        )
    elif end - start + 1 > 10:
        add(
            ("programme", "period", "end"),
            _("a period of {years} years is longer than 10 years").format(years=end - start + 1),
        )
    _check_batch(data, lib, add)
    date = data["notice"]["date"]
    low, high = start - limits.DATE_YEARS_BEFORE, end + limits.DATE_YEARS_AFTER
    if isinstance(date, dt.date) and not low <= date.year <= high:
        add(
            ("notice", "date"),
            _(
                "the date {date} is far from the plan period {start}—{end}: expected {low}—{high}"
            ).format(date=date.isoformat(), start=start, end=end, low=low, high=high),
        )
    _check_drafting(data, add, (low, high))
    for path, text in _plain_texts(data):
        if TEMPLATE_MARKERS.search(text):
            add(
                path,
                _(
                    "template markers ({{ }}, {% %}, {# #}) work only in a task's title and body; "
                    "write this text plainly"
                ),
            )
    seen: dict[str, int] = {}
    for i, task in enumerate(data.get("tasks", {}).get("custom", [])):
        if task["id"] in seen:
            add(
                ("tasks", "custom", i, "id"),
                _("task id {id} is used twice (first at custom[{first}])").format(
                    id=task["id"], first=seen[task["id"]]
                ),
            )
        seen.setdefault(task["id"], i)
    _check_indicators(data, lib, add)
    return issues + genre.misfits(data, smap, lib)


def _check_batch(data: dict[str, Any], lib: Library, add: Any) -> None:
    """The batch year: where the genre cites its round's notices, it must be known (or the round
    named); a genre that cites none (a 实施意见) needs no batch."""
    programme = data["programme"]
    start, end = programme["period"]["start"], programme["period"]["end"]
    own = lib.genres.get(genre.genre_id(data))
    cites_round = (own is None or own.rounds) and "round" not in data.get("legal_basis", {})
    batch = programme.get("batch")
    if batch is None:
        if cites_round:
            add(
                ("programme", "batch"),
                _(
                    "genre {genre} cites the batch round's notices: give programme.batch, or name "
                    "the documents under legal_basis.round"
                ).format(genre=genre.genre_id(data)),
            )
        return
    if not start - 1 <= batch <= end:
        add(
            ("programme", "batch"),
            _("batch year {batch} does not fit the period {start}—{end}").format(
                batch=batch, start=start, end=end
            ),
        )
    if batch not in lib.rounds and cites_round:
        add(
            ("programme", "batch"),
            _(
                "no batch round is known for {batch} (known: {years}); name the round's documents "
                "under legal_basis.round"
            ).format(batch=batch, years=", ".join(map(str, lib.rounds))),
        )


def _check_drafting(data: dict[str, Any], add: Any, years: tuple[int, int]) -> None:
    """The 征求意见 rounds of drafting (the 起草说明's facts): dates near the plan period and in
    order, and no more opinions adopted than received."""
    low, high = years
    period = data["programme"]["period"]
    start, end = period["start"], period["end"]
    previous = None
    for i, entry in enumerate(data.get("drafting", {}).get("rounds", [])):
        date, received, adopted = entry["date"], entry.get("received"), entry.get("adopted")
        if not isinstance(date, dt.date):
            continue
        if not low <= date.year <= high:
            add(
                ("drafting", "rounds", i, "date"),
                _(
                    "the date {date} is far from the plan period {start}—{end}: expected {low}—{high}"
                ).format(date=date.isoformat(), start=start, end=end, low=low, high=high),
            )
        if previous is not None and date < previous:
            add(
                ("drafting", "rounds", i, "date"),
                _("the rounds go in date order: {date} comes before {previous}").format(
                    date=date.isoformat(), previous=previous.isoformat()
                ),
            )
        previous = date
        if adopted is not None and received is None:
            add(
                ("drafting", "rounds", i, "adopted"),
                _("give the opinions received (received) beside those adopted"),
            )
        elif adopted is not None and received is not None and adopted > received:
            add(
                ("drafting", "rounds", i, "adopted"),
                _("{adopted} opinions adopted is more than the {received} received").format(
                    adopted=adopted, received=received
                ),
            )


def _check_indicators(data: dict[str, Any], lib: Library, add: Any) -> None:
    """Targets that cannot be right: below the baseline, over 100 %, a ratio at odds with its count."""
    specs = data.get("indicators") or {}
    population = data["county"].get("population")
    for key, spec in specs.items():
        meta = lib.indicators[key]
        base = spec.get("baseline", {}).get("value")
        if meta["kind"] == "ratio" and not spec:
            if not population:
                add(
                    ("indicators", key),
                    _("to compute {name} give county.population").format(name=meta["name"]),
                )
            elif meta["per_10k_of"] not in specs:
                add(
                    ("indicators", key),
                    _("to compute {name} give a target for {count}").format(
                        name=meta["name"], count=meta["per_10k_of"]
                    ),
                )
            continue
        if "target" not in spec and "growth" not in spec:
            add(("indicators", key), _("give a target, or a baseline and a growth rate"))
        if "growth" in spec and base is None:
            add(("indicators", key, "growth"), _("a growth rate needs a baseline"))
        if meta["kind"] == "percent":
            if spec.get("target", 0) > 100:
                add(
                    ("indicators", key, "target"),
                    _("a percentage cannot exceed 100, got {value}").format(value=spec["target"]),
                )
            if base is not None and base > 100:
                add(
                    ("indicators", key, "baseline", "value"),
                    _("a percentage cannot exceed 100, got {value}").format(value=base),
                )
        if "target" in spec and base is not None and spec["target"] < base:
            add(
                ("indicators", key, "target"),
                _("target {target} is below the baseline {baseline}").format(
                    target=spec["target"], baseline=base
                ),
            )
    if population:
        for key, meta in lib.indicators.items():
            count_key = meta.get("per_10k_of")
            ratio, count = specs.get(key, {}).get("target"), specs.get(count_key, {}).get("target")
            if count_key is None or ratio is None or count is None:
                continue
            places = 0 if isinstance(ratio, int) else 1
            derived = round_half_up(count / population * 10000, places)
            if derived != round_half_up(ratio, places):
                add(
                    ("indicators", key, "target"),
                    _(
                        "{name} {ratio} does not agree with {count_name} {count} and population {population}: "
                        "that gives {derived}"
                    ).format(
                        name=meta["name"],
                        ratio=ratio,
                        count_name=lib.indicators[count_key]["name"],
                        count=count,
                        population=population,
                        derived=derived,
                    ),
                )


def _plain_texts(data: Any, path: tuple[Any, ...] = ()) -> Iterable[tuple[tuple[Any, ...], str]]:
    """(path, text) of every string the profile gives that drafter does not render."""
    if isinstance(data, str):
        if not RENDERED.match(_field(path)):
            yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _plain_texts(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _plain_texts(value, path + (i,))
