"""Document model -> Markdown: a readable, diffable form of the same draft."""

from __future__ import annotations

import re
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
_INLINE = re.compile(r"([\\`*_\[\]~|!])")
# What CommonMark reads as block syntax at a line start: an ATX heading or bullet (the marker and a
# space or line end), an ordered-list number, or a line of only = or - (setext underline, rule).
_LINE_START = re.compile(
    r"(?m)^(?:(#{1,6}|[-+*])(?=[ \t]|$)|(\d{1,9})([.)])(?=[ \t]|$)|([=-])(?=[=\- \t]*$))"
)


def escape(text: str) -> str:
    """Profile text as literal Markdown inside a line: no HTML, no emphasis, code or links."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", text)


def escape_lines(text: str) -> str:
    """No line of a paragraph may start a heading, list, rule or code block."""
    text = re.sub(r"(?m)^[ \t]+", "", text)  # four spaces would start a code block
    return _LINE_START.sub(_escape_marker, text)


def _escape_marker(m: re.Match) -> str:
    if m.group(2):
        return m.group(2) + "\\" + m.group(3)
    return "\\" + (m.group(1) or m.group(4))


def _span_text(para: Paragraph) -> str:
    out = []
    for span in para.spans:
        text = escape(span.text)
        if span.emphasis is not Emphasis.PLAIN:
            text = f"**{text}**"
        if span.note:
            text += f"<sup>[{escape(span.note)}]</sup>"
        out.append(text)
    return "".join(out)


def _table(table: Table) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(escape(c).replace("\n", "<br>") for c in cells) + " |"

    header = table.columns if table.header else [""] * len(table.columns)
    rule = "| " + " | ".join(["---"] * len(table.columns)) + " |"
    lines = [row(header), rule]
    lines += [row(r) for r in table.rows]
    return "\n".join(lines)


def render(document: Document) -> str:
    chunks: list[str] = []
    if document.header_text:
        chunks.append(f"> {escape_lines(escape(document.header_text))}")
    for i, part in enumerate(document.parts):
        if i and not part.runs_on:
            chunks.append("---")
        for block in part.blocks:
            if isinstance(block, Paragraph) and not block.spans:
                continue  # a line kept for what the office fills in (the 发文字号)
            if isinstance(block, Table):
                chunks.append(_table(block))
            elif block.role in _RIGHT:
                chunks.append(f'<p align="right">{_span_text(block)}</p>')
            elif block.role in (Role.ORGAN_MARK, Role.DOC_NUMBER):
                chunks.append(f'<p align="center">{_span_text(block)}</p>')
            else:
                chunks.append(_PREFIX.get(block.role, "") + escape_lines(_span_text(block)))
    return "\n\n".join(chunks) + "\n"


def write(document: Document, path: Path) -> None:
    write_text(path, render(document))
