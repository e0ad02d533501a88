"""drafter as a library: profile in, document model, bytes out. The CLI and batch call only this.

    from drafter import api

    profile = api.load_profile(yaml_text, name="sample.yaml")   # raises api.ProfileError
    document = api.draft(profile)
    data = api.render(document, "docx")                          # bytes; nothing is written
    paths = api.write(document, outdir, "sample", ["docx", "md"])  # atomic files, modes kept

Every bad input raises a :class:`DrafterError` whose ``issues`` each carry a stable ``code``,
``file``, ``line``, ``field`` (a path tuple) and ``args``; show them in a language with
``issue.text("en")`` (or ``issue.message("en")`` for the message alone).
"""

from __future__ import annotations

from ..errors import DrafterError, Issue, OutputError, ProfileError
from ..library import Library
from ..model import Document
from ..profile.load import Profile
from ..writers import FORMATS
from .drafts import (
    build,
    build_report,
    companions,
    draft,
    draft_notes,
    draft_report,
    file_names,
    load_profile,
    render,
    write,
)
from .front import check, content, json_schema, starter_profile, task_tags

__all__ = [
    "FORMATS",
    "Document",
    "DrafterError",
    "Issue",
    "Library",
    "OutputError",
    "Profile",
    "ProfileError",
    "build",
    "build_report",
    "check",
    "companions",
    "content",
    "draft",
    "draft_notes",
    "draft_report",
    "file_names",
    "load_profile",
    "json_schema",
    "render",
    "starter_profile",
    "task_tags",
    "write",
]
