"""`drafter validate`: load and compose each profile, print every problem."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import _
from .common import each_profile
from .options import profile_files


def validate(profiles: tuple[Path, ...]) -> None:
    """Check profiles: load and compose each, print every problem."""
    from .. import api

    def one(path: Path) -> str:
        api.draft(api.load_profile(path))
        return _("{file}: valid").format(file=path)

    each_profile(profiles, one)


def command() -> click.Command:
    return click.command(
        name="validate",
        help=_("Check profiles; print every problem with file:line and field."),
    )(profile_files("profiles")(validate))
