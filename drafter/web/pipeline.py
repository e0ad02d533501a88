"""The web app's drafts: profile text -> drafter.api -> a draft, or the problems the form shows.

Everything here is per request: a profile is a YAML text built from the form (the same text
the clerk downloads), bases are the shipped ones plus what that request uploaded, and
nothing is remembered between requests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from .. import api
from ..api import Document

PROFILE_NAME = "profile.yaml"  # the name messages give the form's own profile


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style, no anchors: the YAML a clerk would write by hand."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_yaml(data: Mapping[str, Any]) -> str:
    return yaml.dump(
        dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False
    )


@dataclass
class Problem:
    """One problem, as the form shows it: where (a field path) and the CLI's words."""

    field: tuple[Any, ...]
    text: str
    file: str = ""
    line: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"field": list(self.field), "message": self.text, "file": self.file}


@dataclass
class Result:
    text: str  # the profile YAML
    document: Document | None = None
    problems: list[Problem] = field(default_factory=list)


def problems_of(error: api.DrafterError, lang: str) -> list[Problem]:
    return [
        Problem(tuple(i.field or ()), i.message(lang), i.file or "", i.line) for i in error.issues
    ]


@lru_cache(maxsize=1)
def shipped_bases() -> dict[str, str]:
    """The base profiles drafter ships, by the name `extends:` gives them (base/shandong.yaml).

    Every load passes these (and the request's uploads) as one mapping, never a folder: so
    `extends:` cannot reach any other file, and messages never show a server path.
    """
    root = api.shipped_profiles()
    return {
        f"base/{p.name}": p.read_text(encoding="utf-8")
        for p in sorted((root / "base").glob("*.yaml"))
    }


def load(
    text: str | bytes,
    lang: str,
    name: str = PROFILE_NAME,
    uploaded_bases: Mapping[str, str | bytes] | None = None,
) -> tuple[api.Profile | None, list[Problem]]:
    bases = {**shipped_bases(), **dict(uploaded_bases or {})}
    try:
        return api.load_profile(text, name=name, bases=bases), []
    except api.ProfileError as exc:
        return None, problems_of(exc, lang)


def preview(data: Mapping[str, Any], lang: str) -> Result:
    text = to_yaml(data)
    profile, problems = load(text, lang)
    if profile is None:
        return Result(text, None, problems)
    try:
        return Result(text, draft(profile))
    except api.ProfileError as exc:
        return Result(text, None, problems_of(exc, lang))


def draft(profile: api.Profile) -> Document:
    return api.draft(profile)


def render(document: Document, fmt: str, comments: bool = True) -> bytes:
    """A format's bytes; raises api.DrafterError (e.g. PDF without LibreOffice)."""
    return api.render(document, fmt, comments=comments)


def field_text(path: tuple[Any, ...]) -> str:
    """A field path as the command line prints it: notice.addressees[1]."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def where(problem: Problem) -> str:
    """A problem in the command line's words: file:line: field: message."""
    place = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
    name = field_text(problem.field)
    return f"{place}: {name}: {problem.text}" if name else f"{place}: {problem.text}"


def today() -> dt.date:
    return dt.date.today()
