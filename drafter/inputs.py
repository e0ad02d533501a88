"""Reading an untrusted input file: only a regular file, only up to a size cap, links followed a few hops.

A FIFO, a device (/dev/zero, /dev/urandom), a socket or a folder is refused from its metadata,
without being opened for reading, so drafter can neither hang on it nor read it until memory runs out.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from . import limits
from .errors import DrafterError
from .i18n import _


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a regular file")


def link_chain(path: Path) -> list[Path]:
    """The names a symbolic link leads through, stopping after MAX_SYMLINK_HOPS or at a repeat."""
    chain = [path]
    while len(chain) <= limits.MAX_SYMLINK_HOPS + 1:
        current = chain[-1]
        try:
            target = os.readlink(current)
        except OSError:
            break
        nxt = current.parent / target
        chain.append(nxt)
        if nxt in chain[:-1]:
            break
    return chain


def _link_error(name: str, chain: list[Path]) -> DrafterError:
    return DrafterError.single(
        name,
        None,
        None,
        _("symbolic links loop or go more than {n} deep: {chain}").format(
            n=limits.MAX_SYMLINK_HOPS, chain=" → ".join(str(p) for p in chain)
        ),
    )


def check_regular(path: Path, display: str | None = None) -> os.stat_result:
    """The file's metadata if it is an ordinary file within the caps; else a DrafterError saying what it is."""
    name = display or str(path)
    chain = link_chain(path)
    if len(chain) - 1 > limits.MAX_SYMLINK_HOPS or len(set(chain)) < len(chain):
        raise _link_error(name, chain)
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _link_error(name, chain) from None
        raise DrafterError.single(
            name, None, None, _("cannot read file: {reason}").format(reason=exc.strerror)
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise DrafterError.single(
            name,
            None,
            None,
            _("{what}, not a file drafter can read; give an ordinary YAML file").format(
                what=_kind(info.st_mode)
            ),
        )
    return info


def _too_big(name: str, cap: int) -> DrafterError:
    return DrafterError.single(
        name,
        None,
        None,
        _("the file is larger than {size} KB; a profile is a few KB").format(size=cap // 1024),
    )


def read_bytes(path: Path, display: str | None = None, cap: int = limits.MAX_INPUT_BYTES) -> bytes:
    """The bytes of one input file, read through a single descriptor checked to be a regular file."""
    name = display or str(path)
    info = check_regular(path, name)
    if info.st_size > cap:
        raise _too_big(name, cap)
    try:
        # O_NONBLOCK: if the name was swapped for a FIFO since the check, open() still returns at once.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise DrafterError.single(
            name, None, None, _("cannot read file: {reason}").format(reason=exc.strerror)
        ) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DrafterError.single(
                name,
                None,
                None,
                _("{what}, not a file drafter can read; give an ordinary YAML file").format(
                    what=_kind(os.fstat(fd).st_mode)
                ),
            )
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(65536, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:
                raise _too_big(name, cap)
        return b"".join(chunks)
    except OSError as exc:
        raise DrafterError.single(
            name, None, None, _("cannot read file: {reason}").format(reason=exc.strerror)
        ) from None
    finally:
        os.close(fd)
