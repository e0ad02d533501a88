"""Routes that begin a draft: the start page, a new county, a shipped example, an uploaded
profile; and the language switch."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from .. import api
from ..api import DEFAULT_GENRE, starter_profile
from . import batch, genre_view, lang, pipeline, profiles_dir, uploads
from .pages import form_page, language, msg, start_error, start_page
from .values import NAME, flatten, form_values


async def start(request: Request) -> HTMLResponse:
    return start_page(request)


async def new(request: Request) -> HTMLResponse:
    q = request.query_params
    _ = msg(request)
    name, province = q.get("name", "").strip(), q.get("province", "").strip()
    lib = api.content()
    genre_id = q.get("genre") or DEFAULT_GENRE
    genre = lib.genres.get(genre_id)
    level = q.get("level", "")
    kind = q.get("kind") or (genre.programmes[0] if genre else lib.programme_kinds[0])
    base = q.get("extends") or None
    if not NAME.match(name) or not NAME.match(province):
        return start_error(
            request, _("Give the county's name and its province (Chinese, up to 30 characters).")
        )
    if genre is None or level not in lib.levels or kind not in lib.programme_kinds:
        return start_error(request, _("Choose a level and a programme from the lists."))
    misfit = [
        _("genre {genre} does not fit {value} (it fits: {names})").format(
            genre=genre.id, value=value, names=", ".join(allowed)
        )
        for value, allowed in ((level, genre.levels), (kind, genre.programmes))
        if value not in allowed
    ]
    if misfit:
        return start_error(request, "\n".join(misfit))
    if base is not None and base not in pipeline.shipped_bases():
        return start_error(request, _("Choose a base profile from the list."))
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
        _ = msg(request)
        return start_error(request, _("No such example."), status=404)
    return form_page(request, flatten(form_values(text) or {}, {}, request.path_params["name"]))


async def upload(request: Request) -> Response:
    _ = msg(request)
    try:
        form = await uploads.form(request, uploads.MAX_REQUEST_BYTES, too_big(request))
        got = await uploads.files(form, "profile", _)
    except uploads.UploadError as exc:
        return start_error(request, str(exc), status=413)
    notes = [f"{name}: {why}" for name, why in got.skipped]
    drafts = [n for n in got.files if n not in batch.base_names(got.files)]
    if len(drafts) != 1:
        return start_error(
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
        return start_error(request, "\n".join(notes + [pipeline.where(p) for p in problems]))
    data = flatten(data, got.files, name)
    return form_page(request, data, notes=notes)


def _readable(problems: list[pipeline.Problem]) -> bool:
    """Problems with fields: the YAML itself was read, so the form can show it."""
    return all(p.field for p in problems)


def too_big(request: Request) -> str:
    _ = msg(request)
    return _("The upload is larger than {size} MB.").format(
        size=uploads.MAX_REQUEST_BYTES // (1024 * 1024)
    )


async def switch_language(request: Request) -> Response:
    code = lang.pick(request.path_params["code"], None, None)
    back = request.headers.get("referer") or "/"
    target = back if back.startswith(str(request.base_url)) else "/"
    response = RedirectResponse(target, 303)
    response.set_cookie(lang.COOKIE, code, samesite="strict", httponly=True)
    return response
