"""Jinja2 for all text: sandboxed (profile text may hold templates) and strict (no silent gaps)."""
from __future__ import annotations

from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .errors import DrafterError
from .i18n import _


class Where:
    """Where a template came from, for error messages."""

    def __init__(self, file: str, line: int | None, field: str | None):
        self.file, self.line, self.field = file, line, field


class Renderer:
    def __init__(self) -> None:
        self.env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                        keep_trailing_newline=False)
        self._compiled: dict[str, Any] = {}

    def render(self, source: str, context: dict[str, Any], where: Where) -> str:
        """Render one template string; every failure becomes a DrafterError naming ``where``."""
        try:
            template = self._compiled.get(source)
            if template is None:
                template = self._compiled[source] = self.env.from_string(source)
            return template.render(context).strip()
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
        except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
            message = _("template error: {detail}").format(detail=exc)
        raise DrafterError.single(where.file, where.line, where.field, message)
