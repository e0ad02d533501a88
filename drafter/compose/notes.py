"""Drafting notes: the explanation that goes with a plan's draft for approval, from the profile
and the plan's model.

What the plan says (its sections, goals, task groups and counts, attachments) is read from the
plan's document model, so the notes always agree with the plan they describe; the background,
basis and drafting process come from the profile; what the county changed from the catalogue's
defaults comes from the task selection. All words are in templates/text/notes_drafting.yaml.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

from ..library import Library
from ..model import Document, Emphasis, Paragraph, Part, Role, Span
from ..profile.load import Profile
from ..profile.load import defaults as profile_defaults
from ..records import record
from . import figures, joining, numbering, sources, titles
from . import plan as plan_mod
from . import targets as targets_mod
from . import tasks as task_plan
from .kinds import tasks as task_kind
from .render import Renderer, Where
from .scope import Scope

TEXT_FILE = "text/notes_drafting.yaml"
# The task fields whose choice makes a plan's tasks differ from the catalogue's defaults.
CHOICE_FIELDS = ("select", "tags", "groups", "custom")
PICK_FIELDS = ("include", "exclude")  # lists every profile has (empty by default)


# -- what the plan says, read from its model ---------------------------------------------------
@record
class Section:
    heading: str  # as printed, without its number
    leads: list[str] = field(default_factory=list)  # numbered item titles, without the closing mark
    groups: list[str] = field(default_factory=list)  # numbered task group headings


def outline(plan: Document, lead_end: str) -> list[Section]:
    """The plan part's level-1 sections with their numbered items and task group headings, each
    without its number and without ``lead_end``, the mark after an item's title."""
    part = next(p for p in plan.parts if p.name == "plan")
    out: list[Section] = []
    for block in part.blocks:
        if not isinstance(block, Paragraph):
            continue
        if block.role is Role.HEADING1:
            out.append(Section(_after(block.text, numbering.level1(len(out) + 1))))
        elif not out:
            continue
        elif block.role is Role.HEADING2:
            section = out[-1]
            section.groups.append(_after(block.text, numbering.level2(len(section.groups) + 1)))
        elif block.spans and block.spans[0].emphasis is Emphasis.LEAD2:
            section = out[-1]
            lead = _after(block.spans[0].text, numbering.level2(len(section.leads) + 1))
            section.leads.append(lead.removesuffix(lead_end))
    return out


def _after(text: str, prefix: str) -> str:
    return text.removeprefix(prefix)


def task_groups(plan: Document) -> list[dict[str, Any]]:
    """The plan's task groups in order, each with how many numbered tasks it holds."""
    groups: list[dict[str, Any]] = []
    for task in plan.tasks:
        if not groups or groups[-1]["title"] != task.group_title:
            groups.append({"title": task.group_title, "count": 0})
        groups[-1]["count"] += 1
    return groups


def attachment_titles(plan: Document) -> list[str]:
    return [
        b.text
        for p in plan.parts
        for b in p.blocks
        if isinstance(b, Paragraph) and b.role is Role.ATTACHMENT_TITLE
    ]


# -- what the county changed -------------------------------------------------------------------
@record
class Changes:
    excluded: list[str]  # titles of default tasks the plan leaves out
    included: list[str]  # catalogue tasks it adds to the defaults
    custom: list[str]  # its own tasks
    overridden: list[tuple[str, list[str]]]  # (title, fields rewritten) of tasks it rewords


def changes(scope: Scope) -> Changes:
    """The plan's tasks against those the catalogue gives the same county when it chooses none:
    its choices replaced by its genre's (an opinion's seventeen tasks are its genre's)."""
    profile, lib = scope.profile, scope.lib
    tasks = profile.data["tasks"]
    genre_tasks = profile_defaults(lib, scope.genre.id).get("tasks", {})
    plain = {k: v for k, v in tasks.items() if k not in (*CHOICE_FIELDS, *PICK_FIELDS)}
    plain.update({k: genre_tasks[k] for k in (*CHOICE_FIELDS, *PICK_FIELDS) if k in genre_tasks})
    plain.update({k: plain.get(k, []) for k in PICK_FIELDS})
    chosen = task_plan.chosen_tasks(profile.data, lib)
    default = task_plan.chosen_tasks({**profile.data, "tasks": plain}, lib)
    pool = task_plan.task_pool(profile.data, lib)

    def title(task_id: str) -> str:
        variant = task_plan.task_variant(profile, pool[task_id])[0]
        return task_kind.task_text(scope, pool[task_id], variant, "title")

    own = {c["id"] for c in tasks.get("custom", [])}
    return Changes(
        excluded=[title(i) for i in default if i not in chosen],
        included=[title(i) for i in chosen if i not in default and i not in own],
        custom=[title(i) for i in chosen if i in own],
        overridden=[
            (title(i), list(tasks["overrides"][i])) for i in chosen if tasks["overrides"].get(i)
        ],
    )


# -- the document --------------------------------------------------------------------------------
class _Notes:
    def __init__(self, profile: Profile, plan: Document, lib: Library, renderer: Renderer):
        self.profile, self.plan, self.lib, self.renderer = profile, plan, lib, renderer
        self.t = lib.drafting_text
        # the plan's own scope, for what the plan and its notes must say alike (cited
        # documents, the office, task titles)
        self.scope = plan_mod.make_scope(profile, lib, renderer)
        ctx = plan_mod.base_context(profile, lib, renderer)
        status = profile.data["plan"]["status"]
        ctx["status"] = None if status == "final" else status
        ctx["plan_title"] = plan.title
        ctx["book"] = self.render_in(ctx, "book")
        ctx["short"] = self.render_in(ctx, "short")
        ctx["effort"] = self.render_in(ctx, "effort")
        ctx["family"] = self.render_in(ctx, "family")
        self.ctx = ctx

    def render_in(self, ctx: dict[str, Any], key: str, **extra: Any) -> str:
        *path, last = key.split(".")
        node = self.t
        for part in path:
            node = node[part]
        return self.renderer.render(
            node[last], {**ctx, **extra}, Where(f"templates/{TEXT_FILE}", None, key)
        )

    def render(self, key: str, **extra: Any) -> str:
        return self.render_in(self.ctx, key, **extra)

    def joined(self, items: list[str]) -> str:
        return joining.join(items, self.lib.joins)

    def document(self) -> Document:
        policies, bases = sources.policies(self.scope), sources.bases(self.scope)
        docs = {
            "policies": policies,
            "bases": bases,
            "policies_text": self.joined(policies),
            "bases_text": self.joined(bases),
        }
        build = {
            "background": lambda: [_body(self.render("background", **docs))],
            "basis": lambda: [_body(self.render("basis", **docs))],
            "process": self.process,
            "content": self.content,
            "changes": self.changes,
        }
        title = self.render("title")
        blocks: list[Paragraph] = [
            Paragraph(Role.TITLE, [Span(title)]),
            _body(self.render("intro")),
        ]
        for n, key in enumerate(self.t["headings"], 1):
            blocks.append(
                Paragraph(
                    Role.HEADING1, [Span(numbering.level1(n) + self.render(f"heading.{key}"))]
                )
            )
            blocks += build[key]()
        blocks.append(_body(self.render("closing")))
        return titles.shape(
            Document(
                title=title,
                parts=[Part("notes", blocks)],
                author=self.plan.author,
                names=self.plan.names,
            )
        )

    def process(self) -> list[Paragraph]:
        drafting = self.profile.data.get("drafting", {})
        office = drafting.get("office") or self.plan_office()
        consulted = list(drafting.get("consulted", []))
        rounds = [
            self.render(
                "round",
                date=figures.date(r["date"]),
                scope=r["scope"],
                received=r.get("received"),
                adopted=r.get("adopted"),
            )
            for r in drafting.get("rounds", [])
        ]
        note = self.render(
            "process_note",
            office_given="office" in drafting,
            stated=bool(consulted or rounds),
        )
        drafted = self.render(
            "drafted", office=office, consulted=consulted, consulted_text=self.joined(consulted)
        )
        return [Paragraph(Role.BODY, [Span(drafted, note=note or None), *map(Span, rounds)])]

    def plan_office(self) -> str:
        return str(self.scope.ctx["leading_group"]["office"])

    def content(self) -> list[Paragraph]:
        sections = outline(self.plan, self.lib.joins["lead_end"])
        kinds = {}
        headings = self.profile.data["plan"]["headings"]
        for spec in self.scope.genre.sections:
            kinds[headings.get(spec.id, spec.headings[0])] = spec.kind
        out = [
            _body(
                self.render(
                    "outline",
                    sections=[s.heading for s in sections],
                    sections_text=self.joined([s.heading for s in sections]),
                )
            )
        ]
        groups = task_groups(self.plan)
        indicators = len(targets_mod.of_profile(self.profile.data, self.lib.indicators))
        for s in sections:
            kind = kinds.get(s.heading, "prose")
            extra: dict[str, Any] = {"heading": s.heading}
            if kind == "tasks":
                extra.update(groups=groups, tasks=len(self.plan.tasks))
            elif kind == "goals":
                extra.update(goals=s.leads, indicators=indicators)
            elif kind in ("items", "principles", "steps"):
                extra.update(titles=s.leads)
            out.append(_body(self.render(f"kinds.{kind}", **extra)))
        attachments = attachment_titles(self.plan)
        if attachments:
            out.append(_body(self.render("attachments", attachments=attachments)))
        return out

    def changes(self) -> list[Paragraph]:
        found = changes(self.scope)
        aspects = self.t["aspects"]
        lines = []
        for key, titles_ in (
            ("excluded", found.excluded),
            ("included", found.included),
            ("custom", found.custom),
        ):
            if titles_:
                lines.append(self.render(key, titles=titles_))
        if found.overridden:
            overridden = [
                {"title": t, "aspects": list(dict.fromkeys(aspects[f] for f in fields))}
                for t, fields in found.overridden
            ]
            lines.append(self.render("overridden", overridden=overridden))
        if not lines:
            return [_body(self.render("no_changes"))]
        # the ordinal (text/notes_drafting.yaml) counts two or more; a lone change goes without it
        numbered = (
            [
                self.render("ordinal", n=numbering.chinese(i)) + line
                for i, line in enumerate(lines, 1)
            ]
            if len(lines) > 1
            else lines
        )
        return [_body(self.render("changes_intro")), *(_body(line) for line in numbered)]


def _body(text: str) -> Paragraph:
    return Paragraph(Role.BODY, [Span(text)])


def drafting_notes(
    profile: Profile, plan: Document, lib: Library, renderer: Renderer | None = None
) -> Document:
    """The drafting notes of one county's plan, as a document model.

    ``plan`` is the plan's own model (compose.plan.plan of the same profile): its sections, goals,
    task groups and counts are read from it, so the notes cannot disagree with the plan.
    """
    renderer = renderer or plan_mod.shared_renderer()
    renderer.begin()
    return _Notes(profile, plan, lib, renderer).document()
