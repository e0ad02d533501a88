"""A plan's tasks regrouped by department: what each leads and what each joins.

Built from the plan's document model alone, so it knows nothing of profiles.
"""

from __future__ import annotations

from ..library import Library
from ..model import Document, Paragraph, Part, Role, Span, TaskEntry
from ..rendering import Renderer, Where
from . import numbering, titles


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

    blocks = [
        Paragraph(Role.TITLE, [Span(render("title"))]),
        Paragraph(Role.BODY, [Span(render("intro"))]),
    ]
    # Departments follow one another; each is kept whole, so a page breaks only before one
    # that would not fit (or inside one longer than a page).
    for n, name in enumerate(departments(plan.tasks), 1):
        leads = [t for t in plan.tasks if name in t.lead]
        joins = [t for t in plan.tasks if name in t.partners]
        unit = [
            Paragraph(Role.HEADING1, [Span(numbering.level1(n) + name)]),
            Paragraph(Role.HEADING2, [Span(numbering.level2(1) + render("lead"))]),
            *items(leads),
            Paragraph(Role.HEADING2, [Span(numbering.level2(2) + render("partner"))]),
            *items(joins),
        ]
        for para in unit[:-1]:
            para.keep_with_next = True
        blocks += unit
    return titles.shape(
        Document(
            title=render("title"),
            parts=[Part("departments", blocks)],
            header_text=plan.header_text,
            running_head=plan.title,
            author=plan.author,
            names=plan.names,
        )
    )
