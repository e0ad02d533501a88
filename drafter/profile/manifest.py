"""A batch manifest: a YAML file of ``profiles:``, each a path, or a mapping with a name and
overrides of its own; and the one-parse look at a profile file a batch needs before it runs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import DrafterError
from ..i18n import _
from ..inputs import read_bytes
from ..records import record
from ..schemacheck import show_value, type_name, unknown_field
from .yamlread import SourceMap, parse, read

MANIFEST_FIELDS = ("path", "name", "overrides")


@record(frozen=True)
class Entry:
    """One profile a manifest lists: where it is, the output stem, and its overrides."""

    profile: Path
    name: str
    overrides: dict[str, Any] | None
    overrides_source: SourceMap  # the overrides' lines in the manifest
    origin: tuple[str, int | None, str | None]  # where the name (else the entry) was given


class Peek(NamedTuple):
    extends: str | None  # the real path of the base the file extends
    manifest: bool


def peek(path: Path) -> Peek:
    """(the base a file extends, whether it is a manifest), parsing it only if it may be either."""
    try:
        raw = read_bytes(path)
    except DrafterError:
        return Peek(None, False)  # the build of this job reports it
    if b"extends" not in raw and b"profiles" not in raw:
        return Peek(None, False)
    try:
        data, _smap = parse(raw, str(path))
    except DrafterError:
        return Peek(None, False)
    if not isinstance(data, dict):
        return Peek(None, False)
    ref = data.get("extends")
    manifest = set(data) == {"profiles"} and isinstance(data["profiles"], list)
    return Peek((os.path.realpath(path.parent / ref) if isinstance(ref, str) else None), manifest)


def entries(path: Path) -> list[Entry]:
    """The manifest's entries, in order; the first bad one raises DrafterError at its line."""
    data, smap = read(path)
    out = []
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
        out.append(
            Entry(profile, name if name is not None else profile.stem, overrides, sub, where)
        )
    return out
