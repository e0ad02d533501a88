"""Uploaded files, held in memory and bounded: no client name ever becomes a server path.

A zip's members are read with caps on their count and on the bytes they unpack to (checked
while reading, so a zip bomb stops at the cap); member names are only keys that `extends:`
may name, after normalising away anything path-like a hostile archive could hold.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

MAX_REQUEST_BYTES = 8 * 1024 * 1024  # one upload request, all files together
MAX_FORM_BYTES = 1024 * 1024  # a form submission (preview, download)
MAX_PROFILE_BYTES = 512 * 1024  # one profile or base profile
MAX_FILES = 50  # profiles in one batch, zip members included
MAX_ZIP_MEMBERS = 200  # entries a zip may list (folders and other files included)
MAX_UNZIPPED_BYTES = 16 * 1024 * 1024  # what all members of one zip may unpack to
MAX_FIELDS = 5000  # form fields in one submission
READ_CHUNK = 64 * 1024
_SAFE_NAME = re.compile(r"^[^\x00-\x1f\x7f\\:]+$")


class UploadError(Exception):
    """An upload refused as a whole; the message says why, in the clerk's language."""


@dataclass
class Uploaded:
    files: dict[str, bytes] = field(default_factory=dict)  # normalised name -> content
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name as given, why)


def safe_name(name: str) -> str | None:
    """A relative, normalised name (``base/x.yaml``), or None for anything path-like or odd."""
    if not name or not _SAFE_NAME.match(name) or name.startswith("/"):
        return None
    norm = posixpath.normpath(name)
    if norm.startswith("..") or norm == "." or "/../" in f"/{norm}/":
        return None
    return norm


async def body(request: Request, limit: int, too_big: str) -> bytes:
    """The request body, refused as soon as it passes ``limit`` bytes (before it is all read)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise UploadError(too_big)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise UploadError(too_big)
        chunks.append(chunk)
    return b"".join(chunks)


async def form(request: Request, limit: int, too_big: str) -> FormData:
    """Parse a form from a body read under ``limit``."""
    raw = await body(request, limit, too_big)
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": raw, "more_body": False}

    return await Request(request.scope, replay).form(max_files=MAX_FILES, max_fields=MAX_FIELDS)


def _read_zip(data: bytes, out: Uploaded, _: Callable[[str], str], prefix: str = "") -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadError(_("not a zip file")) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise UploadError(_("the zip holds more than {n} files").format(n=MAX_ZIP_MEMBERS))
    unpacked = 0
    for info in members:
        if info.is_dir():
            continue
        name = safe_name(info.filename)
        if name is None:
            out.skipped.append((info.filename, _("unsafe name in the zip; skipped")))
            continue
        if not name.lower().endswith((".yaml", ".yml")):
            out.skipped.append((info.filename, _("not a .yaml file; skipped")))
            continue
        try:
            with archive.open(info) as fh:
                content = b""
                while chunk := fh.read(READ_CHUNK):
                    content += chunk
                    unpacked += len(chunk)
                    if unpacked > MAX_UNZIPPED_BYTES:
                        raise UploadError(
                            _("the zip unpacks to more than {mb} MB").format(
                                mb=MAX_UNZIPPED_BYTES // (1024 * 1024)
                            )
                        )
                    if len(content) > MAX_PROFILE_BYTES:
                        break
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, NotImplementedError):
            out.skipped.append((info.filename, _("cannot unpack this file; skipped")))
            continue
        if len(content) > MAX_PROFILE_BYTES:
            out.skipped.append(
                (
                    info.filename,
                    _("larger than {kb} KB; skipped").format(kb=MAX_PROFILE_BYTES // 1024),
                )
            )
            continue
        _add(out, prefix + name, content, _)


def _add(out: Uploaded, name: str, content: bytes, _: Callable[[str], str]) -> None:
    if name in out.files:
        out.skipped.append((name, _("a second file of this name; skipped")))
        return
    if len(out.files) >= MAX_FILES:
        raise UploadError(_("more than {n} files in one upload").format(n=MAX_FILES))
    out.files[name] = content


async def files(form_data: FormData, key: str, _: Callable[[str], str]) -> Uploaded:
    """Every file uploaded under ``key``: .yaml files as they are, zips unpacked (one level)."""
    out = Uploaded()
    for item in form_data.getlist(key):
        if not isinstance(item, UploadFile):
            continue
        given = item.filename or ""
        base = posixpath.basename(given.replace("\\", "/"))
        content = await item.read(MAX_UNZIPPED_BYTES + 1)
        if not base and not content:
            continue  # the empty file input a browser sends when nothing was chosen
        if base.lower().endswith(".zip"):
            _read_zip(content, out, _)
            continue
        name = safe_name(base)
        if name is None or not name.lower().endswith((".yaml", ".yml")):
            out.skipped.append((given, _("not a .yaml or .zip file; skipped")))
            continue
        if len(content) > MAX_PROFILE_BYTES:
            out.skipped.append(
                (given, _("larger than {kb} KB; skipped").format(kb=MAX_PROFILE_BYTES // 1024))
            )
            continue
        _add(out, name, content, _)
    return out
