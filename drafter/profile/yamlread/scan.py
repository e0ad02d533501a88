"""Walk a YAML text's events and stop at the depth and expanded-size limits, before any tree is built."""

from __future__ import annotations

import yaml

from ... import limits
from ...errors import DrafterError
from ...i18n import _


def scan(text: str, name: str, loader_class: type) -> None:
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
