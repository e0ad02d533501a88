"""`drafter build`: each profile's drafts, one after another, in this process."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import DrafterError
from ..i18n import _
from .common import EXIT_BAD_INPUT, each_profile, say_issues
from .options import draft_options, profile_files, writer_formats


def build(
    profiles: tuple[Path, ...], outdir: Path, formats: tuple[str, ...], no_comments: bool
) -> None:
    from .. import api
    from .batch import Job, check_names

    try:  # two profiles that would write one file, or an unsafe name: say so before any work
        check_names([Job(path, path.stem) for path in profiles], outdir, writer_formats(formats))
    except DrafterError as exc:
        say_issues(exc)
        sys.exit(EXIT_BAD_INPUT)

    def one(path: Path) -> list[str]:
        written = api.build(path, outdir, writer_formats(formats), comments=not no_comments)
        return [_("wrote {file}").format(file=out) for out in written]

    each_profile(profiles, one)


def command() -> click.Command:
    return click.command(
        name="build",
        help=_("Build drafts: OUTDIR/<profile name>.docx and/or .md for each profile."),
    )(profile_files("profiles")(draft_options(build)))
