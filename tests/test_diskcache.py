"""The disk cache of compiled templates and of the loaded library: used while what it was made
from is unchanged, never after."""

from __future__ import annotations

import array
import hashlib
import os
import shutil
import time

import pytest

from drafter import diskcache, library
from drafter.compose.render import Renderer, Where


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
        "drafter.compose.render.renderer._library_codes.get",
        lambda source, compile_: seen.append(source),
    )
    out = Renderer().render("{{ 1 + 1 }}", {}, Where("county.yaml", 3, "x"))
    assert out == "2" and seen == []


def _touch(path, age_s):
    """Mark a cache file as last used ``age_s`` seconds ago."""
    stamp = time.time() - age_s
    os.utime(path, (stamp, stamp))


def test_a_library_for_another_root_replaces_the_least_recently_used(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setattr(diskcache, "CACHE_DIR", cache)
    roots = []
    for i in range(diskcache.KEEP_PER_KIND + 2):  # the shipped library and copies, as tests make
        roots.append(tmp_path / f"templates-{i}")
        shutil.copytree(library.templates_root(), roots[-1])
    library.load.__wrapped__(roots[0])
    (first,) = cache.glob("library-*.pickle")
    _touch(first, 100)
    for age, root in enumerate(roots[1 : diskcache.KEEP_PER_KIND], start=1):
        library.load.__wrapped__(root)
        for path in cache.glob("library-*.pickle"):
            if path != first and path.stat().st_mtime > time.time() - 50:
                _touch(path, 100 + age)  # older than the first
    library.load.__wrapped__(roots[0])  # read from the cache: marks it used now
    assert first.stat().st_mtime > time.time() - 50
    for root in roots[diskcache.KEEP_PER_KIND :]:
        library.load.__wrapped__(root)
    kept = sorted(cache.glob("library-*.pickle"))
    assert len(kept) == diskcache.KEEP_PER_KIND and first in kept
    assert not list(cache.glob(".*"))  # no temporary file left


def test_pruning_keeps_other_kinds_and_fresh_temporary_files(tmp_path):
    for name in ("words-aaa", "words-bbb", "words-ccc", "jinja-cpython-311.marshal"):
        (tmp_path / name).write_bytes(b"x")
    _touch(tmp_path / "words-aaa", 300)
    _touch(tmp_path / "words-bbb", 200)
    (tmp_path / ".words-ddd.tmp1").write_bytes(b"half")  # another process is writing it
    (tmp_path / ".words-eee.tmp2").write_bytes(b"half")
    _touch(tmp_path / ".words-eee.tmp2", diskcache.STALE_TEMP_SECONDS + 10)  # a killed writer's
    diskcache.write("words-ddd", b"new", tmp_path)
    by_use = ["words-ccc", "words-bbb", "words-aaa"]  # the others, most recently used first
    kept = {"words-ddd", *by_use[: diskcache.KEEP_PER_KIND - 1]}
    names = {p.name for p in tmp_path.iterdir()}
    assert names == kept | {"jinja-cpython-311.marshal", ".words-ddd.tmp1"}
    assert (tmp_path / "words-ddd").read_bytes() == b"new"
    assert "words-aaa" not in names and ".words-eee.tmp2" not in names


def test_a_compiled_template_no_process_uses_is_dropped(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "CACHE_DIR", tmp_path)

    def compile_(source):
        return Renderer().env.compile(source)

    def run(*sources):  # one process: compiles what it renders, stores at exit
        codes = diskcache.Codes("t.marshal", "key")
        for source in sources:
            codes.get(source, compile_)
        codes.save()
        return codes

    run("{{ old }}", "{{ kept }}")
    for i in range(diskcache.CODE_GENERATIONS):
        run("{{ kept }}", f"{{{{ new{i} }}}}")  # each store compiles something new
    stored = run("{{ kept }}").codes  # nothing new: not stored, but read
    old, kept = (hashlib.sha256(s.encode()).hexdigest()[:32] for s in ("{{ old }}", "{{ kept }}"))
    assert kept in stored and old not in stored
    assert len(stored) == 1 + diskcache.CODE_GENERATIONS


def test_codes_are_stored_where_they_were_read(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "CACHE_DIR", tmp_path / "a")
    codes = diskcache.Codes("t.marshal", "key")
    codes.get("{{ a }}", Renderer().env.compile)
    monkeypatch.setattr(diskcache, "CACHE_DIR", tmp_path / "b")  # as at exit, after a test
    codes.save()
    codes.save()  # stored once: nothing new since
    assert (tmp_path / "a" / "t.marshal").exists() and not (tmp_path / "b").exists()


def test_a_memo_keeps_what_the_last_process_asked_for(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "CACHE_DIR", tmp_path)
    made = []

    def make(data):
        made.append(data)
        return data.upper()

    def run(*asked, key="k"):  # one process
        memo = diskcache.Memo("m.marshal", key)
        got = [memo.get(data, make) for data in asked]
        memo.save()
        return got

    assert run(b"styles", b"theme") == [b"STYLES", b"THEME"] and made == [b"styles", b"theme"]
    assert run(b"styles", b"theme") == [b"STYLES", b"THEME"] and len(made) == 2  # from disk
    assert run(b"styles", b"fonts") == [b"STYLES", b"FONTS"] and made[2:] == [b"fonts"]
    run(b"theme")  # not kept: the last store held only styles and fonts
    assert made[3:] == [b"theme"]
    run(b"theme", key="other")  # made another way: not used
    assert made[4:] == [b"theme"]


def test_the_word_set_is_mapped_from_the_cache_and_answers_alike(tmp_path, monkeypatch):
    from drafter import words

    monkeypatch.setattr(diskcache, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(words, "_WORDS", [])
    built = words.load()  # from jieba's dict.txt, then stored
    assert isinstance(built.keys, array.array) and list(tmp_path.glob("words-*"))
    monkeypatch.setattr(words, "_WORDS", [])
    mapped = words.load()  # a later process: the stored file, mapped
    assert isinstance(mapped.keys, memoryview) and len(mapped) == len(built) > 300_000
    lines = words.dictionary_file().read_text(encoding="utf-8").splitlines()
    listed = [line.split(" ")[0] for line in lines[::7000]]  # words of jieba's own dictionary
    probes = [*listed, "知识产权强县试点", "zz", ""]
    assert [w in mapped for w in probes] == [w in built for w in probes]
    assert all(w in mapped for w in listed) and "zz" not in mapped
    assert list(mapped.keys[::5000]) == list(built.keys[::5000])


def test_a_stored_template_is_loaded_only_when_asked_for(tmp_path, monkeypatch):
    monkeypatch.setattr(diskcache, "CACHE_DIR", tmp_path)
    first = diskcache.Codes("t.marshal", "key")
    for source in ("{{ a }}", "{{ b }}"):
        first.get(source, Renderer().env.compile)
    first.save()
    later = diskcache.Codes("t.marshal", "key")
    code = later.get("{{ a }}", lambda source: pytest.fail("compiled again"))
    kinds = sorted(type(c).__name__ for c in later.codes.values())
    assert kinds == ["bytes", "code"] and code is later.get("{{ a }}", Renderer().env.compile)
    assert not later.dirty  # nothing new: not stored again
