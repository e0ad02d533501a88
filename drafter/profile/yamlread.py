"""Read YAML into plain data plus a map from field path to source line.

PyYAML's node tree keeps marks; plain ``safe_load`` drops them. We compose the
tree, build the values ourselves and note each key's line, so that every later
message can say ``file:line``. Duplicate keys are errors, not silent overrides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import limits
from ..errors import DrafterError
from ..i18n import _
from ..inputs import read_bytes

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
    return parse(read_bytes(Path(path), name), name)


# libyaml's parser keeps line marks too and is several times faster; PyYAML's own is the fallback.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_VALUES = limits.MAX_YAML_NODES  # more than this is an alias bomb, not a county profile
PLACEHOLDER = "\ue000"  # stands in for a control character while we find its field
# Characters XML 1.0 (and so Word) cannot hold.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


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
        _scan(text, name, loader_class)
        loader = loader_class(text)
        node = loader.get_single_node()
        data = _Builder(loader, smap).build(node, ()) if node is not None else None
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


def _scan(text: str, name: str, loader_class: type) -> None:
    """Walk the parser's events (no tree, no recursion) and stop at the depth and expanded-size limits.

    Composing a tree recurses once per level (in C for libyaml, which some PyYAML versions do not
    guard), and aliases can expand a small file into a huge one; both are checked here first.
    """
    loader = loader_class(text)
    try:
        depth = nodes = chars = 0
        anchors: dict[str, tuple[int, int]] = {}
        open_: list[tuple[str | None, int, int]] = []
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                nodes += 1
                if depth > limits.MAX_YAML_DEPTH:
                    raise DrafterError.single(
                        name,
                        event.start_mark.line + 1,
                        None,
                        _("nested more than {n} levels deep").format(n=limits.MAX_YAML_DEPTH),
                    )
                open_.append((event.anchor, nodes, chars))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                anchor, nodes0, chars0 = open_.pop()
                if anchor:
                    anchors[anchor] = (nodes - nodes0 + 1, chars - chars0)
            elif isinstance(event, yaml.ScalarEvent):
                nodes += 1
                chars += len(event.value)
                if event.anchor:
                    anchors[event.anchor] = (1, len(event.value))
            elif isinstance(event, yaml.AliasEvent):
                more_nodes, more_chars = anchors.get(event.anchor, (1, 0))
                nodes += more_nodes
                chars += more_chars
            else:
                continue
            if nodes > limits.MAX_YAML_NODES or chars > limits.MAX_YAML_EXPANDED_CHARS:
                raise DrafterError.single(
                    name,
                    event.start_mark.line + 1,
                    None,
                    _(
                        "expands to more than {nodes} values or {chars} characters "
                        "(aliases repeat too much, or the file is too big)"
                    ).format(nodes=limits.MAX_YAML_NODES, chars=limits.MAX_YAML_EXPANDED_CHARS),
                )
    finally:
        loader.dispose()


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
        path = _find(data, ())
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


def _find(value: Any, path: FieldPath) -> FieldPath | None:
    if isinstance(value, str):
        return path if PLACEHOLDER in value else None
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        found = _find(item, path + (key,))
        if found is not None:
            return found
    return None


def check_text(data: Any, smap: SourceMap) -> None:
    """Escaped control characters ("\\x01") survive parsing; reject them by field too."""
    for path, value in _strings(data, ()):
        bad = XML_INVALID.search(value)
        if bad:
            file, line = smap.locate(path)
            raise DrafterError.single(
                file,
                line,
                field_text(path),
                _(
                    "contains the control character {char}, which Word cannot store; delete it"
                ).format(char=f"U+{ord(bad.group()):04X}"),
            )


def _strings(value: Any, path: FieldPath):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, path + (i,))


class _Builder:
    """Plain values from a node tree, noting lines; refuses self-referring aliases and alias bombs."""

    def __init__(self, loader: yaml.SafeLoader, smap: SourceMap):
        self.loader, self.smap = loader, smap
        self.count = 0
        self.active: set[int] = set()

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise DrafterError.single(
                self.smap.file,
                node.start_mark.line + 1,
                field_text(path),
                _("more than {n} values: aliases expand too far").format(n=MAX_VALUES),
            )
        if id(node) in self.active:
            raise DrafterError.single(
                self.smap.file,
                node.start_mark.line + 1,
                field_text(path),
                _("an alias refers to itself"),
            )
        if isinstance(node, yaml.MappingNode):
            self.active.add(id(node))
            try:
                return self._mapping(node, path)
            finally:
                self.active.discard(id(node))
        if isinstance(node, yaml.SequenceNode):
            self.active.add(id(node))
            try:
                items = []
                for i, item in enumerate(node.value):
                    self.smap.lines[path + (i,)] = item.start_mark.line + 1
                    items.append(self.build(item, path + (i,)))
                return items
            finally:
                self.active.discard(id(node))
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError) as exc:
            raise DrafterError.single(
                self.smap.file,
                node.start_mark.line + 1,
                field_text(path),
                _("not a valid value: {value} ({reason})").format(value=node.value, reason=exc),
            ) from None

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[Any, Any]:
        own = sum(1 for k, _v in node.value if k.tag != "tag:yaml.org,2002:merge")
        self.loader.flatten_mapping(node)  # resolves << merge keys: merged pairs first, then own
        merged = len(node.value) - own
        out: dict[Any, Any] = {}
        from_merge: set[Any] = set()
        for n, (key_node, value_node) in enumerate(node.value):
            line = key_node.start_mark.line + 1
            key = self.build(key_node, path) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise DrafterError.single(
                    self.smap.file, line, field_text(path), _("a key must be text")
                )
            if n < merged:
                from_merge.add(
                    key
                )  # PyYAML orders merged pairs so the one that must win comes last
            elif key in from_merge:
                from_merge.discard(key)  # the mapping's own key overrides a merged one
            elif key in out:
                first = self.smap.lines.get(path + (key,))
                raise DrafterError.single(
                    self.smap.file,
                    line,
                    field_text(path + (key,)),
                    _("duplicate key (first given on line {first})").format(first=first),
                )
            self.smap.lines[path + (key,)] = line
            out[key] = self.build(value_node, path + (key,))
        return out


def field_text(path: FieldPath) -> str:
    """profiles[0].name style: dots between keys, brackets around list positions."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"
