"""A batch's jobs: one per profile file, per *.yaml in a folder (bases others extend skipped),
per entry of a manifest (a name and overrides of its own); and what building one gave."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import limits
from ...errors import DrafterError, Issue
from ...i18n import _
from ...inputs import read_bytes
from ...profile.yamlread import SourceMap, parse, read
from ...schemacheck import show_value, type_name, unknown_field


@dataclass(frozen=True)
class Job:
    profile: Path
    name: str  # output file stem
    overrides: dict[str, Any] | None = None  # from a manifest entry
    overrides_source: SourceMap | None = None
    origin: tuple[str, int | None, str | None] | None = None  # where the name was given

    def where(self) -> tuple[str, int | None, str | None]:
        return self.origin or (str(self.profile), None, None)


@dataclass
class Result:
    job: Job
    written: list[Path] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.issues


MANIFEST_FIELDS = ("path", "name", "overrides")


def _peek(path: Path) -> tuple[str | None, bool]:
    """(the base a file extends, whether it is a manifest), parsing it only if it may be either."""
    try:
        raw = read_bytes(path)
    except DrafterError:
        return None, False  # the build of this job reports it
    if b"extends" not in raw and b"profiles" not in raw:
        return None, False
    try:
        data, _smap = parse(raw, str(path))
    except DrafterError:
        return None, False
    if not isinstance(data, dict):
        return None, False
    ref = data.get("extends")
    manifest = set(data) == {"profiles"} and isinstance(data["profiles"], list)
    return (os.path.realpath(path.parent / ref) if isinstance(ref, str) else None), manifest


def _is_manifest(path: Path) -> bool:
    return _peek(path)[1]


def _manifest_jobs(path: Path) -> list[Job]:
    data, smap = read(path)
    jobs = []
    for i, entry in enumerate(data["profiles"]):
        if isinstance(entry, str):
            entry = {"path": entry}
        where = (str(path), smap.line(("profiles", i)), f"profiles[{i}]")
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise DrafterError.single(
                *where, _("expected a profile path, or a mapping with path and overrides")
            )
        for key in set(entry) - set(MANIFEST_FIELDS):
            raise DrafterError.single(
                str(path),
                smap.line(("profiles", i, key)),
                f"profiles[{i}].{key}",
                unknown_field(key, MANIFEST_FIELDS),
            )
        for key, kind, wanted in (("overrides", dict, "dict"), ("name", str, "string")):
            value = entry.get(key)
            if value is not None and not isinstance(value, kind):
                raise DrafterError.single(
                    str(path),
                    smap.line(("profiles", i, key)),
                    f"profiles[{i}].{key}",
                    _("expected {what}, got {value}").format(
                        what=type_name(wanted), value=show_value(value)
                    ),
                )
        overrides, name = entry.get("overrides"), entry.get("name")
        profile = path.parent / entry["path"]
        if name is not None:
            where = (str(path), smap.line(("profiles", i, "name")), f"profiles[{i}].name")
        prefix = ("profiles", i, "overrides")
        sub = SourceMap(
            str(path),
            {k[len(prefix) :]: v for k, v in smap.lines.items() if k[: len(prefix)] == prefix},
        )
        jobs.append(Job(profile, name if name is not None else profile.stem, overrides, sub, where))
    return jobs


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
    jobs: list[Job] = []
    for path in paths:
        if path.is_dir():
            found = _yaml_files(path)
            peeked = {p: _peek(p) for p in found}
            bases = {base for base, _manifest in peeked.values() if base is not None}
            found = [p for p in found if os.path.realpath(p) not in bases and not peeked[p][1]]
            jobs += [Job(p, p.stem) for p in found]
        elif path.suffix in (".yaml", ".yml") and _is_manifest(path):
            jobs += _manifest_jobs(path)
        else:
            jobs.append(Job(path, path.stem))
    return jobs
