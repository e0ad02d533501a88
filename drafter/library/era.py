"""Eras: a catalogue item that names what first appeared in some year (`since`) does not belong in
a plan written before it (a 2009 推进计划 cannot cite the 2021 纲要 or count 高价值发明专利).

The plan's year is the end of its period (programme.period.end): an item that came after the
whole period postdates the plan (a 2022—2025 plan may name the 2023 专项行动). An item the catalogue would
pick by itself (a default task, the national list, a round's documents) is skipped where it
postdates the plan; one the profile names (tasks.select/include, an indicator it gives, a document
id under legal_basis) is an error naming the field and both years (drafter/profile/era.py).
Items without `since` fit every year: drafter knows no date for them.

The opening line of 指导思想 changes by day, not year (a congress closes in October): it is the
era of the document's own date, notice.date (`guidance_at`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .entries import Guidance
from .load import Library


def plan_year(data: dict[str, Any]) -> int:
    return int(data["programme"]["period"]["end"])


def fits(since: int | None, year: int) -> bool:
    return since is None or since <= year


def task_fits(lib: Library, task_id: str, year: int) -> bool:
    task = next((t for t in lib.tasks if t.id == task_id), None)
    return task is None or fits(task.since, year)


def document_fits(lib: Library, entry: str, year: int) -> bool:
    """A document id or a full title; a title the profile writes is its own business."""
    return fits(lib.document_since.get(entry), year)


def guidance_at(lib: Library, day: dt.date) -> Guidance | None:
    """The line 指导思想 opens with in a document of ``day``: the era with the latest `since` on or
    before it (catalogue/guidance.yaml); None before every era, where the seeds give no line."""
    eras = [g for g in lib.guidance if g.since <= day]
    return max(eras, key=lambda g: g.since) if eras else None
