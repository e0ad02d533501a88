"""What a batch runner needs besides drafts: its manifests read, its profiles looked at before any
build, and each worker's start paid once."""

from __future__ import annotations

from pathlib import Path

from ..profile.manifest import Entry, Peek


def read_manifest(path: Path) -> list[Entry]:
    """The profiles a batch manifest (``profiles:``, a YAML file) lists, each with its output name
    and overrides, in order. The first bad entry raises DrafterError at its line."""
    from ..profile.manifest import entries

    return entries(Path(path))


def peek(path: Path) -> Peek:
    """(the real path of the base a profile file extends or None, whether it is a manifest), from
    one parse; a file that cannot be read or parsed gives (None, False): its build reports it."""
    from ..profile.manifest import peek as look

    return look(Path(path))


def warm() -> None:
    """Import and load what every build needs, once: where a batch's workers are forked (Linux)
    they begin with it all, instead of each paying for it again."""
    from .. import library, words
    from ..compose import plan as compose
    from ..writers import docx

    library.load()
    compose.shared_renderer()
    docx.template()
    words.load()  # titles' word set: 2.8 MB, shared by forked workers
