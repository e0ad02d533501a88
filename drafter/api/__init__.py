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
from ..library.entries import Goal, Item
from ..library.genres import DEFAULT_GENRE, LISTED_KINDS, Genre
from ..model import Document
from ..profile.load import Profile
from ..profile.manifest import Entry as ManifestEntry
from ..profile.manifest import Peek
from ..profile.yamlread import SourceMap
from ..writers import FORMATS
from .batch import peek, read_manifest, warm
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
from .form import (
    examples_folder,
    field_texts,
    preview_html,
    preview_style,
    profile_defaults,
    profile_schema,
    shipped_profiles,
)
from .front import (
    check,
    content,
    escape,
    format_finding,
    json_schema,
    show_value,
    starter_profile,
    task_tags,
)

__all__ = [
    "DEFAULT_GENRE",
    "FORMATS",
    "LISTED_KINDS",
    "Document",
    "DrafterError",
    "Genre",
    "Goal",
    "Issue",
    "Item",
    "Library",
    "ManifestEntry",
    "OutputError",
    "Peek",
    "Profile",
    "ProfileError",
    "SourceMap",
    "build",
    "build_report",
    "check",
    "companions",
    "content",
    "draft",
    "draft_notes",
    "draft_report",
    "escape",
    "examples_folder",
    "field_texts",
    "file_names",
    "format_finding",
    "load_profile",
    "json_schema",
    "peek",
    "preview_html",
    "preview_style",
    "profile_defaults",
    "profile_schema",
    "read_manifest",
    "render",
    "shipped_profiles",
    "show_value",
    "starter_profile",
    "task_tags",
    "warm",
    "write",
]
