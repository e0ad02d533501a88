"""Drafts: a profile loaded, drafted, rendered and written; what `drafter build` and `report` do."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import library
from ..errors import DrafterError, OutputError, ProfileError
from ..model import Document
from ..profile.load import BaseTexts, Profile, Source
from ..profile.yamlread import SourceMap
from ..writers import Format, get


def load_profile(
    source: Source,
    *,
    name: str | None = None,
    bases: Path | BaseTexts | None = None,
    overrides: Mapping[str, Any] | None = None,
    overrides_source: SourceMap | None = None,
) -> Profile:
    """A validated profile from a file Path, YAML text or bytes, or a mapping.

    ``name`` is the file name messages show (default: the path, or "<profile>").
    ``bases`` resolves `extends:`: a folder, a mapping of names to YAML texts
    ({"base/shandong.yaml": "..."}), or None — beside a file source, else the shipped
    base profiles. Raises ProfileError holding every problem found.
    """
    from ..profile import load as profiles

    return profiles.from_source(
        source,
        library.load(),
        name=name,
        bases=bases,
        overrides=dict(overrides) if overrides else None,
        overrides_source=overrides_source,
    )


def draft(profile: Profile) -> Document:
    """The plan's document model. Raises ProfileError for what only composing finds
    (every task role the county has not named, a template in the profile that fails)."""
    from ..compose import plan as compose

    try:
        return compose.plan(profile, library.load())
    except ProfileError:
        raise
    except DrafterError as exc:
        raise ProfileError(exc.issues) from None


def draft_notes(profile: Profile, plan: Document | None = None) -> Document:
    """The 起草说明 (drafting notes) of the profile's plan, as a document model. ``plan`` is the
    plan's model (``draft(profile)``, drafted here when not given): the notes read its sections,
    goals and task counts from it. Raises ProfileError like ``draft``."""
    from ..compose.notes import drafting_notes

    plan = plan or draft(profile)
    try:
        return drafting_notes(profile, plan, library.load())
    except ProfileError:
        raise
    except DrafterError as exc:
        raise ProfileError(exc.issues) from None


def companions(profile: Profile, plan: Document, formats: Iterable[str]) -> dict[str, Document]:
    """The documents beside the plan that ``formats`` write (see Format.source), composed once."""
    wanted = {get(fmt).source for fmt in formats} - {"plan"}
    return {"notes": draft_notes(profile, plan)} if "notes" in wanted else {}


def draft_report(
    profile: Profile, actuals: Path | str | bytes, *, name: str | None = None
) -> Document:
    """A progress report's document model: ``actuals`` is a file Path, or its YAML text/bytes.

    Render it like a plan (docx or md). Raises DrafterError listing every fault of the actuals.
    """
    from ..compose.report import progress_report

    source = actuals.encode("utf-8") if isinstance(actuals, str) else actuals
    return progress_report(profile, source, library.load(), name=name)


def render(document: Document, fmt: str, *, comments: bool = True) -> bytes:
    """One format's file content (see FORMATS). An unknown format raises ValueError."""
    return get(fmt).render(document, comments)


def file_names(stem: str, formats: Iterable[str]) -> list[str]:
    """The file names ``write`` gives each format, in order."""
    return [stem + get(fmt).suffix for fmt in formats]


def write(
    document: Document,
    outdir: Path,
    stem: str,
    formats: Iterable[str],
    *,
    comments: bool = True,
    companions: Mapping[str, Document] | None = None,
) -> list[Path]:
    """Render each format and write OUTDIR/<stem><suffix>, atomically; returns the paths.

    A format whose Format.source is not "plan" (notes) writes that document of ``companions``
    (see ``companions()``). A file that cannot be written raises OutputError naming it and why.
    """
    from ..i18n import _
    from ..output import os_reason, write_bytes

    written = []
    for fmt in formats:
        spec: Format = get(fmt)
        target = Path(outdir) / (stem + spec.suffix)
        source = document if spec.source == "plan" else (companions or {}).get(spec.source)
        if source is None:
            raise ValueError(f"format {fmt!r} writes the {spec.source}: pass it in companions")
        try:
            data = spec.render(source, comments)
        except DrafterError as exc:  # a writer that names no file (pdf): name the one it was for
            issues = [i if i.file else replace(i, file=str(target)) for i in exc.issues]
            raise type(exc)(issues) from None
        try:
            write_bytes(target, data)
        except OSError as exc:
            raise OutputError.single(
                str(target),
                None,
                None,
                _("cannot write output: {reason}").format(reason=os_reason(exc)),
            ) from None
        written.append(target)
    return written


def build(
    source: Source,
    outdir: Path,
    formats: Iterable[str] = ("docx",),
    *,
    name: str | None = None,
    stem: str | None = None,
    bases: Path | BaseTexts | None = None,
    comments: bool = True,
    overrides: Mapping[str, Any] | None = None,
    overrides_source: SourceMap | None = None,
) -> list[Path]:
    """load_profile + draft + write, as `drafter build` does for one profile."""
    profile = load_profile(
        source, name=name, bases=bases, overrides=overrides, overrides_source=overrides_source
    )
    document = draft(profile)
    formats = list(formats)
    return write(
        document,
        outdir,
        stem or profile.stem,
        formats,
        comments=comments,
        companions=companions(profile, document, formats),
    )


def build_report(
    profile_source: Source,
    actuals: Path | str | bytes,
    outdir: Path,
    formats: Iterable[str] = ("docx",),
    *,
    stem: str | None = None,
) -> list[Path]:
    """OUTDIR/<stem>.report.docx and/or .md, as `drafter report` writes them."""
    profile = load_profile(profile_source)
    document = draft_report(profile, actuals)
    return write(document, outdir, f"{stem or profile.stem}.report", formats, comments=False)
