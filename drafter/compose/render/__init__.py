"""Jinja2 for all text: sandboxed (profile text may hold templates), strict (no silent gaps) and bounded.

Profile text is untrusted, so every way a template can spend time or memory is bounded *inside*
the sandbox, before the cost is paid: loop steps, call depth, CPU time, the size of every value an
operator, filter, method or ``~`` builds, output buffers, integer size and format widths. The
figures are in drafter/limits.py. Templates also cannot change what they are given: the sandbox is
Jinja's immutable one, so ``lw.update(...)`` in one profile cannot reach the next profile's draft.

sizes.py measures values and formats, budget.py counts CPU, loop steps and buffers, prechecks.py
refuses a filter's or str method's work before it is done, sandbox.py is the bounded Jinja
environment, and renderer.py renders one text and turns every failure into a DrafterError.
"""

from .renderer import Renderer, Where
from .sizes import LimitError

__all__ = ["LimitError", "Renderer", "Where"]
