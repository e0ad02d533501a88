"""One build, start to finish: profile file -> validated profile -> model -> files."""
from __future__ import annotations

from pathlib import Path

from . import compose, library, profiles
from .errors import DrafterError
from .i18n import _


def build_one(path: Path, outdir: Path, formats: tuple[str, ...], comments: bool = True) -> list[Path]:
    """Build one profile into ``outdir``; returns the files written. Raises DrafterError on bad input."""
    lib = library.load()
    profile = profiles.load(path, lib)
    document = compose.plan(profile, lib)
    written = []
    for fmt in formats:
        target = outdir / f"{profile.stem}.{fmt}"
        try:
            if fmt == "docx":
                from .writers import docx as writer
                writer.write(document, target, comments=comments)
            else:
                from .writers import markdown as md_writer
                md_writer.write(document, target)
        except OSError as exc:
            raise DrafterError.single(str(target), None, None,
                                      _("cannot write output: {reason}").format(reason=exc.strerror or exc)) from None
        written.append(target)
    return written
