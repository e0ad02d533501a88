"""Validate a profile and say what is wrong in the clerk's terms: file:line, field, what was expected."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from cerberus import errors as cerr

from .. import limits, schemacheck
from ..compose.figures import round_half_up
from ..errors import Issue
from ..i18n import _
from ..library import Library
from ..schemacheck import show_value, type_name_of
from . import alternatives, era, genre
from .schema import profile_schema
from .yamlread import SourceMap, field_text

# A cerberus validator keeps the errors of its last run, so each thread has its own: two
# profiles validated at once (a web server's threads) must not see each other's errors.
_local = threading.local()
VALIDATORS_KEPT = (
    4  # libraries a thread keeps a validator for (tests and a server use one or a few)
)

TEMPLATE_MARKERS = re.compile(r"\{\{|\{%|\{#")
# The only profile fields drafter renders as templates; every other text reaches the draft as it is.
RENDERED = re.compile(r"^tasks\.(overrides\.[^.]+|custom\[\d+\])\.(title|body)$")


def _validator(lib: Library) -> tuple[schemacheck.DrafterValidator, dict[str, Any]]:
    """One validator per library; the plain schema dict is kept for suggestions."""
    if not hasattr(_local, "validators"):
        _local.validators = OrderedDict()
    validators: OrderedDict[int, tuple[Library, Any, dict[str, Any]]] = _local.validators
    # Keyed by id, the entry holding the library itself: a library collected while its entry
    # lived could hand its id to another, whose profiles would meet the old schema.
    entry = validators.get(id(lib))
    if entry is None or entry[0] is not lib:
        schema = profile_schema(lib)
        entry = validators[id(lib)] = (lib, schemacheck.validator(schema), schema)
        while len(validators) > VALIDATORS_KEPT:
            validators.popitem(last=False)
    validators.move_to_end(id(lib))
    return entry[1], entry[2]


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
    issues = [_issue(e, smap, schema) for e in schemacheck.leaves(validator.errors)]
    return sorted(set(issues), key=lambda i: i.sort_key)


_field = field_text


def _issue(error: cerr.ValidationError, smap: SourceMap, schema: dict[str, Any]) -> Issue:
    path = tuple(error.document_path)
    file, line = smap.locate(path)
    field = _field(path)
    code, value = error.code, error.value
    msg: str
    if code == cerr.FORBIDDEN_VALUE.code:
        msg = _("{value} is already a catalogue task id; choose another id").format(
            value=show_value(value)
        )
    elif code == cerr.REGEX_MISMATCH.code:
        msg = _("use lower-case letters, digits and hyphens, e.g. my-task; got {value}").format(
            value=show_value(value)
        )
    else:
        msg = schemacheck.message(error, schema)
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
    issues += alternatives.misfits(data, smap, lib)
    return issues + genre.misfits(data, smap, lib) + era.misfits(data, smap, lib)


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
        if meta.kind == "ratio" and not spec:
            if not population:
                add(
                    ("indicators", key),
                    _("to compute {name} give county.population").format(name=meta.name),
                )
            elif meta.per_10k_of not in specs:
                add(
                    ("indicators", key),
                    _("to compute {name} give a target for {count}").format(
                        name=meta.name, count=meta.per_10k_of
                    ),
                )
            continue
        if "target" not in spec and "growth" not in spec:
            add(("indicators", key), _("give a target, or a baseline and a growth rate"))
        if "growth" in spec and base is None:
            add(("indicators", key, "growth"), _("a growth rate needs a baseline"))
        if meta.kind == "percent":
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
            count_key = meta.per_10k_of
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
                        name=meta.name,
                        ratio=ratio,
                        count_name=lib.indicators[count_key].name,
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
