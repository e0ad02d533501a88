"""Documents drafted beside a plan (the progress report, the department task list):
templates/genres/<id>/document.yaml, checked and loaded into typed objects.

A document is a genre without a profile of its own: a title and ordered sections, each of a
*kind* that drafter/compose/kinds has one builder for, over the records its composer gives (the
report's indicators, the list's departments). Every word is in the texts file it names
(templates/text/<texts>). The format: templates/genres/README.md.
"""

from __future__ import annotations

from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DrafterError
from ..i18n import _
from ..layout import TABLE_WIDTHS_MM
from ..profile.yamlread import parse
from ..records import record
from .checker import Checker, list_of

DOCUMENT_FILE = "document.yaml"

# The shape is document.yaml's schema's (library/schemas/document.py); here, each kind's own keys,
# required or not, beside the keys every section has
_COMMON = {"id": True, "kind": True, "heading": False, "repeat": False, "keep": False}
_KIND_KEYS = {
    "summary": {"text": True, "records": False, "where": False, "empty": False},
    "table": {"records": True, "columns": True, "cells": True, "widths": True, "empty": False},
    "lists": {
        "lists": True,
        "item": True,
        "label": False,
        "group": False,
        "empty": False,
    },
}
# The section kinds of a document (drafter/compose/kinds DOCUMENT_BUILDERS; tests keep them equal).
DOCUMENT_KINDS = tuple(_KIND_KEYS)
TEXT_KEYS = (
    "heading",
    "text",
    "empty",
    "columns",
    "item",
    "label",
    "group",
)  # values naming a text


@record(frozen=True)
class ListSpec:
    heading: str  # the text key of its （一）heading
    entries: str  # the field of the record holding its entries
    when: str | None = None  # a flag of the sheet's context: the list is shown only when true
    unless: str | None = None  # … only when false


@record(frozen=True)
class DocSection:
    """One section of a document: its kind picks the builder; its other fields name texts
    (keys of the texts file) and records (what the composer gives)."""

    id: str
    kind: str
    line: int | None  # where document.yaml defines it, for messages
    heading: str | None = None  # text key of its level-1 heading; None: it runs on, unnumbered
    repeat: str | None = None  # records: the section once per record, each numbered
    keep: bool = False  # kept whole on a page (a page breaks only before it)
    text: str | None = None  # summary: the paragraph's text
    records: str | None = None  # summary, table: one paragraph / row per record
    where: dict[str, str] = field(default_factory=dict)  # only the records with these fields
    empty: str | None = None  # text when no record is left (a table: what an empty cell says)
    columns: str | None = None  # table: text key of the header row (a list)
    cells: tuple[str, ...] = ()  # table: the record field each column shows
    widths: str | None = None  # table: its key in drafter/layout.py TABLE_WIDTHS_MM
    lists: tuple[ListSpec, ...] = ()  # lists: the （一）… lists of a record
    item: str | None = None  # lists: text of one entry
    label: str | None = None  # lists: text an entry opens with; wrapped lines hang after it
    # lists: text of a 1. subheading over an entry's fields; the entries it reads alike for
    # stand under one such subheading (a department's tasks under their groups in the plan)
    group: str | None = None


@record(frozen=True)
class DocumentDef:
    id: str
    summary: str
    file: str  # templates/genres/<id>/document.yaml, as messages name it
    texts_file: str  # templates/text/<texts>
    texts: dict[str, Any]
    title: str  # text key of the title
    sections: tuple[DocSection, ...]


def load_document(root: Path, doc_id: str) -> DocumentDef:
    """The document ``doc_id`` of the templates folder ``root``; raise DrafterError naming
    templates/genres/<id>/document.yaml:line for every fault."""
    files = [root / "genres" / doc_id / DOCUMENT_FILE, *sorted((root / "text").glob("*.yaml"))]
    return _load(root.resolve(), doc_id, tuple(p.stat().st_mtime_ns for p in files))


@lru_cache(maxsize=16)
def _load(root: Path, doc_id: str, _stamps: tuple[int, ...]) -> DocumentDef:
    """Read once per process while the files stay as they were (a server reloads an edit)."""
    name = f"templates/genres/{doc_id}/{DOCUMENT_FILE}"
    data, smap = parse((root / "genres" / doc_id / DOCUMENT_FILE).read_bytes(), name)
    check = Checker(name, smap)
    if not _shape(check, data):
        raise DrafterError(check.issues)
    if data["id"] != doc_id:
        check.add(("id",), _("the id must be the folder's name, {name}").format(name=doc_id))
    texts_name = check.text(data, "texts", ())
    texts_path = root / "text" / texts_name
    texts: dict[str, Any] = {}
    if not texts_name or not texts_path.is_file():
        check.add(("texts",), _("no file templates/text/{name}").format(name=texts_name))
    else:
        loaded = parse(texts_path.read_bytes(), f"templates/text/{texts_name}")[0]
        texts = loaded if isinstance(loaded, dict) else {}
    _known_text(check, texts, texts_name, data.get("title"), ("title",))
    sections = [
        _section(check, s, i, texts, texts_name)
        for i, s in enumerate(list_of(check, data, "sections"))
    ]
    if check.issues:
        raise DrafterError(check.issues)
    return DocumentDef(
        id=doc_id,
        summary=check.text(data, "summary", ()),
        file=name,
        texts_file=f"templates/text/{texts_name}",
        texts=texts,
        title=data["title"],
        sections=tuple(s for s in sections if s),
    )


def _shape(check: Checker, data: Any) -> bool:
    """document.yaml against its schema, as the library checks it when it loads (a server
    reloads an edited document without reloading the library)."""
    from .faults import schema_faults
    from .schemas.document import document_rule

    for path, message in schema_faults(data, document_rule()):
        check.add(path, message)
    return not check.issues


def text_at(texts: dict[str, Any], key: str) -> Any:
    """The text at a dotted key (headings.behind), or None."""
    node: Any = texts
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _known_text(
    check: Checker, texts: dict[str, Any], file: str, key: Any, path: tuple[Any, ...]
) -> None:
    if texts and (not isinstance(key, str) or text_at(texts, key) is None):
        check.add(path, _("no text {key} in templates/text/{file}").format(key=key, file=file))


def _table_shape(check: Checker, data: dict[str, Any], path: tuple[Any, ...], texts: Any) -> None:
    """A table's header, cells and widths are one column each."""
    widths = TABLE_WIDTHS_MM.get(str(data.get("widths")))
    if widths is None:
        check.add(
            (*path, "widths"),
            _("unknown value {value} (known: {names})").format(
                value=data.get("widths"), names=", ".join(TABLE_WIDTHS_MM)
            ),
        )
        return
    columns = text_at(texts, str(data.get("columns")))
    cells = data.get("cells")
    if isinstance(columns, list) and isinstance(cells, list):
        if not len(columns) == len(cells) == len(widths):
            check.add(
                (*path, "cells"),
                _("a table needs as many cells as columns and widths ({n}), got {got}").format(
                    n=len(widths), got=f"{len(cells)}, {len(columns)}"
                ),
            )


def _section(
    check: Checker, data: Any, i: int, texts: dict[str, Any], file: str
) -> DocSection | None:
    path = ("sections", i)
    kind = data["kind"]  # one of DOCUMENT_KINDS: the schema says so
    if not check.keys(data, {**_COMMON, **_KIND_KEYS[kind]}, path):
        return None
    for key in TEXT_KEYS:
        if key in data:
            _known_text(check, texts, file, data[key], (*path, key))
    if kind == "table":
        _table_shape(check, data, path, texts)
    lists = []
    for j, spec in enumerate(data.get("lists") or []):
        keys = {"heading": True, "entries": True, "when": False, "unless": False}
        if check.keys(spec, keys, (*path, "lists", j)):
            _known_text(check, texts, file, spec.get("heading"), (*path, "lists", j, "heading"))
            lists.append(
                ListSpec(
                    str(spec.get("heading")),
                    str(spec.get("entries")),
                    spec.get("when"),
                    spec.get("unless"),
                )
            )
    return DocSection(
        id=check.text(data, "id", path),
        kind=kind,
        line=check.smap.line(path),
        heading=data.get("heading"),
        repeat=data.get("repeat"),
        keep=bool(data.get("keep", False)),
        text=data.get("text"),
        records=data.get("records"),
        where=check.mapping(data, "where", path),
        empty=data.get("empty"),
        columns=data.get("columns"),
        cells=tuple(check.texts(data, "cells", path)),
        widths=data.get("widths"),
        lists=tuple(lists),
        item=data.get("item"),
        label=data.get("label"),
        group=data.get("group"),
    )
