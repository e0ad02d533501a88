"""Plain values from a composed YAML node tree, noting each key's and item's line."""

from __future__ import annotations

from typing import Any

import yaml

from ... import limits
from ...errors import DrafterError
from ...i18n import _
from .sourcemap import FieldPath, SourceMap, field_text

MAX_VALUES = limits.MAX_YAML_NODES  # more than this is an alias bomb, not a county profile


class Builder:
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
