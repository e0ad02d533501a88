"""A batch's jobs: one per profile file, per *.yaml in a folder (bases others extend skipped),
per entry of a manifest (a name and overrides of its own); and what building one gave."""

from __future__ import annotations

import os
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ... import limits
from ...errors import DrafterError, Issue
from ...i18n import _
from ...records import record

if TYPE_CHECKING:
    from ...api import SourceMap


@record(frozen=True)
class Job:
    profile: Path
    name: str  # output file stem
    overrides: dict[str, Any] | None = None  # from a manifest entry
    overrides_source: SourceMap | None = None
    origin: tuple[str, int | None, str | None] | None = None  # where the name was given

    def where(self) -> tuple[str, int | None, str | None]:
        return self.origin or (str(self.profile), None, None)


@record
class Result:
    job: Job
    written: list[Path] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.issues


def _yaml_files(folder: Path) -> list[Path]:
    """*.yaml under ``folder``, not in hidden folders, not through links to folders (no loops)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in files:
            if file.endswith(".yaml") and not file.startswith("."):
                found.append(Path(root) / file)
                if len(found) > limits.MAX_BATCH_FILES:
                    raise DrafterError.single(
                        str(folder),
                        None,
                        None,
                        _("more than {n} YAML files; split the batch").format(
                            n=limits.MAX_BATCH_FILES
                        ),
                    )
    return sorted(found)


def discover(paths: list[Path]) -> list[Job]:
    """Jobs for the given files, folders (searched for *.yaml) and manifests, in the order given."""
    from ... import api

    jobs: list[Job] = []
    for path in paths:
        if path.is_dir():
            found = _yaml_files(path)
            peeked = {p: api.peek(p) for p in found}
            bases = {base for base, _manifest in peeked.values() if base is not None}
            found = [p for p in found if os.path.realpath(p) not in bases and not peeked[p][1]]
            jobs += [Job(p, p.stem) for p in found]
        elif path.suffix in (".yaml", ".yml") and api.peek(path).manifest:
            jobs += [
                Job(e.profile, e.name, e.overrides, e.overrides_source, e.origin)
                for e in api.read_manifest(path)
            ]
        else:
            jobs.append(Job(path, path.stem))
    return jobs
