"""The plan's own rules (not GB/T 9704's): its sections in order, numbering at every level,
and each task's responsibility list. Department lists and reports are numbered too."""

from __future__ import annotations

from ..compose import numbering
from ..i18n import _
from . import patterns as P
from .classify import SPACES, Para, section_of, sections_for
from .findings import (
    NUMBERING_GAP,
    NUMBERING_REPEAT,
    SECTIONS_MISSING,
    SECTIONS_ORDER,
    SECTIONS_REPEAT,
    TASK_RESPONSIBILITY,
    Finding,
)

_DUTY_PREFIX, _DUTY_SUFFIX = P.DUTY_PREFIX, P.DUTY_SUFFIX  # 责任单位：…, …等按职责分工负责


# -- 1. sections ----------------------------------------------------------------------------------
def check_sections(paras: list[Para]) -> list[Finding]:
    """The genre's sections (the one whose headings the document uses) once each, in order."""
    sections = sections_for(paras)
    rank = {sid: i for i, (sid, *_rest) in enumerate(sections)}
    findings = []
    found: dict[str, Para] = {}
    highest: Para | None = None
    for para in paras:
        if para.kind != "h1":
            continue
        sid = section_of(para.text, sections)
        if sid is None:
            continue
        if sid in found:
            findings.append(
                Finding(
                    para.index,
                    SECTIONS_REPEAT,
                    _(
                        "section repeated: {heading} is already the heading of paragraph {first}"
                    ).format(heading=para.text, first=found[sid].index),
                    para.excerpt,
                )
            )
            continue
        found[sid] = para
        previous = section_of(highest.text, sections) if highest is not None else None
        if highest is not None and previous is not None and rank[sid] < rank[previous]:
            findings.append(
                Finding(
                    para.index,
                    SECTIONS_ORDER,
                    _("section out of order: {heading} should come before {previous}").format(
                        heading=para.text, previous=highest.text
                    ),
                    para.excerpt,
                )
            )
        else:
            highest = para
    for sid, _pattern, names, required, _kind in sections:
        if required and sid not in found:
            findings.append(
                Finding(
                    None,
                    SECTIONS_MISSING,
                    _("missing section: no level-1 heading is {headings}").format(headings=names),
                    "",
                )
            )
    return findings


# -- 2. numbering ---------------------------------------------------------------------------------
_LABEL = {
    "h1": numbering.level1,
    "h2": numbering.level2,
    "l3": numbering.level3,
    "l4": numbering.level4,
}


def _step(kind: str, prev: int, para: Para) -> Finding | None:
    n = para.number
    if n == prev + 1:
        return None
    label = _LABEL[kind]
    if prev == 0:  # n > 1: the list starts late
        return Finding(
            para.index,
            NUMBERING_GAP,
            _("numbering starts at {current} instead of {expected}").format(
                current=label(n), expected=label(1)
            ),
            para.excerpt,
        )
    if n > prev + 1:
        return Finding(
            para.index,
            NUMBERING_GAP,
            _("numbering is not continuous: {previous} is followed by {current}").format(
                previous=label(prev), current=label(n)
            ),
            para.excerpt,
        )
    return Finding(
        para.index,
        NUMBERING_REPEAT,
        _("numbering repeats or goes back: {previous} is followed by {current}").format(
            previous=label(prev), current=label(n)
        ),
        para.excerpt,
    )


def _walk_numbers(paras: list[Para], level3_per_group: bool) -> tuple[list[Finding], list[Finding]]:
    """Findings for 一、（一）（1） and, separately, for 1. numbered one way or the other.

    After a wrong number the count goes on from that number (a deleted item is one gap), unless
    the next item of the same list shows that only this one is mistyped (1. 2. 2. 4.)."""
    resets: dict[str, tuple[str, ...]] = {
        "h1": ("h2", "l3", "l4"),
        "h2": ("l3", "l4") if level3_per_group else ("l4",),
        "l3": ("l4",),
        "l4": (),
    }
    items = [p for p in paras if p.region == "plan" and p.kind in resets]
    others: list[Finding] = []
    level3: list[Finding] = []
    last = {"h1": 0, "h2": 0, "l3": 0, "l4": 0}
    for i, para in enumerate(items):
        kind = para.kind
        expected = last[kind] + 1
        finding = _step(kind, last[kind], para)
        last[kind] = para.number
        if finding:
            (level3 if kind == "l3" else others).append(finding)
            following = _next_sibling(items, i, resets)
            if following is not None and following.number == expected + 1:
                last[kind] = expected
        for lower in resets[kind]:
            last[lower] = 0
    return others, level3


def _next_sibling(items: list[Para], i: int, resets: dict[str, tuple[str, ...]]) -> Para | None:
    """The next item of the same list as items[i]: same level, before anything that restarts it."""
    kind = items[i].kind
    for item in items[i + 1 :]:
        if item.kind == kind:
            return item
        if kind in resets[item.kind]:
            return None
    return None


def check_numbering(paras: list[Para]) -> list[Finding]:
    others, continuous = _walk_numbers(paras, level3_per_group=False)
    _same, per_group = _walk_numbers(paras, level3_per_group=True)
    return others + (per_group if len(per_group) < len(continuous) else continuous)


# -- 3. responsibility lists ----------------------------------------------------------------------
def _ends_in_duty(text: str) -> bool:
    text = text.rstrip(SPACES + P.TASK_END)
    if not text.endswith(tuple(P.CLOSE_BRACKETS)):
        return False
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch in P.CLOSE_BRACKETS:
            depth += 1
        elif ch in P.OPEN_BRACKETS:
            depth -= 1
            if depth == 0:
                inner = text[i + 1 : -1].strip(SPACES)
                if _DUTY_PREFIX.match(inner):
                    return True
                return bool(_DUTY_SUFFIX.search(inner)) and bool(
                    _DUTY_SUFFIX.sub("", inner).strip(SPACES)
                )
    return False


def check_responsibility(paras: list[Para]) -> list[Finding]:
    findings = []
    sections = sections_for(paras)
    tasks = {sid for sid, *_rest, kind in sections if kind == "tasks"}
    plan = [p for p in paras if p.region == "plan"]
    for start, para in enumerate(plan):
        if para.kind != "h1" or section_of(para.text, sections) not in tasks:
            continue
        section = []
        for p in plan[start + 1 :]:
            if p.kind == "h1":
                break
            section.append(p)
        task_kind = "l3" if any(p.kind == "l3" for p in section) else None
        if task_kind is None and any(p.kind == "h2" and p.run_in for p in section):
            task_kind = "h2"  # tasks written as run-in （一） items, with no 1. level
        if task_kind is None:
            continue
        stops = {"h2", "l3"}
        for i, task in enumerate(section):
            if task.kind != task_kind or (task_kind == "h2" and not task.run_in):
                continue
            text = task.text  # the task with any paragraphs that continue it
            for p in section[i + 1 :]:
                if p.kind in stops:
                    break
                text += p.text
            if not _ends_in_duty(text):
                findings.append(
                    Finding(
                        task.index,
                        TASK_RESPONSIBILITY,
                        _(
                            "task does not end in its responsibility list (the units responsible, in brackets)"
                        ),
                        task.excerpt,
                    )
                )
    return findings
