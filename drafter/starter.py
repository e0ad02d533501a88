"""The commented starter profile that `drafter init` writes (text in templates/starter.yaml.j2)."""

from __future__ import annotations

import datetime as dt

from jinja2 import Environment, StrictUndefined

from . import library


def starter_profile(
    name: str, level: str, province: str, extends: str | None = None, today: dt.date | None = None
) -> str:
    lib = library.load()
    today = today or dt.date.today()
    env = Environment(
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    template = env.from_string((lib.root / "starter.yaml.j2").read_text(encoding="utf-8"))
    lw = lib.levels[level]
    return template.render(
        name=name,
        level=level,
        province=province,
        extends=extends,
        year=today.year,
        today=today.isoformat(),
        lw=lw,
        addressees=lw["addressees"],
    )
