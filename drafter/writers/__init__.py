"""The writer registry: every output format, one signature, document model in, bytes out.

A writer knows nothing of profiles. ``render`` refuses an unknown format rather than falling
through to another writer.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Document
from ..records import record

Render = Callable[[Document, bool], bytes]


@record(frozen=True)
class Format:
    name: str
    suffix: str  # appended to the output stem: ".docx", ".departments.md"
    render: Render
    help: str
    # Which document it writes: the plan's model, or one composed beside it from the same profile
    # ("notes": the 起草说明), which api.write takes in ``companions``.
    source: str = "plan"


def _docx(document: Document, comments: bool) -> bytes:
    from . import docx

    return docx.to_bytes(document, comments=comments)


def _md(document: Document, comments: bool) -> bytes:
    from . import markdown

    return markdown.render(document).encode("utf-8")


def _pdf(document: Document, comments: bool) -> bytes:
    from . import pdf

    return pdf.to_bytes(document, comments=comments)


def _html(document: Document, comments: bool) -> bytes:
    from . import html

    return html.to_bytes(document, comments=comments)


def _departments(document: Document) -> Document:
    from .. import library
    from ..compose.departments import department_lists

    return department_lists(document, library.load())


def _dept(document: Document, comments: bool) -> bytes:
    return _docx(_departments(document), comments)


def _dept_md(document: Document, comments: bool) -> bytes:
    return _md(_departments(document), comments)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("docx", ".docx", _docx, "the plan as GB/T 9704 .docx"),
        Format("md", ".md", _md, "the plan as Markdown"),
        Format("pdf", ".pdf", _pdf, "the plan as PDF, through LibreOffice"),
        Format("dept", ".departments.docx", _dept, "each department's tasks, as .docx"),
        Format("dept-md", ".departments.md", _dept_md, "each department's tasks, as Markdown"),
        Format("html", ".html", _html, "the plan as an HTML page (the web preview)"),
        Format("notes", ".notes.docx", _docx, "the drafting notes (起草说明), as .docx", "notes"),
        Format("notes-md", ".notes.md", _md, "the drafting notes (起草说明), as Markdown", "notes"),
    )
}


def get(fmt: str) -> Format:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}") from None


def render(document: Document, fmt: str, *, comments: bool = True) -> bytes:
    return get(fmt).render(document, comments)
