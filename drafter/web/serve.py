"""Running the web app for `drafter serve` (drafter.cli.cmd_serve holds its options): bind the
port with a clear message if it is taken, warn off loopback, start uvicorn.

The web libraries are imported only when it runs, so the rest of drafter works without the
`web` extra.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
import sys

import click

from ..i18n import _

PASSWORD_ENV = "DRAFTER_WEB_PASSWORD"  # a shared password, read from the environment (not argv)
EXIT_BAD_INPUT = 1


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, or a clear message and exit 1 if the port is taken."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        click.echo(_("drafter serve: unknown host {host}").format(host=host), err=True)
        sys.exit(EXIT_BAD_INPUT)
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            message = _("port {port} on {host} is already in use; choose another with --port")
        elif exc.errno in (errno.EACCES, errno.EPERM):
            message = _("no permission to use port {port} on {host}; choose one above 1024")
        else:
            message = _("cannot listen on {host}:{port}: {reason}")
        click.echo(
            "drafter serve: "
            + message.format(port=port, host=host, reason=exc.strerror or str(exc)),
            err=True,
        )
        sys.exit(EXIT_BAD_INPUT)
    return sock


def run(host: str, port: int, trust_header: str | None) -> None:
    try:
        import uvicorn

        from .app import create_app
    except ImportError as exc:
        click.echo(
            _("drafter serve needs the web extra: pip install 'drafter[web]' ({missing})").format(
                missing=exc.name
            ),
            err=True,
        )
        sys.exit(EXIT_BAD_INPUT)
    password = os.environ.get(PASSWORD_ENV) or None
    sock = bind(host, port)
    if not is_loopback(host):
        click.echo(
            _(
                "Warning: {host} is reachable from other machines and drafter has no login of its "
                "own. Set {env} to require a shared password, or put it behind a reverse proxy "
                "that logs users in and pass --trust-header."
            ).format(host=host, env=PASSWORD_ENV),
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        _("drafter is running at http://{host}:{port}/ (Ctrl-C stops it)").format(
            host=shown, port=port
        )
    )
    app = create_app(password=password, proxy_header=trust_header)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
