"""The clerk's web app (Starlette): its routes and its optional access gate.

Stateless: every request carries the whole profile (the form) and every answer is computed from
it alone, so clerks share nothing. Client names never become server paths (see uploads.py).
The routes live by area (routes_start, routes_form, routes_batch), pages are drawn in pages.py,
form values read in values.py, the gate in access.py.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .access import Access
from .pages import HERE
from .routes_batch import batch_form, batch_run
from .routes_form import download, form_post, preview
from .routes_start import example, new, start, switch_language, upload


def create_app(password: str | None = None, proxy_header: str | None = None) -> Starlette:
    routes = [
        Route("/", start),
        Route("/new", new),
        Route("/example/{name}", example),
        Route("/upload", upload, methods=["POST"]),
        Route("/form", form_post, methods=["POST"]),
        Route("/preview", preview, methods=["POST"]),
        Route("/download/{fmt}", download, methods=["POST"]),
        Route("/batch", batch_form),
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
