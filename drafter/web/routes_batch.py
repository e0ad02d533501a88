"""Routes of the batch page: several profiles (or a zip with their bases) in, a zip of drafts and
a summary out."""

from __future__ import annotations

import base64

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse

from . import batch, uploads
from .pages import batch_page, language, msg
from .routes_start import too_big


async def batch_form(request: Request) -> HTMLResponse:
    return batch_page(request)


async def batch_run(request: Request) -> HTMLResponse:
    _ = msg(request)
    try:
        form = await uploads.form(request, uploads.MAX_REQUEST_BYTES, too_big(request))
        got = await uploads.files(form, "profiles", _)
    except uploads.UploadError as exc:
        return batch_page(request, status=413, error=str(exc))
    if not got.files:
        return batch_page(
            request,
            status=400,
            error="\n".join(
                [f"{n}: {w}" for n, w in got.skipped] + [_("No profile was uploaded.")]
            ),
        )
    archive, rows = await run_in_threadpool(batch.run, got.files, language(request))
    return batch_page(
        request,
        rows=rows,
        skipped=got.skipped,
        archive=base64.b64encode(archive).decode("ascii"),
    )
