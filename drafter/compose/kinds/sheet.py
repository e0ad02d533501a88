"""What a document's section builders read (the progress report, the department list): its texts,
the context every text sees, and the records its composer gives. It knows no profile: the
department list is made from the plan's model alone."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...errors import DrafterError
from ...i18n import _
from ...library.documents import DocSection, DocumentDef, text_at
from ...records import record
from ..render import Renderer, Where

Record = dict[str, Any]  # one indicator, one department …: fields the texts and cells name


@record(frozen=True)
class Sheet:
    definition: DocumentDef
    renderer: Renderer
    ctx: dict[str, Any]
    records: dict[str, list[Record]]

    def say(self, key: str, **extra: Any) -> str:
        """The text at ``key`` of the document's texts file, rendered."""
        ctx = {**self.ctx, **extra} if extra else self.ctx
        source = text_at(self.definition.texts, key)
        return self.renderer.render(source, ctx, Where(self.definition.texts_file, None, key))

    def words(self, key: str) -> list[str]:
        """A list of plain texts (a table's header row)."""
        return [str(word) for word in text_at(self.definition.texts, key)]

    def within(self, record: Record) -> Sheet:
        """The sheet a repeated section sees: its record's fields join the context."""
        return replace(self, ctx={**self.ctx, **record})

    def rows(self, section: DocSection, name: str) -> list[Record]:
        """The records ``name`` the section reads, less those its `where` leaves out."""
        if name not in self.records:
            message = _("unknown records {name} (known: {names})")
            raise self._unknown(section, "", message, name, list(self.records))
        wanted = section.where.items()
        return [r for r in self.records[name] if all(str(r.get(k)) == v for k, v in wanted)]

    def flag(self, section: DocSection, name: str) -> bool:
        """The context's flag ``name`` (a list's `when` or `unless`)."""
        if name not in self.ctx:
            message = _("unknown flag {name} (known: {names})")
            raise self._unknown(section, ".lists", message, name, sorted(self.ctx))
        return bool(self.ctx[name])

    def _unknown(
        self, section: DocSection, under: str, message: str, name: str, known: list[str]
    ) -> DrafterError:
        return DrafterError.single(
            self.definition.file,
            section.line,
            f"sections.{section.id}{under}",
            message.format(name=name, names=", ".join(known) or "-"),
        )
