"""Saving a draft's package: python-docx's save, member for member and byte for byte, but the
parts every draft shares come from bytes serialised and deflated once.

The template (docx_template) is built once per process; the parts no draft writes into (styles,
settings, theme, fonts, footers …) are shared by every draft's copy rather than copied, and
frozen here: their XML serialised, and deflated as zipfile deflates it, once per machine (the
deflated bytes are kept in drafter's disk cache). tests/test_docx_writer.py checks that the
shared parts stay as built and that save() writes what python-docx's own save writes.

Private parts used (tests/test_private_access.py fails if they change): python-docx's
_ContentTypesItem, and zipfile's _compressor on a member open for writing.
"""

from __future__ import annotations

import time
import zipfile
import zlib

import docx
from docx.opc.part import Part
from docx.opc.parts.coreprops import CorePropertiesPart
from docx.opc.pkgwriter import _ContentTypesItem
from docx.parts.document import DocumentPart
from docx.parts.hdrftr import HeaderPart

from .. import diskcache

# The parts a draft writes into (body, comments' anchors, header text, properties): copied.
DRAFT_PARTS = (DocumentPart, HeaderPart, CorePropertiesPart)
DRAFT_PART_NAMES = ("/docProps/app.xml",)
DEFLATE = (zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile's ZIP_DEFLATED

_SHARED: dict[int, Part] = {}  # id -> template part, given to deepcopy as already copied
_FROZEN: dict[int, _Frozen] = {}  # id -> its _Frozen stand-in for saving


def _deflate(blob: bytes) -> bytes:
    packer = zlib.compressobj(*DEFLATE)
    return packer.compress(blob) + packer.flush()


class _Frozen:
    """A shared part as the package writer sees it: its XML serialised, and deflated as zipfile
    deflates it, once per machine (styles.xml alone is 350 kB, 6 ms to deflate): the deflated
    bytes are kept in drafter's disk cache, by digest of the part's bytes."""

    def __init__(self, part, deflated: diskcache.Memo) -> None:
        self.partname, self.content_type, self.rels = part.partname, part.content_type, part.rels
        self.blob = part.blob
        self.deflated = deflated.get(self.blob, _deflate)


def freeze(doc: docx.document.Document) -> None:
    """Share and freeze the template's parts that no draft writes into (call once, when the
    template is complete)."""
    deflated = diskcache.Memo(f"docx-deflated-{zlib.ZLIB_RUNTIME_VERSION}.marshal", repr(DEFLATE))
    for part in doc.part.package.iter_parts():
        if not isinstance(part, DRAFT_PARTS) and part.partname not in DRAFT_PART_NAMES:
            _SHARED[id(part)] = part
            _FROZEN[id(part)] = _Frozen(part, deflated)
    deflated.save()


def shared() -> dict[int, Part]:
    """The shared parts as a deepcopy memo: a copy of the template refers to them, not to copies."""
    return dict(_SHARED)


class _Replay:
    """Stands in for zipfile's compressor on a member whose deflated bytes are known."""

    def __init__(self, deflated: bytes) -> None:
        self.deflated = deflated

    def compress(self, data: bytes) -> bytes:
        return b""

    def flush(self) -> bytes:
        return self.deflated


_CONTENT_TYPES: dict[tuple, bytes] = {}


def _content_types(parts) -> bytes:
    """[Content_Types].xml, which depends only on the parts' names and types."""
    key = tuple((str(part.partname), part.content_type) for part in parts)
    if key not in _CONTENT_TYPES:
        # private: python-docx's own content-types writer (tests/test_private_access.py)
        _CONTENT_TYPES[key] = _ContentTypesItem.from_parts(parts).blob
    return _CONTENT_TYPES[key]


def _write_deflated(zf: zipfile.ZipFile, name: str, data: bytes, deflated: bytes) -> None:
    """zf.writestr(name, data), replaying deflated bytes known beforehand. zipfile still computes
    the CRC and sizes from the data; were its private _compressor renamed, it would simply
    deflate again (tests/test_private_access.py notices)."""
    info = zipfile.ZipInfo(name, date_time=time.localtime(time.time())[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    info.file_size = len(data)
    with zf.open(info, mode="w") as dest:
        dest._compressor = _Replay(deflated)  # type: ignore[attr-defined]
        dest.write(data)


def save(doc: docx.document.Document, target) -> None:
    """doc.save(target), member for member and byte for byte as python-docx's PackageWriter
    writes it, but the shared parts come from their serialised and deflated bytes."""
    package = doc.part.package
    parts: list[Part | _Frozen] = [_FROZEN.get(id(part), part) for part in package.parts]
    for part in parts:
        if isinstance(part, Part):
            part.before_marshal()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _content_types(parts))
        zf.writestr("_rels/.rels", package.rels.xml)
        for part in parts:
            if isinstance(part, _Frozen):
                _write_deflated(zf, part.partname.membername, part.blob, part.deflated)
            else:
                zf.writestr(part.partname.membername, part.blob)
            if len(part.rels):
                zf.writestr(part.partname.rels_uri.membername, part.rels.xml)
