"""A plan's tasks regrouped by department: what each leads and what each joins.

Built from the plan's document model alone (its numbered tasks, each with the role ids and names
of its units, as drafter.compose.tasks numbers them), so it knows nothing of profiles. Tasks are
grouped by role id; roles the county gives one name (one office for two roles) are one department.
Its sections are data (templates/genres/departments/document.yaml), its words are in
templates/text/departments.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..library import Library
from ..library.documents import load_document
from ..model import Document, Paragraph, Part, TaskEntry
from . import pages, titles
from .kinds.sheet import Record, Sheet
from .plan import document_blocks
from .render import Renderer

DOCUMENT = "departments"  # templates/genres/departments/document.yaml


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


def records(tasks: list[TaskEntry], last: frozenset[str] = frozenset()) -> list[Record]:
    """Each department as the list's texts name it: its name, the tasks it leads and joins, and
    both in the plan's order (its duties, where the plan names no lead); the roles in ``last``
    (bodies of units, places) after the departments, each group as first named."""

    def entries(found: list[TaskEntry]) -> list[Record]:
        return [{"number": e.number, "title": e.title, "group": e.group_title} for e in found]

    return [
        {
            "name": d.name,
            "role": d.role,
            "leads": entries(d.leads),
            "joins": entries(d.joins),
            "duties": entries([t for t in tasks if t in d.leads or t in d.joins]),
        }
        for d in sorted(by_role(tasks), key=lambda d: d.role in last)
    ]


def department_lists(plan: Document, lib: Library, renderer: Renderer | None = None) -> Document:
    """The list of templates/genres/departments/document.yaml: its sections over the plan's
    departments, each built by its kind's builder (summary, lists) through plan.py."""
    definition = load_document(lib.root, DOCUMENT)
    sheet = Sheet(
        definition,
        renderer or Renderer(),
        {"plan_title": plan.title, "leads_named": plan.leads_named},
        # a department's own list first: 成员单位 and the towns are many units, not one
        {
            "departments": records(
                plan.tasks, frozenset(r for r, e in lib.roles.items() if e.collective or e.area)
            )
        },
    )
    blocks = document_blocks(sheet)
    document = titles.shape(
        Document(
            title=blocks[0].text if isinstance(blocks[0], Paragraph) else "",
            parts=[Part(definition.id, blocks)],
            header_text=plan.header_text,
            running_head=plan.title,
            author=plan.author,
            names=plan.names,
        )
    )
    # each page its own part: the breaks where a department would not fit are written out
    document.parts = [
        Part(definition.id, page, runs_on=n > 0) for n, page in enumerate(pages.paginate(blocks))
    ]
    return document
