"""Jinja's immutable sandbox, bounded: every loop, call, operator, filter and buffer spends a budget."""

from __future__ import annotations

import functools
import inspect
import math
import threading
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, nodes
from jinja2.compiler import CodeGenerator
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import generate_lorem_ipsum

from ... import limits
from ...i18n import _
from .budget import Budget, Buffer, Steps
from .prechecks import FILTER_PRECHECKS, str_method_precheck
from .sizes import (
    check_printf,
    check_str_format,
    check_value,
    int_too_big,
    limit_error,
    need,
    size_of,
)


class _Codegen(CodeGenerator):
    """Jinja's code generator, with bounded buffers and size-checked ``~`` concatenation."""

    def buffer(self, frame: Any) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.bounded_buffer()")

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        self.write("environment.checked(")
        super().visit_Concat(node, frame)
        self.write(")")


_PASSED = (EvalContext, Context, Environment)  # what Jinja may pass a filter before its value
_PASSED_NAMES = ("eval_ctx", "context", "environment", "env", "ctx")


class Bounded(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, bounded: see the package docstring."""

    code_generator_class = _Codegen
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self, **options: Any) -> None:
        self._budgets = threading.local()  # one renderer, many threads (web): a budget each
        super().__init__(**options)
        self.budget = Budget()
        self.filters = {name: self._bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters["_drafter_steps"] = lambda iterable: Steps(iterable, self.budget)
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

    # every {% for %} iterates through Steps
    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(
                loop.iter, "_drafter_steps", [], [], None, None, lineno=loop.iter.lineno
            )
        return tree

    def bounded_buffer(self) -> Buffer:
        return Buffer(self.budget)

    def checked(self, value: Any) -> Any:
        self.budget.tick()
        return check_value(value)

    def _bounded_filter(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        precheck = FILTER_PRECHECKS.get(name)
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
        need(int(n) * int(max) * 8)
        return generate_lorem_ipsum(n, html, min, max)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.budget.tick()
        if operator == "**" and isinstance(right, (int, float)):
            if abs(right) > 64:
                raise SecurityError(f"exponent {right} is too large")
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
                if right * math.log2(abs(left)) > math.log2(limits.MAX_TEMPLATE_INT) + 1:
                    raise int_too_big()
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                    need(size_of(seq) * times)
        elif operator == "%" and isinstance(left, str):
            check_printf(left)
        return check_value(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget = __self.budget
        budget.tick()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            str_method_precheck(getattr(__obj, "__name__", ""), owner, args, kwargs)
        if budget.depth >= limits.MAX_CALL_DEPTH:
            raise limit_error(_("calls nested more than {n} deep").format(n=limits.MAX_CALL_DEPTH))
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
