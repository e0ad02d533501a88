"""Figures and dates in the plans' own style, through Babel for zh_CN; when a count prints in 万 is
templates/text/figures.yaml's to say."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, cached_property
from typing import Any

import babel
from babel import Locale, localedata
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal

from .. import diskcache

# The locale data the formats below read: Babel reads a Locale's every property through its
# private ``_data`` (tests/test_private_access.py fails if that changes, or if these formats
# come to read another key).
DATA_KEYS = (
    "date_formats",
    "number_symbols",
    "decimal_formats",
    "compact_decimal_formats",
    "plural_form",
)


class _OrAll(dict):
    """A locale's data, the DATA_KEYS only; any other key is read from the whole of it (Babel's,
    loaded then) and kept."""

    def __init__(self, name: str, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.name = name

    def __missing__(self, key: str) -> Any:
        value = self[key] = localedata.load(self.name)[key]
        return value


class LeanLocale(Locale):
    """A Locale whose data is only what drafter's formats read, kept in drafter's disk cache:
    Babel's own loads the locale's whole data (zh: 270 kB of pickles, 7–11 ms of every build)."""

    @cached_property
    def _data(self) -> localedata.LocaleDataDict:  # type: ignore[override]
        return localedata.LocaleDataDict(_OrAll(str(self), _subset(str(self))))


def _subset(name: str) -> dict[str, Any]:
    """DATA_KEYS of a locale's data, from the disk cache (by Babel's version), else from Babel."""
    file = f"babel-{name}-{babel.__version__}.pickle"
    data = diskcache.read(file)
    if data:
        try:
            subset = pickle.loads(data)  # noqa: S301 - drafter's own cache file
        except Exception:  # noqa: BLE001 - a broken cache is rebuilt
            subset = None
        if isinstance(subset, dict) and set(subset) == set(DATA_KEYS):
            return subset
    full = localedata.load(name)
    subset = {key: full[key] for key in DATA_KEYS}
    diskcache.write(file, pickle.dumps(subset))
    return subset


# zh_CN as Locale.parse("zh_CN") resolves it (its likely script is Hans), built directly: parse
# reads Babel's global data (likely subtags) for that, 20 ms of every build. Built once: Babel
# would parse a locale string on every call.
LOCALE = LeanLocale("zh", territory="CN", script="Hans")


@cache
def _compact() -> tuple[int, int, int]:
    """(from, step, digits): a count of at least ``from``, a whole number of ``step``, prints
    compact with up to ``digits`` decimals."""
    from .. import library  # at first use: the library is not needed to import this module

    spec = library.load().figures
    return spec["compact_from"], spec["compact_step"], spec["compact_digits"]


def date(value: dt.date) -> str:
    """2022年12月4日: full year, no zero padding."""
    return format_date(value, format="long", locale=LOCALE)


def round_half_up(value: float | Decimal, places: int) -> float | int:
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return int(q) if places == 0 else float(q)


def number(value: float | int, kind: str) -> str:
    """A figure without its unit: 2300, 2.1万, 3.75万, 7.0, 90, 4.2."""
    if kind == "count":
        value = int(round_half_up(value, 0))
        start, step, digits = _compact()
        if value >= start and value % step == 0:  # in 万 where exact (seed 002: 3.75万件)
            return format_compact_decimal(value, locale=LOCALE, fraction_digits=digits)
        return format_decimal(value, format="0", locale=LOCALE)
    if kind in ("ratio", "money"):
        if isinstance(value, int):
            return format_decimal(value, format="0", locale=LOCALE)
        return format_decimal(round_half_up(value, 1), format="0.0", locale=LOCALE)
    if kind == "percent":
        places = 0 if float(value).is_integer() else 1
        return format_decimal(
            round_half_up(value, places), format="0" if places == 0 else "0.0", locale=LOCALE
        )
    raise ValueError(f"unknown indicator kind {kind!r}")


def quantity(value: float | int, kind: str, unit: str) -> str:
    """A figure with its unit: 2300件, 2.1万件, 7.0件, 90%, 4.2亿元."""
    return number(value, kind) + unit


def measured(value: float | int, kind: str, unit: str = "") -> str:
    """An actual figure as reported: like ``quantity``, but a ratio or a sum of money keeps its second
    decimal (2.67, not 2.7), so printed figures agree with the completion computed from them."""
    if kind in ("ratio", "money") and isinstance(value, float):
        two = round_half_up(value, 2)
        if two != round_half_up(value, 1):
            return format_decimal(two, format="0.00", locale=LOCALE) + unit
    return quantity(value, kind, unit)
