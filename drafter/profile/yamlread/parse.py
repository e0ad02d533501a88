"""Bytes to data and a SourceMap: encoding, control characters and syntax errors named at file:line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ...errors import DrafterError
from ...i18n import _
from ...inputs import read_bytes
from .build import Builder
from .controls import PLACEHOLDER, XML_INVALID, find_placeholder
from .scan import scan
from .sourcemap import SourceMap, field_text


def read(path: Path, display: str | None = None) -> tuple[Any, SourceMap]:
    """Load one YAML file; raise DrafterError naming file:line on any fault."""
    name = display or str(path)
    return parse(read_bytes(Path(path), name), name)


# libyaml's parser keeps line marks too and is several times faster; PyYAML's own is the fallback.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(raw: bytes, name: str) -> tuple[Any, SourceMap]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DrafterError.single(
            name, None, None, _('UTF-16 text (Notepad\'s "Unicode"); save the file as UTF-8')
        )
    if b"\x00" in raw:
        raise DrafterError.single(name, None, None, _("not a text file (binary data)"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DrafterError.single(
            name, line, None, _("not UTF-8 text; save the file as UTF-8")
        ) from None
    bad = XML_INVALID.search(text)
    if bad:
        _reject_control_character(text, bad, name)
    return _compose(text, name)


def _compose(text: str, name: str, loader_class: type = _Loader) -> tuple[Any, SourceMap]:
    """Parse with libyaml; on a syntax error parse again with PyYAML, whose messages say more."""
    smap = SourceMap(name)
    loader = None
    try:
        scan(text, name, loader_class)
        loader = loader_class(text)
        node = loader.get_single_node()
        data = Builder(loader, smap).build(node, ()) if node is not None else None
    except (yaml.YAMLError, RecursionError) as exc:
        if loader_class is not yaml.SafeLoader:
            if loader is not None:
                loader.dispose()
                loader = None
            return _compose(text, name, yaml.SafeLoader)
        _syntax_error(exc, loader, name)
        raise  # unreachable: _syntax_error always raises
    finally:
        if loader is not None:
            loader.dispose()
    if node is not None:
        smap.lines[()] = node.start_mark.line + 1
    return data, smap


def _syntax_error(exc: BaseException, loader: Any, name: str) -> None:
    """Turn PyYAML's complaint into a DrafterError at the most helpful line."""
    if isinstance(exc, yaml.MarkedYAMLError):
        # An unclosed quote or bracket is best shown where it opens; anything else where it went wrong.
        unclosed = bool(exc.context) and any(w in exc.context for w in ("quoted scalar", "flow"))
        mark = (
            (exc.context_mark if unclosed else exc.problem_mark)
            or exc.context_mark
            or exc.problem_mark
        )
        problem = "; ".join(p for p in (exc.context, exc.problem) if p)
        raise DrafterError.single(
            name,
            mark.line + 1 if mark else None,
            None,
            _("YAML syntax error: {problem}").format(problem=problem),
        )
    if isinstance(exc, RecursionError):
        line = getattr(loader, "line", None)
        raise DrafterError.single(
            name, line + 1 if isinstance(line, int) else None, None, _("nested too deeply to read")
        )
    raise DrafterError.single(
        name, None, None, _("YAML syntax error: {problem}").format(problem=exc)
    )


def _reject_control_character(text: str, bad: re.Match, name: str) -> None:
    """Name the field that holds a character Word cannot store, so the clerk can find it."""
    char = f"U+{ord(bad.group()):04X}"
    line = text[: bad.start()].count("\n") + 1
    field = None
    try:
        data, smap = _compose(XML_INVALID.sub(PLACEHOLDER, text), name)
        path = find_placeholder(data, ())
        if path is not None:
            field, line = field_text(path), smap.line(path) or line
    except DrafterError:
        pass
    raise DrafterError.single(
        name,
        line,
        field,
        _("contains the control character {char}, which Word cannot store; delete it").format(
            char=char
        ),
    )
