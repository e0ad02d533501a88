"""Control characters XML 1.0 (and so Word) cannot hold: found in parsed text, by field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...errors import DrafterError
from ...i18n import _
from .sourcemap import FieldPath, SourceMap, field_text

PLACEHOLDER = "\ue000"  # stands in for a control character while we find its field
# Characters XML 1.0 (and so Word) cannot hold.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def find_placeholder(value: Any, path: FieldPath) -> FieldPath | None:
    """The path of the first text holding PLACEHOLDER, or None."""
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
        found = find_placeholder(item, path + (key,))
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


def _strings(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, path + (i,))
