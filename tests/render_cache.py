"""LibreOffice conversions for the tests: many drafts to as few soffice runs as it takes.

A soffice start costs about 1.4 s of CPU on the 2-core CI machine and a draft's conversion
0.3 s, so a test that converts its own draft spends most of its time starting LibreOffice. Here
a list of drafts goes through drafter's PDF pipeline (drafter/writers/soffice.py, as the PDF
writer renders a draft) at once: one soffice run, or two side by side for many drafts. Outputs
are kept under the folder given, each draft's under a digest of its bytes and how it was
converted, so the same draft asked for twice converts once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from drafter.writers import soffice

SOLID, AS_IS = soffice.SOLID, soffice.AS_IS


def to_pdfs(
    drafts: Mapping[str, Path], folder: Path, how: Mapping[str, str] | None = None
) -> dict[str, Path]:
    """Each draft (name -> .docx) as drafter's PDF writer renders it (or, for a name ``how``
    maps to AS_IS, as LibreOffice sets the .docx by itself); name -> PDF."""
    how = how or {}
    folder.mkdir(parents=True, exist_ok=True)
    keyed = {
        name: hashlib.sha256(path.read_bytes()).hexdigest()[:16] + "-" + how.get(name, SOLID)
        for name, path in drafts.items()
    }
    todo = {key: drafts[name] for name, key in keyed.items()}
    todo = {key: path for key, path in todo.items() if not (folder / f"{key}.pdf").is_file()}
    if todo:
        keys = sorted(todo)
        soffice.convert(
            [(todo[key], folder / f"{key}.pdf") for key in keys],
            [key.split("-", 1)[1] for key in keys],
        )
    return {name: folder / f"{key}.pdf" for name, key in keyed.items()}
