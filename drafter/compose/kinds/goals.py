"""goals: the overall goal (a Jinja text, by variant) and the numbered goals of the catalogue,
each with the indicator figures the profile gives. A figure no chosen goal prints joins the
overall goal, unless the indicator table carries it."""

from __future__ import annotations

from ...errors import DrafterError
from ...i18n import _
from ...library.entries import GoalSegment
from ...library.genres import Section
from ...model import Emphasis, Paragraph, Role, Span
from .. import numbering, targets
from ..render import Where
from ..scope import Scope
from .base import Built
from .prose import variant_file

MORE_TEXT = "goals_more.j2"  # the clause that carries the figures no goal prints


def build(scope: Scope, section: Section) -> Built:
    source, file = scope.text(variant_file(scope, section))
    overall = Paragraph(Role.BODY, [Span(scope.render(source, Where(file, None, section.id)))])
    placed: set[str] = set()
    out = [overall]
    n = 0
    keys = scope.data["plan"]["goals"]
    # a lone numbered goal takes no （一）: a list of one is not numbered, and its title is then
    # the paragraph's topic sentence in body type (a 楷体 lead without its number is no heading)
    counted = sum(1 for key in keys if scope.lib.goals[key].numbered) > 1
    for key in keys:
        goal = scope.lib.goals[key]
        spans = []
        # a goal with `numbered: false` is a paragraph of its own (seed 002's one-paragraph goal)
        if goal.numbered:
            n += 1
            number = numbering.level2(n) if counted else ""
            lead = f"{number}{goal.title}{scope.mark['lead_end']}"
            spans.append(Span(lead, Emphasis.LEAD2) if counted else Span(lead))
        for j, segment in enumerate(goal.body):
            spans.extend(goal_segment(scope, segment, f"goals.{key}.body[{j}]", placed))
        out.append(Paragraph(Role.BODY, spans))
    place_remaining_figures(scope, overall, placed)
    # an empty overall text (a genre whose goal is all in its goals) prints no paragraph
    return Built([p for p in out if p.text] if not overall.text else list(out))


def place_remaining_figures(scope: Scope, overall: Paragraph, placed: set[str]) -> None:
    if "indicators" in scope.data["plan"]["attachments"]:
        return
    rest = [k for k in scope.lib.indicators if k in scope.targets and k not in placed]
    if not rest:
        return
    spans = figure_clauses(scope, [(k, scope.mark["clause_sep"]) for k in rest], "", placed)
    template, file = scope.text(MORE_TEXT)
    rendered = scope.render(template, Where(file, None, "goals_more"), clauses="\x00")
    head, _sep, tail = rendered.partition("\x00")
    overall.spans.extend([Span(head), *spans, Span(tail)])


def indicator_sentence(scope: Scope, key: str) -> tuple[str, Where]:
    """The clause an indicator prints: its own sentence, or the wording the profile picks."""
    meta = scope.lib.indicators[key]
    wording = scope.data["indicators"].get(key, {}).get("wording")
    if not wording:
        return meta.sentence, scope.lib_where("catalogue/indicators.yaml", key)
    if wording not in meta.wordings:
        raise DrafterError.single(
            *scope.loc("indicators", key, "wording"),
            _("indicator {key} has no wording {wording} (it has: {names})").format(
                key=key, wording=wording, names=", ".join(meta.wordings) or "-"
            ),
        )
    return meta.wordings[wording], scope.lib_where(
        "catalogue/indicators.yaml", f"{key}.wordings.{wording}"
    )


def figure_clauses(
    scope: Scope, given: list[tuple[str, str]], close: str, placed: set[str]
) -> list[Span]:
    spans = []
    for n, (key, sep) in enumerate(given):
        target = scope.targets[key]
        sentence, where = indicator_sentence(scope, key)
        # `before`: the indicators already said in this clause run (质押额 needs its subject alone)
        before = [k for k, _s in given[:n]]
        ceiling = targets.at_ceiling(target, scope.lib.indicators[key])
        clause = scope.render(sentence, where, target=target.text, before=before, ceiling=ceiling)
        note = None
        if target.computed:
            note = scope.render(
                scope.lib.notes[target.computed],
                scope.lib_where("text/notes.yaml", target.computed),
                **(target.basis or {}),
            )
        spans.append(Span(clause, note=note))
        spans.append(Span(sep if n < len(given) - 1 else close))
        placed.add(key)
    return spans


def goal_segment(
    scope: Scope, segment: str | GoalSegment, field: str, placed: set[str]
) -> list[Span]:
    where = scope.lib_where("catalogue/goals.yaml", field)
    if isinstance(segment, str):
        return [Span(scope.render(segment, where))]
    sep = scope.mark["clause_sep"]
    given = [
        (f.id, sep if f.sep is None else f.sep) for f in segment.figures if f.id in scope.targets
    ]
    if not given:
        otherwise = segment.otherwise
        return [Span(scope.render(otherwise, where))] if otherwise else []
    spans = [Span(scope.render(segment.before, where))]
    close = scope.mark["clause_end"] if segment.close is None else segment.close
    spans += figure_clauses(scope, given, close, placed)
    return [s for s in spans if s.text]
