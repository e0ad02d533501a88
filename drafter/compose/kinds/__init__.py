"""One builder per section kind (templates/genres/README.md lists them); none per section id."""

from __future__ import annotations

from . import goals, items, principles, prose, steps, tasks
from .base import Builder, Built

BUILDERS: dict[str, Builder] = {
    "prose": prose.build,
    "principles": principles.build,
    "goals": goals.build,
    "tasks": tasks.build,
    "items": items.build,
    "steps": steps.build,
}

__all__ = ["BUILDERS", "Builder", "Built"]
