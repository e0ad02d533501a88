"""Document model -> Markdown: a readable, diffable form of the same draft."""

from __future__ import annotations

from pathlib import Path

from ..model import Document, Emphasis, Paragraph, Role, Table
from ..output import write_text

_PREFIX = {
    Role.TITLE: "# ",
    Role.ATTACHMENT_TITLE: "# ",
    Role.HEADING1: "## ",
    Role.HEADING2: "### ",
}
_RIGHT = (Role.SIGNATURE, Role.DATE)


def _span_text(para: Paragraph) -> str:
    out = []
    for span in para.spans:
        text = f"**{span.text}**" if span.emphasis is not Emphasis.PLAIN else span.text
        if span.note:
            text += f"<sup>[{span.note}]</sup>"
        out.append(text)
    return "".join(out)


def _table(table: Table) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    header = table.columns if table.header else [""] * len(table.columns)
    lines = [row(header), row(["---"] * len(table.columns))]
    lines += [row(r) for r in table.rows]
    return "\n".join(lines)


def render(document: Document) -> str:
    chunks: list[str] = []
    if document.header_text:
        chunks.append(f"> {document.header_text}")
    for i, part in enumerate(document.parts):
        if i:
            chunks.append("---")
        for block in part.blocks:
            if isinstance(block, Table):
                chunks.append(_table(block))
            elif block.role in _RIGHT:
                chunks.append(f'<p align="right">{_span_text(block)}</p>')
            elif block.role in (Role.ORGAN_MARK, Role.DOC_NUMBER):
                chunks.append(f'<p align="center">{_span_text(block)}</p>')
            else:
                chunks.append(_PREFIX.get(block.role, "") + _span_text(block))
    return "\n\n".join(chunks) + "\n"


def write(document: Document, path: Path) -> None:
    write_text(path, render(document))
