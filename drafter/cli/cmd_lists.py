"""What the content library holds, printed: `drafter tasks`, `drafter genres`, `drafter schema`."""

from __future__ import annotations

import click

from ..i18n import _
from .options import decorate


def tasks(group: str | None, tag: str | None) -> None:
    from .. import api

    lib = api.content()
    for name, value, known in (
        ("--group", group, list(lib.groups)),
        ("--tag", tag, list(api.task_tags())),
    ):
        if value is not None and value not in known:
            raise click.BadParameter(
                _("expected one of: {choices}; got {value}").format(
                    choices=", ".join(known), value=value
                ),
                param_hint=name,
            )
    shown = [
        t
        for t in lib.tasks
        if (group is None or t.group == group) and (tag is None or tag in t.tags)
    ]
    for t in shown:
        click.echo(f"{t.id}  [{t.group}]  {t.title}")
        click.echo(
            f"    roles: {', '.join(t.roles)}    tags: {', '.join(t.tags) or '-'}"
            f"    source: {', '.join(t.source)}{'    core' if t.core else ''}"
        )
    click.echo(_("{n} tasks").format(n=len(shown)))


def genres() -> None:
    """One line per genre: its id (profile.genre), what it drafts, the levels and programme kinds it fits."""
    from .. import api

    for genre in api.content().genres.values():
        click.echo(
            _("{id}  {summary}  (levels: {levels}; programmes: {programmes})").format(
                id=genre.id,
                summary=genre.summary,
                levels=", ".join(genre.levels),
                programmes=", ".join(genre.programmes),
            )
        )


def schema() -> None:
    """The profile schema as JSON Schema, built from the library's choices."""
    import json

    from .. import api

    click.echo(json.dumps(api.json_schema(), ensure_ascii=False, indent=2))


def tasks_command() -> click.Command:
    return click.command(
        name="tasks",
        help=_("List the task catalogue: id, group, title, roles (lead first), tags and source."),
    )(
        decorate(
            tasks,
            [
                click.option(
                    "--group",
                    "group",
                    default=None,
                    help=_("Only tasks of this group, e.g. protection."),
                ),
                click.option(
                    "--tag",
                    "tag",
                    default=None,
                    help=_("Only tasks with this tag, e.g. universities."),
                ),
            ],
        )
    )


def genres_command() -> click.Command:
    return click.command(
        name="genres",
        help=_("List the genres a profile may name (genre: …), one line each."),
    )(genres)


def schema_command() -> click.Command:
    return click.command(
        name="schema",
        help=_(
            "Print the profile schema as JSON Schema (draft 2020-12), for editors' YAML support."
        ),
    )(schema)
