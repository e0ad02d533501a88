"""Attachments: the 附件说明 lines under the body and one part per attachment, each kind built by
its own function from the draft's scope and its numbered tasks."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import DrafterError
from ..i18n import _
from ..layout import TABLE_NAME_MAX_MM, TABLE_WIDTHS_MM
from ..model import Paragraph, Part, Role, Span, Table, TaskEntry
from . import figures
from .columns import fit_names
from .kinds.base import Block, body
from .scope import Scope


def chosen(scope: Scope) -> list[str]:
    return list(scope.data["plan"]["attachments"])


def attachment_list(scope: Scope) -> list[Paragraph]:
    keys = chosen(scope)
    if not keys:
        return []
    titles = [scope.title(k) for k in keys]
    items = (
        titles
        if len(titles) == 1
        else [scope.title("attachment_item", number=i, title=t) for i, t in enumerate(titles, 1)]
    )
    first = scope.title("attachment_list", item=items[0])
    # A wrapped name aligns under the name, after "附件：1." (7.3.4).
    hang = first.find(titles[0]) if titles[0] in first else 0
    return [Paragraph(Role.ATTACHMENT_LIST, [Span(first)], hang=hang)] + [
        Paragraph(Role.ATTACHMENT_LIST_MORE, [Span(item)], hang=len(item) - len(title))
        for item, title in zip(items[1:], titles[1:], strict=True)
    ]


def attachment_parts(scope: Scope, tasks: list[TaskEntry]) -> list[Part]:
    keys = chosen(scope)
    parts = []
    for i, key in enumerate(keys, 1):
        label = scope.title("attachment_label", number=i if len(keys) > 1 else "")
        blocks: list[Block] = [
            Paragraph(Role.ATTACHMENT_LABEL, [Span(label)]),
            Paragraph(Role.ATTACHMENT_TITLE, [Span(scope.title(key))]),
        ]
        blocks.extend(BUILDERS[key](scope, tasks))
        parts.append(Part(f"attachment-{key}", blocks))
    return parts


def _pad(scope: Scope, name: str) -> str:
    """Two-character names and titles take a full-width space between, as name lists print them."""
    return f"{name[0]}{scope.mark['pad']}{name[1]}" if len(name) == 2 else name


def members(scope: Scope, tasks: list[TaskEntry]) -> list[Block]:
    people = scope.data["leading_group"].get("members") or []
    if not people:
        raise DrafterError.single(
            *scope.loc("leading_group"), _("the members attachment needs leading_group.members")
        )
    rows, last = [], None
    for m in people:
        title = scope.title("member_title", title=_pad(scope, m["title"]))
        rows.append([title if m["title"] != last else "", _pad(scope, m["name"]), m["post"]])
        last = m["title"]
    table = Table(
        columns=["", "", ""],
        rows=rows,
        widths_mm=TABLE_WIDTHS_MM["members"],
        header=False,
        ruled=False,
    )
    return [table, body(scope.title("members_office"))]


def indicators(scope: Scope, tasks: list[TaskEntry]) -> list[Block]:
    titles = scope.genre.titles
    where = scope.lib_where("text/titles.yaml", "indicator_columns")
    columns = [scope.render(c, where) for c in titles["indicator_columns"]]
    none = titles["table_none"]
    rows: list[list[str]] = []
    for key, meta in scope.lib.indicators.items():
        if key not in scope.targets:
            continue
        spec = scope.data["indicators"].get(key, {})
        base = spec.get("baseline")
        rows.append(
            [
                str(len(rows) + 1),
                meta.name,
                meta.unit,
                str(base["year"]) if base else none,
                figures.number(base["value"], meta.kind) if base else none,
                figures.number(scope.targets[key].value, meta.kind),
                meta.nature,
            ]
        )
    if not rows:
        raise DrafterError.single(
            *scope.loc("indicators"),
            _("the indicator table needs at least one indicator under indicators"),
        )
    widths = TABLE_WIDTHS_MM["indicators"]
    return [Table(columns=columns, rows=rows, widths_mm=widths, header=True, ruled=True)]


def division(scope: Scope, tasks: list[TaskEntry]) -> list[Block]:
    columns = list(scope.genre.titles["division_columns"])
    sep = scope.mark["names_sep"]
    rows = [[e.number, e.title, sep.join(e.lead), sep.join(e.partners), e.deadline] for e in tasks]
    # 重点任务 and each 牵头单位 on one line where the others can give the room (compose/columns)
    caps = TABLE_NAME_MAX_MM["division"]
    names = {1: [e.title for e in tasks], 2: [name for e in tasks for name in e.lead]}
    cells = [[columns[c], *(r[c] for r in rows)] for c in range(len(columns))]
    widths = fit_names(TABLE_WIDTHS_MM["division"], cells, names, caps)
    return [Table(columns=columns, rows=rows, widths_mm=widths, header=True, ruled=True)]


def name_leads(scope: Scope) -> bool:
    """Whether an attachment names each task's lead (the division table's 牵头单位 column)."""
    return any(key in NAMING_LEADS for key in chosen(scope))


NAMING_LEADS = frozenset({"division"})  # division(): e.lead in its own column
BUILDERS: dict[str, Callable[[Scope, list[TaskEntry]], list[Block]]] = {
    "members": members,
    "indicators": indicators,
    "division": division,
}
