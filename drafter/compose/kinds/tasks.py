"""tasks: the numbered tasks of drafter.compose.tasks under their （一）headings, each ending in
its responsibility list (templates/text/responsibility.yaml)."""

from __future__ import annotations

from ...library.genres import Section
from ...model import Emphasis, Paragraph, Role, Span, TaskEntry
from .. import numbering
from ..scope import Scope
from ..tasks import NumberedTask, PoolTask, Unit, number_tasks
from .base import Built


def build(scope: Scope, section: Section) -> Built:
    plan = number_tasks(scope.profile, scope.lib, scope.ctx["dept"])
    out: Built = Built(issues=list(plan.issues))
    for heading in plan.headings:
        title = numbering.level2(heading.number) + heading.title
        out.blocks.append(Paragraph(Role.HEADING2, [Span(title)]))
        for task in heading.tasks:
            paragraph, entry = task_paragraph(scope, task)
            out.blocks.append(paragraph)
            if entry:
                out.tasks.append(entry)
    return out


def task_text(scope: Scope, task: PoolTask, variant: str | None, key: str) -> str:
    """A task's title or body: the profile's override, the county's own task, else the catalogue's
    text in the wording ``variant`` (None: its own)."""
    override = scope.data["tasks"]["overrides"].get(task.id, {})
    if key in override:
        return scope.render(override[key], scope.profile_where("tasks", "overrides", task.id, key))
    if task.origin is not None:
        return scope.render(getattr(task, key), scope.profile_where(*task.origin, key))
    name = variant
    source = task.variants[name] if name else task
    field = f"{task.id}.variants.{name}.{key}" if name else f"{task.id}.{key}"
    return scope.render(getattr(source, key), scope.lib_where("catalogue/tasks.yaml", field))


def duty_text(scope: Scope, units: tuple[Unit, ...]) -> str:
    """The closing responsibility list, in the county's style."""
    style = scope.lib.responsibility[scope.data["tasks"]["responsibility"]]
    roles = scope.lib.roles
    if style.get("areas_last"):
        areas = [u.name for u in units if roles[u.role].area]
        depts = [u.name for u in units if not roles[u.role].area]
    else:
        areas, depts = [], [u.name for u in units]
    if style.get("shorten"):
        keep_after = [str(word) for word in style.get("keep_after") or []]
        depts = shorten(depts, scope.ctx["lw"]["short"], keep_after)
    collective = len(units) == 1 and bool(roles[units[0].role].collective)
    return scope.render(
        style["one" if len(units) == 1 else "many"],
        scope.lib_where("text/responsibility.yaml", "style"),
        units=depts,
        areas=areas,
        collective=collective,
    )


def shorten(names: list[str], prefix: str, keep_after: list[str]) -> list[str]:
    """A run of the county's own departments shares its level prefix, as seed 003 writes it:
    市发展改革局、科学技术局、市场监督管理局 (the 市 of 市科学技术局 is read from the name before).
    A name whose prefix is followed by one of keep_after (市委…) is not the county's department."""
    out, prev = [], False
    for name in names:
        own = name.startswith(prefix) and not any(name.startswith(prefix + k) for k in keep_after)
        out.append(name[len(prefix) :] if own and prev else name)
        prev = own
    return out


def deadline(scope: Scope, task: PoolTask, override: dict[str, str]) -> str:
    return override.get("deadline") or task.deadline or scope.title("deadline")


def task_paragraph(scope: Scope, numbered: NumberedTask) -> tuple[Paragraph, TaskEntry | None]:
    task = numbered.task
    override = scope.data["tasks"]["overrides"].get(numbered.id, {})
    title = task_text(scope, task, numbered.variant, "title")
    text = task_text(scope, task, numbered.variant, "body")
    if numbered.units is None:  # the document is not kept; carry on to find the rest
        return Paragraph(Role.BODY, [Span(title)]), None
    label = numbering.level3(numbered.n)
    entry = TaskEntry(
        number=numbered.number,
        label=label,
        group_title=numbered.group_title,
        title=title,
        lead=[u.name for u in numbered.lead],
        partners=[u.name for u in numbered.partners],
        deadline=deadline(scope, task, override),
        lead_roles=[u.role for u in numbered.lead],
        partner_roles=[u.role for u in numbered.partners],
    )
    lead = f"{label}{title}{scope.mark['lead_end']}"
    spans = [Span(lead, Emphasis.LEAD3), Span(text), Span(duty_text(scope, numbered.units))]
    return Paragraph(Role.BODY, spans), entry
