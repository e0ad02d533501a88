"""The built template's parts, kept in drafter's disk cache: a fresh process loads them instead
of building them from python-docx's default again (opening it parses 800 kB of XML, and styling
it takes as long again: 15 ms of a build).

Only the parts a draft writes into (docx_save.DRAFT_PARTS: body, headers, core properties) are
parsed on loading; every other part is shared by the drafts and only ever saved, so it stays
the bytes it was stored as (a plain python-docx Part), as docx_save freezes it anyway. What is
stored is python-docx's reader of the saved package (its parts' bytes, content types and
relationships: plain objects, pickled), not the .docx: reading the zip and parsing its
relationships again took 2.5 ms of every build. The paragraph and run properties of every role
(docx_props) come along, as XML: building them with python-docx took 3 ms more. The entry's name holds a digest of the code
that builds the template and of python-docx's and lxml's versions, so a change to either builds
it again. tests/test_docx_writer.py checks that a loaded template saves as a built one does.
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import docx
from docx.opc.package import Unmarshaller
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader
from docx.package import Package
from lxml import etree

from .. import diskcache
from . import docx_props
from .docx_save import DRAFT_PARTS

_HERE = Path(__file__).resolve().parent
# What the template is made from: a change to any of them is a new template.
SOURCES = (
    _HERE / "docx_template.py",
    _HERE / "docx_package.py",
    _HERE / "docx_props.py",
    _HERE / "docx_template_cache.py",
    _HERE.parent / "layout.py",
    _HERE.parent / "model.py",
    _HERE.parent / "__init__.py",  # the version
)


def name() -> str:
    """The cache entry's file name, by what the template is made from."""
    parts = [p.read_bytes() for p in SOURCES]
    parts += [docx.__version__.encode(), repr(etree.LXML_VERSION).encode()]
    return f"template-{diskcache.TAG}-{diskcache.digest(parts)[:16]}.pickle"


def store(doc: docx.document.Document, style_ids: dict[str, str], table_grid: str) -> None:
    """Keep a built template's package (as python-docx reads it back), its style ids, and the
    paragraph and run properties built with it (docx_props.built)."""
    saved = io.BytesIO()
    doc.save(saved)
    entry = (style_ids, table_grid, PackageReader.from_file(saved), docx_props.built())
    diskcache.write(name(), pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))


def load() -> tuple[docx.document.Document, dict[str, str], str] | None:
    """The stored template and its style ids, or None when there is none (or it is unreadable)."""
    data = diskcache.read(name())
    if not data:
        return None
    try:
        style_ids, table_grid, reader, props = pickle.loads(data)  # noqa: S301 - drafter's own
        if not isinstance(reader, PackageReader):
            return None
        package = Package()
        Unmarshaller.unmarshal(reader, package, _part)
        doc = package.main_document_part.document
        docx_props.preload(*props)
    except Exception:  # noqa: BLE001 - a broken cache entry is built again
        return None
    if not isinstance(style_ids, dict) or not isinstance(table_grid, str):
        return None
    return doc, style_ids, table_grid


def _part(partname, content_type: str, reltype: str, blob: bytes, package) -> Part:
    """Unmarshaller's part factory: python-docx's for a part a draft writes into, else the
    part's bytes as they are (never parsed)."""
    kind = PartFactory.part_type_for.get(content_type, PartFactory.default_part_type)
    if issubclass(kind, DRAFT_PARTS):
        return PartFactory(partname, content_type, reltype, blob, package)  # type: ignore[return-value]
    return Part.load(partname, content_type, blob, package)
