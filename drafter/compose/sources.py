"""What a draft cites and its opening paragraph: the policies it implements, the documents that
designated the county, and the preamble that names them."""

from __future__ import annotations

from ..library import era
from .scope import Scope


def cited(scope: Scope, entries: list[str]) -> list[str]:
    """Document ids (templates/catalogue/legal_bases.yaml) as their full titles; titles as given."""
    return [scope.lib.documents.get(e, e) for e in entries]


def policies(scope: Scope) -> list[str]:
    """What the draft implements: the national documents (the profile's own list, else the
    genre's, else the catalogue's), then the province's and prefecture's."""
    lb = scope.data["legal_basis"]
    national = scope.genre.national
    default = list(national) if national is not None else scope.lib.national_policies
    # the catalogue's own choice leaves out what postdates the plan (library/era.py)
    default = [d for d in default if era.document_fits(scope.lib, d, era.plan_year(scope.data))]
    return cited(scope, lb.get("national", default)) + lb["policies"]


def bases(scope: Scope) -> list[str]:
    """What designated the county: its batch round's documents (or the profile's; none where the
    genre cites no round), then its own."""
    lb = scope.data["legal_basis"]
    if "round" in lb:
        documents = lb["round"]
    elif scope.genre.rounds:
        documents = scope.lib.rounds[scope.data["programme"]["batch"]].documents
    else:
        documents = []
    return cited(scope, documents) + lb["bases"]


def preamble(scope: Scope) -> str:
    """The opening paragraph, in the shape plan.preamble picks (else the genre's default)."""
    genre, plan = scope.genre, scope.data["plan"]
    shape = plan.get("preamble") or genre.preamble_default or next(iter(genre.preambles))
    file = genre.preamble_file or ""
    pol, bas = policies(scope), bases(scope)
    text = scope.render(
        genre.preambles[shape],
        scope.lib_where(file.removeprefix("templates/"), shape),
        policies=pol,
        bases=bas,
        policies_text=scope.joined(pol),
        bases_text=scope.joined(bas),
    )
    if plan["period_sentence"]:
        text += scope.render(
            genre.preambles["period"], scope.lib_where(file.removeprefix("templates/"), "period")
        )
    return text
