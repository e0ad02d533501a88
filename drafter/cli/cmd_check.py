"""`drafter check`: .docx files against GB/T 9704-2012 and the plan's rules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import DrafterError
from ..i18n import _
from .common import EXIT_BAD_INPUT, say_issues


def check_docx(files: tuple[Path, ...]) -> None:
    from .. import api

    failed = False
    for path in files:
        try:
            findings = api.check(path)
        except DrafterError as exc:
            failed = True
            say_issues(exc)
            continue
        for finding in findings:
            click.echo(api.format_finding(path, finding))
        if not findings:
            click.echo(_("{file}: no problems found").format(file=api.escape(str(path))))
        failed = failed or bool(findings)
    if failed:
        sys.exit(EXIT_BAD_INPUT)


def command() -> click.Command:
    # No dir_okay=False: a folder or a FIFO is bad input (exit 1) with check's own message.
    files = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
    return click.command(
        name="check",
        help=_(
            "Check .docx files (plans, department lists, reports) against GB/T 9704-2012 and the "
            "plan's rules; each finding names its clause."
        ),
    )(files(check_docx))
