"""prose: paragraphs from one of the section's Jinja texts (its variants), blank-line separated."""

from __future__ import annotations

from ...library.genres import Section
from .. import sources
from ..render import Where
from ..scope import Scope
from .base import Built, body


def variant_file(scope: Scope, section: Section) -> str:
    """The text the profile picks (plan.<choice>), else the programme kind's, else the first."""
    chosen = scope.data["plan"].get(section.choice or section.id)
    kind = scope.ctx["programme"]["kind"]
    name = chosen or section.defaults.get(kind) or next(iter(section.variants))
    return section.variants[name]


def build(scope: Scope, section: Section) -> Built:
    source, file = scope.text(variant_file(scope, section))
    policies = sources.policies(scope)
    text = scope.render(
        source,
        Where(file, None, section.id),
        policies=policies,
        policies_text=scope.joined(policies),
    )
    return Built([body(para) for para in text.split("\n\n") if para.strip()])
