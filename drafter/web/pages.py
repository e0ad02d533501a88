"""Page rendering: the web app's Jinja environment, the clerk's language, and the start, form and
batch pages drawn from a profile's values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from .. import api
from ..api import DEFAULT_GENRE
from . import chooser, fields, genre_view, lang, pipeline, profiles_dir, uploads
from .values import picks

HERE = Path(__file__).resolve().parent


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        F=fields, label=fields.label, help_text=fields.help_text, draft_style=api.preview_style()
    )
    return env


ENV = _env()


def language(request: Request) -> str:
    return lang.pick(
        request.query_params.get("lang"),
        request.cookies.get(lang.COOKIE),
        request.headers.get("accept-language"),
    )


def msg(request: Request) -> Callable[[str], str]:
    """gettext in the clerk's language."""
    return lang.translations(language(request)).gettext


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    current = language(request)
    trans = lang.translations(current)
    body = ENV.get_template(template).render(
        _=trans.gettext, lang=current, request_path=request.url.path, **context
    )
    response = HTMLResponse(body, status_code=status)
    if request.query_params.get("lang"):
        response.set_cookie(lang.COOKIE, current, samesite="strict", httponly=True)
    return response


def start_page(request: Request, error: str | None = None, status: int = 200) -> HTMLResponse:
    return page(
        request,
        "start.html",
        status=status,
        levels=api.content().level_ids,
        kinds=api.content().programme_kinds,
        genres=genre_view.choices(),
        fits=genre_view.fits(),
        default_genre=DEFAULT_GENRE,
        examples=list(profiles_dir.examples()),
        bases=sorted(pipeline.shipped_bases()),
        error=error,
    )


def start_error(request: Request, message: str, status: int = 400) -> HTMLResponse:
    return start_page(request, message, status)


def form_page(
    request: Request, data: dict[str, Any], notes: list[str] | None = None, status: int = 200
) -> HTMLResponse:
    current = language(request)
    result = pipeline.preview(data, current)
    level = chooser.level_of(data)
    genre = genre_view.genre_of(data)
    defaults = genre_view.defaults(genre.id)
    tasks_data = chooser.mapping(data.get("tasks"))
    layout = tasks_data.get("layout")
    layout = layout if isinstance(layout, str) else defaults["tasks"]["layout"]
    order = tasks_data.get("groups")
    known = chooser.group_titles()
    order = (
        [g for g in order if isinstance(g, str) and g in known] if isinstance(order, list) else None
    )
    return page(
        request,
        "form.html",
        status=status,
        values=data,
        notes=notes or [],
        problems=[p.as_json() for p in result.problems],
        preview=api.preview_html(result.document) if result.document else "",
        in_draft=chooser.in_draft(result.document, data) if result.document else {},
        tasks=chooser.tasks(data),
        groups=chooser.group_titles(),
        group_order=order or list(chooser.group_titles()),
        own_order=bool(order),
        layout_groups=chooser.groups(layout, order),
        picks=picks(data),
        departments=chooser.department_names(data),
        role_labels=chooser.role_labels(),
        indicators=chooser.indicator_names(),
        catalogue={s: chooser.catalogue_titles(s, level) for s in chooser.CATALOGUES},
        defaults=defaults,
        bases=sorted(pipeline.shipped_bases()),
        genre=genre.id,
        genres=genre_view.choices(),
        hidden=genre_view.hidden(genre),
        only=genre_view.limits(genre),
    )


def batch_page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    """The batch page, with the upload limits it states; rows, archive and error as given."""
    shown = {"rows": None, "archive": None, "error": None, **context}
    return page(request, "batch.html", status=status, limits=limits(), **shown)


def limits() -> dict[str, int]:
    return {
        "files": uploads.MAX_FILES,
        "mb": uploads.MAX_REQUEST_BYTES // (1024 * 1024),
        "kb": uploads.MAX_PROFILE_BYTES // 1024,
    }
