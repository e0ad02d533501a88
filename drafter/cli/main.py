"""The drafter command line: the group, its --lang and --version, and the commands wired in.

Each command is a module-level function in a module of its own (cmd_*.py), importable and
testable alone, e.g. with click's CliRunner or a plain call; its ``command()`` wraps it in its
options, with help texts in the current language. Exit codes: 0 done, 1 bad input (messages
name file:line and field), 2 usage.
"""

from __future__ import annotations

import atexit
import gc
import sys
from importlib import import_module

import click

from .. import i18n
from ..errors import DrafterError
from ..i18n import _
from .common import EXIT_BAD_INPUT, say_issues
from .options import LibraryChoice  # noqa: F401 - tests reach it here

# Each command's name and where it is made (cmd_*.py, its function). A command's module is
# imported, and the command built, when it runs or the help lists it: `drafter build` loads no
# other command (2 ms of its start).
COMMANDS = {
    "validate": ("cmd_validate", "command"),
    "build": ("cmd_build", "command"),
    "batch": ("cmd_batch", "command"),
    "report": ("cmd_report", "command"),
    "check": ("cmd_check", "command"),
    "schema": ("cmd_lists", "schema_command"),
    "init": ("cmd_init", "command"),
    "tasks": ("cmd_lists", "tasks_command"),
    "genres": ("cmd_lists", "genres_command"),
    "serve": ("cmd_serve", "command"),
}


class _Commands(click.Group):
    """The group, each command made when first asked for, listed by name as click lists them."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, function = COMMANDS[cmd_name]
            self.add_command(getattr(import_module(f"{__package__}.{module}"), function)())
        return self.commands.get(cmd_name)


def _lang_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _group(lang: str | None) -> None:
    if lang:
        token = i18n.set_language(lang)
        click.get_current_context().call_on_close(lambda: i18n.reset(token))


def make_cli() -> click.Group:
    """Wire the commands into a group, with help texts in the current language."""
    return click.group(
        cls=_Commands,
        help=_("Draft county IP work plans as GB/T 9704 .docx files."),
        context_settings={"help_option_names": ["-h", "--help"]},
    )(
        click.version_option(package_name="drafter")(
            click.option(
                "--lang",
                type=click.Choice(["zh_CN", "en"]),
                default=None,
                help=_("Language of messages: zh_CN (default) or en."),
            )(_group)
        )
    )


def main(argv: list[str] | None = None) -> None:
    if argv is None:  # the process's own command: it ends when this returns
        # Its objects need no last collection at exit (a full one over the library, templates
        # and lxml trees, then freeing them: about a third of a build's CPU beyond its imports).
        # Registered first, so it runs last, after the disk cache's own exit handlers.
        atexit.register(gc.freeze)
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_lang_from_argv(argv))
    try:
        make_cli()(args=argv, prog_name="drafter")
    except DrafterError as error:  # the content library is broken, found while parsing options
        say_issues(error)
        sys.exit(EXIT_BAD_INPUT)


if __name__ == "__main__":  # pragma: no cover
    main()
