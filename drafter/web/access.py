"""Who may use the web app on a shared machine: one shared password (HTTP Basic, any user name),
or a header that a reverse proxy sets after its own login (requests without it are refused)."""

from __future__ import annotations

import base64
import hmac
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response


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
