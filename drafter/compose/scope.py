"""What every builder of one draft reads: the profile, the library, the genre, the context, the
targets. Built once, before any section, and never changed after: builders return what they make."""

from __future__ import annotations

from typing import Any

from ..library import Library
from ..library.genres import GENRE_FILE, Genre
from ..profile.load import Profile
from ..profile.yamlread import field_text
from ..records import record
from . import joining
from .render import Renderer, Where
from .targets import Target


@record(frozen=True)
class Scope:
    profile: Profile
    lib: Library
    genre: Genre
    renderer: Renderer
    ctx: dict[str, Any]
    targets: dict[str, Target]

    @property
    def data(self) -> dict[str, Any]:
        return self.profile.data

    def render(self, source: str, where: Where, **extra: Any) -> str:
        ctx = self.ctx if not extra else {**self.ctx, **extra}
        return self.renderer.render(source, ctx, where)

    def lib_where(self, file: str, field: str) -> Where:
        """A text of the shared library: file is relative to templates/."""
        return Where(f"templates/{file}", None, field)

    def genre_where(self, file: str, field: str) -> Where:
        return Where(f"{self.genre.folder}/{file}", None, field)

    def profile_where(self, *path: Any) -> Where:
        file, line = self.profile.source.locate(path)
        return Where(file, line, field_text(path))

    def loc(self, *path: Any) -> tuple[str, int | None, str | None]:
        """file, line, field of a profile path, for DrafterError.single."""
        where = self.profile_where(*path)
        return where.file, where.line, where.field

    def text(self, name: str) -> tuple[str, str]:
        """A Jinja text by file name: the genre's own, else the shared one (templates/text/);
        with the file as messages name it."""
        if name in self.genre.texts:
            return self.genre.texts[name], f"{self.genre.folder}/{name}"
        return self.lib.text_template(name), f"templates/text/{name}"

    def title(self, key: str, **extra: Any) -> str:
        """A title of the genre (its own titles.yaml over templates/text/titles.yaml)."""
        where = Where(self.genre.title_file(key), None, key)
        return self.render(self.genre.titles[key], where, **extra)

    def joined(self, items: list[str]) -> str:
        return joining.join(items, self.lib.joins)

    @property
    def mark(self) -> dict[str, str]:
        """Punctuation between and after run-in parts (templates/text/joins.yaml)."""
        return self.lib.joins

    @property
    def genre_file(self) -> str:
        return f"{self.genre.folder}/{GENRE_FILE}"
