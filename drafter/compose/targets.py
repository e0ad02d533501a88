"""Indicator targets: copied from the profile, or computed from a baseline and a growth rate,
or (for per-10k ratios) from the count and the county's population."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..library.entries import Indicator
from ..records import record
from . import figures

CEILING = 100  # a percent-kind indicator's highest figure


@record(frozen=True)
class Target:
    indicator: str
    value: float | int
    text: str  # formatted with unit: 2.1万件
    # None: copied; how drafter derived it: "growth", "per_10k", or "held" (a growth that would
    # carry a rate no plan sets at 100% there: its baseline kept)
    computed: str | None
    basis: dict[str, Any] | None  # the figures it was derived from, formatted for the review note


def per_10k(count: float, population: int) -> float:
    return count / population * 10000


def population_text(population: int) -> str:
    return figures.number(population / 10000, "ratio")


def resolve(
    specs: dict[str, dict[str, Any]],
    registry: Mapping[str, Indicator],
    end_year: int,
    population: int | None = None,
) -> dict[str, Target]:
    """Every indicator the profile gives, and every ratio its population lets us derive."""
    out: dict[str, Target] = {}
    for key, spec in specs.items():
        if "target" in spec or "growth" in spec:
            out[key] = _given(key, spec, registry[key], end_year)
    if population:
        for key, meta in registry.items():
            count_key = meta.per_10k_of
            if count_key and key not in out and count_key in out:
                count = out[count_key]
                value = figures.round_half_up(per_10k(count.value, population), 1)
                basis = {"count": count.text, "population": population_text(population)}
                out[key] = Target(
                    key, value, figures.quantity(value, "ratio", meta.unit), "per_10k", basis
                )
    return out


def _given(key: str, spec: dict[str, Any], meta: Indicator, end_year: int) -> Target:
    kind, unit = meta.kind, meta.unit
    if "target" in spec:
        value = spec["target"]
        return Target(key, value, figures.quantity(value, kind, unit), None, None)
    base = spec["baseline"]
    years = max(end_year - base["year"], 0)
    raw = base["value"] * (1 + spec["growth"]) ** years
    value = figures.round_half_up(raw, 0 if kind == "count" else 1)
    basis = {
        "year": base["year"],
        "baseline": figures.quantity(base["value"], kind, unit),
        "rate": figures.number(spec["growth"] * 100, "percent") + "%",
    }
    how = "growth"
    if kind == "percent" and value >= CEILING:
        # a rate stops at its ceiling; one no plan sets at 100% (满意度) keeps its baseline
        value, how = (CEILING, how) if meta.full else (base["value"], "held")
    return Target(key, value, figures.quantity(value, kind, unit), how, basis)


def at_ceiling(target: Target, meta: Indicator) -> bool:
    """A rate's target of 100%: its clause says 达到100%, not 100%以上 (seed 000's 审结率)."""
    return meta.kind == "percent" and target.value >= CEILING


def of_profile(data: dict[str, Any], registry: Mapping[str, Indicator]) -> dict[str, Target]:
    """A validated profile's targets, as the plan prints them and the progress report measures them."""
    return resolve(
        data["indicators"],
        registry,
        data["programme"]["period"]["end"],
        data["county"].get("population"),
    )
