"""Jinja2 for all text: sandboxed (profile text may hold templates), strict (no silent gaps) and bounded.

Profile text is untrusted, so every way a template can spend time or memory is bounded *inside*
the sandbox, before the cost is paid: loop steps, call depth, CPU time, the size of every value an
operator, filter, method or ``~`` builds, output buffers, integer size and format widths. The
figures are in drafter/limits.py. Templates also cannot change what they are given: the sandbox is
Jinja's immutable one, so ``lw.update(...)`` in one profile cannot reach the next profile's draft.
"""

from __future__ import annotations

import functools
import inspect
import math
import re
import string
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import (
    Environment,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2.compiler import CodeGenerator
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import generate_lorem_ipsum

from . import diskcache, limits
from .errors import DrafterError
from .i18n import _
from .profile.yamlread import XML_INVALID


class Where:
    """Where a template came from, for error messages."""

    def __init__(self, file: str, line: int | None, field: str | None):
        self.file, self.line, self.field = file, line, field


class LimitError(SecurityError):
    """A template went past one of drafter's limits (the message says which)."""


def _limit(message: str) -> LimitError:
    return LimitError(message)


# -- sizes -----------------------------------------------------------------------------------------
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
            raise _int_too_big()
    elif isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
        if size_of(value) > limits.MAX_VALUE_SIZE:
            raise _too_big()
    return value


def _int_too_big() -> LimitError:
    return _limit(_("an integer larger than {max}").format(max=f"{limits.MAX_TEMPLATE_INT:.0e}"))


def _too_big() -> LimitError:
    return _limit(
        _("a value longer than {max} characters or items").format(max=limits.MAX_VALUE_SIZE)
    )


def _need(estimate: int) -> None:
    if estimate > limits.MAX_VALUE_SIZE:
        raise _too_big()


def _width(width: Any) -> None:
    if isinstance(width, str):
        width = len(width)
    if isinstance(width, int) and width > limits.MAX_FORMAT_WIDTH:
        raise _limit(_("a width or precision over {max}").format(max=limits.MAX_FORMAT_WIDTH))


_PRINTF = re.compile(r"%%|%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_printf(fmt: str) -> None:
    """``'%9999999d' % x``: refuse widths and precisions over the limit, and ``*`` widths."""
    for match in _PRINTF.finditer(fmt):
        for group in match.groups():
            if group == "*":
                raise _limit(_("a width given by * in a printf-style format"))
            if group:
                _width(int(group))


def check_str_format(fmt: str) -> None:
    """``'{:>999999}'.format(x)``: the same for str.format; nested {} in a spec are refused."""
    for _literal, _field, spec, _conversion in string.Formatter().parse(fmt):
        if spec:
            if "{" in spec:
                raise _limit(_("a width given by {} in a format"))
            for digits in re.findall(r"\d+", spec):
                _width(int(digits))


# -- the per-profile budget ----------------------------------------------------------------------
class Budget:
    """CPU time across one profile's renders; loop steps and call depth within one render."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.started: float | None = None
        self.steps = 0
        self.depth = 0
        self.ticks = 0

    def enter(self) -> None:
        self.started = time.process_time()
        self.steps = 0
        self.depth = 0
        if self.cpu > limits.MAX_RENDER_CPU_SECONDS:  # the profile's earlier texts spent it all
            raise self.over()

    def leave(self) -> None:
        if self.started is not None:
            self.cpu += time.process_time() - self.started
            self.started = None

    def tick(self) -> None:
        self.ticks += 1
        if self.ticks & 63 == 0 and self.started is not None:
            if self.cpu + time.process_time() - self.started > limits.MAX_RENDER_CPU_SECONDS:
                raise self.over()

    @staticmethod
    def over() -> LimitError:
        return _limit(
            _("the profile's templates take more than {seconds} s of CPU").format(
                seconds=limits.MAX_RENDER_CPU_SECONDS
            )
        )

    def step(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > limits.MAX_LOOP_STEPS:
            raise _limit(_("loops take more than {n} steps").format(n=limits.MAX_LOOP_STEPS))
        self.tick()


class _Buffer(list):
    """The output buffer of a macro, {% set %} block or filter block: its size is bounded too."""

    def __init__(self, budget: Budget) -> None:
        super().__init__()
        self.budget, self.size = budget, 0

    def append(self, item: Any) -> None:
        self.size += len(item) if isinstance(item, str) else 1
        if self.size > limits.MAX_VALUE_SIZE:
            raise _too_big()
        self.budget.tick()
        super().append(item)

    def extend(self, items: Iterable[Any]) -> None:
        for item in items:
            self.append(item)


class _Steps:
    """What a {% for %} iterates over: each step counts against the loop budget."""

    def __init__(self, iterable: Any, budget: Budget) -> None:
        self.iterable, self.budget = iterable, budget

    def __iter__(self) -> Iterator[Any]:
        if isinstance(self.iterable, range):  # range() paid for its steps when it was made
            yield from self.iterable
            return
        for item in self.iterable:
            self.budget.step()
            yield item

    def __len__(self) -> int:
        return len(self.iterable)


class _Codegen(CodeGenerator):
    """Jinja's code generator, with bounded buffers and size-checked ``~`` concatenation."""

    def buffer(self, frame: Any) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.bounded_buffer()")

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")


# -- filter and method prechecks: refuse before the work is done -------------------------------------
def _pre_center(a: dict[str, Any]) -> None:
    _width(a.get("width", 80))


def _pre_indent(a: dict[str, Any]) -> None:
    width = a.get("width", 4)
    _width(width)
    text = a.get("s", "")
    w = len(width) if isinstance(width, str) else int(width)
    _need(len(str(text)) + (str(text).count("\n") + 1) * w)


def _pre_format(a: dict[str, Any]) -> None:
    check_printf(str(a.get("value", "")))


def _pre_join(a: dict[str, Any]) -> None:
    items = a.get("value", ())
    sep = str(a.get("d", ""))
    if isinstance(items, (list, tuple, str, dict, set)):
        _need(size_of(items) + len(sep) * max(len(items) - 1, 0))


def _pre_replace(a: dict[str, Any]) -> None:
    s, old, new = str(a.get("s", "")), str(a.get("old", "")), str(a.get("new", ""))
    count = a.get("count")
    hits = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    _need(len(s) + hits * len(new))


def _pre_count(name: str) -> Callable[[dict[str, Any]], None]:
    def check(a: dict[str, Any]) -> None:
        n = a.get(name)
        if isinstance(n, int):
            _need(n)

    return check


def _pre_tojson(a: dict[str, Any]) -> None:
    _width(a.get("indent") or 0)


_FILTER_PRECHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
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


def _str_method_precheck(name: str, s: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """str's own methods that can make a long string from a short one."""
    if name in ("center", "ljust", "rjust", "zfill"):
        _width(args[0] if args else kwargs.get("width", 0))
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        _width(size)
        _need(len(s) + s.count("\t") * int(size))
    elif name == "join":
        items = list(args[0]) if args else []
        _need(size_of(items) + len(s) * max(len(items) - 1, 0))
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


_PASSED = (EvalContext, Context, Environment)  # what Jinja may pass a filter before its value
_PASSED_NAMES = ("eval_ctx", "context", "environment", "env", "ctx")


class _Bounded(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, bounded: see the module docstring."""

    code_generator_class = _Codegen
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self, **options: Any) -> None:
        self._budgets = threading.local()  # one renderer, many threads (web): a budget each
        super().__init__(**options)
        self.budget = Budget()
        self.filters = {name: self._bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters["_drafter_steps"] = lambda iterable: _Steps(iterable, self.budget)
        self.globals["lipsum"] = self._lipsum

    @property
    def budget(self) -> Budget:
        """This thread's budget: threads sharing the renderer must not spend or reset another's."""
        try:
            return self._budgets.budget
        except AttributeError:
            self._budgets.budget = Budget()
            return self._budgets.budget

    @budget.setter
    def budget(self, value: Budget) -> None:
        self._budgets.budget = value

    # every {% for %} iterates through _Steps
    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(
                loop.iter, "_drafter_steps", [], [], None, None, lineno=loop.iter.lineno
            )
        return tree

    def bounded_buffer(self) -> _Buffer:
        return _Buffer(self.budget)

    def checked(self, value: Any) -> Any:
        self.budget.tick()
        return check_value(value)

    def _bounded_filter(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        precheck = _FILTER_PRECHECKS.get(name)
        signature = inspect.signature(func) if precheck else None
        first = next(iter(signature.parameters), "") if signature else ""

        @functools.wraps(func)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            self.budget.tick()
            if precheck is not None and signature is not None:
                # Jinja's sync/async filters (slice, join, ...) take an eval context first that
                # their own signature does not show: bind the filter's arguments, not that.
                shown = args
                if shown and isinstance(shown[0], _PASSED) and first not in _PASSED_NAMES:
                    shown = shown[1:]
                try:
                    bound = signature.bind(*shown, **kwargs)
                except TypeError:
                    pass  # the filter itself says what is wrong with its arguments
                else:
                    precheck(bound.arguments)
            return check_value(func(*args, **kwargs))

        return bounded

    def _lipsum(self, n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
        _need(int(n) * int(max) * 8)
        return generate_lorem_ipsum(n, html, min, max)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.budget.tick()
        if operator == "**" and isinstance(right, (int, float)):
            if abs(right) > 64:
                raise SecurityError(f"exponent {right} is too large")
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
                if right * math.log2(abs(left)) > math.log2(limits.MAX_TEMPLATE_INT) + 1:
                    raise _int_too_big()
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    _need(size_of(seq) * times)
        elif operator == "%" and isinstance(left, str):
            check_printf(left)
        return check_value(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget = __self.budget
        budget.tick()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            _str_method_precheck(getattr(__obj, "__name__", ""), owner, args, kwargs)
        if budget.depth >= limits.MAX_CALL_DEPTH:
            raise _limit(_("calls nested more than {n} deep").format(n=limits.MAX_CALL_DEPTH))
        budget.depth += 1
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        return check_value(result)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            check_str_format(value.__self__)
        return wrapped

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.tick()
        return super().getitem(obj, argument)


def _counting_range(budget: Budget) -> Callable[..., range]:
    """range() spending the render's loop budget, so nested loops stay bounded too."""

    def bounded(*args: int) -> range:
        r = range(*args)
        budget.step(len(r))
        return r

    return bounded


# Compiled code depends on this module (the sandbox's code generator and operators) and on Jinja.
_library_codes = diskcache.Codes(
    f"jinja-{diskcache.TAG}.marshal",
    diskcache.file_digest([Path(__file__)], [jinja2.__version__.encode()]),
)


class Renderer:
    def __init__(self) -> None:
        self.env = _Bounded(
            undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
        )
        self._compiled: dict[str, Any] = {}

    def _from_string(self, source: str, where: Where) -> Any:
        """A template; drafter's own (from templates/) compile once per machine, not per process."""
        if not where.file.startswith("templates/"):
            return self.env.from_string(source)
        code = _library_codes.get(source, self.env.compile)
        return self.env.template_class.from_code(self.env, code, self.env.make_globals(None))

    def begin(self) -> None:
        """Start a new profile: a fresh CPU budget for its texts."""
        self.env.budget = Budget()

    def render(self, source: str, context: dict[str, Any], where: Where) -> str:
        """Render one template string; every failure becomes a DrafterError naming ``where``."""
        if "{" not in source:  # plain text: nothing to render
            return source.strip()
        budget = self.env.budget
        try:
            budget.enter()
            text = self._render(source, context, budget, where)
        except DrafterError:
            raise
        except LimitError as exc:
            message = _("template stopped at a limit: {detail}").format(detail=exc)
        except SecurityError as exc:
            message = _("template not allowed (sandbox): {detail}").format(detail=exc)
        except UndefinedError as exc:
            if "unsafe" in str(exc):
                message = _("template not allowed (sandbox): {detail}").format(detail=exc)
            else:
                message = _("template refers to a missing value: {detail}").format(detail=exc)
        except TemplateSyntaxError as exc:
            message = _("template syntax error: {detail}").format(detail=exc.message)
        except TemplateError as exc:
            message = _("template error: {detail}").format(detail=exc)
        except RecursionError:
            message = _("template stopped at a limit: {detail}").format(
                detail=_("calls nested more than {n} deep").format(n=limits.MAX_CALL_DEPTH)
            )
        except MemoryError:
            message = _("template stopped at a limit: {detail}").format(detail=_too_big())
        except Exception as exc:  # noqa: BLE001 - untrusted text: any fault is the template's
            message = _("template error: {detail}").format(detail=exc)
        else:
            if not where.file.startswith("templates/"):  # drafter's own may mark a split point
                self._check_output(text, where)
            return text
        finally:
            budget.leave()
        raise DrafterError.single(where.file, where.line, where.field, message)

    def _render(self, source: str, context: dict[str, Any], budget: Budget, where: Where) -> str:
        template = self._compiled.get(source)
        if template is None:
            if len(self._compiled) >= limits.MAX_CACHED_TEMPLATES:
                self._compiled.clear()
            template = self._compiled[source] = self._from_string(source, where)
        chunks, size = [], 0
        for chunk in template.generate({**context, "range": _counting_range(budget)}):
            size += len(chunk)
            if size > limits.MAX_RENDERED_CHARS:
                raise _limit(
                    _("the text it makes is longer than {max} characters").format(
                        max=limits.MAX_RENDERED_CHARS
                    )
                )
            budget.tick()
            chunks.append(chunk)
        return "".join(chunks).strip()

    @staticmethod
    def _check_output(text: str, where: Where) -> None:
        """What a template makes passes the checks typed text does: no control characters."""
        bad = XML_INVALID.search(text)
        if bad:
            raise DrafterError.single(
                where.file,
                where.line,
                where.field,
                _(
                    "the template makes the control character {char}, which Word cannot store"
                ).format(char=f"U+{ord(bad.group()):04X}"),
            )
