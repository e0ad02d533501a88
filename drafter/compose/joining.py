"""Lists in running text, joined as official Chinese texts join them (marks from templates/text/joins.yaml)."""

from __future__ import annotations


def join(items: list[str], marks: dict[str, str]) -> str:
    """A、B和C; no 顿号 between two book titles (《A》《B》和《C》)."""
    out = ""
    for i, item in enumerate(items):
        if i == len(items) - 1 and i:
            out += marks["last"]
        elif i:
            books = out.endswith(marks["book_close"]) and item.startswith(marks["book_open"])
            out += "" if books else marks["sep"]
        out += item
    return out
