"""User-facing messages through Babel catalogues: Chinese by default, English on request.

Message ids are English; the zh_CN catalogue carries the Chinese. ``_()`` returns a
:class:`Message`: a ``str`` (in the language current where it was made, so every
existing use of a message as text keeps working) that also remembers its id and
format arguments, so it can be shown again in any language — ``message("en")``.

There is no global language: the current one lives in a context variable, set by
``use_language`` (a ``with`` block) or ``set_language`` (the CLI's --lang, for the rest
of the current context). Where neither was called it is DRAFTER_LANG, else the locale
environment when it asks for English, else Chinese. Threads start with the default.
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "drafter"
DEFAULT = "zh_CN"
LANGUAGES = ("zh_CN", "en")

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("drafter_lang", default=None)


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


@cache
def catalogue(lang: str) -> NullTranslations:
    """The translations of one language, read from disk once per process."""
    if lang == "en":
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [lang], DOMAIN)


def language() -> str:
    """The language messages are shown in here (this thread, this context)."""
    return _current.get() or detect()


def set_language(lang: str | None) -> contextvars.Token:
    """Choose the language for the rest of the current context; returns a token for ``reset``."""
    return _current.set(normalise(lang) if lang else None)


def reset(token: contextvars.Token) -> None:
    _current.reset(token)


@contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Show messages in ``lang`` inside the block (None: the default), in this context only."""
    token = set_language(lang)
    try:
        yield language()
    finally:
        _current.reset(token)


def translate(msgid: str, lang: str | None = None) -> str:
    return catalogue(normalise(lang) if lang else language()).gettext(msgid)


def _show(value: Any, lang: str | None) -> Any:
    return value.text(lang) if isinstance(value, Message) else value


class Message(str):
    """A translatable message: its text now, plus what it takes to show it in another language.

    ``msgid`` is the English id (None for text that is not translated, such as a
    library's own error); ``args`` are the ``format`` arguments; ``parts`` are the pieces
    of a message joined with ``+``.
    """

    msgid: str | None
    args: Mapping[str, Any]
    parts: tuple[Any, ...]

    def __new__(
        cls,
        text: str,
        msgid: str | None = None,
        args: Mapping[str, Any] | None = None,
        parts: tuple[Any, ...] = (),
    ) -> Message:
        self = super().__new__(cls, text)
        self.msgid, self.args, self.parts = msgid, dict(args or {}), parts
        return self

    @classmethod
    def plain(cls, text: str) -> Message:
        """Text that is shown as it is in every language (a Message stays as it is)."""
        return text if isinstance(text, Message) else cls(str(text), None, None, (str(text),))

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (None: the current language)."""
        if self.parts:
            return "".join(_show(p, lang) if isinstance(p, Message) else str(p) for p in self.parts)
        assert self.msgid is not None
        template = translate(self.msgid, lang)
        if not self.args:
            return template
        return template.format(**{k: _show(v, lang) for k, v in self.args.items()})

    __call__ = text  # problem.message("en")

    def format(self, *args: Any, **kwargs: Any) -> Message:  # type: ignore[override]
        if args or self.parts or self.msgid is None:  # positional fields: not a catalogue message
            return Message.plain(str.format(self, *args, **kwargs))
        return Message(str.format(self, **kwargs), self.msgid, {**self.args, **kwargs})

    def __add__(self, other: Any) -> Message:  # type: ignore[override]
        if not isinstance(other, str):
            return NotImplemented
        return Message(str.__add__(self, other), None, None, (self, other))

    def __radd__(self, other: Any) -> Message:
        if not isinstance(other, str):
            return NotImplemented
        return Message(str.__add__(other, self), None, None, (other, self))

    @property
    def head(self) -> Message:
        """The first catalogue message in a joined one: it names what went wrong."""
        if self.parts:
            for part in self.parts:
                if isinstance(part, Message) and (part.msgid or part.parts):
                    return part.head
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickled to and from batch workers
        return (Message, (str(self), self.msgid, self.args, self.parts))


def _(message: str) -> Message:
    return Message(translate(message), message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalogue(language()).ngettext(singular, plural, n)
