"""`drafter batch`: many profiles in worker processes, with a progress bar and a summary."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import i18n
from ..errors import DrafterError
from ..i18n import _
from .common import EXIT_BAD_INPUT, say_issues
from .options import decorate, draft_options, writer_formats

EXIT_INTERRUPTED = 130  # as a shell reports a command that Ctrl-C stopped


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
        sys.exit(EXIT_INTERRUPTED)
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


def command() -> click.Command:
    return click.command(
        name="batch",
        help=_(
            "Build drafts for many profiles at once, in parallel: profile files, folders "
            "(searched for *.yaml; base profiles that others extend are skipped) and manifests."
        ),
    )(
        decorate(
            batch,
            [
                click.argument(
                    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
                ),
                click.option(
                    "-j",
                    "--jobs",
                    "jobs",
                    type=click.IntRange(1, 64),
                    default=None,
                    help=_("Worker processes (default: the number of cores)."),
                ),
                draft_options,
            ],
        )
    )
