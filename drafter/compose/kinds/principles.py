"""principles: （一）title。body items, the catalogue's by id and the county's own (plan.own_principles)
where plan.principles lists OWN_PRINCIPLES, else after the catalogue's."""

from __future__ import annotations

from typing import Any

from ...library.genres import Section
from ...profile.fields import OWN_PRINCIPLES
from ..scope import Scope
from .base import Built, lead_item


def build(scope: Scope, section: Section) -> Built:
    plan = scope.data["plan"]
    ids = list(plan["principles"])
    own = list(enumerate(plan.get("own_principles", [])))
    if own and OWN_PRINCIPLES not in ids:
        ids.append(OWN_PRINCIPLES)
    items: list[Any] = []
    for key in ids:
        items.extend(own if key == OWN_PRINCIPLES else [key])
    out = []
    for i, item in enumerate(items, 1):
        if isinstance(item, str):
            spec = scope.lib.principles[item]
            title, body = spec.title, spec.body
            title_at = scope.lib_where("catalogue/principles.yaml", f"{item}.title")
            body_at = scope.lib_where("catalogue/principles.yaml", f"{item}.body")
        else:
            n, own = item
            title, body = own["title"], own["body"]
            title_at = scope.profile_where("plan", "own_principles", n, "title")
            body_at = scope.profile_where("plan", "own_principles", n, "body")
        shown = scope.render(title, title_at)
        out.append(lead_item(scope, i, shown, scope.render(body, body_at)))
    return Built(list(out))
