"""Errors a user can act on: each names the file, the line and the field.

An :class:`Issue` (a "problem") carries a stable ``code``, the ``file``, the ``line``, the
``field`` as a path tuple (``("tasks", "overrides", "x", "title")``) and the message's
``args``; its ``message`` is a translatable :class:`~drafter.i18n.Message`, shown in a
language on demand: ``issue.message("en")`` or ``issue.text("en")``; ``str(issue)`` uses
the current language.
"""

from __future__ import annotations

import re
from typing import Any

from .codes import code_for
from .i18n import Message
from .records import record

FieldPath = tuple[Any, ...]
_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def parse_field(text: str) -> FieldPath:
    """'profiles[0].name' -> ('profiles', 0, 'name'): the inverse of yamlread.field_text."""
    if text == "(root)":
        return ()
    return tuple(int(m[1]) if m[1] is not None else m[2] for m in _PART.finditer(text))


def show_field(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


@record(frozen=True, init=False)
class Issue:
    file: str
    line: int | None
    field: FieldPath | None
    message: Message

    def __init__(
        self, file: str, line: int | None, field: FieldPath | str | None, message: str
    ) -> None:
        # Call sites may give the field as its text ("a.b[0]"): keep the path. A plain str
        # message is text shown as it is in every language.
        path = parse_field(field) if isinstance(field, str) else field
        object.__setattr__(self, "file", file)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "field", tuple(path) if path is not None else None)
        object.__setattr__(self, "message", Message.plain(message))

    @property
    def code(self) -> str:
        return code_for(self.message.head.msgid)

    @property
    def args(self) -> dict[str, Any]:
        return dict(self.message.head.args)

    @property
    def field_text(self) -> str:
        return show_field(self.field) if self.field is not None else ""

    @property
    def sort_key(self) -> tuple[int, str]:
        return (self.line or 0, self.field_text)

    def text(self, lang: str | None = None) -> str:
        """file:line: field: message, in ``lang`` (None: the current language)."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        message = self.message.text(lang)
        return f"{where}: {self.field_text}: {message}" if self.field else f"{where}: {message}"

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        """Plain data for a program (JSON): code, where, and the message in ``lang``."""
        return {
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "field": list(self.field) if self.field is not None else None,
            "args": {k: str(v) for k, v in self.args.items()},
            "message": self.message.text(lang),
        }

    def __str__(self) -> str:
        return self.text()


class DrafterError(Exception):
    """Bad input. The CLI prints the issues and exits 1; nothing else is raised for bad input."""

    def __init__(self, issues: list[Issue]):
        super().__init__()
        self.issues = list(issues)

    def __str__(self) -> str:  # shown in the current language, when shown
        return "\n".join(map(str, self.issues))

    def text(self, lang: str | None = None) -> str:
        return "\n".join(issue.text(lang) for issue in self.issues)

    @classmethod
    def single(
        cls, file: str, line: int | None, field: FieldPath | str | None, message: str
    ) -> DrafterError:
        return cls([Issue(file, line, field, message)])

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.issues,))


class ProfileError(DrafterError):
    """A profile (or what it extends) is wrong: every problem found, not only the first."""


class OutputError(DrafterError):
    """A draft could not be written where it was asked to go."""
