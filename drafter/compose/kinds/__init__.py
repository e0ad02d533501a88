"""One builder per section kind (templates/genres/README.md lists them); none per section id.

BUILDERS make a plan genre's sections (from the profile, through Scope); DOCUMENT_BUILDERS a
document's beside the plan (the report, the department list: from its records, through Sheet)."""

from __future__ import annotations

from collections.abc import Callable

from ...library.documents import DocSection
from . import goals, items, lists, principles, prose, steps, summary, table, tasks
from .base import Builder, Built
from .sheet import Sheet

BUILDERS: dict[str, Builder] = {
    "prose": prose.build,
    "principles": principles.build,
    "goals": goals.build,
    "tasks": tasks.build,
    "items": items.build,
    "steps": steps.build,
}

DocumentBuilder = Callable[[Sheet, DocSection], Built]
DOCUMENT_BUILDERS: dict[str, DocumentBuilder] = {
    "summary": summary.build,
    "table": table.build,
    "lists": lists.build,
}

__all__ = ["BUILDERS", "DOCUMENT_BUILDERS", "Builder", "Built", "DocumentBuilder", "Sheet"]
