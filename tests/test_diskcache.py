"""The disk cache of compiled templates and of the loaded library: used while what it was made
from is unchanged, never after."""

from __future__ import annotations

import shutil

from drafter import diskcache, library
from drafter.rendering import Renderer, Where


def test_library_cache_follows_the_files(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "CACHE_DIR", tmp_path / "cache")
    root = tmp_path / "templates"
    shutil.copytree(library.templates_root(), root)
    first = library.load.__wrapped__(root)
    assert list((tmp_path / "cache").glob("library-*.pickle"))
    again = library.load.__wrapped__(root)  # from the cache: equal, and a fresh object
    assert again == first and again is not first
    titles = root / "text" / "titles.yaml"
    titles.write_text(
        titles.read_text(encoding="utf-8") + "\nextra_title: 新增\n", encoding="utf-8"
    )
    changed = library.load.__wrapped__(root)
    assert changed.titles["extra_title"] == "新增" and "extra_title" not in first.titles


def test_compiled_templates_are_reused_and_keyed(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "CACHE_DIR", tmp_path)
    compiled = []

    def compile_(source):
        compiled.append(source)
        return Renderer().env.compile(source)

    codes = diskcache.Codes("t.marshal", "key-1")
    codes.get("{{ a }}", compile_)
    codes.get("{{ a }}", compile_)
    codes.save()
    assert compiled == ["{{ a }}"]
    diskcache.Codes("t.marshal", "key-1").get("{{ a }}", compile_)
    assert compiled == ["{{ a }}"]  # read back from disk
    diskcache.Codes("t.marshal", "key-2").get("{{ a }}", compile_)
    assert compiled == ["{{ a }}", "{{ a }}"]  # another compiler's entries are not used


def test_a_profile_template_is_not_stored(monkeypatch):
    seen = []
    monkeypatch.setattr(
        "drafter.rendering._library_codes.get", lambda source, compile_: seen.append(source)
    )
    out = Renderer().render("{{ 1 + 1 }}", {}, Where("county.yaml", 3, "x"))
    assert out == "2" and seen == []
