"""Progress report: a plan's indicator targets set against actual figures at a date.

profile + actuals file -> document model (the same model the plan uses, so the writers lay it
out the same way). All wording comes from templates/text/report.yaml; this module reads the
actuals, computes growth, completion and schedule, and fills the templates in.

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
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..layout import TABLE_WIDTHS_MM
from ..library import Library
from ..model import Document, Paragraph, Part, Role, Span, Table
from ..profile.load import Profile
from ..rendering import Renderer, Where
from . import figures, numbering, targets, titles
from .actuals import Actuals, read_actuals
from .context import base_context

TEXT_FILE = "report.yaml"
DONE, ON_TRACK, BEHIND = "done", "on_track", "behind"


# -- the figures ----------------------------------------------------------------------------
@dataclass(frozen=True)
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
class _Report:
    def __init__(self, profile: Profile, actuals: Actuals, lib: Library, renderer: Renderer):
        self.profile, self.actuals, self.lib, self.renderer = profile, actuals, lib, renderer
        self.t = lib.report_text
        self.ctx: dict[str, Any] = base_context(profile, lib, renderer)

    def render(self, key: str, **extra: Any) -> str:
        *path, last = key.split(".")
        node = self.t
        for part in path:
            node = node[part]
        return self.renderer.render(
            node[last], {**self.ctx, **extra}, Where(f"templates/text/{TEXT_FILE}", None, key)
        )

    def status(self, status: str) -> str:
        return self.render(f"status.{status}")

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
        return self.render(key, sign=sign, amount=amount, points=points)

    def document(self) -> Document:
        progress = assess(self.profile, self.actuals, self.lib)
        as_of = self.actuals.as_of
        when = self.render(
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
            self.render("tally", status=self.status(s), n=n)
            for s in (DONE, ON_TRACK, BEHIND)
            if (n := sum(p.status == s for p in progress))
        ]
        blocks: list[Paragraph | Table] = [
            Paragraph(Role.TITLE, [Span(self.render("title"))]),
            _body(
                self.render(
                    "intro",
                    when=when,
                    total=len(self.profile.data["indicators"]),
                    reported=len(progress),
                    tallies=tallies,
                )
            ),
            Paragraph(
                Role.HEADING1, [Span(numbering.level1(1) + self.render("headings.indicators"))]
            ),
        ]
        end = self.ctx["programme"]["end"]
        for p in progress:
            blocks.append(
                _body(
                    self.render(
                        "indicator",
                        name=p.name,
                        actual=figures.measured(p.actual, p.kind, p.unit),
                        growth=self.growth(p, "growth"),
                        baseline_year=p.baseline_year,
                        baseline=figures.measured(p.baseline, p.kind, p.unit)
                        if p.baseline is not None
                        else "",
                        completion=percent(max(p.completion, Decimal(0))),
                        target=p.target.text,
                        target_year=end,
                    )
                )
            )
        missing = [
            self.lib.indicators[k].name
            for k in self.profile.data["indicators"]
            if k not in self.actuals.values
        ]
        if missing:
            blocks.append(_body(self.render("unreported", names=missing)))
        blocks.append(self.table(progress))
        blocks.append(
            Paragraph(Role.HEADING1, [Span(numbering.level1(2) + self.render("headings.behind"))])
        )
        behind = [p for p in progress if p.status == BEHIND]
        for p in behind:
            since = self.render("since", year=p.start.year, end_of_year=p.start.month == 12)
            blocks.append(
                _body(
                    self.render(
                        "behind",
                        name=p.name,
                        completion=percent(max(p.completion, Decimal(0))),
                        elapsed=percent(p.elapsed),
                        since=since,
                    )
                )
            )
        if not behind:
            blocks.append(_body(self.render("none_behind")))
        title = blocks[0]
        assert isinstance(title, Paragraph)
        return titles.shape(
            Document(
                title=title.text,
                parts=[Part("report", blocks)],
                author=self.profile.data["notice"]["issuer"],
                names=titles.names_of(self.profile.data, self.lib.imprint["title_words"]),
            )
        )

    def table(self, progress: list[Progress]) -> Table:
        empty = self.render("empty")
        rows = []
        for p in progress:
            baseline = (
                self.render(
                    "baseline_cell",
                    baseline=figures.measured(p.baseline, p.kind),
                    year=p.baseline_year,
                )
                if p.baseline is not None
                else empty
            )
            rows.append(
                [
                    p.name,
                    p.unit,
                    baseline,
                    figures.measured(p.target.value, p.kind),
                    figures.measured(p.actual, p.kind),
                    self.growth(p, "growth_cell") or empty,
                    percent(max(p.completion, Decimal(0))),
                    self.status(p.status),
                ]
            )
        # A column with no figure in any row (every growth unknown, say) says nothing.
        return Table(
            columns=[str(c) for c in self.t["columns"]],
            rows=rows,
            widths_mm=TABLE_WIDTHS_MM["report"],
            header=True,
            ruled=True,
        ).without_empty_columns({empty, ""})


def _body(text: str) -> Paragraph:
    return Paragraph(Role.BODY, [Span(text)])


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
    return _Report(profile, actuals, lib, renderer).document()
