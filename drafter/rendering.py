"""Jinja2 for all text: sandboxed (profile text may hold templates) and strict (no silent gaps)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from . import diskcache
from .errors import DrafterError
from .i18n import _


class Where:
    """Where a template came from, for error messages."""

    def __init__(self, file: str, line: int | None, field: str | None):
        self.file, self.line, self.field = file, line, field


MAX_STEPS = 10_000  # loop steps one template may take through range()
MAX_SIZE = 100_000  # characters or items one * may produce


class _Bounded(SandboxedEnvironment):
    """The sandbox bounds range() but not nested loops or big products; this bounds both."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64:
            raise SecurityError(f"exponent {right} is too large")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, list, tuple))
                    and isinstance(times, int)
                    and len(seq) * times > MAX_SIZE
                ):
                    raise SecurityError("the product is too large")
        return super().call_binop(context, operator, left, right)


def _counting_range() -> Any:
    """range() sharing one budget of MAX_STEPS per render, so nested loops stay bounded too."""
    spent = [0]

    def bounded(*args: int) -> range:
        r = range(*args)
        spent[0] += len(r)
        if spent[0] > MAX_STEPS:
            raise SecurityError(f"loops take more than {MAX_STEPS} steps")
        return r

    return bounded


# Compiled code depends on this module (the sandbox's intercepted operators) and on Jinja.
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

    def render(self, source: str, context: dict[str, Any], where: Where) -> str:
        """Render one template string; every failure becomes a DrafterError naming ``where``."""
        if "{" not in source:  # plain text: nothing to render
            return source.strip()
        try:
            template = self._compiled.get(source)
            if template is None:
                if len(self._compiled) > 5000:  # profile texts vary; keep the cache bounded
                    self._compiled.clear()
                template = self._compiled[source] = self._from_string(source, where)
            return template.render({**context, "range": _counting_range()}).strip()
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
        except (
            TypeError,
            ValueError,
            AttributeError,
            KeyError,
            IndexError,
            ZeroDivisionError,
            OverflowError,
            RecursionError,
            MemoryError,
        ) as exc:
            message = _("template error: {detail}").format(detail=exc)
        raise DrafterError.single(where.file, where.line, where.field, message)
