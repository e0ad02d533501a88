"""The Jinja context of one draft: the county, its level words, programme, departments, notice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import DrafterError
from ..i18n import _
from ..library import Library, era
from ..library.genres import DEFAULT_GENRE, GENRE_FILE, Genre
from ..profile.fields import FRAMING
from ..profile.load import Profile
from ..profile.yamlread import field_text
from . import figures
from .render import Renderer, Where


def genre_of(profile: Profile, lib: Library) -> Genre:
    return lib.genres[profile.data.get("genre", DEFAULT_GENRE)]


def base_context(
    profile: Profile, lib: Library, renderer: Renderer, genre: Genre | None = None
) -> dict[str, Any]:
    """What every text about a county can say: its names, level words, programme, the genre's
    words and the document's title."""
    genre = genre or genre_of(profile, lib)
    county, programme = profile.data["county"], profile.data["programme"]
    ctx: dict[str, Any] = {
        "county": dict(county),
        # level words, with the county's own where its profile writes them (county.words)
        "lw": {**lib.levels[county["level"]], **county.get("words", {})},
        "programme": {
            "kind": programme["kind"],
            "batch": programme.get("batch"),
            "start": programme["period"]["start"],
            "end": programme["period"]["end"],
        },
        "genre": {"id": genre.id, "words": {}},
    }
    # the genre's words may name the programme ({{ programme.kind }}): rendered once, here
    where = Where(f"{genre.folder}/{GENRE_FILE}", None, "vocabulary")
    ctx["genre"]["words"] = {k: renderer.render(v, ctx, where) for k, v in genre.words.items()}
    ctx["plan_title"] = programme.get("title") or renderer.render(
        genre.title, ctx, Where(f"{genre.folder}/{GENRE_FILE}", None, "title")
    )
    ctx["programme"]["designation"] = designation(ctx["plan_title"], county, ctx["genre"]["words"])
    return ctx


def designation(title: str, county: dict[str, Any], words: dict[str, str]) -> str:
    """The programme as the plan's own title names it (seed 000's 国家知识产权强县建设试点县（区）),
    for the documents beside the plan: the title between the county's name and the genre's
    full_doc word where that begins with the genre's designation, else the designation."""
    own = words["programme"]
    for name in (county["full_name"], county["name"]):
        if title.startswith(name):
            rest = title[len(name) :]
            end = rest.find(words["full_doc"])
            if end > 0 and rest[:end].startswith(own):
                return rest[:end]
    return own


def _loc(profile: Profile, *path: Any) -> tuple[str, int | None, str]:
    file, line = profile.source.locate(path)
    return file, line, field_text(path)


def build_context(
    profile: Profile, lib: Library, genre: Genre, renderer: Renderer
) -> dict[str, Any]:
    """The whole context: base_context plus the profile's lists, the task parameters, the leading
    group, each role's department name and the notice with its derived fields."""
    d = profile.data
    lg = d["leading_group"]
    ctx = base_context(profile, lib, renderer, genre)
    ctx.update(
        {
            "industries": list(d["industries"]),
            "universities": list(d["universities"]),
            "funding_rules": d["funding_rules"],
            "framing": {key: d.get("framing", {}).get(key) for key in FRAMING},
            "params": task_params(profile, lib),
            "leading_group": {
                "name": lg.get("name", ""),
                "short_name": lg.get("short_name", lg.get("name", "")),
                "office_head": lg.get("office_head", ""),
                "leader_post": lg.get("leader_post", ""),
            },
        }
    )
    named = [k for k in ("short_name", "members", "office_head") if k in lg]
    if named and "name" not in lg:
        raise DrafterError.single(
            *_loc(profile, "leading_group"),
            _("name the group (leading_group.name): its {fields} are given").format(
                fields=", ".join(named)
            ),
        )
    ctx["dept"] = resolve_departments(profile, lib, renderer, ctx)
    ctx["leading_group"]["office"] = lg.get("office") or ctx["dept"].get("market", "")
    if not ctx["leading_group"]["office"]:
        raise DrafterError.single(
            *_loc(profile, "leading_group"), _("name the office (leading_group.office)")
        )
    notice = dict(d["notice"])
    notice["date_text"] = figures.date(notice["date"])
    notice.setdefault("title_issuer", notice["issuer"])
    notice.setdefault("approver", notice.get("approved_by") or ctx["lw"]["gov"])
    if notice["approval"] == "meeting":
        if "meeting" not in notice:
            raise DrafterError.single(
                *_loc(profile, "notice", "approval"),
                _("approval by a standing meeting needs notice.meeting.number"),
            )
        verb = lib.meeting_verbs[0]  # templates/catalogue/choices.yaml
        notice["meeting"] = {"year": None, "verb": verb, **notice["meeting"]}
    ctx["notice"] = notice
    ctx["guidance"] = guidance(ctx["framing"]["guidance"], notice["date"], lib)
    ctx["book"] = lib.joins["book_open"] + ctx["plan_title"] + lib.joins["book_close"]
    return ctx


def guidance(own: str | None, day: dt.date, lib: Library) -> dict[str, str]:
    """指导思想's opening line: the profile's (framing.guidance), else the one of the document's date
    (notice.date: the notice's, or an issued 实施意见's 成文日期), so a plan dated before a congress
    does not name it. `plain` names no congress (seed 003's shape); both empty before every era."""
    if own:
        return {"text": own, "plain": own}
    line = era.guidance_at(lib, day)
    if line is None:
        return {"text": "", "plain": ""}
    return {"text": line.text, "plain": line.plain or line.text}


def task_params(profile: Profile, lib: Library) -> dict[str, Any]:
    """tasks.params as the texts print them: counts with their unit (50人), names as written."""
    out: dict[str, Any] = {key: None for key in lib.task_params}
    for key, value in profile.data["tasks"].get("params", {}).items():
        spec = lib.task_params[key]
        out[key] = (
            figures.quantity(value, "count", spec.unit or "") if spec.kind == "count" else value
        )
    return out


def resolve_departments(
    profile: Profile, lib: Library, renderer: Renderer, ctx: dict[str, Any]
) -> dict[str, str]:
    """Each role's name in this county: the profile's, else the level default. Roles with neither
    are absent."""
    level = profile.data["county"]["level"]
    named = profile.data["departments"]
    out: dict[str, str] = {}
    for role, spec in lib.roles.items():
        if role in named:
            out[role] = named[role]
        elif level in spec.names:
            where = Where("templates/catalogue/roles.yaml", None, f"roles.{role}")
            out[role] = renderer.render(spec.names[level], ctx, where)
    return out
