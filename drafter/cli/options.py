"""Options and arguments that several commands share, and the command-line formats.

Help texts are translated when the decorators are made, so each is made inside a command's
``command()`` factory, after the language is chosen; nothing here reads the content library
until a choice among its ids is used or shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..i18n import _

if TYPE_CHECKING:
    from .. import api

FORMATS = ("docx", "md", "dept", "notes", "pdf")
# A command-line format may stand for several of the writer registry's (drafter.writers.FORMATS).
WRITER_FORMATS = {
    "docx": ("docx",),
    "md": ("md",),
    "pdf": ("pdf",),
    "dept": ("dept", "dept-md"),
    "notes": ("notes", "notes-md"),
}


def writer_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for fmt in formats for w in WRITER_FORMATS[fmt])


class LibraryChoice(click.Choice):
    """A choice among ids the content library holds (levels …), read when the option is used or shown,
    so building the command line reads no YAML."""

    def __init__(self, ids: Callable[[api.Library], tuple[str, ...]]):
        self._ids = ids
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        from .. import api  # 50 ms of imports that `drafter --help` does not need

        return self._ids(api.content())

    @choices.setter
    def choices(self, _value: object) -> None:
        pass  # click.Choice sets it in __init__; the library is the source


def decorate(function: Callable, decorators: list[Callable]) -> Callable:
    """Apply decorators listed top to bottom, as they would be written above a def."""
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def outdir_option(help_text: str) -> Callable:
    return click.option(
        "-o", "--output", "outdir", required=True, type=click.Path(path_type=Path), help=help_text
    )


def formats_option(choices: tuple[str, ...], help_text: str) -> Callable:
    return click.option(
        "--format",
        "formats",
        multiple=True,
        type=click.Choice(choices),
        default=("docx",),
        show_default=True,
        help=help_text,
    )


def draft_options(command: Callable) -> Callable:
    """-o, --format and --no-comments, as build and batch share them."""
    return decorate(
        command,
        [
            outdir_option(_("Directory to write the drafts into (created if missing).")),
            formats_option(
                FORMATS,
                _(
                    "Output format; repeat for several. dept: each department's tasks, as .docx "
                    "and .md; notes: the drafting notes (起草说明), as .docx and .md; pdf: "
                    "through LibreOffice."
                ),
            ),
            click.option(
                "--no-comments",
                is_flag=True,
                default=False,
                help=_("Leave out the review comments on computed figures."),
            ),
        ],
    )


def profile_files(name: str) -> Callable:
    return click.argument(
        name, nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
    )
