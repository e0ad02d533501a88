"""Document model -> PDF, through the .docx writer and LibreOffice (writers/soffice.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import DrafterError
from ..i18n import _
from ..model import Document
from ..output import atomic_path
from . import docx as docx_writer
from . import soffice

INSTALL_HINT = "apt-get install libreoffice-writer-nogui fonts-noto-cjk fonts-noto-cjk-extra"


def to_bytes(document: Document, comments: bool = True, name: str = "") -> bytes:
    """The PDF's bytes: the .docx writer's file converted by LibreOffice in a scratch folder
    (a profile of its own there, so parallel conversions do not lock each other out)."""
    if soffice.executable() is None:
        raise DrafterError.single(
            name,
            None,
            None,
            _("PDF needs LibreOffice, which is not installed; install it with: {command}").format(
                command=INSTALL_HINT
            ),
        )
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        source, produced = Path(tmp) / "draft.docx", Path(tmp) / "draft.pdf"
        source.write_bytes(docx_writer.to_bytes(document, comments=comments))
        try:
            soffice.convert([(source, produced)])
        except soffice.ConversionFailed as exc:
            raise DrafterError.single(
                name,
                None,
                None,
                _("LibreOffice could not convert the draft: {detail}").format(detail=exc),
            ) from exc
        return produced.read_bytes()


def write(document: Document, path: Path, comments: bool = True) -> None:
    with atomic_path(path) as out:
        out.write_bytes(to_bytes(document, comments, str(path)))
