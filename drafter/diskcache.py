"""Compiled forms of drafter's own files, kept on disk between processes, as Python keeps .pyc.

Two things are costly in every fresh process and never change between builds: reading the
content library's YAML, and compiling its Jinja templates. Both are stored in drafter's own
``__pycache__`` folder, keyed by a digest of what they were made from (the template files, the
code that reads or compiles them, the Python and Jinja versions), so a stale entry is never used.
Only drafter's own templates are stored, never a profile's text. If the folder is not writable
the cache is simply not kept; nothing else changes.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from types import CodeType

CACHE_DIR = Path(__file__).resolve().parent / "__pycache__"
TAG = sys.implementation.cache_tag or "python"


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


def read(name: str) -> bytes | None:
    try:
        return (CACHE_DIR / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Store atomically; a cache that cannot be written is not an error."""
    try:
        CACHE_DIR.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=CACHE_DIR)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o644 & ~umask)  # as a .pyc would be
            os.replace(tmp, CACHE_DIR / name)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass


class Codes:
    """Compiled template code by source digest, read once per process, written back at exit.

    ``key`` names what compiled them (the environment's code and the Jinja version): entries
    made under another key are dropped.
    """

    def __init__(self, name: str, key: str):
        self.name, self.key = name, key
        self.codes: dict[str, CodeType] = {}
        self.loaded = self.dirty = False

    def _load(self) -> None:
        self.loaded = True
        data = read(self.name)
        if data:
            try:
                key, codes = marshal.loads(data)
            except (ValueError, EOFError, TypeError):
                return
            if key == self.key and isinstance(codes, dict):
                self.codes = codes

    def get(self, source: str, compile_: Callable[[str], CodeType]) -> CodeType:
        if not self.loaded:
            self._load()
        digest_ = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        code = self.codes.get(digest_)
        if code is None:
            code = self.codes[digest_] = compile_(source)
            if not self.dirty:
                self.dirty = True
                atexit.register(self.save)
        return code

    def save(self) -> None:
        write(self.name, marshal.dumps((self.key, self.codes)))
        self.dirty = False
