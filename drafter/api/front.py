"""What front ends need besides drafts: the checker, the starter, the library's choices."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import library
from ..library import Library

if TYPE_CHECKING:  # the checker loads only when a front end checks a file
    from ..check.findings import Finding


def check(path: Path) -> list[Finding]:
    """`drafter check`'s findings for the .docx at ``path`` (untrusted), document-wide first.
    A file that cannot be read as a .docx raises DrafterError."""
    from ..check import check as run

    return run(Path(path))


def starter_profile(name: str, level: str, province: str, extends: str | None = None) -> str:
    """The commented starter profile `drafter init` writes: YAML text that validates as it is."""
    from ..profile.starter import starter_profile as make

    return make(name, level, province, extends)


def content() -> Library:
    """The content library (templates/, loaded once): its tasks, genres, levels and roles."""
    return library.load()


def task_tags() -> tuple[str, ...]:
    """The tags a catalogue task may carry (`drafter tasks --tag`)."""
    from ..profile.schema import TAGS

    return tuple(TAGS)


def json_schema() -> dict[str, Any]:
    """The profile schema as JSON Schema (draft 2020-12), built from the library's choices."""
    from ..profile import jsonschema

    return jsonschema.export(library.load())


def format_finding(path: Path | str, finding: Finding) -> str:
    """A finding as `drafter check` prints it (``plan.docx: ¶57: code: message ("excerpt")``),
    every unsafe character written as a visible escape."""
    from ..check import format_finding as show

    return show(path, finding)


def escape(text: str) -> str:
    """``text`` with every unsafe character (control, bidi, line separators) written as a visible
    escape: what a message printing an untrusted name needs."""
    from ..check import escape as esc

    return esc(text)


def show_value(value: Any) -> str:
    """A value as messages quote it: JSON, a date in ISO form, a mapping or list by its type's
    name; a long one cut."""
    from ..schemacheck import show_value as show

    return show(value)
