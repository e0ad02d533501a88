"""Indicator targets: copied from the profile, or computed from a baseline and a growth rate."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import figures


@dataclass(frozen=True)
class Target:
    indicator: str
    value: float | int
    text: str                    # formatted with unit: 2.1万件
    computed: bool
    basis: dict[str, Any] | None  # for computed targets: year, baseline text, rate text


def resolve(specs: dict[str, dict[str, Any]], registry: dict[str, dict[str, Any]], end_year: int) -> dict[str, Target]:
    """Every indicator the profile gives, with its end-of-period target."""
    out: dict[str, Target] = {}
    for key, spec in specs.items():
        meta = registry[key]
        kind, unit = meta["kind"], meta["unit"]
        if "target" in spec:
            value = spec["target"]
            out[key] = Target(key, value, figures.quantity(value, kind, unit), False, None)
            continue
        base = spec["baseline"]
        years = max(end_year - base["year"], 0)
        raw = base["value"] * (1 + spec["growth"]) ** years
        value = figures.round_half_up(raw, 0 if kind == "count" else 1)
        if kind == "percent":
            value = min(value, 100)
        basis = {
            "year": base["year"],
            "baseline": figures.quantity(base["value"], kind, unit),
            "rate": figures.number(spec["growth"] * 100, "percent") + "%",
        }
        out[key] = Target(key, value, figures.quantity(value, kind, unit), True, basis)
    return out
