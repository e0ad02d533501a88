"""Per-genre rules: a profile's fields, level and programme kind must fit the genre it names."""

from __future__ import annotations

from typing import Any

from ..errors import Issue
from ..i18n import _
from ..library import Library
from ..library.genres import DEFAULT_GENRE, Genre
from .yamlread import SourceMap, field_text


def genre_id(data: Any) -> str:
    genre = data.get("genre", DEFAULT_GENRE) if isinstance(data, dict) else DEFAULT_GENRE
    return genre if isinstance(genre, str) else DEFAULT_GENRE


def unused_fields(data: Any, smap: SourceMap, lib: Library) -> list[Issue]:
    """Top-level fields the profile writes (before the defaults are merged) that another genre
    reads but its own does not. Unknown genres and fields no genre knows are left to the schema,
    which names the known ones."""
    genre = lib.genres.get(genre_id(data))
    if genre is None or not isinstance(data, dict):
        return []
    out = []
    for key in data:
        others = [g.id for g in lib.genres.values() if key in g.fields]
        if key in genre.fields or not others:
            continue
        file, line = smap.locate((key,))
        hint = _("genre {genre} does not use the field {field} (it uses: {names})").format(
            genre=genre.id, field=key, names=", ".join(genre.fields)
        )
        hint += " " + _("(genres that use it: {names})").format(names=", ".join(others))
        out.append(Issue(file, line, field_text((key,)), hint))
    return out


def misfits(data: dict[str, Any], smap: SourceMap, lib: Library) -> list[Issue]:
    """A level or programme kind the genre does not fit, named with the genre (schema-valid data)."""
    genre = lib.genres[genre_id(data)]
    out = []
    checks = (
        (("county", "level"), data["county"]["level"], genre.levels),
        (("programme", "kind"), data["programme"]["kind"], genre.programmes),
    )
    for path, value, allowed in checks:
        if value in allowed:
            continue
        file, line = smap.locate(path)
        message = _("genre {genre} does not fit {value} (it fits: {names})").format(
            genre=genre.id, value=value, names=", ".join(allowed)
        )
        fits = [g.id for g in lib.genres.values() if value in g.levels + g.programmes]
        if fits:
            message += " " + _("(genres that fit it: {names})").format(names=", ".join(fits))
        out.append(Issue(file, line, field_text(path), message))
    return out + variant_misfits(data, smap, genre)


def variant_misfits(data: dict[str, Any], smap: SourceMap, genre: Genre) -> list[Issue]:
    """A prose variant (plan.guiding, plan.goals_text …) that another genre has but this one does
    not: the schema allows every genre's, the genre only its own."""
    out = []
    plan = data.get("plan") or {}
    for section in genre.sections:
        key = section.choice or section.id
        value = plan.get(key)
        if not section.variants or value is None or value in section.variants:
            continue
        file, line = smap.locate(("plan", key))
        message = _("genre {genre} has no text {value} for {field} (it has: {names})").format(
            genre=genre.id, value=value, field=f"plan.{key}", names=", ".join(section.variants)
        )
        out.append(Issue(file, line, field_text(("plan", key)), message))
    return out
