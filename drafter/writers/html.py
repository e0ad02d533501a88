"""Document model -> HTML: the web preview of a draft (headings, numbering, lists, tables).

Like the other writers it knows nothing of profiles. Every text is escaped, so profile text
can never become markup. A computed figure is a <mark> carrying the same note the .docx puts
in its review comment.
"""

from __future__ import annotations

from html import escape

from ..model import Document, Emphasis, Paragraph, Role, Table

_TAG = {
    Role.TITLE: "h1",
    Role.ATTACHMENT_TITLE: "h1",
    Role.HEADING1: "h2",
    Role.HEADING2: "h3",
}
_STYLE = """
.draft{font-family:"FangSong","仿宋",serif;max-width:42em;margin:auto;line-height:1.9}
.draft .part{border-bottom:1px dashed #999;padding:1em 0}
.draft h1{font-size:1.5em;text-align:center}
.draft h2,.draft h3{font-size:1.1em}
.draft .organ_mark{color:#c00;text-align:center;font-size:1.8em}
.draft .doc_number,.draft .attachment_label{text-align:center}
.draft .signature,.draft .date{text-align:right}
.draft .body{text-indent:2em}
.draft mark.computed{background:#fff3b0}
.draft mark.computed sup{color:#a60}
.draft table{border-collapse:collapse}
.draft td,.draft th{border:1px solid #555;padding:.2em .4em}
.draft table.plain td{border:none}
.draft .header_text{color:#666;text-align:right}
"""


def _paragraph(para: Paragraph, notes: list[str]) -> str:
    out = []
    for span in para.spans:
        text = escape(span.text)
        if span.emphasis is Emphasis.LEAD2:
            text = f'<strong class="lead2">{text}</strong>'
        elif span.emphasis is Emphasis.LEAD3:
            text = f'<strong class="lead3">{text}</strong>'
        if span.note:
            notes.append(span.note)
            n = len(notes)
            text = (
                f'<mark class="computed" title="{escape(span.note)}">{text}'
                f'<sup><a href="#note-{n}">[{n}]</a></sup></mark>'
            )
        out.append(text)
    tag = _TAG.get(para.role, "p")
    return f'<{tag} class="{para.role.value}">{"".join(out)}</{tag}>'


def _table(table: Table) -> str:
    rows = []
    if table.header:
        cells = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
        rows.append(f"<thead><tr>{cells}</tr></thead>")
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table.rows
    )
    rows.append(f"<tbody>{body}</tbody>")
    css = "ruled" if table.ruled else "plain"
    return f'<table class="{css}">{"".join(rows)}</table>'


def fragment(document: Document) -> str:
    """The draft as one <article>, for embedding in a page."""
    notes: list[str] = []
    chunks = ['<article class="draft">']
    if document.header_text:
        chunks.append(f'<p class="header_text">{escape(document.header_text)}</p>')
    for part in document.parts:
        chunks.append(f'<section class="part" data-part="{escape(part.name)}">')
        for block in part.blocks:
            chunks.append(_table(block) if isinstance(block, Table) else _paragraph(block, notes))
        chunks.append("</section>")
    if notes:
        chunks.append('<ol class="notes">')
        chunks += [f'<li id="note-{n}">{escape(note)}</li>' for n, note in enumerate(notes, 1)]
        chunks.append("</ol>")
    chunks.append("</article>")
    return "\n".join(chunks)


def render(document: Document) -> str:
    """A standalone HTML page of the draft."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(document.title)}</title><style>{_STYLE}</style></head>"
        f"<body>\n{fragment(document)}\n</body></html>\n"
    )


def to_bytes(document: Document, comments: bool = True) -> bytes:
    """The writer-registry signature: without comments the computed figures carry no notes."""
    if not comments:
        document = _without_notes(document)
    return render(document).encode("utf-8")


def _without_notes(document: Document) -> Document:
    from dataclasses import replace

    parts = [
        replace(
            part,
            blocks=[
                replace(b, spans=[replace(s, note=None) for s in b.spans])
                if isinstance(b, Paragraph)
                else b
                for b in part.blocks
            ],
        )
        for part in document.parts
    ]
    return replace(document, parts=parts)


STYLE = _STYLE
