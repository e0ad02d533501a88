"""Sizes and widths: how big a value a template built is, and the limit errors that refuse it."""

from __future__ import annotations

import re
import string
from typing import Any

from jinja2.sandbox import SecurityError

from ... import limits
from ...i18n import _


class LimitError(SecurityError):
    """A template went past one of drafter's limits (the message says which)."""


def limit_error(message: str) -> LimitError:
    return LimitError(message)


def size_of(value: Any, cap: int = limits.MAX_VALUE_SIZE) -> int:
    """Characters of text plus one per other leaf, counted through lists and dicts; stops past ``cap``."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, (str, bytes)):
            total += max(1, len(item))
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
            total += not item
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
            total += not item
        else:
            total += 1
        if total > cap:
            return total
    return total


def check_value(value: Any) -> Any:
    """Refuse a value that is too big to have been built; return it unchanged otherwise."""
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > limits.MAX_TEMPLATE_INT:
            raise int_too_big()
    elif isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
        if size_of(value) > limits.MAX_VALUE_SIZE:
            raise too_big()
    return value


def int_too_big() -> LimitError:
    return limit_error(
        _("an integer larger than {max}").format(max=f"{limits.MAX_TEMPLATE_INT:.0e}")
    )


def too_big() -> LimitError:
    return limit_error(
        _("a value longer than {max} characters or items").format(max=limits.MAX_VALUE_SIZE)
    )


def need(estimate: int) -> None:
    """Refuse work whose result would be ``estimate`` long, before it is done."""
    if estimate > limits.MAX_VALUE_SIZE:
        raise too_big()


def check_width(width: Any) -> None:
    if isinstance(width, str):
        width = len(width)
    if isinstance(width, int) and width > limits.MAX_FORMAT_WIDTH:
        raise limit_error(_("a width or precision over {max}").format(max=limits.MAX_FORMAT_WIDTH))


_PRINTF = re.compile(r"%%|%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_printf(fmt: str) -> None:
    """``'%9999999d' % x``: refuse widths and precisions over the limit, and ``*`` widths."""
    for match in _PRINTF.finditer(fmt):
        for group in match.groups():
            if group == "*":
                raise limit_error(_("a width given by * in a printf-style format"))
            if group:
                check_width(int(group))


def check_str_format(fmt: str) -> None:
    """``'{:>999999}'.format(x)``: the same for str.format; nested {} in a spec are refused."""
    for _literal, _field, spec, _conversion in string.Formatter().parse(fmt):
        if spec:
            if "{" in spec:
                raise limit_error(_("a width given by {} in a format"))
            for digits in re.findall(r"\d+", spec):
                check_width(int(digits))
