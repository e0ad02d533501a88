"""The clerk's web app (Starlette): start, form, preview, downloads, batch.

Stateless: every request carries the whole profile (the form) and every answer is computed from
it alone, so clerks share nothing. Client names never become server paths (see uploads.py).
"""

from __future__ import annotations

import base64
import hmac
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import library
from ..library.genres import DEFAULT_GENRE
from ..profile.starter import starter_profile
from ..writers import html as html_writer
from . import batch, chooser, fields, genre_view, lang, pipeline, profiles_dir, uploads

HERE = Path(__file__).resolve().parent
MAX_VALUES = 20_000  # values an uploaded profile may hold once its aliases are expanded
NAME = re.compile(
    r"^[\w\u3400-\u9fff\uff08\uff09·]{1,30}$"
)  # a county or province name: CJK, full-width brackets, ·
DOWNLOADS = {
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "md": ("md", "text/markdown; charset=utf-8"),
    "pdf": ("pdf", "application/pdf"),
    "dept": (
        "departments.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}
PICK = "_pick."  # a task's include/exclude choice in the chooser
GENRE_WAS = "_genre_was"  # the genre the form was drawn for: a changed choice redraws it


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        F=fields, label=fields.label, help_text=fields.help_text, draft_style=html_writer.STYLE
    )
    return env


ENV = _env()


def language(request: Request) -> str:
    return lang.pick(
        request.query_params.get("lang"),
        request.cookies.get(lang.COOKIE),
        request.headers.get("accept-language"),
    )


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


def _msg(request: Request) -> Callable[[str], str]:
    return lang.translations(language(request)).gettext


# -- values for the form --------------------------------------------------------------------


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


def _picks(data: dict[str, Any]) -> dict[str, str]:
    tasks = chooser.mapping(data.get("tasks"))
    picks: dict[str, str] = {}
    for key in ("include", "exclude"):
        chosen = tasks.get(key)
        picks.update(
            {t: key for t in chosen if isinstance(t, str)} if isinstance(chosen, list) else {}
        )
    return picks


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
        preview=html_writer.fragment(result.document) if result.document else "",
        in_draft=chooser.in_draft(result.document, data) if result.document else {},
        tasks=chooser.tasks(data),
        groups=chooser.group_titles(),
        group_order=order or list(chooser.group_titles()),
        own_order=bool(order),
        layout_groups=chooser.groups(layout, order),
        picks=_picks(data),
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


# -- routes ---------------------------------------------------------------------------------


def _start(request: Request, error: str | None = None, status: int = 200) -> HTMLResponse:
    return page(
        request,
        "start.html",
        status=status,
        levels=library.load().level_ids,
        kinds=library.load().programme_kinds,
        genres=genre_view.choices(),
        fits=genre_view.fits(),
        default_genre=DEFAULT_GENRE,
        examples=list(profiles_dir.examples()),
        bases=sorted(pipeline.shipped_bases()),
        error=error,
    )


async def start(request: Request) -> HTMLResponse:
    return _start(request)


def _start_error(request: Request, message: str, status: int = 400) -> HTMLResponse:
    return _start(request, message, status)


async def new(request: Request) -> HTMLResponse:
    q = request.query_params
    _ = _msg(request)
    name, province = q.get("name", "").strip(), q.get("province", "").strip()
    lib = library.load()
    genre_id = q.get("genre") or DEFAULT_GENRE
    genre = lib.genres.get(genre_id)
    level = q.get("level", "")
    kind = q.get("kind") or (genre.programmes[0] if genre else lib.programme_kinds[0])
    base = q.get("extends") or None
    if not NAME.match(name) or not NAME.match(province):
        return _start_error(
            request, _("Give the county's name and its province (Chinese, up to 30 characters).")
        )
    if genre is None or level not in lib.levels or kind not in lib.programme_kinds:
        return _start_error(request, _("Choose a level and a programme from the lists."))
    misfit = [
        _("genre {genre} does not fit {value} (it fits: {names})").format(
            genre=genre.id, value=value, names=", ".join(allowed)
        )
        for value, allowed in ((level, genre.levels), (kind, genre.programmes))
        if value not in allowed
    ]
    if misfit:
        return _start_error(request, "\n".join(misfit))
    if base is not None and base not in pipeline.shipped_bases():
        return _start_error(request, _("Choose a base profile from the list."))
    data = form_values(starter_profile(name, level, province, extends=base)) or {}
    data.setdefault("programme", {})["kind"] = kind
    if genre.id != DEFAULT_GENRE:
        # the starter is the default genre's: its fields and defaults give way to this genre's
        data = genre_view.fit({"genre": genre.id, **data}, DEFAULT_GENRE)
    return form_page(request, data)


async def example(request: Request) -> Response:
    examples = profiles_dir.examples()
    text = examples.get(request.path_params["name"])  # a name looked up, never a path
    if text is None:
        _ = _msg(request)
        return _start_error(request, _("No such example."), status=404)
    return form_page(request, _flatten(form_values(text) or {}, {}, request.path_params["name"]))


async def upload(request: Request) -> Response:
    _ = _msg(request)
    try:
        form = await uploads.form(request, uploads.MAX_REQUEST_BYTES, _too_big(request))
        got = await uploads.files(form, "profile", _)
    except uploads.UploadError as exc:
        return _start_error(request, str(exc), status=413)
    notes = [f"{name}: {why}" for name, why in got.skipped]
    drafts = [n for n in got.files if n not in batch.base_names(got.files)]
    if len(drafts) != 1:
        return _start_error(
            request,
            "\n".join(
                notes
                + [
                    _(
                        "Upload one profile (with the base profiles it extends), or use Batch for several."
                    )
                ]
            ),
        )
    name = drafts[0]
    text = got.files[name]
    profile, problems = pipeline.load(text, language(request), name=name, uploaded_bases=got.files)
    data = form_values(text) if profile is not None or _readable(problems) else None
    if data is None:
        return _start_error(request, "\n".join(notes + [pipeline.where(p) for p in problems]))
    data = _flatten(data, got.files, name)
    return form_page(request, data, notes=notes)


def _readable(problems: list[pipeline.Problem]) -> bool:
    """Problems with fields: the YAML itself was read, so the form can show it."""
    return all(p.field for p in problems)


def _flatten(data: dict[str, Any], files: dict[str, bytes], name: str) -> dict[str, Any]:
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
                    _flatten(base, files, key), {k: v for k, v in data.items() if k != "extends"}
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


def _too_big(request: Request) -> str:
    _ = _msg(request)
    return _("The upload is larger than {size} MB.").format(
        size=uploads.MAX_REQUEST_BYTES // (1024 * 1024)
    )


async def _posted(request: Request) -> tuple[dict[str, Any], FormData]:
    _ = _msg(request)
    too_big = _("The form is larger than {size} MB.").format(
        size=uploads.MAX_FORM_BYTES // (1024 * 1024)
    )
    form = await uploads.form(request, uploads.MAX_FORM_BYTES, too_big)
    return profile_from_form(form), form


async def form_post(request: Request) -> HTMLResponse:
    """The form again from what was posted: the language switch keeps what the clerk typed."""
    try:
        data, _form = await _posted(request)
    except uploads.UploadError as exc:
        return _start_error(request, str(exc), status=413)
    return form_page(request, data)


async def preview(request: Request) -> JSONResponse:
    try:
        data, _form = await _posted(request)
    except uploads.UploadError as exc:
        return JSONResponse({"ok": False, "problems": [{"field": [], "message": str(exc)}]}, 413)
    result = pipeline.preview(data, language(request))
    body: dict[str, Any] = {
        "ok": result.document is not None,
        "problems": [p.as_json() for p in result.problems],
        "departments": chooser.department_names(data),
        "yaml": result.text,
    }
    if result.document is not None:
        body["html"] = html_writer.fragment(result.document)
        body["tasks"] = chooser.in_draft(result.document, data)
    return JSONResponse(body)


async def download(request: Request) -> Response:
    fmt = request.path_params["fmt"]
    _ = _msg(request)
    try:
        data, form = await _posted(request)
    except uploads.UploadError as exc:
        return Response(str(exc), 413, media_type="text/plain; charset=utf-8")
    stem = _stem(data)
    result = pipeline.preview(data, language(request))
    if fmt == "yaml":
        return _attachment(
            result.text.encode("utf-8"), f"{stem}.yaml", "application/yaml; charset=utf-8"
        )
    if fmt not in DOWNLOADS:
        return Response(_("Unknown format."), 404, media_type="text/plain; charset=utf-8")
    if result.document is None:
        text = "\n".join(pipeline.where(p) for p in result.problems)
        return Response(text, 422, media_type="text/plain; charset=utf-8")
    comments = form.get("_comments", "on") != "off"
    try:
        # a .docx takes a few hundred ms and a PDF seconds: off the event loop, so other clerks'
        # previews go on meanwhile (the pipeline is safe in threads)
        content = await run_in_threadpool(pipeline.render, result.document, fmt, comments)
    except pipeline.api.DrafterError as exc:
        text = "\n".join(pipeline.where(p) for p in pipeline.problems_of(exc, language(request)))
        return Response(text, 422, media_type="text/plain; charset=utf-8")
    suffix, media = DOWNLOADS[fmt]
    return _attachment(content, f"{stem}.{suffix}", media)


def _stem(data: dict[str, Any]) -> str:
    name = chooser.mapping(data.get("county")).get("name")
    return name if isinstance(name, str) and NAME.match(name) else "draft"


def _attachment(content: bytes, filename: str, media: str) -> Response:
    return Response(
        content,
        media_type=media,
        headers={
            "Content-Disposition": f"attachment; filename=\"draft\"; filename*=UTF-8''{quote(filename)}"
        },
    )


async def batch_page(request: Request) -> HTMLResponse:
    return page(request, "batch.html", rows=None, archive=None, error=None, limits=_limits())


async def batch_run(request: Request) -> HTMLResponse:
    _ = _msg(request)
    try:
        form = await uploads.form(request, uploads.MAX_REQUEST_BYTES, _too_big(request))
        got = await uploads.files(form, "profiles", _)
    except uploads.UploadError as exc:
        return page(
            request,
            "batch.html",
            status=413,
            rows=None,
            archive=None,
            error=str(exc),
            limits=_limits(),
        )
    if not got.files:
        return page(
            request,
            "batch.html",
            status=400,
            rows=None,
            archive=None,
            error="\n".join(
                [f"{n}: {w}" for n, w in got.skipped] + [_("No profile was uploaded.")]
            ),
            limits=_limits(),
        )
    archive, rows = await run_in_threadpool(batch.run, got.files, language(request))
    return page(
        request,
        "batch.html",
        rows=rows,
        skipped=got.skipped,
        archive=base64.b64encode(archive).decode("ascii"),
        error=None,
        limits=_limits(),
    )


def _limits() -> dict[str, int]:
    return {
        "files": uploads.MAX_FILES,
        "mb": uploads.MAX_REQUEST_BYTES // (1024 * 1024),
        "kb": uploads.MAX_PROFILE_BYTES // 1024,
    }


# -- access ---------------------------------------------------------------------------------


class Access(BaseHTTPMiddleware):
    """Optional gate for a shared machine: one shared password (HTTP Basic, any user name), or a
    header that a reverse proxy sets after its own login (requests without it are refused)."""

    def __init__(self, app: Any, password: str | None, header: str | None):
        super().__init__(app)
        self.password, self.header = password, header

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if self.header and not request.headers.get(self.header):
            return Response("Forbidden: no login from the proxy.\n", 403, media_type="text/plain")
        if self.password and not self._password_ok(request.headers.get("authorization", "")):
            return Response(
                "Password required.\n",
                401,
                headers={"WWW-Authenticate": 'Basic realm="drafter"'},
                media_type="text/plain",
            )
        return await call_next(request)

    def _password_ok(self, header: str) -> bool:
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            _user, _, given = base64.b64decode(encoded).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return hmac.compare_digest(given.encode(), (self.password or "").encode())


def create_app(password: str | None = None, proxy_header: str | None = None) -> Starlette:
    routes = [
        Route("/", start),
        Route("/new", new),
        Route("/example/{name}", example),
        Route("/upload", upload, methods=["POST"]),
        Route("/form", form_post, methods=["POST"]),
        Route("/preview", preview, methods=["POST"]),
        Route("/download/{fmt}", download, methods=["POST"]),
        Route("/batch", batch_page),
        Route("/batch", batch_run, methods=["POST"]),
        Route("/lang/{code}", switch_language),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = (
        [Middleware(Access, password=password, header=proxy_header)]
        if (password or proxy_header)
        else []
    )
    return Starlette(routes=routes, middleware=middleware)


async def switch_language(request: Request) -> Response:
    code = lang.pick(request.path_params["code"], None, None)
    back = request.headers.get("referer") or "/"
    target = back if back.startswith(str(request.base_url)) else "/"
    response = RedirectResponse(target, 303)
    response.set_cookie(lang.COOKIE, code, samesite="strict", httponly=True)
    return response
