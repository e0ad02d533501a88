"""Load a county profile: YAML with line numbers, `extends:` merged, defaults under it, validated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import DrafterError, Issue
from .i18n import _
from .library import Library
from .validation import validate
from .yamlread import FieldPath, SourceMap, check_text, read

APPEND = "+"  # `key+: [...]` appends to the base's list instead of replacing it


@dataclass(frozen=True)
class Profile:
    path: Path
    data: dict[str, Any]
    source: SourceMap

    @property
    def stem(self) -> str:
        return self.path.stem


def load(
    path: Path | str,
    lib: Library,
    overrides: dict[str, Any] | None = None,
    overrides_source: SourceMap | None = None,
) -> Profile:
    """Read, merge and validate one profile; raise DrafterError listing every fault.

    ``overrides`` (from a batch manifest) are merged over the profile, as a last `extends` layer.
    """
    path = Path(path)
    data, smap = _read_chain(path, [])
    if overrides:
        data, smap = merge(data, smap, overrides, overrides_source or SourceMap(str(path)))
        smap.file = str(path)
    data, smap = merge(defaults(lib), SourceMap(smap.file), data, smap)
    check_text(data, smap)
    issues = validate(data, smap, lib)
    if issues:
        raise DrafterError(issues)
    return Profile(path, data, smap)


def defaults(lib: Library) -> dict[str, Any]:
    with (lib.root / "defaults.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _read_chain(path: Path, chain: list[Path]) -> tuple[Any, SourceMap]:
    data, smap = read(path)
    base_ref = data.get("extends") if isinstance(data, dict) else None
    if not isinstance(base_ref, str):
        return data, smap
    base_path = path.parent / base_ref
    line = smap.line(("extends",))
    here = path.resolve()
    if base_path.resolve() in [p.resolve() for p in chain + [here]]:
        names = " → ".join(str(p) for p in chain + [path, base_path])
        raise DrafterError.single(
            str(path), line, "extends", _("extends cycle: {names}").format(names=names)
        )
    if not base_path.is_file():
        raise DrafterError.single(
            str(path), line, "extends", _("base profile not found: {base}").format(base=base_path)
        )
    base, base_map = _read_chain(base_path, chain + [path])
    if not isinstance(base, dict):
        raise DrafterError(
            [
                Issue(
                    str(base_path),
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
