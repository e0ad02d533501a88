"""The commented starter profile that `drafter init` writes (text in templates/starter.yaml.j2).

Its comments are the help texts of templates/fields.yaml, the source the web form's labels use too.
"""

from __future__ import annotations

import datetime as dt

import yaml
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
    fields = field_texts()
    # the latest batch round drafter knows the documents of (templates/catalogue/legal_bases.yaml)
    batch = max((y for y in lib.rounds if y <= today.year), default=min(lib.rounds))
    return template.render(
        batch=batch,
        rounds="、".join(map(str, lib.rounds)),
        end=max(batch + 2, today.year),
        name=name,
        level=level,
        province=province,
        extends=extends,
        year=today.year,
        today=today.isoformat(),
        lw=lw,
        addressees=lw["addressees"],
        help=lambda path: fields[path]["help"],
    )


def field_texts() -> dict[str, dict]:
    """Label, help and value labels of every profile field (templates/fields.yaml)."""
    path = library.load().root / "fields.yaml"
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
