"""`drafter init`: write a commented starter profile that validates and builds as it is."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import DrafterError
from ..i18n import _
from .common import EXIT_BAD_INPUT, say_issues
from .options import LibraryChoice, decorate


def init(
    name: str, level: str, province: str, extends: str | None, output: Path | None, force: bool
) -> None:
    from .. import api
    from ..output import name_problem, write_text

    problem = None if output else name_problem(f"{name}.yaml")
    if problem:
        click.echo(f"NAME: {problem}; " + _("give the file with -o"), err=True)
        sys.exit(EXIT_BAD_INPUT)
    target = output or Path(f"{name}.yaml")
    if target.exists() and not force:
        click.echo(
            _("{file}: already exists; use --force to overwrite").format(file=target), err=True
        )
        sys.exit(EXIT_BAD_INPUT)
    try:
        text = api.starter_profile(name, level, province, extends)
    except DrafterError as exc:
        say_issues(exc)
        sys.exit(EXIT_BAD_INPUT)
    write_text(target, text)
    click.echo(_("wrote {file}").format(file=target))


def command() -> click.Command:
    return click.command(
        name="init", help=_("Write a commented starter profile that validates and builds as it is.")
    )(
        decorate(
            init,
            [
                click.argument("name"),
                click.option(
                    "--level",
                    required=True,
                    type=LibraryChoice(lambda lib: lib.level_ids),
                    help=_("The county's level."),
                ),
                click.option(
                    "--province", required=True, help=_("The province, as written in Chinese.")
                ),
                click.option(
                    "--extends",
                    "extends",
                    default=None,
                    help=_("A base profile to extend, relative to the new file."),
                ),
                click.option(
                    "-o",
                    "--output",
                    "output",
                    type=click.Path(dir_okay=False, path_type=Path),
                    default=None,
                    help=_("Where to write it (default: NAME.yaml here)."),
                ),
                click.option("--force", is_flag=True, help=_("Overwrite an existing file.")),
            ],
        )
    )
