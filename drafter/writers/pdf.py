"""Document model -> PDF, through the .docx writer and LibreOffice (soffice --headless)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import DrafterError
from ..i18n import _
from ..model import Document
from ..output import atomic_path
from . import docx as docx_writer
from .odf_autospace import no_autospace

INSTALL_HINT = "apt-get install libreoffice-writer-nogui fonts-noto-cjk fonts-noto-cjk-extra"
FONTS_CONF = Path(__file__).resolve().parent.parent / "fonts.conf"
# LibreOffice leaves out of a PDF the blank page it inserts before a section that starts on an
# even page (the 版记's, GB/T 9704 7.4) unless told to keep it: printed on both sides, the pages
# must be all there. (scripts/render.sh passes the same option.)
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_bytes(document: Document, comments: bool = True, name: str = "") -> bytes:
    """The PDF's bytes: the .docx writer's file converted by LibreOffice in a scratch folder."""
    exe = soffice()
    if exe is None:
        raise DrafterError.single(
            name,
            None,
            None,
            _("PDF needs LibreOffice, which is not installed; install it with: {command}").format(
                command=INSTALL_HINT
            ),
        )
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        work = Path(tmp)
        source = work / "draft.docx"
        source.write_bytes(docx_writer.to_bytes(document, comments=comments))
        env = dict(os.environ)
        if FONTS_CONF.is_file():
            env["FONTCONFIG_FILE"] = str(FONTS_CONF)
        # A profile directory of its own, so parallel conversions do not lock each other out.
        # Through an .odt whose Chinese–digit autospace is off (odf_autospace: LibreOffice
        # ignores the .docx's), then to PDF.
        done = _soffice(exe, work, env, "odt", source)
        if done is not None and done.returncode == 0 and (work / "draft.odt").is_file():
            no_autospace(work / "draft.odt")
            done = _soffice(exe, work, env, PDF_FILTER, work / "draft.odt")
        produced = work / "draft.pdf"
        if done is None or done.returncode != 0 or not produced.is_file():
            detail = (done.stderr or done.stdout).strip()[-300:] if done else "timeout"
            raise DrafterError.single(
                name,
                None,
                None,
                _("LibreOffice could not convert the draft: {detail}").format(detail=detail),
            )
        return produced.read_bytes()


def _soffice(exe: str, work: Path, env: dict, target: str, source: Path):
    """One headless LibreOffice conversion in ``work``; None when it timed out."""
    cmd = [
        exe,
        f"-env:UserInstallation=file://{work / 'profile'}",
        "--headless",
        "--convert-to",
        target,
        "--outdir",
        str(work),
        str(source),
    ]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    except subprocess.TimeoutExpired:
        return None


def write(document: Document, path: Path, comments: bool = True) -> None:
    with atomic_path(path) as out:
        out.write_bytes(to_bytes(document, comments, str(path)))
