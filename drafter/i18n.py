"""User-facing messages through Babel catalogues: Chinese by default, English on request.

Message ids are English; the zh_CN catalogue carries the Chinese. The language is
chosen by ``set_language`` (the CLI's --lang), else DRAFTER_LANG, else the locale
environment when it asks for English, else Chinese.
"""

from __future__ import annotations

import os
from pathlib import Path

from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "drafter"
DEFAULT = "zh_CN"

_active: NullTranslations | None = None
_language: str | None = None


def detect() -> str:
    explicit = os.environ.get("DRAFTER_LANG")
    if explicit:
        return normalise(explicit)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return normalise(value)
    return DEFAULT


def normalise(lang: str) -> str:
    return "en" if lang.lower().startswith("en") else DEFAULT


def set_language(lang: str | None) -> None:
    global _active, _language
    _language = normalise(lang) if lang else detect()
    if _language == "en":
        _active = NullTranslations()
    else:
        _active = Translations.load(str(LOCALE_DIR), [_language], DOMAIN)


def language() -> str:
    if _language is None:
        set_language(None)
    return _language  # type: ignore[return-value]


def _(message: str) -> str:
    if _active is None:
        set_language(None)
    return _active.gettext(message)  # type: ignore[union-attr]


def ngettext(singular: str, plural: str, n: int) -> str:
    if _active is None:
        set_language(None)
    return _active.ngettext(singular, plural, n)  # type: ignore[union-attr]
