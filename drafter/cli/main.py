"""The drafter command line: click wiring over drafter.api.

Each command is a module-level function (importable and testable alone, e.g. with click's
CliRunner or a plain call); ``make_cli`` only wires them to options, with help texts in the
current language. Exit codes: 0 done, 1 bad input (messages name file:line and field), 2 usage.
"""

from __future__ import annotations

import atexit
import gc
import sys
from collections.abc import Callable
from pathlib import Path

import click

from .. import i18n, library
from ..errors import DrafterError
from ..i18n import _

FORMATS = ("docx", "md", "dept", "notes", "pdf")
# A command-line format may stand for several of the writer registry's (drafter.writers.FORMATS).
WRITER_FORMATS = {
    "docx": ("docx",),
    "md": ("md",),
    "pdf": ("pdf",),
    "dept": ("dept", "dept-md"),
    "notes": ("notes", "notes-md"),
}
EXIT_BAD_INPUT = 1


class LibraryChoice(click.Choice):
    """A choice among ids the content library holds (levels …), read when the option is used or shown,
    so building the command line reads no YAML."""

    def __init__(self, ids: Callable[[library.Library], tuple[str, ...]]):
        self._ids = ids
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return self._ids(library.load())

    @choices.setter
    def choices(self, _value: object) -> None:
        pass  # click.Choice sets it in __init__; the library is the source


def writer_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for fmt in formats for w in WRITER_FORMATS[fmt])


def say_issues(error: DrafterError) -> None:
    for issue in error.issues:
        click.echo(str(issue), err=True)


def _lang_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


# -- the commands -------------------------------------------------------------------------
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
    failed = 0
    for path in profiles:
        try:
            written = api.build(path, outdir, writer_formats(formats), comments=not no_comments)
        except DrafterError as exc:
            failed += 1
            say_issues(exc)
        else:
            for out in written:
                click.echo(_("wrote {file}").format(file=out))
    if failed:
        sys.exit(EXIT_BAD_INPUT)


def batch(
    paths: tuple[Path, ...],
    outdir: Path,
    jobs: int | None,
    formats: tuple[str, ...],
    no_comments: bool,
) -> None:
    import signal
    import time

    from . import batch as batch_mod

    signal.signal(signal.SIGTERM, batch_mod.terminate)  # stop workers and clean up, as on Ctrl-C
    started = time.perf_counter()
    targets = writer_formats(formats)
    try:
        work = batch_mod.discover(list(paths))
        batch_mod.check_names(work, outdir, targets)
        batch_mod.prepare_outdir(outdir)
    except DrafterError as exc:
        say_issues(exc)
        sys.exit(EXIT_BAD_INPUT)
    workers = jobs or batch_mod.default_workers()
    failures = []
    built = 0
    results = batch_mod.run(
        work, outdir, targets, workers, comments=not no_comments, lang=i18n.language()
    )
    try:
        with click.progressbar(
            results, length=len(work), label=_("Drafting"), file=sys.stderr, show_pos=True
        ) as bar:
            for result in bar:
                if result.ok:
                    built += 1
                else:
                    failures.append(result)
    except (KeyboardInterrupt, SystemExit):
        results.close()
        click.echo(
            _("interrupted: {built} drafts were written whole; no partial file is left").format(
                built=built
            ),
            err=True,
        )
        sys.exit(130)
    elapsed = time.perf_counter() - started
    rows = [
        (_("built"), str(built)),
        (_("failed"), str(len(failures))),
        (
            _("time"),
            _("{seconds:.1f} s with {workers} workers").format(seconds=elapsed, workers=workers),
        ),
    ]
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        click.echo(f"{label.ljust(width)}  {value}")
    for result in failures:
        for issue in result.issues:
            click.echo(str(issue), err=True)
    if failures:
        sys.exit(EXIT_BAD_INPUT)


def report(profile: Path, actuals: Path, outdir: Path, formats: tuple[str, ...]) -> None:
    from .. import api

    try:
        written = api.build_report(profile, actuals, outdir, formats)
    except DrafterError as exc:
        say_issues(exc)
        sys.exit(EXIT_BAD_INPUT)
    for out in written:
        click.echo(_("wrote {file}").format(file=out))


def check_docx(files: tuple[Path, ...]) -> None:
    from ..check import check, escape, format_finding

    failed = False
    for path in files:
        try:
            findings = check(path)
        except DrafterError as exc:
            failed = True
            say_issues(exc)
            continue
        for finding in findings:
            click.echo(format_finding(path, finding))
        if not findings:
            click.echo(_("{file}: no problems found").format(file=escape(str(path))))
        failed = failed or bool(findings)
    if failed:
        sys.exit(EXIT_BAD_INPUT)


def schema() -> None:
    import json

    from .. import library
    from ..profile import jsonschema

    click.echo(json.dumps(jsonschema.export(library.load()), ensure_ascii=False, indent=2))


def init(
    name: str, level: str, province: str, extends: str | None, output: Path | None, force: bool
) -> None:
    from ..output import name_problem, write_text
    from ..profile.starter import starter_profile

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
        text = starter_profile(name, level, province, extends)
    except DrafterError as exc:
        say_issues(exc)
        sys.exit(EXIT_BAD_INPUT)
    write_text(target, text)
    click.echo(_("wrote {file}").format(file=target))


def tasks(group: str | None, tag: str | None) -> None:
    from .. import library
    from ..profile.schema import TAGS

    lib = library.load()
    for name, value, known in (
        ("--group", group, list(lib.groups)),
        ("--tag", tag, list(TAGS)),
    ):
        if value is not None and value not in known:
            raise click.BadParameter(
                _("expected one of: {choices}; got {value}").format(
                    choices=", ".join(known), value=value
                ),
                param_hint=name,
            )
    shown = [
        t
        for t in lib.tasks
        if (group is None or t.group == group) and (tag is None or tag in t.tags)
    ]
    for t in shown:
        click.echo(f"{t.id}  [{t.group}]  {t.title}")
        click.echo(
            f"    roles: {', '.join(t.roles)}    tags: {', '.join(t.tags) or '-'}"
            f"    source: {', '.join(t.source)}{'    core' if t.core else ''}"
        )
    click.echo(_("{n} tasks").format(n=len(shown)))


def genres() -> None:
    """One line per genre: its id (profile.genre), what it drafts, the levels and programme kinds it fits."""
    from .. import library

    for genre in library.load().genres.values():
        click.echo(
            _("{id}  {summary}  (levels: {levels}; programmes: {programmes})").format(
                id=genre.id,
                summary=genre.summary,
                levels=", ".join(genre.levels),
                programmes=", ".join(genre.programmes),
            )
        )


# -- wiring -------------------------------------------------------------------------------
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
    for option in reversed(
        (
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
        )
    ):
        command = option(command)
    return command


def _profile_files(name: str) -> Callable:
    return click.argument(
        name, nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
    )


def _check_files(command: Callable) -> Callable:
    """No dir_okay=False: a folder or a FIFO is bad input (exit 1) with check's own message."""
    return click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))(
        command
    )


def _group(lang: str | None) -> None:
    if lang:
        token = i18n.set_language(lang)
        click.get_current_context().call_on_close(lambda: i18n.reset(token))


def make_cli() -> click.Group:
    """Wire the commands into a group, with help texts in the current language."""
    cli = click.group(
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
    command = cli.command
    command(
        name="validate",
        help=_("Check profiles; print every problem with file:line and field."),
    )(_profile_files("profiles")(validate))
    command(
        name="build",
        help=_("Build drafts: OUTDIR/<profile name>.docx and/or .md for each profile."),
    )(_profile_files("profiles")(draft_options(build)))
    command(
        name="batch",
        help=_(
            "Build drafts for many profiles at once, in parallel: profile files, folders "
            "(searched for *.yaml; base profiles that others extend are skipped) and manifests."
        ),
    )(
        click.argument(
            "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
        )(
            click.option(
                "-j",
                "--jobs",
                "jobs",
                type=click.IntRange(1, 64),
                default=None,
                help=_("Worker processes (default: the number of cores)."),
            )(draft_options(batch))
        )
    )
    command(
        name="report",
        help=_(
            "Write a progress report: each indicator's actual figure against baseline and target."
        ),
    )(
        click.argument("profile", type=click.Path(dir_okay=False, path_type=Path))(
            click.argument("actuals", type=click.Path(dir_okay=False, path_type=Path))(
                outdir_option(_("Directory to write the report into (created if missing)."))(
                    formats_option(("docx", "md"), _("Output format; repeat for several."))(report)
                )
            )
        )
    )
    command(
        name="check",
        help=_(
            "Check .docx files (plans, department lists, reports) against GB/T 9704-2012 and the "
            "plan's rules; each finding names its clause."
        ),
    )(_check_files(check_docx))
    command(
        name="schema",
        help=_(
            "Print the profile schema as JSON Schema (draft 2020-12), for editors' YAML support."
        ),
    )(schema)
    init_options = [
        click.argument("name"),
        click.option(
            "--level",
            required=True,
            type=LibraryChoice(lambda lib: lib.level_ids),
            help=_("The county's level."),
        ),
        click.option("--province", required=True, help=_("The province, as written in Chinese.")),
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
    ]
    command(
        name="init", help=_("Write a commented starter profile that validates and builds as it is.")
    )(_decorate(init, init_options))
    command(
        name="tasks",
        help=_("List the task catalogue: id, group, title, roles (lead first), tags and source."),
    )(
        _decorate(
            tasks,
            [
                click.option(
                    "--group",
                    "group",
                    default=None,
                    help=_("Only tasks of this group, e.g. protection."),
                ),
                click.option(
                    "--tag",
                    "tag",
                    default=None,
                    help=_("Only tasks with this tag, e.g. universities."),
                ),
            ],
        )
    )
    command(
        name="genres",
        help=_("List the genres a profile may name (genre: …), one line each."),
    )(genres)
    from ..web.serve import command as serve_command  # the web app's command lives in web/

    cli.add_command(serve_command())
    return cli


def _decorate(function: Callable, decorators: list[Callable]) -> Callable:
    """Apply decorators listed top to bottom, as they would be written above a def."""
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


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
