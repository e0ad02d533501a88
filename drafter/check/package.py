"""Open a .docx as untrusted input: only a regular file, read with caps, XML parsed safely.

Nothing here trusts the file. The path must name a regular file (a FIFO, a device, a socket,
a folder or a symlink loop gets a message and is never opened for reading); the file is read
up to ``MAX_FILE_BYTES``; the zip may hold at most ``MAX_PARTS`` entries and declare at most
``MAX_UNPACKED_BYTES``; each part is inflated up to ``MAX_PART_BYTES`` whatever its header says,
and at most ``MAX_READ_BYTES`` in all. XML is parsed by lxml with entity resolution, DTD
loading and network access off and libxml2's huge-tree guard on; a part that declares a
DOCTYPE is refused before parsing (OOXML never needs one; it is how XXE and billion-laughs
attacks come in).

A fault in the package is a ``Malformed`` exception: the checker turns it into one finding.
A path that is not a .docx at all is a ``DrafterError``, as every bad input is.
"""

from __future__ import annotations

import io
import os
import posixpath
import stat
import zipfile
from pathlib import Path

from lxml import etree

from .. import limits
from ..errors import DrafterError
from ..i18n import _

# the caps live with every other limit, in drafter/limits.py (tests monkeypatch these names)
MAX_FILE_BYTES = limits.DOCX_MAX_FILE_BYTES
MAX_PARTS = limits.DOCX_MAX_PARTS
MAX_UNPACKED_BYTES = limits.DOCX_MAX_UNPACKED_BYTES
MAX_PART_BYTES = limits.DOCX_MAX_PART_BYTES
MAX_READ_BYTES = limits.DOCX_MAX_READ_BYTES
READ_CHUNK = 1024 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
OFFICE_DOCUMENT = "officeDocument"

PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,  # libxml2's limits on depth (256) and text node size (10 MB) stay on
    remove_comments=True,
    remove_pis=True,
)
_DOCTYPE_MARKS = tuple(
    mark.encode(enc)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("utf-8", "utf-16-le", "utf-16-be")
)


class Malformed(Exception):
    """A readable zip whose content is not a sound Word document; ``str()`` says what and where."""


def _fail(path: Path, reason: str) -> DrafterError:
    from .findings import escape  # a file name may hold a newline: it must not start a new line

    return DrafterError.single(
        escape(str(path)), None, None, _("not a Word .docx file: {reason}").format(reason=reason)
    )


def read_capped(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most MAX_FILE_BYTES; else DrafterError.

    The type is checked with stat() before opening, and again with fstat() on the descriptor
    (opened non-blocking, so a FIFO swapped in between cannot hang the open)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise _fail(path, _("the file does not exist")) from None
    except OSError as exc:
        raise _fail(path, _reason(exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise _fail(path, _kind(st.st_mode))
    if st.st_size > MAX_FILE_BYTES:
        raise _fail(path, _too_big(st.st_size))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _fail(path, _reason(exc)) from None
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fh.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise _fail(path, _kind(mode))
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _fail(path, _too_big(len(data)))
    return data


def _too_big(size: int) -> str:
    return _("it is larger than {limit} MB ({size} bytes)").format(
        limit=MAX_FILE_BYTES // (1024 * 1024), size=size
    )


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("it is a folder")
    if stat.S_ISFIFO(mode):
        return _("it is a named pipe (FIFO), not a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("it is a device, not a regular file")
    if stat.S_ISSOCK(mode):
        return _("it is a socket, not a regular file")
    return _("it is not a regular file")


def _reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ELOOP:
        return _("it is a symbolic link that loops (too many levels of links)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("it cannot be read (permission denied)")
    return _("it cannot be read ({error})").format(error=exc.strerror or exc.__class__.__name__)


class Package:
    """The parts of a .docx, read on demand within the caps, with the main document's rels."""

    def __init__(self, path: Path):
        self.path = Path(path)
        data = read_capped(self.path)
        if not data:
            raise _fail(self.path, _("the file is empty"))
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            raise _fail(
                self.path,
                _("it is not a .docx package (an old .doc file, a PDF or another format?)"),
            ) from None
        if len(infos) > MAX_PARTS:
            raise Malformed(
                _("the package holds {count} parts; at most {limit} are read").format(
                    count=len(infos), limit=MAX_PARTS
                )
            )
        declared = sum(max(i.file_size, 0) for i in infos)
        if declared > MAX_UNPACKED_BYTES:
            raise Malformed(
                _("the package unpacks to {size} MB; at most {limit} MB are read").format(
                    size=declared // (1024 * 1024), limit=MAX_UNPACKED_BYTES // (1024 * 1024)
                )
            )
        self.names = {i.filename: i for i in infos}
        self.read_total = 0
        self._xml: dict[str, etree._Element] = {}
        self.main = self._main_part()
        if self.main is None:
            raise _fail(self.path, _("the package holds no readable Word document"))
        self.rels = self.relationships(self.main)

    # -- raw parts ---------------------------------------------------------------------------
    def blob(self, name: str) -> bytes:
        """Inflate one part, never more than MAX_PART_BYTES, whatever its header declares."""
        info = self.names.get(name)
        if info is None:
            raise Malformed(_("the part {part} is missing").format(part=name))
        chunks, size = [], 0
        try:
            with self.zip.open(info) as fh:
                while True:
                    chunk = fh.read(READ_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    self.read_total += len(chunk)
                    if size > MAX_PART_BYTES:
                        raise Malformed(
                            _("the part {part} unpacks to more than {limit} MB").format(
                                part=name, limit=MAX_PART_BYTES // (1024 * 1024)
                            )
                        )
                    if self.read_total > MAX_READ_BYTES:
                        raise Malformed(
                            _("the package's parts unpack to more than {limit} MB").format(
                                limit=MAX_READ_BYTES // (1024 * 1024)
                            )
                        )
                    chunks.append(chunk)
        except (
            zipfile.BadZipFile,
            NotImplementedError,
            RuntimeError,
            OSError,
            EOFError,
            ValueError,
        ) as exc:
            raise Malformed(
                _("the part {part} cannot be unpacked ({error})").format(
                    part=name, error=exc.__class__.__name__
                )
            ) from None
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element:
        """The parsed root of a part, parsed once, safely; Malformed if it is not sound XML."""
        if name not in self._xml:
            data = self.blob(name)
            if any(mark in data for mark in _DOCTYPE_MARKS):
                raise Malformed(
                    _(
                        "the part {part} declares a DTD or entities, which Word documents never do"
                    ).format(part=name)
                )
            try:
                root = etree.fromstring(data, PARSER)
            except etree.XMLSyntaxError as exc:
                line = exc.lineno if getattr(exc, "lineno", None) else None
                raise Malformed(
                    _("the part {part} is not well-formed XML (line {line})").format(
                        part=name, line=line or "?"
                    )
                ) from None
            if root is None:
                raise Malformed(_("the part {part} is empty").format(part=name))
            self._xml[name] = root
        return self._xml[name]

    def has(self, name: str) -> bool:
        return name in self.names

    # -- relationships -----------------------------------------------------------------------
    def relationships(self, part: str) -> list[tuple[str, str, str]]:
        """(id, type's last path segment, target part name) for each internal relationship."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return []
        out = []
        for rel in self.xml(rels_name).iter(f"{{{PR_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            name = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            out.append((rel.get("Id") or "", kind, name))
        return out

    def related(self, kind: str) -> list[str]:
        """Target parts of the main document's relationships of one kind (header, styles, …)."""
        return [name for _id, k, name in self.rels if k == kind and self.has(name)]

    def by_id(self, rel_id: str) -> str | None:
        for rid, _kind, name in self.rels:
            if rid == rel_id:
                return name if self.has(name) else None
        return None

    def _main_part(self) -> str | None:
        if not self.has("_rels/.rels"):
            return "word/document.xml" if self.has("word/document.xml") else None
        for _id, kind, name in self.relationships(""):
            if kind == OFFICE_DOCUMENT and self.has(name):
                return name
        return None
