"""A plan's tasks regrouped by department: what each leads and what each joins.

Built from the plan's document model alone (its numbered tasks, each with the role ids and names
of its units, as drafter.compose.tasks numbers them), so it knows nothing of profiles. Tasks are
grouped by role id; roles the county gives one name (one office for two roles) are one department.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..library import Library
from ..model import Document, Paragraph, Part, Role, Span, TaskEntry
from ..rendering import Renderer, Where
from . import numbering, titles


@dataclass
class Department:
    role: str  # the role id it is first named under
    name: str
    leads: list[TaskEntry] = field(default_factory=list)
    joins: list[TaskEntry] = field(default_factory=list)


def by_role(tasks: list[TaskEntry]) -> list[Department]:
    """Every department named by any task, in order of first mention, with the tasks it leads
    and joins. A task's units are matched by role id; a role whose name another role already
    carries in this county is that department."""
    order: list[Department] = []
    of_role: dict[str, Department] = {}
    of_name: dict[str, Department] = {}
    for task in tasks:
        units = [
            *((role, name, False) for role, name in zip(task.lead_roles, task.lead, strict=True)),
            *(
                (role, name, True)
                for role, name in zip(task.partner_roles, task.partners, strict=True)
            ),
        ]
        for role, name, joins in units:
            if role not in of_role:
                if name not in of_name:
                    of_name[name] = Department(role, name)
                    order.append(of_name[name])
                of_role[role] = of_name[name]
            entries = of_role[role].joins if joins else of_role[role].leads
            if task not in entries:
                entries.append(task)
    return order


def departments(tasks: list[TaskEntry]) -> list[str]:
    """Every department named by any task, in order of first mention."""
    return [d.name for d in by_role(tasks)]


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
        out = []
        for e in entries:
            label = render("item_label", number=e.number)
            line = render("item", label=label, title=e.title, group=e.group_title)
            # wrapped lines hang under the text after the label (the writers lay that out)
            out.append(Paragraph(Role.BODY, [Span(line)], hang=len(label)))
        return out

    blocks = [
        Paragraph(Role.TITLE, [Span(render("title"))]),
        Paragraph(Role.BODY, [Span(render("intro"))]),
    ]
    # Departments follow one another; each is kept whole, so a page breaks only before one
    # that would not fit (or inside one longer than a page).
    for n, dept in enumerate(by_role(plan.tasks), 1):
        unit = [
            Paragraph(Role.HEADING1, [Span(numbering.level1(n) + dept.name)]),
            Paragraph(Role.HEADING2, [Span(numbering.level2(1) + render("lead"))]),
            *items(dept.leads),
            Paragraph(Role.HEADING2, [Span(numbering.level2(2) + render("partner"))]),
            *items(dept.joins),
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
