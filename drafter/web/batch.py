"""Batch in the browser: several profiles (or a zip with their bases) -> a zip of drafts and a
summary of what was built and what failed, with the command line's messages."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from . import pipeline

_EXTENDS = re.compile(rb"^extends:\s*['\"]?([^'\"#\s]+)", re.MULTILINE)


@dataclass
class Row:
    name: str
    built: bool
    messages: list[str] = field(default_factory=list)


def base_names(files: dict[str, bytes]) -> set[str]:
    """Files that another uploaded file extends: bases, not drafts of their own."""
    out = set()
    for name, content in files.items():
        for match in _EXTENDS.finditer(content[:4096]):
            ref = match.group(1).decode("utf-8", "replace")
            out.add(posixpath.normpath(posixpath.join(posixpath.dirname(name), ref)))
            out.add(posixpath.normpath(ref))
    return out & set(files)


def _stem(name: str) -> str:
    return posixpath.splitext(posixpath.basename(name))[0]


def run(files: dict[str, bytes], lang: str, comments: bool = True) -> tuple[bytes, list[Row]]:
    """Build every profile that is not a base; returns the zip and the summary rows."""
    bases = base_names(files)
    rows: list[Row] = []
    buffer = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            if name in bases:
                continue
            stem = _stem(name)
            out_name = f"{stem}.docx"
            n = 2
            while out_name in used:  # two uploads of one name in different folders
                out_name = f"{stem}-{n}.docx"
                n += 1
            profile, problems = pipeline.load(
                content, lang, name=name, uploaded_bases={k: files[k] for k in files}
            )
            if profile is None:
                rows.append(Row(name, False, [pipeline.where(p) for p in problems]))
                continue
            try:
                document = pipeline.draft(profile)
                data = pipeline.render(document, "docx", comments=comments)
            except pipeline.api.DrafterError as exc:
                rows.append(
                    Row(name, False, [pipeline.where(p) for p in pipeline.problems_of(exc, lang)])
                )
                continue
            used.add(out_name)
            archive.writestr(out_name, data)
            rows.append(Row(name, True, [out_name]))
        archive.writestr("summary.md", summary_markdown(rows))
    return buffer.getvalue(), rows


def summary_markdown(rows: list[Row]) -> str:
    lines = ["| profile | built | output or messages |", "|---|---|---|"]
    for row in rows:
        cell = "<br>".join(m.replace("|", "\\|") for m in row.messages)
        lines.append(f"| {row.name} | {'yes' if row.built else 'no'} | {cell} |")
    return "\n".join(lines) + "\n"
