"""Which tasks a draft carries, under which headings, with which numbers and which departments.

A pure function of the profile, the library and the county's department names (no rendering, no
state): ``number_tasks`` returns every numbered task with its role ids and department names, and
the problems found (roles the county has not named). The tasks builder prints the result; the
department list and the division table read the same result, through the document model.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

from ..errors import DrafterError, Issue
from ..i18n import _
from ..library import Library, era
from ..library.entries import Heading, Task, TaskVariant
from ..profile.load import Profile
from ..profile.yamlread import field_text
from ..records import record


@record(frozen=True)
class PoolTask:
    """A task the plan may carry: the catalogue's, or the county's own (tasks.custom)."""

    id: str
    group: str
    title: str
    body: str
    roles: list[str]
    variants: dict[str, TaskVariant] = field(default_factory=dict)
    deadline: str | None = None
    origin: tuple[Any, ...] | None = None  # the county's own: its place in the profile

    @classmethod
    def of_catalogue(cls, task: Task) -> PoolTask:
        return cls(task.id, task.group, task.title, task.body, task.roles, task.variants)

    @classmethod
    def of_profile(cls, raw: dict[str, Any], i: int) -> PoolTask:
        keys = ("id", "group", "title", "body", "roles", "deadline")
        return cls(**{k: raw[k] for k in keys if k in raw}, origin=("tasks", "custom", i))


@record(frozen=True)
class Unit:
    role: str  # templates/catalogue/roles.yaml id
    name: str  # the county's name for it


@record(frozen=True)
class NumberedTask:
    id: str
    task: PoolTask  # the catalogue's or the county's own entry; its origin says which
    n: int  # its number as printed (1.), counted per group or through the plan
    number: str  # "7" or "2.3" (group.task), as tables and lists cite it
    group_no: int
    group_title: str
    variant: str | None  # the wording it is printed in (None: its own text)
    units: tuple[Unit, ...] | None  # None: a role it needs has no name in this county

    @property
    def lead(self) -> list[Unit]:
        return list(self.units[:1]) if self.units else []

    @property
    def partners(self) -> list[Unit]:
        return list(self.units[1:]) if self.units else []


@record(frozen=True)
class TaskHeading:
    number: int  # （一）（二）…
    title: str
    tasks: tuple[NumberedTask, ...]


@record(frozen=True)
class TaskPlan:
    headings: tuple[TaskHeading, ...]
    issues: tuple[Issue, ...]

    @property
    def tasks(self) -> list[NumberedTask]:
        return [t for h in self.headings for t in h.tasks]


def _loc(profile: Profile, *path: Any) -> tuple[str, int | None, str]:
    file, line = profile.source.locate(path)
    return file, line, field_text(path)


def task_pool(data: dict[str, Any], lib: Library) -> dict[str, PoolTask]:
    """Catalogue tasks and the county's own, by id; each knows where its text came from."""
    pool = {t.id: PoolTask.of_catalogue(t) for t in lib.tasks}
    for i, task in enumerate(data["tasks"].get("custom", [])):
        pool[task["id"]] = PoolTask.of_profile(task, i)
    return pool


def county_tags(data: dict[str, Any], lib: Library) -> set[str]:
    tags = set(data["county"].get("tags", []))
    if data["universities"]:
        tags.add("universities")
    # a round's own tasks (专利转化运用专项行动) come only with that round
    batch = lib.rounds.get(data["programme"].get("batch"))
    tags.update(batch.tags if batch else [])
    return tags


def chosen_tasks(data: dict[str, Any], lib: Library) -> list[str]:
    """Which tasks the plan carries, in reading order within their groups."""
    t = data["tasks"]
    pool = task_pool(data, lib)
    order = {task_id: i for i, task_id in enumerate(pool)}
    if "select" in t:
        chosen = list(t["select"])
    else:
        tags = county_tags(data, lib)
        declared = set(data["county"].get("tags", []))
        # core tasks the county's tags allow, and the tasks its own tags (port, parks …) call for
        chosen = [
            task.id
            for task in lib.tasks
            if set(task.tags) <= tags and (task.core or declared & set(task.tags))
        ]
    wanted_tags = set(t.get("tags", []))
    chosen += [task.id for task in lib.tasks if wanted_tags & set(task.tags)]
    # what the catalogue picks by itself (not a selected id) leaves out what postdates the plan
    selected, year = set(t.get("select", [])), era.plan_year(data)
    chosen = [i for i in chosen if i in selected or era.task_fits(lib, i, year)]
    chosen += t["include"] + [c["id"] for c in t.get("custom", [])]
    chosen = [i for i in dict.fromkeys(chosen) if i not in t["exclude"]]
    if "groups" in t:
        chosen = [i for i in chosen if pool[i].group in t["groups"]]
    if "select" not in t:
        chosen.sort(key=order.__getitem__)
    return chosen


def layout(data: dict[str, Any], lib: Library) -> list[Heading]:
    """The plan's （一）（二）… task headings: the profile's own group order, or a named layout."""
    t = data["tasks"]
    if "groups" in t:
        titles = t.get("group_titles", {})
        return [Heading(titles.get(g, lib.groups[g].title), [g]) for g in t["groups"]]
    return list(lib.layouts[t["layout"]])


def task_variant(profile: Profile, task: PoolTask) -> tuple[str | None, PoolTask | TaskVariant]:
    """The wording a task is printed in: the variant its override names, else the county's style
    (tasks.style), else the task's own text. A task without the wanted variant keeps its own."""
    t = profile.data["tasks"]
    override = t["overrides"].get(task.id, {})
    name = override.get("variant") or t.get("style")
    variants = task.variants
    if name and name in variants:
        return name, variants[name]
    if "variant" in override:
        raise DrafterError.single(
            *_loc(profile, "tasks", "overrides", task.id, "variant"),
            _("task {task} has no wording {variant} (it has: {names})").format(
                task=task.id, variant=name, names=", ".join(variants) or "-"
            ),
        )
    return None, task


def task_units(
    profile: Profile, lib: Library, dept: dict[str, str], task_id: str, roles: list[str]
) -> tuple[tuple[Unit, ...] | None, list[Issue]]:
    """The units a task names, each department once (its first role). A role in brackets,
    (pboc), is named only where the county has a name for it; any other role must have one
    (None, with an issue for each role that has none)."""
    out: list[Unit] = []
    issues: list[Issue] = []
    for entry in roles:
        role = entry.strip("()")
        if role not in dept:
            if entry != role:
                continue
            level = profile.data["county"]["level"]
            issues.append(
                Issue(
                    *_loc(profile, "departments"),
                    _(
                        "task {task} needs role {role}, which has no default name for a {level}; "
                        "name it under departments"
                    ).format(task=task_id, role=role, level=level)
                    + " "
                    + _("(known roles: {names})").format(names=", ".join(lib.roles)),
                )
            )
            continue
        out.append(Unit(role, dept[role]))
    if issues:
        return None, issues
    unique: dict[str, Unit] = {}  # unit name -> its first role: each unit named once
    for unit in out:
        unique.setdefault(unit.name, unit)
    return tuple(unique.values()), []


def number_tasks(profile: Profile, lib: Library, dept: dict[str, str]) -> TaskPlan:
    """The chosen tasks placed under their headings and numbered, with their units."""
    data = profile.data
    t = data["tasks"]
    pool = task_pool(data, lib)
    heads = layout(data, lib)
    placed: list[list[str]] = [[] for _h in heads]
    for task_id in chosen_tasks(data, lib):
        group = pool[task_id].group
        slot = next((i for i, h in enumerate(heads) if group in h.groups), None)
        if slot is None:
            raise DrafterError.single(
                *_loc(profile, "tasks", "layout"),
                _("task {task} (group {group}) has no heading in layout {layout}").format(
                    task=task_id, group=group, layout=t["layout"]
                ),
            )
        placed[slot].append(task_id)
    per_group = t["numbering"] == "per_group"
    headings: list[TaskHeading] = []
    issues: list[Issue] = []
    counter = 0
    for slot, head in enumerate(heads):
        if not placed[slot]:
            continue
        group_no = len(headings) + 1
        if per_group:
            counter = 0
        numbered = []
        for task_id in placed[slot]:
            counter += 1
            task = pool[task_id]
            override = t["overrides"].get(task_id, {})
            variant, source = task_variant(profile, task)
            units, found = task_units(
                profile, lib, dept, task_id, override.get("roles") or source.roles
            )
            issues += found
            numbered.append(
                NumberedTask(
                    id=task_id,
                    task=task,
                    n=counter,
                    number=f"{group_no}.{counter}" if per_group else str(counter),
                    group_no=group_no,
                    group_title=head.title,
                    variant=variant,
                    units=units,
                )
            )
        headings.append(TaskHeading(group_no, head.title, tuple(numbered)))
    return TaskPlan(tuple(headings), tuple(issues))
