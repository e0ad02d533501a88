"""`drafter report`: a progress report, each indicator's actual figure against its target."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import DrafterError
from ..i18n import _
from .common import EXIT_BAD_INPUT, say_issues
from .options import decorate, formats_option, outdir_option


def report(profile: Path, actuals: Path, outdir: Path, formats: tuple[str, ...]) -> None:
    from .. import api

    try:
        written = api.build_report(profile, actuals, outdir, formats)
    except DrafterError as exc:
        say_issues(exc)
        sys.exit(EXIT_BAD_INPUT)
    for out in written:
        click.echo(_("wrote {file}").format(file=out))


def command() -> click.Command:
    return click.command(
        name="report",
        help=_(
            "Write a progress report: each indicator's actual figure against baseline and target."
        ),
    )(
        decorate(
            report,
            [
                click.argument("profile", type=click.Path(dir_okay=False, path_type=Path)),
                click.argument("actuals", type=click.Path(dir_okay=False, path_type=Path)),
                outdir_option(_("Directory to write the report into (created if missing).")),
                formats_option(("docx", "md"), _("Output format; repeat for several.")),
            ],
        )
    )
