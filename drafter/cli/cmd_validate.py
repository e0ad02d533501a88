"""`drafter validate`: load and compose each profile, print every problem."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import DrafterError
from ..i18n import _
from .common import EXIT_BAD_INPUT, say_issues
from .options import profile_files


def validate(profiles: tuple[Path, ...]) -> None:
    """Check profiles: load and compose each, print every problem."""
    from .. import api

    failed = 0
    for path in profiles:
        try:
            api.draft(api.load_profile(path))
        except DrafterError as exc:
            failed += 1
            say_issues(exc)
        else:
            click.echo(_("{file}: valid").format(file=path))
    if failed:
        sys.exit(EXIT_BAD_INPUT)


def command() -> click.Command:
    return click.command(
        name="validate",
        help=_("Check profiles; print every problem with file:line and field."),
    )(profile_files("profiles")(validate))
