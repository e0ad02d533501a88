"""The commented starter profile that `drafter init` writes (text in templates/starter.yaml.j2).

Its comments are the help texts of templates/fields.yaml, the source the web form's labels use too.
What the clerk typed is quoted wherever YAML needs it, and the starter is parsed back before it is
returned, so `drafter init` never writes a file that `drafter validate` then refuses to read.
"""

from __future__ import annotations

import datetime as dt
import json

import yaml
from jinja2 import Environment, StrictUndefined

from .. import library, limits
from ..errors import DrafterError
from ..i18n import _
from .validate import TEMPLATE_MARKERS
from .yamlread import XML_INVALID, parse


def quote(value: str) -> str:
    """``value`` as a YAML scalar: plain where YAML reads it back unchanged, else double-quoted."""
    try:
        plain = yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        plain = False
    if plain and "#" not in value and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def check_typed(option: str, value: str, room: int | None = 0) -> None:
    """What the clerk typed for ``option`` must be usable as profile text: one line, no template
    markers, and short enough with ``room`` more (None: its length is checked later)."""
    problem = None
    if not value.strip():
        problem = _("must not be empty")
    elif XML_INVALID.search(value) or any(c in value for c in "\n\r\t"):
        problem = _("must be one line without control characters")
    elif TEMPLATE_MARKERS.search(value):
        problem = _(
            "template markers ({{ }}, {% %}, {# #}) work only in a task's title and body; "
            "write this text plainly"
        )
    elif room is not None and len(value) + room > limits.MAX_NAME_CHARS:
        problem = _("too long: at most {max} characters").format(max=limits.MAX_NAME_CHARS - room)
    if problem:
        raise DrafterError.single(option, None, None, problem)


# The names the starter makes from what was typed, which must fit a name's length as well
DERIVED_NAMES = (("county", "full_name"), ("county", "prefecture"), ("notice", "issuer"))


def starter_profile(
    name: str, level: str, province: str, extends: str | None = None, today: dt.date | None = None
) -> str:
    check_typed("NAME", name, room=None)  # lengths once the names they make are known
    check_typed("--province", province, room=None)
    if extends is not None:
        check_typed("--extends", extends)
    lib = library.load()
    if level not in lib.levels:  # the command line's choice checks it; the API's callers may not
        raise DrafterError.single(
            "--level",
            None,
            None,
            _("expected one of: {choices}; got {value}").format(
                choices=", ".join(lib.levels), value=level
            ),
        )
    today = today or dt.date.today()
    env = Environment(
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    env.filters["q"] = quote
    template = env.from_string((lib.root / "starter.yaml.j2").read_text(encoding="utf-8"))
    lw = lib.levels[level]
    fields = field_texts()
    # the latest batch round drafter knows the documents of (templates/catalogue/legal_bases.yaml)
    batch = max((y for y in lib.rounds if y <= today.year), default=min(lib.rounds))
    text = template.render(
        batch=batch,
        rounds=lib.rounds,
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
    data, _smap = parse(text.encode("utf-8"), "starter")
    assert data["county"]["name"] == name and data["county"]["province"] == province
    for option, typed in (("NAME", name), ("--province", province)):
        check_typed(option, typed, room=_room(data, typed))
    return text


def _room(data: dict, typed: str) -> int:
    """How much the longest name the starter made from ``typed`` adds to it (an issuer's 人民政府)."""
    made = [data[part][key] for part, key in DERIVED_NAMES if isinstance(data.get(part), dict)]
    return max((len(m) - len(typed) for m in made if isinstance(m, str) and typed in m), default=0)


def field_texts() -> dict[str, dict]:
    """Label, help and value labels of every profile field (templates/fields.yaml)."""
    path = library.load().root / "fields.yaml"
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
