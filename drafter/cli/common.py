"""What every command shares: the exit code for bad input and how problems are shown."""

from __future__ import annotations

import click

from ..errors import DrafterError

EXIT_BAD_INPUT = 1  # 0 done, 1 bad input (messages name file:line and field), 2 usage


def say_issues(error: DrafterError) -> None:
    """Every problem of ``error`` on stderr, one a line, as file:line: field: message."""
    for issue in error.issues:
        click.echo(str(issue), err=True)
