"""Profile + library -> document model: the genre's parts in order, its sections each built by
the builder of its kind (drafter/compose/kinds), numbered here. The documents beside a plan (the
progress report, the department list) are laid out by the same numbering (document_blocks)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import layout as L
from ..errors import DrafterError, Issue
from ..library import Library
from ..library.documents import DocSection
from ..model import Document, Masthead, Paragraph, Part, Role, SignOff, Span, TaskEntry
from ..profile.load import Profile
from . import attachments, context, notice, numbering, pages, sources, titles
from . import targets as targets_mod
from .kinds import BUILDERS, DOCUMENT_BUILDERS, Built, Sheet
from .kinds.base import Block, body
from .render import Renderer
from .scope import Scope

base_context = context.base_context  # the progress report's context starts from the same


def make_scope(profile: Profile, lib: Library, renderer: Renderer) -> Scope:
    genre = context.genre_of(profile, lib)
    return Scope(
        profile=profile,
        lib=lib,
        genre=genre,
        renderer=renderer,
        ctx=context.build_context(profile, lib, genre, renderer),
        targets=targets_mod.of_profile(profile.data, lib.indicators),
    )


def body_part(scope: Scope) -> tuple[Part, list[TaskEntry], list[Issue]]:
    """The title, the preamble and each section that has content, numbered 一、二、…; a genre
    issued as a document of its own (parts: [issued …]) has the masthead, doc number and
    addressees around its title and the sign-off after its body, as a notice has."""
    issued = "issued" in scope.genre.parts
    blocks: list[Block] = [*notice.head(scope)] if issued else []
    blocks.append(Paragraph(Role.TITLE, [Span(scope.ctx["plan_title"])]))
    if issued:
        blocks.append(notice.addressee(scope))
    blocks.append(body(sources.preamble(scope)))
    headings = scope.data["plan"]["headings"]
    built = [
        (headings.get(s.id, s.headings[0]), BUILDERS[s.kind](scope, s), False)
        for s in scope.genre.sections
    ]
    blocks += numbered(built)
    tasks = [entry for _h, b, _k in built for entry in b.tasks]
    issues = [issue for _h, b, _k in built for issue in b.issues]
    if "attachments" in scope.genre.parts:
        blocks.extend(attachments.attachment_list(scope))
    if issued:
        blocks.extend(notice.foot(scope))
    return Part("plan", blocks), tasks, issues


def numbered(sections: Iterable[tuple[str | None, Built, bool]]) -> list[Block]:
    """Each (heading, built, keep) section that has content, under its heading numbered 一、二、…
    (the next takes the number of one that made nothing); a section with no heading runs on
    under the one before, unnumbered. A kept one stays whole on a page (keep_with_next); one
    longer than a page would leave the rest of the page before it blank and break all the same,
    so it runs on where the one before ends, only its heading kept with what follows."""
    out: list[Block] = []
    n = 0
    for heading, built, keep in sections:
        if not built.blocks:
            continue
        unit = list(built.blocks)
        if heading is not None:
            n += 1
            unit.insert(0, Paragraph(Role.HEADING1, [Span(numbering.level1(n) + heading)]))
        if keep:
            whole = sum(map(pages.lines, unit)) <= L.LINES_PER_PAGE
            for block in unit[: -1 if whole else 1]:
                if isinstance(block, Paragraph):
                    block.keep_with_next = True
        out += unit
    return out


def document_blocks(sheet: Sheet) -> list[Block]:
    """A document beside the plan (templates/genres/<id>/document.yaml): its title, then its
    sections in order, each built by its kind's builder; a repeated section once per record."""

    def sections() -> Iterator[tuple[str | None, Built, bool]]:
        for section in sheet.definition.sections:
            for within in _repeats(sheet, section):
                heading = within.say(section.heading) if section.heading else None
                yield heading, DOCUMENT_BUILDERS[section.kind](within, section), section.keep

    title = Paragraph(Role.TITLE, [Span(sheet.say(sheet.definition.title))])
    return [title, *numbered(sections())]


def _repeats(sheet: Sheet, section: DocSection) -> list[Sheet]:
    if section.repeat is None:
        return [sheet]
    return [sheet.within(record) for record in sheet.rows(section, section.repeat)]


def document(scope: Scope) -> Document:
    plan_part, tasks, issues = body_part(scope)
    if issues:
        raise DrafterError(list(dict.fromkeys(issues)))
    parts = [notice.notice_part(scope)] if "notice" in scope.genre.parts else []
    parts.append(plan_part)
    attached = "attachments" in scope.genre.parts
    if attached:
        parts += attachments.attachment_parts(scope, tasks)
    ctx, data = scope.ctx, scope.data
    status = data["plan"]["status"]
    names = titles.names_of(data, [*ctx["dept"].values(), *scope.lib.imprint["title_words"]])
    return titles.shape(
        Document(
            title=ctx["plan_title"],
            parts=parts,
            header_text=None if status == "final" else status,
            tasks=tasks,
            leads_named=attached and attachments.name_leads(scope),
            author=ctx["notice"]["issuer"],
            names=names,
            sign_off=SignOff(ctx["notice"]["seal"]),
            masthead=Masthead(ctx["notice"]["masthead"]),
            imprint=notice.imprint(scope),
        )
    )


_shared_renderer: Renderer | None = None


def shared_renderer() -> Renderer:
    """One renderer per process, so a batch worker compiles the catalogue's templates once, not
    per profile."""
    global _shared_renderer
    if _shared_renderer is None:
        _shared_renderer = Renderer()
    return _shared_renderer


def plan(profile: Profile, lib: Library, renderer: Renderer | None = None) -> Document:
    """The whole draft of one county's plan as a document model."""
    renderer = renderer or shared_renderer()
    renderer.begin()  # each profile's texts get their own CPU budget
    return document(make_scope(profile, lib, renderer))
