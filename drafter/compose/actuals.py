"""The actuals file of a progress report: actual figures at a date, checked against the catalogue
and the county's plan.

    as_of: 2023-06-30
    actuals:
      valid_invention_patents: 1800
      high_value_per_10k: 5.2
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from .. import limits
from ..errors import DrafterError, Issue
from ..i18n import _
from ..library import Library
from ..profile.load import Profile
from ..profile.yamlread import SourceMap, field_text, parse, read
from ..records import record
from ..schemacheck import show_value, suggest, type_name, type_name_of, unknown_field
from . import targets

FIELDS = ("as_of", "actuals")


@record(frozen=True)
class Actuals:
    file: str
    as_of: dt.date
    values: dict[str, int | float]  # indicator id -> actual figure, in the file's order
    source: SourceMap


def read_actuals(
    source: Path | str | bytes, profile: Profile, lib: Library, name: str | None = None
) -> Actuals:
    """Read and check actuals (a file path, or the YAML's bytes) against the catalogue and the
    profile; raise DrafterError listing every fault."""
    if isinstance(source, bytes):
        data, smap = parse(source, name or "<actuals>")
    else:
        data, smap = read(Path(source))
    name = smap.file
    issues: list[Issue] = []

    def add(field_path: tuple[Any, ...], message: str) -> None:
        issues.append(
            Issue(
                name, smap.line(field_path), field_text(field_path) if field_path else None, message
            )
        )

    if not isinstance(data, dict):
        what = _("an empty file") if data is None else type_name_of(data)
        raise DrafterError(
            [
                Issue(
                    name,
                    smap.line(()),
                    None,
                    _(
                        "an actuals file must be a mapping of fields (key: value), got {what}"
                    ).format(what=what),
                )
            ]
        )

    for key in data:
        if key not in FIELDS:
            add((key,), unknown_field(key, FIELDS))

    as_of = _date(data.get("as_of"))
    if "as_of" not in data:
        issues.append(Issue(name, smap.line(()), "as_of", _("required field is missing")))
    elif as_of is None:
        add(
            ("as_of",),
            _("expected {what}, got {value}").format(
                what=type_name("date"), value=show_value(data["as_of"])
            ),
        )

    values: dict[str, int | float] = {}
    raw = data.get("actuals")
    if "actuals" not in data:
        issues.append(Issue(name, smap.line(()), "actuals", _("required field is missing")))
    elif not isinstance(raw, dict):
        add(
            ("actuals",),
            _("expected {what}, got {value}").format(what=type_name("dict"), value=show_value(raw)),
        )
    elif not raw:
        add(("actuals",), _("expected at least {min} item(s)").format(min=1))
    else:
        planned = targets.of_profile(profile.data, lib.indicators)
        for key, value in raw.items():
            where = ("actuals", key)
            if key not in lib.indicators:
                hint = suggest(str(key), lib.indicators)
                add(
                    where,
                    _("unknown indicator id")
                    + hint
                    + " "
                    + _("(known ids: {names})").format(names=", ".join(lib.indicators)),
                )
            elif key not in planned:
                add(
                    where,
                    _("{profile} gives no target for this indicator").format(
                        profile=profile.source.file
                    ),
                )
            elif (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or (isinstance(value, float) and not math.isfinite(value))
            ):
                add(
                    where,
                    _("expected {what}, got {value}").format(
                        what=type_name("number"), value=show_value(value)
                    ),
                )
            elif value < 0:
                add(
                    where,
                    _("expected at least {min}, got {value}").format(
                        min=0, value=show_value(value)
                    ),
                )
            elif value > limits.MAX_FIGURE:
                add(
                    where,
                    _("expected at most {max}, got {value}").format(
                        max=limits.MAX_FIGURE, value=show_value(value)
                    ),
                )
            else:
                values[key] = value

    if as_of is not None:
        period = profile.data["programme"]["period"]
        low = period["start"] - limits.DATE_YEARS_BEFORE
        high = period["end"] + limits.DATE_YEARS_AFTER
        if not low <= as_of.year <= high:
            add(
                ("as_of",),
                _(
                    "the date {date} is far from the plan period {start}—{end}: expected {low}—{high}"
                ).format(
                    date=as_of.isoformat(),
                    start=period["start"],
                    end=period["end"],
                    low=low,
                    high=high,
                ),
            )
    if issues:
        raise DrafterError(sorted(issues, key=lambda i: i.sort_key))
    assert as_of is not None
    return Actuals(name, as_of, values, smap)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
