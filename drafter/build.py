"""One build, start to finish: profile file -> validated profile -> model -> files."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import compose, library, profiles
from .errors import DrafterError
from .i18n import _
from .model import Document
from .yamlread import SourceMap


def _write_docx(document: Document, target: Path, comments: bool) -> None:
    from .writers import docx as writer

    writer.write(document, target, comments=comments)


def _write_md(document: Document, target: Path, comments: bool) -> None:
    from .writers import markdown as writer

    writer.write(document, target)


def _write_pdf(document: Document, target: Path, comments: bool) -> None:
    from .writers import pdf as writer

    writer.write(document, target, comments=comments)


def outputs(stem: str, fmt: str) -> list[tuple[str, Callable[[Document, Path, bool], None], bool]]:
    """(file name, writer, per-department?) for each file one format writes."""
    if fmt == "docx":
        return [(f"{stem}.docx", _write_docx, False)]
    if fmt == "md":
        return [(f"{stem}.md", _write_md, False)]
    if fmt == "pdf":
        return [(f"{stem}.pdf", _write_pdf, False)]
    return [
        (f"{stem}.departments.docx", _write_docx, True),
        (f"{stem}.departments.md", _write_md, True),
    ]


def check(
    path: Path, overrides: dict[str, Any] | None = None, overrides_source: SourceMap | None = None
) -> Document:
    """Load, validate and compose one profile: everything a build does short of writing."""
    lib = library.load()
    return compose.plan(profiles.load(path, lib, overrides, overrides_source), lib)


def os_reason(exc: OSError) -> str:
    """What went wrong with a file, in the clerk's words."""
    reasons = {
        errno.EACCES: _("no permission to write there"),
        errno.EPERM: _("no permission to write there"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.ENOTDIR: _("part of the path is a file, not a folder"),
        errno.EEXIST: _("a file stands where the output folder should be"),
        errno.EISDIR: _("a folder stands where the output file should be"),
        errno.ENAMETOOLONG: _("the file name is too long"),
    }
    return reasons.get(exc.errno, exc.strerror or str(exc))


def _write_all(
    document: Document,
    files: list[tuple[Path, Callable[[Document, Path, bool], None]]],
    comments: bool,
) -> list[Path]:
    for target, write in files:
        try:
            write(document, target, comments)
        except OSError as exc:
            raise DrafterError.single(
                str(target),
                None,
                None,
                _("cannot write output: {reason}").format(reason=os_reason(exc)),
            ) from None
    return [target for target, _write in files]


def build_report(
    profile_path: Path, actuals: Path, outdir: Path, formats: tuple[str, ...]
) -> list[Path]:
    """A progress report for one profile: OUTDIR/<profile name>.report.docx and/or .md."""
    from .report import progress_report

    lib = library.load()
    document = progress_report(profiles.load(profile_path, lib), actuals, lib)
    writers = {"docx": _write_docx, "md": _write_md}
    files = [(outdir / f"{Path(profile_path).stem}.report.{fmt}", writers[fmt]) for fmt in formats]
    return _write_all(document, files, comments=False)


def build_one(
    path: Path,
    outdir: Path,
    formats: tuple[str, ...],
    comments: bool = True,
    name: str | None = None,
    overrides: dict[str, Any] | None = None,
    overrides_source: SourceMap | None = None,
) -> list[Path]:
    """Build one profile into ``outdir``; returns the files written. Raises DrafterError on bad input."""
    lib = library.load()
    document = check(path, overrides, overrides_source)
    written = []
    for fmt in formats:
        files = outputs(name or Path(path).stem, fmt)
        plain = [
            (outdir / file, write) for file, write, per_department in files if not per_department
        ]
        written += _write_all(document, plain, comments)
        by_department = [
            (outdir / file, write) for file, write, per_department in files if per_department
        ]
        if by_department:
            from .departments import department_lists

            written += _write_all(department_lists(document, lib), by_department, comments)
    return written
