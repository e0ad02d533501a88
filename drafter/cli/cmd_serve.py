"""`drafter serve`: the web app for clerks (drafter.web.serve runs it).

Only the options live here: drafter.web and its libraries are imported when the command runs,
so no other command pays for them and the rest of drafter works without the `web` extra.
"""

from __future__ import annotations

import click

from ..i18n import _

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def serve(host: str, port: int, trust_header: str | None) -> None:
    from ..web.serve import run

    run(host, port, trust_header)


def command() -> click.Command:
    return click.command(
        name="serve",
        help=_("Start the web app for clerks: fill in the county, see the draft, download it."),
    )(
        click.option(
            "--host", default=DEFAULT_HOST, show_default=True, help=_("Address to listen on.")
        )(
            click.option(
                "--port",
                type=click.IntRange(1, 65535),
                default=DEFAULT_PORT,
                show_default=True,
                help=_("Port to listen on."),
            )(
                click.option(
                    "--trust-header",
                    default=None,
                    metavar="HEADER",
                    help=_(
                        "Serve only requests carrying this header, which a reverse proxy sets "
                        "after its own login (e.g. X-Remote-User)."
                    ),
                )(serve)
            )
        )
    )
