"""Where each field of a loaded YAML document came from, and how a field path is written."""

from __future__ import annotations

from dataclasses import field
from typing import Any

from ...records import record

FieldPath = tuple[Any, ...]


@record
class SourceMap:
    """Where each field of a loaded document came from: file and line.

    ``file`` is the document's own file; ``origins`` records fields that a merge
    brought in from another file (a base profile, the defaults).
    """

    file: str
    lines: dict[FieldPath, int] = field(default_factory=dict)
    origins: dict[FieldPath, str] = field(default_factory=dict)

    def locate(self, path: FieldPath) -> tuple[str, int | None]:
        """The file and line of ``path``, or of its nearest ancestor we know."""
        path = tuple(path)
        while True:
            if path in self.lines:
                return self.origins.get(path, self.file), self.lines[path]
            if not path:
                return self.file, None
            path = path[:-1]

    def line(self, path: FieldPath) -> int | None:
        return self.locate(path)[1]


def field_text(path: FieldPath) -> str:
    """profiles[0].name style: dots between keys, brackets around list positions."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"
