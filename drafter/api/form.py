"""What a form front end (the web app) needs besides drafts: the schema its form is generated
from, the fields' labels, a genre's defaults, the profiles drafter ships, and the preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import library
from ..model import Document


def profile_schema() -> dict[str, Any]:
    """The profile schema as cerberus rules (a rule per field, in schema order), built from the
    library's choices: the schema validation runs, so a form generated from it never drifts."""
    from ..profile.schema import profile_schema as schema

    return schema(library.load())


def field_texts() -> dict[str, dict[str, Any]]:
    """Each profile field's label, help and value labels, by dotted path (templates/fields.yaml),
    in Chinese and English: what `drafter init`'s comments say too."""
    from ..profile.starter import field_texts as texts

    return texts()


def profile_defaults(genre: str | None = None) -> dict[str, Any]:
    """What a profile of ``genre`` (default: the default genre's) gets for a field it leaves out:
    templates/defaults.yaml with the genre's own defaults over it; a copy each call."""
    from ..profile.load import defaults

    return defaults(library.load(), genre)


def shipped_profiles() -> Path:
    """The folder of the profiles drafter ships (the seed counties, the sample, and base/ the
    base profiles `extends:` names): inside the package when installed, else beside drafter/."""
    from ..profile.load import profiles_root

    return profiles_root()


def examples_folder() -> Path:
    """examples/ beside drafter/ (one example profile of each other genre): only in a checkout,
    so it may not exist."""
    return library.templates_root().parent / "examples"


def preview_html(document: Document) -> str:
    """The draft as one HTML <article>, to embed in a page (see ``preview_style``)."""
    from ..writers import html

    return html.fragment(document)


def preview_style() -> str:
    """The CSS ``preview_html``'s article needs: the page's fonts, sizes and indents."""
    from ..writers import html

    return html.STYLE
