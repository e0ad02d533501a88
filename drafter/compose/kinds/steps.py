"""steps: the phases of the work, in order (a 推进计划's 具体步骤): （一）title。body entries of a
catalogue (templates/catalogue/steps.yaml), each dated from the plan's period in its own text, in
the order plan.<field> lists them. A phase is a stretch of time, not a duty: it ends in no
responsibility list (an items section's measures may)."""

from __future__ import annotations

from ...library.genres import Section
from ..scope import Scope
from .base import Built
from .items import listed


def build(scope: Scope, section: Section) -> Built:
    return Built([paragraph for _key, _item, paragraph in listed(scope, section)])
