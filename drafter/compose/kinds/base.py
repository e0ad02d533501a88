"""What a section builder returns: its blocks, and what else the draft needs from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field

from ...errors import Issue
from ...library.genres import Section
from ...model import Emphasis, Paragraph, Role, Span, Table, TaskEntry
from ...records import record
from .. import numbering
from ..scope import Scope

Block = Paragraph | Table


@record
class Built:
    blocks: list[Block] = field(default_factory=list)
    tasks: list[TaskEntry] = field(default_factory=list)  # the numbered tasks, for tables and lists
    issues: list[Issue] = field(default_factory=list)  # problems found, raised once for the draft


Builder = Callable[[Scope, Section], Built]


def body(text: str) -> Paragraph:
    return Paragraph(Role.BODY, [Span(text)])


def lead_item(scope: Scope, i: int, title: str, text: str) -> Paragraph:
    """（一）title。body: a numbered item whose title runs in."""
    lead = f"{numbering.level2(i)}{title}{scope.mark['lead_end']}"
    return Paragraph(Role.BODY, [Span(lead, Emphasis.LEAD2), Span(text)])
