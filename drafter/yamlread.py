"""Read YAML into plain data plus a map from field path to source line.

PyYAML's node tree keeps marks; plain ``safe_load`` drops them. We compose the
tree, build the values ourselves and note each key's line, so that every later
message can say ``file:line``. Duplicate keys are errors, not silent overrides.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DrafterError
from .i18n import _

FieldPath = tuple[Any, ...]


@dataclass
class SourceMap:
    """Where each field of a loaded document came from: file and line.

    ``file`` is the document's own file; ``origins`` records fields that a merge
    brought in from another file (a base profile, the defaults).
    """

    file: str
    lines: dict[FieldPath, int] = field(default_factory=dict)
    origins: dict[FieldPath, str] = field(default_factory=dict)

    def locate(self, path: FieldPath) -> tuple[str, int | None]:
        """The file and line of ``path``, or of its nearest ancestor we know."""
        path = tuple(path)
        while True:
            if path in self.lines:
                return self.origins.get(path, self.file), self.lines[path]
            if not path:
                return self.file, None
            path = path[:-1]

    def line(self, path: FieldPath) -> int | None:
        return self.locate(path)[1]


def read(path: Path, display: str | None = None) -> tuple[Any, SourceMap]:
    """Load one YAML file; raise DrafterError naming file:line on any fault."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DrafterError.single(name, None, None, _("cannot read file: {reason}").format(reason=exc.strerror)) from None
    return parse(raw, name)


def parse(raw: bytes, name: str) -> tuple[Any, SourceMap]:
    if b"\x00" in raw:
        raise DrafterError.single(name, None, None, _("not a text file (binary data)"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DrafterError.single(name, line, None, _("not UTF-8 text; save the file as UTF-8")) from None
    smap = SourceMap(name)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = _build(loader, node, (), smap) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or ""
        raise DrafterError.single(name, line, None, _("YAML syntax error: {problem}").format(problem=problem)) from None
    except yaml.YAMLError as exc:
        raise DrafterError.single(name, None, None, _("YAML syntax error: {problem}").format(problem=exc)) from None
    finally:
        loader.dispose()
    if node is not None:
        smap.lines[()] = node.start_mark.line + 1
    return data, smap


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: FieldPath, smap: SourceMap) -> Any:
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves << merge keys
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int)):
                raise DrafterError.single(smap.file, line, _path_text(path), _("a key must be text"))
            if key in out:
                first = smap.lines.get(path + (key,))
                raise DrafterError.single(
                    smap.file, line, _path_text(path + (key,)),
                    _("duplicate key (first given on line {first})").format(first=first))
            smap.lines[path + (key,)] = line
            out[key] = _build(loader, value_node, path + (key,), smap)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            smap.lines[path + (i,)] = item.start_mark.line + 1
            items.append(_build(loader, item, path + (i,), smap))
        return items
    return loader.construct_object(node, deep=True)


def _path_text(path: FieldPath) -> str:
    return ".".join(str(p) for p in path) or "(root)"
