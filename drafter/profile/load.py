"""Load a county profile: YAML with line numbers, `extends:` merged, defaults under it, validated."""

from __future__ import annotations

import copy
import os
import posixpath
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .. import limits
from ..errors import DrafterError, Issue, ProfileError
from ..i18n import _
from ..library import Library
from ..records import record
from . import genre
from .validate import validate
from .yamlread import FieldPath, SourceMap, check_text, parse, read

APPEND = "+"  # `key+: [...]` appends to the base's list instead of replacing it


@record(frozen=True)
class Profile:
    path: Path
    data: dict[str, Any]
    source: SourceMap

    @property
    def stem(self) -> str:
        return self.path.stem


Source = str | bytes | Mapping[str, Any] | Path
BaseTexts = Mapping[str, str | bytes]


def profiles_root() -> Path:
    """The shipped profiles (base/…): inside the package when installed, else beside drafter/."""
    here = Path(__file__).resolve().parent.parent  # the drafter package
    installed = here / "shipped_profiles"
    return installed if installed.is_dir() else here.parent / "profiles"


def load(
    path: Path | str,
    lib: Library,
    overrides: dict[str, Any] | None = None,
    overrides_source: SourceMap | None = None,
) -> Profile:
    """Read, merge and validate one profile file; its `extends:` are files beside it."""
    return from_source(Path(path), lib, overrides=overrides, overrides_source=overrides_source)


def from_source(
    source: Source,
    lib: Library,
    *,
    name: str | None = None,
    bases: Path | BaseTexts | None = None,
    overrides: dict[str, Any] | None = None,
    overrides_source: SourceMap | None = None,
) -> Profile:
    """Read, merge and validate one profile; raise ProfileError listing every fault.

    ``source`` is a file path, YAML text or bytes, or an already-read mapping. ``bases``
    resolves `extends:`: a folder, a mapping of names to YAML texts, or (None) the folder of a
    file source, else the shipped profiles. ``overrides`` (from a batch manifest) are merged
    over the profile, as a last `extends` layer.
    """
    try:
        if isinstance(source, Path):
            name = name or str(source)
            data, smap = read(source, name)
        else:
            name = name or "<profile>"
            data, smap = _parse_source(source, name)
        if isinstance(source, Path) and bases is None:  # extends: beside the file
            resolver, here = _Resolver(source.parent), _real(source)
        else:
            resolver = _Resolver(profiles_root() if bases is None else bases)
            here = resolver.start()
        data, smap = _read_chain(data, smap, resolver, here, [])
        if overrides:
            data, smap = merge(data, smap, overrides, overrides_source or SourceMap(name))
            smap.file = name
        unused = genre.unused_fields(data, smap, lib)  # the profile's own fields, not defaults
        data, smap = merge(defaults(lib, genre.genre_id(data)), SourceMap(smap.file), data, smap)
        check_text(data, smap)
        issues = unused + validate(data, smap, lib)
    except ProfileError:
        raise
    except DrafterError as exc:
        raise ProfileError(exc.issues) from None
    if issues:
        raise ProfileError(issues)
    return Profile(Path(name), data, smap)


def _parse_source(source: Any, name: str) -> tuple[Any, SourceMap]:
    if isinstance(source, str):
        return parse(source.encode("utf-8"), name)
    if isinstance(source, bytes):
        return parse(source, name)
    if isinstance(source, Mapping):
        return dict(source), SourceMap(name)  # no lines to give: messages name the field
    raise TypeError(f"a profile source is text, bytes, a mapping or a Path, not {type(source)}")


class _Resolver:
    """Finds what `extends:` names: in a folder, or in a mapping of names to texts."""

    def __init__(self, bases: Path | BaseTexts):
        self.bases = bases

    def start(self) -> Any:
        """The key of a profile at the top of the bases, that its `extends:` is relative to."""
        return _real(self.bases / "<profile>") if isinstance(self.bases, Path) else "<profile>"

    def locate(self, ref: str, here: Any) -> Any:
        if isinstance(self.bases, Path):
            return _real(Path(here).parent / ref)
        return posixpath.normpath(posixpath.join(posixpath.dirname(here), ref))

    def shown(self, key: Any) -> str:
        return str(key)

    def exists(self, key: Any) -> bool:
        if isinstance(key, Path):  # a FIFO or a device "exists": reading it says what it is
            return key.exists() or key.is_symlink()
        return isinstance(self.bases, Mapping) and key in self.bases

    def read(self, key: Any) -> tuple[Any, SourceMap]:
        if isinstance(key, Path):
            return read(key)
        text = self.bases[key]  # type: ignore[index]
        return parse(text.encode("utf-8") if isinstance(text, str) else text, key)


def _real(path: Path) -> Path:
    """Path.resolve() without its RuntimeError on a symlink loop (reading the file reports the loop)."""
    return Path(os.path.realpath(path))


def defaults(lib: Library, genre_id: str | None = None) -> dict[str, Any]:
    """templates/defaults.yaml, parsed once per process, with the genre's profile_defaults
    (templates/genres/<id>/genre.yaml) over it; each profile merges over its own copy."""
    base = copy.deepcopy(_defaults(lib.root / "defaults.yaml"))
    chosen = lib.genres.get(genre_id) if genre_id else None
    if chosen is None or not chosen.profile_defaults:
        return base
    own = copy.deepcopy(chosen.profile_defaults)
    return merge(base, SourceMap("defaults"), own, SourceMap("genre"))[0]


@lru_cache(maxsize=4)
def _defaults(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


def _read_chain(
    data: Any, smap: SourceMap, resolver: _Resolver, here: Any, chain: list[Any]
) -> tuple[Any, SourceMap]:
    base_ref = data.get("extends") if isinstance(data, dict) else None
    if not isinstance(base_ref, str):
        return data, smap
    key = resolver.locate(base_ref, here)
    line = smap.line(("extends",))
    if key in chain + [here]:
        names = " → ".join(resolver.shown(k) for k in chain + [here, key])
        raise DrafterError.single(
            smap.file, line, "extends", _("extends cycle: {names}").format(names=names)
        )
    if len(chain) + 1 > limits.MAX_EXTENDS_DEPTH:  # here is base number len(chain)
        names = " → ".join(resolver.shown(k) for k in chain + [here, key])
        raise DrafterError.single(
            smap.file,
            line,
            "extends",
            _("extends goes more than {n} bases deep: {names}").format(
                n=limits.MAX_EXTENDS_DEPTH, names=names
            ),
        )
    if not resolver.exists(key):
        raise DrafterError.single(
            smap.file,
            line,
            "extends",
            _("base profile not found: {base}").format(base=resolver.shown(key)),
        )
    base, base_map = resolver.read(key)
    base, base_map = _read_chain(base, base_map, resolver, key, chain + [here])
    if not isinstance(base, dict):
        raise DrafterError(
            [
                Issue(
                    base_map.file,
                    base_map.line(()),
                    None,
                    _("a base profile must be a mapping of fields (key: value)"),
                )
            ]
        )
    return merge(base, base_map, data, smap)


def merge(base: Any, bsrc: SourceMap, over: Any, osrc: SourceMap) -> tuple[Any, SourceMap]:
    """Deep-merge ``over`` onto ``base``: mappings merge, lists and scalars are replaced."""
    out = SourceMap(osrc.file)
    data = _merge(base, bsrc, (), over, osrc, (), (), out)
    return data, out


def _copy(src: SourceMap, spath: FieldPath, out: SourceMap, dpath: FieldPath, value: Any) -> None:
    if spath in src.lines:
        out.lines[dpath] = src.lines[spath]
        out.origins[dpath] = src.origins.get(spath, src.file)
    if isinstance(value, dict):
        for k, v in value.items():
            _copy(src, spath + (k,), out, dpath + (k,), v)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _copy(src, spath + (i,), out, dpath + (i,), v)


def _merge(
    base: Any,
    bsrc: SourceMap,
    bpath: FieldPath,
    over: Any,
    osrc: SourceMap,
    opath: FieldPath,
    dpath: FieldPath,
    out: SourceMap,
) -> Any:
    if not (isinstance(base, dict) and isinstance(over, dict)):
        _copy(osrc, opath, out, dpath, over)
        return over
    for src, spath in ((bsrc, bpath), (osrc, opath)):
        if spath in src.lines:
            out.lines[dpath] = src.lines[spath]
            out.origins[dpath] = src.origins.get(spath, src.file)
    result: dict[Any, Any] = {}
    appended = {k[:-1] for k in over if isinstance(k, str) and k.endswith(APPEND)}
    for key, value in base.items():
        if key not in over and key not in appended:
            result[key] = value
            _copy(bsrc, bpath + (key,), out, dpath + (key,), value)
    for key, value in over.items():
        if isinstance(key, str) and key.endswith(APPEND):
            name = key[:-1]
            prev = base.get(name, [])
            if isinstance(prev, list) and isinstance(value, list):
                result[name] = prev + value
                _copy(bsrc, bpath + (name,), out, dpath + (name,), prev)
                for i, item in enumerate(value):
                    _copy(osrc, opath + (key, i), out, dpath + (name, len(prev) + i), item)
                if opath + (key,) in osrc.lines:
                    out.lines[dpath + (name,)] = osrc.lines[opath + (key,)]
                    out.origins[dpath + (name,)] = osrc.origins.get(opath + (key,), osrc.file)
            else:
                result[name] = value
                _copy(osrc, opath + (key,), out, dpath + (name,), value)
        elif key in base:
            result[key] = _merge(
                base[key], bsrc, bpath + (key,), value, osrc, opath + (key,), dpath + (key,), out
            )
        else:
            result[key] = value
            _copy(osrc, opath + (key,), out, dpath + (key,), value)
    return result
