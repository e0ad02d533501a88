"""Per-request language for pages: no global state, so two clerks can read zh and en at once."""

from __future__ import annotations

from functools import lru_cache

from babel.support import NullTranslations, Translations

from ..i18n import DOMAIN, LOCALE_DIR, normalise

LANGS = ("zh_CN", "en")
COOKIE = "drafter_lang"


@lru_cache(maxsize=len(LANGS))
def translations(lang: str) -> NullTranslations:
    if normalise(lang) == "en":
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), ["zh_CN"], DOMAIN)


def pick(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The query's ?lang=, else the cookie, else Chinese (the default, whatever the browser says)."""
    for value in (query, cookie):
        if value:
            return normalise(value)
    return "zh_CN"
