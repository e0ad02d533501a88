"""Rules across entries and files, which a schema cannot say: unique ids, complete layouts, ratios
naming a count, goal figures naming indicators, parameters' units, patterns that compile."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from jinja2 import TemplateSyntaxError

from .. import schemacheck
from ..i18n import _
from .faults import Add, FieldPath, check_part
from .ids import get, keys
from .notice_words import ends_in_words, words
from .schemas import CHECK_PATTERNS, Ids
from .schemas.texts import HEADING_LEVELS, NUMBER_SLOT


def cross_check(data: dict[str, Any], ids: Ids, add: Add) -> None:
    _levels(data.get("catalogue/levels.yaml"), add)
    _tasks(get(data, "catalogue/tasks.yaml", "tasks"), add)
    _layouts(get(data, "catalogue/groups.yaml", "layouts"), ids, add)
    _indicators(get(data, "catalogue/indicators.yaml", "indicators"), add)
    _goals(get(data, "catalogue/goals.yaml", "goals"), ids, add)
    _params(get(data, "catalogue/task_params.yaml", "params"), add)
    _patterns(data.get("text/reading.yaml"), READING_PATTERNS, add, "text/reading.yaml", ())
    check = get(data, "text/check.yaml", "patterns")
    _patterns(check, CHECK_PATTERNS, add, "text/check.yaml", ("patterns",))
    _numbering(data.get("text/numbering.yaml"), add)
    _notice_words(data.get("text/notice.yaml"), add)
    heading = ("heading_numbers",)
    _patterns(get(data, "text/check.yaml", *heading), ("arabic",), add, "text/check.yaml", heading)
    for level in HEADING_LEVELS:
        found = get(data, "text/check.yaml", *heading, level)
        _patterns(found, ("gap", "guard"), add, "text/check.yaml", (*heading, level))


def _levels(levels: Any, add: Add) -> None:
    """Every level gives the words the first one gives: a text may use any of them."""
    if not isinstance(levels, dict) or not levels:
        return
    first, *others = levels
    words = set(keys(levels[first]))
    for level in others:
        missing = words - set(keys(levels[level]))
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


def _layouts(layouts: Any, ids: Ids, add: Add) -> None:
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


def _goals(goals: Any, ids: Ids, add: Add) -> None:
    """A goal's figure segment: {figures: [indicator or {id, sep}], before, close, otherwise}."""
    for key, goal in _entries(goals):
        body = goal.get("body")
        for i, segment in _entries(body if isinstance(body, list) else []):
            path = ("goals", key, "body", i)
            check_part("catalogue/goals.yaml", path, segment, GOAL_SEGMENT, add)
            figures = segment.get("figures")
            for j, figure in enumerate(figures if isinstance(figures, list) else []):
                if isinstance(figure, dict):
                    figure_rule = {
                        **GOAL_FIGURE,
                        "id": {**GOAL_FIGURE["id"], "allowed": ids.indicators},
                    }
                    check_part(
                        "catalogue/goals.yaml", (*path, "figures", j), figure, figure_rule, add
                    )
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


def _numbering(marks: Any, add: Add) -> None:
    """numbering.yaml: the numerals of 0 to 9, and each level's mark holding its number's place
    once (compose/numbering.py formats it; check/patterns.py reads headings by it)."""
    if not isinstance(marks, dict):
        return
    digits = marks.get("digits")
    if isinstance(digits, str) and len(digits) != 10:
        add(
            "text/numbering.yaml",
            ("digits",),
            _("expected the ten numerals of 0 to 9, got {count} characters").format(
                count=len(digits)
            ),
        )
    for level in HEADING_LEVELS:
        mark = marks.get(level)
        if not isinstance(mark, str):
            continue
        rest = mark.replace(NUMBER_SLOT, "", 1)
        if NUMBER_SLOT not in mark or "{" in rest or "}" in rest:
            add(
                "text/numbering.yaml",
                (level,),
                _("must hold {slot} once, where the number goes, and no other braces").format(
                    slot=NUMBER_SLOT
                ),
            )


def _notice_words(notice: Any, add: Add) -> None:
    """organ_mark and title end in words of their own, and title opens with some after the
    issuer: `drafter check` tells a masthead and a cover notice by them (library/notice_words.py)."""
    if not isinstance(notice, dict):
        return
    for key, least in (("organ_mark", 1), ("title", 2)):
        source = notice.get(key)
        if not isinstance(source, str):
            continue
        try:
            ok = ends_in_words(source) and len(words(source)) >= least
        except TemplateSyntaxError as error:
            add(
                "text/notice.yaml",
                (key,),
                _("template syntax error: {detail}").format(detail=error),
            )
            continue
        if not ok:
            add(
                "text/notice.yaml",
                (key,),
                _(
                    "must have words of its own after the issuer and at its end: "
                    "drafter check tells a cover notice's title by them"
                )
                if least == 2
                else _(
                    "must end with words of its own after the issuer: "
                    "drafter check tells a masthead by them"
                ),
            )
