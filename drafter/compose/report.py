"""Progress report: a plan's indicator targets set against actual figures at a date.

profile + actuals file -> document model (the same model the plan uses, so the writers lay it
out the same way). Its sections and their order are data (templates/genres/report/document.yaml),
each built by its kind's builder (drafter/compose/kinds: summary, table) through plan.py's
document_blocks; all wording is in templates/text/report.yaml. This module computes growth,
completion and schedule and gives each indicator's record (the fields the texts and cells name).

The actuals file is read and checked by drafter.compose.actuals.

Definitions (all per indicator of the profile that has an actual figure):

- growth: (actual - baseline) / baseline; for percent-kind indicators (rates) the change in
  percentage points, actual - baseline. Left out when the profile gives no baseline (or it is 0).
- completion: (actual - baseline) / (target - baseline); actual / target when there is no baseline
  and for percent-kind indicators. The target is the one the plan prints (targets.resolve), so a
  growth-rate target counts at its rounded value.
- elapsed: (as_of - start) / (period end - start), clamped to 0..1, where start is Dec 31 of the
  baseline year (Jan 1 of the period's first year without a baseline) and the period ends on
  Dec 31 of programme.period.end.
- status: done when completion >= 1, behind when completion < elapsed, else on track.

Percentages are rounded half up to whole numbers for print; the status uses the exact values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..library import Library
from ..library.documents import load_document
from ..model import Document, Paragraph, Part
from ..profile.load import Profile
from ..records import record
from . import figures, targets, titles
from .actuals import Actuals, read_actuals
from .context import base_context
from .kinds.sheet import Record, Sheet
from .plan import document_blocks
from .render import Renderer

DOCUMENT = "report"  # templates/genres/report/document.yaml
DONE, ON_TRACK, BEHIND = "done", "on_track", "behind"


# -- the figures ----------------------------------------------------------------------------
@record(frozen=True)
class Progress:
    """One indicator's state at the report date."""

    indicator: str
    name: str
    unit: str
    kind: str
    target: targets.Target
    actual: int | float
    baseline: int | float | None
    baseline_year: int | None
    growth: Decimal | None  # fraction (0.2 = 20%), or percentage points for percent-kind indicators
    completion: Decimal  # fraction of the target reached (0.375 = 37.5%)
    elapsed: float  # fraction of the time from start to period end that has passed
    start: dt.date  # where the elapsed time is counted from
    status: str  # DONE, ON_TRACK or BEHIND


def assess(profile: Profile, actuals: Actuals, lib: Library) -> list[Progress]:
    """Progress of every indicator in the profile that has an actual figure, in the profile's order."""
    programme = profile.data["programme"]
    period = programme["period"]
    specs = profile.data["indicators"]
    resolved = targets.of_profile(profile.data, lib.indicators)
    period_end = dt.date(period["end"], 12, 31)
    out = []
    for key in resolved:  # includes ratios derived from the population
        spec = specs.get(key, {})
        if key not in actuals.values:
            continue
        meta = lib.indicators[key]
        kind = meta.kind
        target = resolved[key]
        actual = actuals.values[key]
        base = spec.get("baseline")
        baseline = base["value"] if base else None
        a, t = _dec(actual), _dec(target.value)
        growth = None
        if baseline is not None:
            b = _dec(baseline)
            if kind == "percent":
                growth = a - b
            elif b:
                growth = (a - b) / b
        if baseline is None or kind == "percent":
            completion = a / t if t else Decimal(1)
        else:
            b = _dec(baseline)
            completion = (a - b) / (t - b) if t != b else (Decimal(1) if a >= t else Decimal(0))
        start = dt.date(base["year"], 12, 31) if base else dt.date(period["start"], 1, 1)
        span = (period_end - start).days
        elapsed = 1.0 if span <= 0 else min(max((actuals.as_of - start).days / span, 0.0), 1.0)
        status = (
            DONE if completion >= 1 else BEHIND if completion < Decimal(repr(elapsed)) else ON_TRACK
        )
        out.append(
            Progress(
                key,
                meta.name,
                meta.unit,
                kind,
                target,
                actual,
                baseline,
                base["year"] if base else None,
                growth,
                completion,
                elapsed,
                start,
                status,
            )
        )
    return out


def _dec(value: int | float) -> Decimal:
    """Exact decimal of a figure as written (2.67, not the binary float nearest to it)."""
    return Decimal(str(value))


def percent(fraction: Decimal | float) -> str:
    """A fraction as a whole percentage, rounded half up: 0.375 -> 38%."""
    return figures.quantity(figures.round_half_up(Decimal(str(fraction)) * 100, 0), "percent", "%")


# -- the document ------------------------------------------------------------------------------
class _Words:
    """The report's own texts the records are made of (templates/text/report.yaml)."""

    def __init__(self, sheet: Sheet):
        self.say = sheet.say

    def status(self, status: str) -> str:
        return self.say(f"status.{status}")

    def growth(self, p: Progress, key: str) -> str:
        if p.growth is None:
            return ""
        points = p.kind == "percent"
        if points:
            amount = figures.number(float(abs(p.growth)), "percent")
            shown = Decimal(str(figures.round_half_up(abs(p.growth), 1)))
        else:
            shown = Decimal(figures.round_half_up(abs(p.growth) * 100, 0))
            amount = percent(abs(p.growth))
        sign = 0 if shown == 0 else (1 if p.growth > 0 else -1)
        return self.say(key, sign=sign, amount=amount, points=points)

    def record(self, p: Progress, end: int) -> Record:
        """What the texts and the table's cells say of one indicator."""
        base = p.baseline
        return {
            "name": p.name,
            "unit": p.unit,
            "status": p.status,
            "status_text": self.status(p.status),
            "actual": figures.measured(p.actual, p.kind, p.unit),
            "actual_figure": figures.measured(p.actual, p.kind),
            "baseline": figures.measured(base, p.kind, p.unit) if base is not None else "",
            "baseline_year": p.baseline_year,
            "baseline_cell": self.say(
                "baseline_cell", baseline=figures.measured(base, p.kind), year=p.baseline_year
            )
            if base is not None
            else "",
            "growth": self.growth(p, "growth"),
            "growth_cell": self.growth(p, "growth_cell"),
            "completion": percent(max(p.completion, Decimal(0))),
            "over": p.completion > 1,  # past the target, not only reached
            "target": p.target.text,
            "target_figure": figures.measured(p.target.value, p.kind),
            "target_year": end,
            "elapsed": percent(p.elapsed),
            "since": self.say("since", year=p.start.year, end_of_year=p.start.month == 12),
        }

    def facts(self, progress: list[Progress], as_of: dt.date, total: int) -> dict[str, Any]:
        """What the report's opening says: the date, and how many indicators stand where."""
        when = self.say(
            "when",
            as_of={
                "year": as_of.year,
                "month": as_of.month,
                "day": as_of.day,
                "month_end": (as_of + dt.timedelta(days=1)).month != as_of.month,
                "text": figures.date(as_of),
            },
        )
        tallies = [
            self.say("tally", status=self.status(s), n=n)
            for s in (DONE, ON_TRACK, BEHIND)
            if (n := sum(p.status == s for p in progress))
        ]
        return {"when": when, "total": total, "reported": len(progress), "tallies": tallies}


def report_document(
    profile: Profile, actuals: Actuals, lib: Library, renderer: Renderer
) -> Document:
    """The report: templates/genres/report/document.yaml's sections over the indicators' records."""
    definition = load_document(lib.root, DOCUMENT)
    sheet = Sheet(definition, renderer, base_context(profile, lib, renderer), {})
    words = _Words(sheet)
    progress = assess(profile, actuals, lib)
    planned = profile.data["indicators"]
    end = sheet.ctx["programme"]["end"]
    facts = words.facts(progress, actuals.as_of, len(planned))
    facts["names"] = [lib.indicators[k].name for k in planned if k not in actuals.values]
    sheet = replace(
        sheet,
        ctx={**sheet.ctx, **facts},
        records={"indicators": [words.record(p, end) for p in progress]},
    )
    blocks = document_blocks(sheet)
    return titles.shape(
        Document(
            title=blocks[0].text if isinstance(blocks[0], Paragraph) else "",
            parts=[Part(definition.id, blocks)],
            author=profile.data["notice"]["issuer"],
            names=titles.names_of(profile.data, lib.imprint["title_words"]),
        )
    )


def progress_report(
    profile: Profile,
    actuals_path: Path | str | bytes,
    lib: Library,
    renderer: Renderer | None = None,
    name: str | None = None,
) -> Document:
    """The progress report of one county's plan at the date of the actuals file, as a document model.

    Raises DrafterError (file:line, field, message) for a bad actuals file or a broken template.
    """
    actuals = read_actuals(actuals_path, profile, lib, name)
    renderer = renderer or Renderer()
    renderer.begin()
    return report_document(profile, actuals, lib, renderer)
