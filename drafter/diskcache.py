"""Compiled forms of drafter's own files, kept on disk between processes, as Python keeps .pyc.

Things costly in every fresh process that never change between builds: reading the content
library's YAML, compiling its Jinja templates, building the .docx template (writers/
docx_template_cache.py), reading Babel's locale data (only the keys drafter's formats read:
compose/figures.py). They are stored in drafter's own ``__pycache__`` folder, keyed by a digest
of what they were made from (the template files, the code that reads or compiles them, the
Python, Jinja, python-docx and Babel versions), so a stale entry is never used. Only drafter's
own templates are stored, never a profile's text. If the folder is not writable the cache is
simply not kept; nothing else changes.

Nothing stale piles up: a file's kind is its name up to the first "-" (library-, words-,
jinja-, template-, babel-), and writing one keeps only the KEEP_PER_KIND files of its kind used
last (a hit marks a file used), so the pickles of a changed library or of test copies of
templates/ are removed as new ones come; a compiled template no process has used for
CODE_GENERATIONS stores is dropped.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import CodeType

from . import umask

CACHE_DIR = Path(__file__).resolve().parent / "__pycache__"
TAG = sys.implementation.cache_tag or "python"
KEEP_PER_KIND = 3  # files of one kind kept on a write: the one written and the two used last
STALE_TEMP_SECONDS = 3600  # a half-written temporary file this old was left by a killed process
CODE_GENERATIONS = 20  # a compiled template unused by this many stores in a row is dropped


def digest(parts: Iterable[bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:32]


def file_digest(paths: Iterable[Path], extra: Iterable[bytes] = ()) -> str:
    """A digest of files' names and contents, plus ``extra``."""
    parts: list[bytes] = [TAG.encode(), *extra]
    for path in sorted(paths):
        parts += [str(path.name).encode(), path.read_bytes()]
    return digest(parts)


def kind(name: str) -> str:
    """What a file caches, from its name: "library-cpython-311-1a2b.pickle" -> "library-"."""
    head, dash, _rest = name.partition("-")
    return head + dash


def read(name: str, folder: Path | None = None) -> bytes | None:
    """The file's bytes, or None; a hit marks the file used (see prune)."""
    path = (folder or CACHE_DIR) / name
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only install: the cache is read, never pruned
    return data


def mapped(name: str, folder: Path | None = None) -> memoryview | None:
    """The file mapped read-only into memory (pages are read as they are touched, and shared by
    every process mapping it), or None; a hit marks the file used. Files are only ever replaced,
    never changed in place, so a mapping always sees one whole version."""
    import mmap

    path = (folder or CACHE_DIR) / name
    try:
        with path.open("rb") as fh:
            view = memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):  # missing, unreadable, or empty
        return None
    try:
        os.utime(path)
    except OSError:
        pass
    return view


def write(name: str, data: bytes, folder: Path | None = None) -> None:
    """Store atomically, then prune the file's kind; a cache that cannot be written is not an error."""
    import tempfile  # only when something is stored: a build that hits the cache never needs it

    folder = folder or CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, 0o644 & ~umask.current())  # as a .pyc would be
            os.replace(tmp, folder / name)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        return
    prune(name, folder)


def prune(name: str, folder: Path | None = None) -> list[Path]:
    """Remove the files of ``name``'s kind but the KEEP_PER_KIND used last (``name`` among them),
    and temporary files of that kind a killed process left; returns what was removed."""
    folder = folder or CACHE_DIR
    prefix = kind(name)
    now = time.time()
    others: list[tuple[float, Path]] = []
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        try:
            mtime = entry.stat().st_mtime
        except OSError:
            continue  # removed meanwhile
        if entry.name.startswith("." + prefix):  # write()'s temporary file
            if now - mtime > STALE_TEMP_SECONDS:
                removed.append(Path(entry.path))
        elif (
            entry.name != name and entry.name.startswith(prefix) and not entry.name.endswith(".pyc")
        ):
            others.append((mtime, Path(entry.path)))
    others.sort(reverse=True)  # most recently used first
    removed += [path for _mtime, path in others[KEEP_PER_KIND - 1 :]]
    for path in removed:
        try:
            path.unlink()
        except OSError:
            pass
    return removed


class Codes:
    """Compiled template code by source digest, read once per process, written back at exit
    when something new was compiled.

    ``key`` names what compiled them (the environment's code and the Jinja version): entries
    made under another key are dropped. Each entry is marshalled on its own, and loaded when
    first asked for: a build uses a fifth of what the file holds. Each store is a generation; an
    entry remembers the last one whose process used it, and one unused for CODE_GENERATIONS is
    not stored again (the templates of an edited library do not pile up).
    """

    def __init__(self, name: str, key: str):
        self.name, self.key = name, key
        self.codes: dict[str, CodeType | bytes] = {}  # bytes: as stored, not yet loaded
        self.last_used: dict[str, int] = {}  # digest -> the generation that last used it
        self.used: set[str] = set()
        self.generation = 0
        self.folder: Path | None = None  # where it was read from, and is written back to
        self.loaded = self.dirty = False

    def _load(self) -> None:
        self.loaded = True
        self.folder = CACHE_DIR
        data = read(self.name, self.folder)
        if not data:
            return
        try:
            key, generation, entries = marshal.loads(data)
        except (ValueError, EOFError, TypeError):  # broken, or of the earlier layout
            return
        if key == self.key and isinstance(generation, int) and isinstance(entries, dict):
            self.generation = generation
            for digest_, (last, code) in entries.items():
                self.codes[digest_], self.last_used[digest_] = code, last
            if any(isinstance(code, CodeType) for code in self.codes.values()):
                self._changed()  # the earlier layout (entries unmarshalled with the file): store anew

    def _changed(self) -> None:
        if not self.dirty:
            self.dirty = True
            atexit.register(self.save)

    def get(self, source: str, compile_: Callable[[str], CodeType]) -> CodeType:
        if not self.loaded:
            self._load()
        digest_ = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        self.used.add(digest_)
        code = self.codes.get(digest_)
        if isinstance(code, bytes):
            try:
                code = self.codes[digest_] = marshal.loads(code)
            except (ValueError, EOFError, TypeError):  # a broken entry is compiled again
                code = None
        if not isinstance(code, CodeType):
            code = self.codes[digest_] = compile_(source)
            self._changed()
        return code

    def save(self) -> None:
        if not self.dirty:
            return
        generation = self.generation + 1
        entries = {}
        for digest_, code in self.codes.items():
            last = generation if digest_ in self.used else self.last_used.get(digest_, generation)
            if generation - last < CODE_GENERATIONS:
                entries[digest_] = (last, code if isinstance(code, bytes) else marshal.dumps(code))
        write(self.name, marshal.dumps((self.key, generation, entries)), self.folder)
        self.generation, self.last_used = generation, {d: last for d, (last, _c) in entries.items()}
        self.dirty = False


class Memo:
    """Bytes made from bytes (a shared part's deflated form), by digest of what they were made
    from, in one file read at first use. Stored again when something was new, holding exactly
    what this process asked for: what no longer asks is not kept. ``key`` names how they were made.
    """

    def __init__(self, name: str, key: str):
        self.name, self.key = name, key
        self.entries: dict[str, bytes] | None = None
        self.asked: dict[str, bytes] = {}
        self.dirty = False

    def get(self, data: bytes, make: Callable[[bytes], bytes]) -> bytes:
        if self.entries is None:
            self.entries = {}
            stored = read(self.name)
            try:
                key, entries = marshal.loads(stored) if stored else (None, None)
            except (ValueError, EOFError, TypeError):
                key, entries = None, None
            if key == self.key and isinstance(entries, dict):
                self.entries = entries
        digest_ = hashlib.sha256(data).hexdigest()[:32]
        made = self.entries.get(digest_)
        if not isinstance(made, bytes):
            made, self.dirty = make(data), True
        self.asked[digest_] = made
        return made

    def save(self) -> None:
        if self.dirty:
            write(self.name, marshal.dumps((self.key, self.asked)))
            self.dirty = False
