"""What every command shares: the exit code for bad input and how problems are shown."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from ..errors import DrafterError

EXIT_BAD_INPUT = 1  # 0 done, 1 bad input (messages name file:line and field), 2 usage


def say_issues(error: DrafterError) -> None:
    """Every problem of ``error`` on stderr, one a line, as file:line: field: message."""
    for issue in error.issues:
        click.echo(str(issue), err=True)


def each_profile(profiles: Iterable[Path], action: Callable[[Path], str | list[str]]) -> None:
    """Run ``action`` on each profile, printing what it returns (a line or lines) or its problems;
    exit with EXIT_BAD_INPUT once all are done if any had a problem."""
    failed = 0
    for path in profiles:
        try:
            said = action(path)
        except DrafterError as exc:
            failed += 1
            say_issues(exc)
        else:
            for line in [said] if isinstance(said, str) else said:
                click.echo(line)
    if failed:
        sys.exit(EXIT_BAD_INPUT)
