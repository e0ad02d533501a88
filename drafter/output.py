"""Atomic file output: a draft is written whole or not at all, and a good old file survives a failed build.

A draft is first written to ``.NAME.PID.RANDOM.part`` beside NAME and renamed over it. If drafter is
killed (SIGKILL, power cut) that file stays; the next run into the folder removes every such file
whose process is gone. Output names are checked to be one safe path component before any work.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import limits, umask
from .i18n import _

# the widest temporary name drafter makes for NAME: "." NAME "." PID(<=10) "." RANDOM(8) ".part"
TEMP_OVERHEAD = 1 + 1 + 10 + 1 + 8 + len(limits.PART_SUFFIX)
_STALE = re.compile(r"^\..+\.(\d{1,10})\.[a-z0-9_]{8}" + re.escape(limits.PART_SUFFIX) + "$")
_cleaned: set[str] = set()


def name_problem(file_name: str) -> str | None:
    """Why ``file_name`` cannot be an output file's name (one component, printable, short), or None."""
    if not file_name.strip():
        return _("the file name is empty")
    if file_name in (".", ".."):
        return _("a file name cannot start with ..")
    if "/" in file_name or "\\" in file_name or (os.altsep and os.altsep in file_name):
        return _("a file name cannot hold / or \\; give a plain name")
    if file_name.startswith(".."):
        return _("a file name cannot start with ..")
    if any(
        unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") for c in file_name
    ):
        return _("a file name cannot hold control or invisible characters")
    size = len(file_name.encode("utf-8", "surrogatepass")) + TEMP_OVERHEAD
    if size > limits.MAX_FILE_NAME_BYTES:
        return _(
            "the file name is too long: {size} bytes with drafter's temporary suffix, at most {max}"
        ).format(size=size, max=limits.MAX_FILE_NAME_BYTES)
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or a pid we cannot ask about: leave its file
    return True


def _parts(folder: str | Path) -> Iterator[tuple[os.DirEntry[str], int]]:
    """drafter's temporary files in ``folder``, each with the pid its name carries."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _STALE.match(entry.name)
        if match:
            yield entry, int(match.group(1))


def _unlink(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def remove_stale_parts(folder: Path) -> list[Path]:
    """Remove drafter's own temporary files left in ``folder`` by a process that is gone."""
    return [
        Path(entry.path)
        for entry, pid in _parts(folder)
        if entry.is_file(follow_symlinks=False)
        and pid != os.getpid()
        and not _alive(pid)
        and _unlink(entry.path)
    ]


def remove_unfinished() -> None:
    """Remove every temporary file this process has begun and not finished, in each folder it
    has written into: for a signal handler that ends the process at once (os._exit, a batch
    worker), where no ``finally`` runs. By name, so a file just made by mkstemp is found too."""
    me = os.getpid()
    for folder in list(_cleaned):  # every folder atomic_path and probe wrote into, before mkstemp
        for entry, pid in _parts(folder):
            if pid == me:
                _unlink(entry.path)


def _clean_once(folder: Path) -> None:
    key = os.path.realpath(folder)
    if key not in _cleaned:
        _cleaned.add(key)
        remove_stale_parts(folder)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` only if the block succeeds."""
    if (
        len(target.name.encode("utf-8", "surrogatepass")) + TEMP_OVERHEAD
        > limits.MAX_FILE_NAME_BYTES
    ):
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_once(target.parent)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=limits.PART_SUFFIX, dir=target.parent
    )
    tmp_path = Path(tmp)
    try:  # from the moment the file exists: an interrupt anywhere after mkstemp leaves nothing
        os.close(fd)
        yield tmp_path
        os.chmod(tmp_path, _mode_for(target))
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def probe(folder: Path) -> None:
    """Prove ``folder`` takes a file, with a name no other run uses at the same time."""
    folder.mkdir(parents=True, exist_ok=True)
    _clean_once(folder)
    fd, tmp = tempfile.mkstemp(
        prefix=f".drafter-probe.{os.getpid()}.", suffix=limits.PART_SUFFIX, dir=folder
    )
    try:
        os.write(fd, b"drafter")
        os.fsync(fd)
    finally:
        os.close(fd)
        os.unlink(tmp)


def _mode_for(target: Path) -> int:
    """The mode a plain open() would give: the old file's, else 0666 less the umask (mkstemp uses 0600)."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~umask.current()


def write_text(target: Path, text: str) -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def os_reason(exc: OSError) -> str:
    """What went wrong with a file, in the clerk's words."""
    from .i18n import _

    reasons = {
        errno.EACCES: _("no permission to write there"),
        errno.EPERM: _("no permission to write there"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.ENOTDIR: _("part of the path is a file, not a folder"),
        errno.EEXIST: _("a file stands where the output folder should be"),
        errno.EISDIR: _("a folder stands where the output file should be"),
        errno.ENAMETOOLONG: _("the file name is too long"),
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))
