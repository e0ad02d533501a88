"""A catalogue item the profile names that postdates its plan: an error naming the field, the
item's year and the plan's (the rule: drafter/library/era.py)."""

from __future__ import annotations

from typing import Any

from ..errors import Issue
from ..i18n import _
from ..library import Library, era
from .yamlread import SourceMap, field_text


def misfits(data: dict[str, Any], smap: SourceMap, lib: Library) -> list[Issue]:
    year = era.plan_year(data)
    named: list[tuple[tuple[Any, ...], str, int | None]] = []
    tasks = data.get("tasks", {})
    since = {t.id: t.since for t in lib.tasks}
    for key in ("select", "include"):
        named += [(("tasks", key, i), t, since.get(t)) for i, t in enumerate(tasks.get(key, []))]
    named += [
        (("indicators", k), k, lib.indicators[k].since)
        for k in data.get("indicators", {})
        if k in lib.indicators
    ]
    basis = data.get("legal_basis", {})
    for key in ("national", "round"):
        named += [
            (("legal_basis", key, i), d, lib.document_since.get(d))
            for i, d in enumerate(basis.get(key, []))
        ]
    out = []
    for path, item, first in named:
        if era.fits(first, year):
            continue
        file, line = smap.locate(path)
        message = _(
            "{item} dates from {since}, after the plan's period ends ({year}, "
            "programme.period.end): a plan cannot name what came after it"
        ).format(item=item, since=first, year=year)
        out.append(Issue(file, line, field_text(path), message))
    return out
