"""Form values: an uploaded profile's fields for the form, the profile a posted form holds, and a
profile whose uploaded base is merged in (the form keeps no files between requests)."""

from __future__ import annotations

import re
from typing import Any

import yaml
from starlette.datastructures import FormData

from . import chooser, fields, genre_view, pipeline

NAME = re.compile(
    r"^[\w\u3400-\u9fff\uff08\uff09·]{1,30}$"
)  # a county or province name: CJK, full-width brackets, ·
MAX_VALUES = 20_000  # values an uploaded profile may hold once its aliases are expanded
PICK = "_pick."  # a task's include/exclude choice in the chooser
GENRE_WAS = "_genre_was"  # the genre the form was drawn for: a changed choice redraws it


def _count(value: Any, budget: list[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise ValueError("too many values")
    if isinstance(value, dict):
        for v in value.values():
            _count(v, budget)
    elif isinstance(value, list):
        for v in value:
            _count(v, budget)


def form_values(text: bytes | str) -> dict[str, Any] | None:
    """An uploaded profile's own fields, to fill the form; None if it is not a mapping.

    Called only after drafter.api has read the same text (so it is YAML within drafter's own
    limits); aliases are counted here again so an expansion cannot blow up the form.
    """
    try:
        data = yaml.safe_load(text)
        _count(data, [MAX_VALUES])
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def picks(data: dict[str, Any]) -> dict[str, str]:
    """Each task the profile includes or excludes by name: task id -> "include" / "exclude"."""
    tasks = chooser.mapping(data.get("tasks"))
    chosen: dict[str, str] = {}
    for key in ("include", "exclude"):
        listed = tasks.get(key)
        chosen.update(
            {t: key for t in listed if isinstance(t, str)} if isinstance(listed, list) else {}
        )
    return chosen


def profile_from_form(form: FormData) -> dict[str, Any]:
    genre = genre_view.genre_id({"genre": form.get("genre")})
    data = fields.collect(form, base=genre_view.defaults(genre))
    include = [
        k[len(PICK) :] for k, v in form.multi_items() if k.startswith(PICK) and v == "include"
    ]
    exclude = [
        k[len(PICK) :] for k, v in form.multi_items() if k.startswith(PICK) and v == "exclude"
    ]
    if include or exclude:
        tasks = data.setdefault("tasks", {})
        if include:
            tasks["include"] = include
        if exclude:
            tasks["exclude"] = exclude
    if "_own_order" not in form and isinstance(data.get("tasks"), dict):
        data["tasks"].pop("groups", None)
    was = form.get(GENRE_WAS)
    return genre_view.fit(data, was if isinstance(was, str) else None)


def flatten(data: dict[str, Any], files: dict[str, bytes], name: str) -> dict[str, Any]:
    """A profile extending an uploaded (not shipped) base gets the base's fields merged in:
    the form keeps no files between requests."""
    ref = data.get("extends")
    if not isinstance(ref, str):
        return data
    shipped = pipeline.shipped_bases()
    if ref in shipped:
        base = form_values(shipped[ref])
        return _appended(data, base) if base is not None else data
    for key in (ref, re.sub(r"^\./", "", ref)):
        if key in files:
            base = form_values(files[key])
            if base is not None:
                merged = _merge(
                    flatten(base, files, key), {k: v for k, v in data.items() if k != "extends"}
                )
                return merged
    return data


def _appended(data: dict[str, Any], base: Any) -> dict[str, Any]:
    """`key+: [...]` written out as the whole list (the base's items, then these), since the
    form shows a list whole."""
    out: dict[str, Any] = {}
    base = base if isinstance(base, dict) else {}
    for key, value in data.items():
        if isinstance(key, str) and key.endswith("+") and isinstance(value, list):
            prev = base.get(key[:-1])
            out[key[:-1]] = (prev if isinstance(prev, list) else []) + value
        elif isinstance(value, dict):
            out[key] = _appended(value, base.get(key))
        else:
            out[key] = value
    return out


def _merge(base: Any, over: Any) -> Any:
    if not (isinstance(base, dict) and isinstance(over, dict)):
        return over
    out = dict(base)
    for key, value in over.items():
        if isinstance(key, str) and key.endswith("+") and isinstance(value, list):
            prev = out.get(key[:-1], [])
            out[key[:-1]] = (prev if isinstance(prev, list) else []) + value
        else:
            out[key] = _merge(out.get(key), value) if key in out else value
    return out
