"""Filter and str-method prechecks: refuse, from the arguments, work whose result would be too big."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2.sandbox import SecurityError

from .sizes import check_printf, check_width, need, size_of


def _pre_center(a: dict[str, Any]) -> None:
    check_width(a.get("width", 80))


def _pre_indent(a: dict[str, Any]) -> None:
    width = a.get("width", 4)
    check_width(width)
    text = a.get("s", "")
    w = len(width) if isinstance(width, str) else int(width)
    need(len(str(text)) + (str(text).count("\n") + 1) * w)


def _pre_format(a: dict[str, Any]) -> None:
    check_printf(str(a.get("value", "")))


def _pre_join(a: dict[str, Any]) -> None:
    items = a.get("value", ())
    sep = str(a.get("d", ""))
    if isinstance(items, (list, tuple, str, dict, set)):
        need(size_of(items) + len(sep) * max(len(items) - 1, 0))


def _pre_replace(a: dict[str, Any]) -> None:
    s, old, new = str(a.get("s", "")), str(a.get("old", "")), str(a.get("new", ""))
    count = a.get("count")
    hits = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    need(len(s) + hits * len(new))


def _pre_count(name: str) -> Callable[[dict[str, Any]], None]:
    def check(a: dict[str, Any]) -> None:
        n = a.get(name)
        if isinstance(n, int):
            need(n)

    return check


def _pre_tojson(a: dict[str, Any]) -> None:
    check_width(a.get("indent") or 0)


# Jinja's filters by name -> the check of their bound arguments
FILTER_PRECHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "center": _pre_center,
    "indent": _pre_indent,
    "format": _pre_format,
    "join": _pre_join,
    "replace": _pre_replace,
    "batch": _pre_count("linecount"),
    "slice": _pre_count("slices"),
    "tojson": _pre_tojson,
    "wordwrap": _pre_count("width"),
    "truncate": _pre_count("length"),
}


def str_method_precheck(name: str, s: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """str's own methods that can make a long string from a short one."""
    if name in ("center", "ljust", "rjust", "zfill"):
        check_width(args[0] if args else kwargs.get("width", 0))
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        check_width(size)
        need(len(s) + s.count("\t") * int(size))
    elif name == "join":
        items = list(args[0]) if args else []
        need(size_of(items) + len(s) * max(len(items) - 1, 0))
    elif name == "replace":
        _pre_replace(
            {
                "s": s,
                "old": args[0] if args else "",
                "new": args[1] if len(args) > 1 else "",
                "count": args[2] if len(args) > 2 else kwargs.get("count", -1),
            }
        )
    elif name in ("translate", "maketrans"):
        raise SecurityError(f"str.{name} is not allowed")
