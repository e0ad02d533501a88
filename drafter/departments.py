"""A plan's tasks regrouped by department: what each leads and what each joins.

Built from the plan's document model alone, so it knows nothing of profiles.
"""

from __future__ import annotations

from . import numbering
from .library import Library
from .model import Document, Paragraph, Part, Role, Span, TaskEntry
from .rendering import Renderer, Where


def departments(tasks: list[TaskEntry]) -> list[str]:
    """Every department named by any task, in order of first mention."""
    return list(dict.fromkeys(name for t in tasks for name in t.lead + t.partners))


def department_lists(plan: Document, lib: Library, renderer: Renderer | None = None) -> Document:
    renderer = renderer or Renderer()
    text = lib.department_text

    def render(key: str, **ctx: object) -> str:
        return renderer.render(
            text[key],
            {"plan_title": plan.title, **ctx},
            Where("templates/text/departments.yaml", None, key),
        )

    def items(entries: list[TaskEntry]) -> list[Paragraph]:
        if not entries:
            return [Paragraph(Role.BODY, [Span(render("none"))])]
        return [
            Paragraph(
                Role.BODY,
                [Span(render("item", number=e.number, title=e.title, group=e.group_title))],
            )
            for e in entries
        ]

    parts = [
        Part(
            "cover",
            [
                Paragraph(Role.TITLE, [Span(render("title"))]),
                Paragraph(Role.BODY, [Span(render("intro"))]),
            ],
        )
    ]
    for n, name in enumerate(departments(plan.tasks), 1):
        leads = [t for t in plan.tasks if name in t.lead]
        joins = [t for t in plan.tasks if name in t.partners]
        blocks = [
            Paragraph(Role.HEADING1, [Span(numbering.level1(n) + name)]),
            Paragraph(Role.HEADING2, [Span(numbering.level2(1) + render("lead"))]),
            *items(leads),
            Paragraph(Role.HEADING2, [Span(numbering.level2(2) + render("partner"))]),
            *items(joins),
        ]
        parts.append(Part(f"department-{n}", blocks))
    return Document(title=render("title"), parts=parts, header_text=plan.header_text)
