"""Before any work: every output name is one safe file name, no two jobs write the same file, and
the output folder takes a file."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ...errors import DrafterError, Issue
from ...i18n import _
from ...output import name_problem, probe
from .jobs import Job


def check_names(jobs: list[Job], outdir: Path, formats: tuple[str, ...]) -> None:
    """Every output name is one safe file name, and no two jobs write the same file; before any work."""
    from ...api import file_names, show_value

    seen: dict[str, Job] = {}
    issues = []
    for job in jobs:
        problem = name_problem(job.name)
        for fmt in formats:
            for file_name in file_names(job.name, [fmt]):
                problem = problem or name_problem(file_name)
                key = unicodedata.normalize(
                    "NFC", file_name
                ).casefold()  # one file on macOS/Windows
                if problem is None and key in seen and seen[key] is not job:
                    other = seen[key]
                    issues.append(
                        Issue(
                            *job.where(),
                            _(
                                "writes {target}, as {other} does; rename one or give it a name in a manifest"
                            ).format(target=outdir / file_name, other=_origin_text(other)),
                        )
                    )
                seen.setdefault(key, job)
        if problem is not None:
            issues.append(
                Issue(
                    *job.where(),
                    _("cannot name the draft {name}: {problem}").format(
                        name=show_value(job.name), problem=problem
                    ),
                )
            )
    if issues:
        raise DrafterError(list(dict.fromkeys(issues)))


def _origin_text(job: Job) -> str:
    file, line, _field = job.where()
    return f"{file}:{line}" if line else file


def prepare_outdir(outdir: Path) -> None:
    """Make the output folder, clear drafter's stale temporary files, prove it takes a file."""
    from ...output import os_reason

    try:
        probe(outdir)
    except OSError as exc:
        raise DrafterError.single(
            str(outdir),
            None,
            None,
            _("cannot write output: {reason}").format(reason=os_reason(exc)),
        ) from None
