"""Routes of the form: drawn again from what was posted, its live preview, and the downloads."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from .. import api
from . import chooser, pipeline, uploads
from .pages import form_page, language, msg, start_error
from .values import NAME, profile_from_form

DOWNLOADS = {
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "md": ("md", "text/markdown; charset=utf-8"),
    "pdf": ("pdf", "application/pdf"),
    "dept": (
        "departments.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


async def _posted(request: Request) -> tuple[dict[str, Any], FormData]:
    _ = msg(request)
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
        return start_error(request, str(exc), status=413)
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
        body["html"] = api.preview_html(result.document)
        body["tasks"] = chooser.in_draft(result.document, data)
    return JSONResponse(body)


async def download(request: Request) -> Response:
    fmt = request.path_params["fmt"]
    _ = msg(request)
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
