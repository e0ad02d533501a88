"""Render one template string in the bounded sandbox; every failure becomes a DrafterError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError

from ... import diskcache, limits
from ...errors import DrafterError
from ...i18n import _
from ...profile.yamlread import XML_INVALID
from .budget import Budget, counting_range
from .sandbox import Bounded
from .sizes import LimitError, limit_error, too_big


class Where:
    """Where a template came from, for error messages."""

    def __init__(self, file: str, line: int | None, field: str | None):
        self.file, self.line, self.field = file, line, field


# Compiled code depends on this package (the sandbox's code generator and operators) and on Jinja.
_library_codes = diskcache.Codes(
    f"jinja-{diskcache.TAG}.marshal",
    diskcache.file_digest(Path(__file__).parent.glob("*.py"), [jinja2.__version__.encode()]),
)


class Renderer:
    def __init__(self) -> None:
        self.env = Bounded(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
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
            message = _("template stopped at a limit: {detail}").format(detail=too_big())
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
        for chunk in template.generate({**context, "range": counting_range(budget)}):
            size += len(chunk)
            if size > limits.MAX_RENDERED_CHARS:
                raise limit_error(
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
