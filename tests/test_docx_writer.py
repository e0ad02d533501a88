"""The .docx writer's per-process template: parts shared by every draft stay as built, and the
writer's own package saving writes what python-docx's save writes, member for member."""

from __future__ import annotations

import io
import zipfile

import pytest
import yaml

from drafter import api
from drafter.writers import docx as writer
from drafter.writers import docx_save, docx_template
from tests.conftest import PROFILES


def _draft(masthead: str):
    data = yaml.safe_load((PROFILES / "taishan.yaml").read_text(encoding="utf-8"))
    data["notice"]["masthead"] = masthead
    data["notice"]["cc"] = ["市知识产权局"]
    return api.draft(api.load_profile(data, name="taishan.yaml", bases=PROFILES))


@pytest.mark.parametrize("masthead", ["letter", "preprinted", "standard"])
def test_drafts_leave_the_shared_parts_as_they_were(masthead):
    """Styles, settings, theme, font table and footers are shared, not copied: a draft that
    wrote into one would change every later draft (and its saved bytes would be stale)."""
    document = _draft(masthead)
    data = api.render(document, "docx")
    assert docx_save._SHARED, "the template shares no part"
    names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert {"word/styles.xml", "word/settings.xml", "word/footer1.xml"} <= names
    for key, part in docx_save._SHARED.items():
        assert part.blob == docx_save._FROZEN[key].blob, part.partname
    # ... and the draft's own parts are its own: its title is in its document part only
    doc = writer.DocxWriter().build(document)
    assert doc.part is not docx_template.built().part
    assert "".join(t.text or "" for t in docx_template.built().element.body.iter()) == ""


def test_saving_writes_what_python_docx_writes():
    """Same members in the same order, same bytes, same deflated bytes and CRCs."""
    doc = writer.DocxWriter().build(_draft("standard"))
    ours, theirs = io.BytesIO(), io.BytesIO()
    writer.save(doc, ours)
    doc.save(theirs)
    a, b = zipfile.ZipFile(ours), zipfile.ZipFile(theirs)
    assert a.namelist() == b.namelist()
    for x, y in zip(a.infolist(), b.infolist(), strict=True):
        assert (x.CRC, x.compress_size, x.file_size, x.compress_type) == (
            y.CRC,
            y.compress_size,
            y.file_size,
            y.compress_type,
        ), x.filename
        assert a.read(x) == b.read(y)
    styles = next(f for f in docx_save._FROZEN.values() if f.partname == "/word/styles.xml")
    assert a.getinfo("word/styles.xml").compress_size == len(styles.deflated)


def _fresh_template(monkeypatch) -> None:
    """Forget this process's template (restored after the test), so the next draft makes one."""
    monkeypatch.setattr(docx_template, "_BUILT", [])
    monkeypatch.setattr(docx_save, "_SHARED", {})
    monkeypatch.setattr(docx_save, "_FROZEN", {})


@pytest.mark.parametrize("masthead", ["letter", "standard"])
def test_a_template_from_the_disk_cache_saves_as_a_built_one(tmp_path, monkeypatch, masthead):
    """docx_template_cache: a process that finds the template stored loads it, its shared parts
    unparsed, and its drafts' files are the built template's, member for member."""
    import re

    from docx.opc.part import Part, XmlPart

    from drafter import diskcache
    from drafter.writers import docx_template_cache

    monkeypatch.setattr(diskcache, "CACHE_DIR", tmp_path)
    document = _draft(masthead)
    files, statics = [], []
    for stored in (False, True):
        _fresh_template(monkeypatch)
        assert (docx_template_cache.load() is not None) is stored
        files.append(zipfile.ZipFile(io.BytesIO(api.render(document, "docx"))))
        styles = next(p for p in docx_save._SHARED.values() if p.partname == "/word/styles.xml")
        assert isinstance(styles, XmlPart) is not stored and isinstance(styles, Part)
        statics.append(docx_template.static())
    built, loaded = files
    assert built.namelist() == loaded.namelist()
    clock = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>|w:date=\"[^\"]*\"")
    for name in built.namelist():
        assert clock.sub(b"", built.read(name)) == clock.sub(b"", loaded.read(name)), name
    assert statics[0] == statics[1] and statics[0].style_ids  # the style ids came along
