"""Genres: templates/genres/<id>/genre.yaml and its texts, checked and loaded into typed objects.

A genre is a kind of document (the 工作方案, a 实施意见 …): its title pattern, its parts, its
ordered sections (each of a *kind* the composer has one builder for), its vocabulary, the levels
and programme kinds it fits and its default legal basis. The format: templates/genres/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DrafterError
from ..i18n import _
from ..profile.yamlread import SourceMap, parse
from .checker import Checker, list_of, mapping_of
from .documents import DOCUMENT_FILE, load_document
from .entries import Item, by_id

DEFAULT_GENRE = "work_plan"
# The section kinds drafter/compose has a builder for (tests/test_genres.py keeps the two equal).
KINDS = ("prose", "principles", "goals", "tasks", "items", "steps")
# kinds whose entries come from a catalogue (library:) in the order of a plan.<field> list
LISTED_KINDS = ("items", "steps")
PARTS = ("notice", "issued", "body", "attachments")
ATTACHMENTS = ("members", "division", "indicators")
DEFAULT_NATIONAL = "default"  # legal_basis.national: the catalogue's own national list
GENRE_FILE = "genre.yaml"
# vocabulary every genre has: the catalogue's texts say {{ genre.words.full_doc }} and .programme
WORDS = ("doc", "this_doc", "making", "full_doc", "programme")
TITLES_FILE = "titles.yaml"

_GENRE_KEYS = {
    "id": True,
    "summary": True,
    "levels": True,
    "programmes": True,
    "vocabulary": True,
    "title": True,
    "legal_basis": False,
    "parts": True,
    "preamble": False,
    "preamble_default": False,
    "sections": True,
    "attachments": False,
    "fields": True,
    "profile_defaults": False,
}
_SECTION_KEYS = {
    "id": True,
    "kind": True,
    "headings": True,
    "optional": False,
    "choice": False,
    "variants": False,
    "defaults": False,
    "library": False,
    "field": False,
}


@dataclass(frozen=True)
class Section:
    """One section of a genre's body: its kind picks the builder, its id only names it."""

    id: str
    kind: str
    headings: tuple[str, ...]
    optional: bool = False
    choice: str | None = None  # the plan.<choice> field that picks a variant
    variants: dict[str, str] = field(default_factory=dict)  # variant name -> text file
    defaults: dict[str, str] = field(default_factory=dict)  # programme kind -> variant name
    library: str | None = None  # items, steps: the catalogue the entries come from
    field: str | None = None  # items, steps: the plan.<field> list of entry ids


@dataclass(frozen=True)
class Genre:
    id: str
    summary: str
    folder: str  # templates/genres/<id>, as messages name it
    levels: tuple[str, ...]
    programmes: tuple[str, ...]
    words: dict[str, str]
    title: str
    parts: tuple[str, ...]
    sections: tuple[Section, ...]
    attachments: tuple[str, ...]
    fields: tuple[str, ...]
    national: tuple[str, ...] | None  # None: the catalogue's national list
    rounds: bool
    preambles: dict[str, str]
    preamble_default: str | None
    preamble_file: str | None
    titles: dict[str, Any]  # the shared titles with the genre's own over them
    own_titles: frozenset[str]
    texts: dict[str, str]  # the folder's .j2 texts by file name
    # items sections' catalogues: templates/catalogue/<library>.yaml's <library> mapping, by name
    catalogues: dict[str, dict[str, Item]] = field(default_factory=dict)
    # what a profile of this genre gets for a field it leaves out, over templates/defaults.yaml
    profile_defaults: dict[str, Any] = field(default_factory=dict)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def title_file(self, key: str) -> str:
        if key in self.own_titles:
            return f"{self.folder}/{TITLES_FILE}"
        return f"templates/text/{TITLES_FILE}"

    def kinds(self) -> set[str]:
        return {s.kind for s in self.sections}


def load_genres(root: Path, shared_titles: dict[str, Any]) -> dict[str, Genre]:
    """Every genre under root/genres, by id, in folder-name order."""
    out: dict[str, Genre] = {}
    folder = root / "genres"
    for path in sorted(folder.glob(f"*/{GENRE_FILE}")) if folder.is_dir() else []:
        genre = _genre(root, path, shared_titles)
        out[genre.id] = genre
    # the documents beside a plan (report, department list) are checked when the library loads too
    for path in sorted(folder.glob(f"*/{DOCUMENT_FILE}")) if folder.is_dir() else []:
        load_document(root, path.parent.name)
    if DEFAULT_GENRE not in out:
        raise DrafterError.single(
            f"templates/genres/{DEFAULT_GENRE}/{GENRE_FILE}",
            None,
            None,
            _("the default genre {genre} is missing").format(genre=DEFAULT_GENRE),
        )
    return out


def _read_yaml(path: Path, name: str) -> tuple[Any, SourceMap]:
    return parse(path.read_bytes(), name)


def _genre(root: Path, path: Path, shared_titles: dict[str, Any]) -> Genre:
    folder = path.parent
    shown = f"templates/genres/{folder.name}"
    name = f"{shown}/{GENRE_FILE}"
    data, smap = _read_yaml(path, name)
    check = Checker(name, smap)
    if not check.keys(data, _GENRE_KEYS, ()):
        raise DrafterError(check.issues)
    if data.get("id") != folder.name:
        check.add(("id",), _("the id must be the folder's name, {name}").format(name=folder.name))
    # Levels and programme kinds are not checked against levels.yaml and choices.yaml: the
    # schema allows only those, so one the catalogue lacks is merely never chosen.
    words = check.mapping(data, "vocabulary", ())
    missing = [w for w in WORDS if w not in words]
    if missing:
        check.add(
            ("vocabulary",),
            _("the vocabulary needs the words {names}").format(names=", ".join(missing)),
        )
    genre_levels = check.texts(data, "levels", ())
    genre_programmes = check.texts(data, "programmes", ())
    parts = check.texts(data, "parts", ())
    check.among(parts, PARTS, ("parts",))
    attachments = check.texts(data, "attachments", ())
    check.among(attachments, ATTACHMENTS, ("attachments",))
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.j2"))}
    sections = [
        _section(check, s, i, texts) for i, s in enumerate(list_of(check, data, "sections"))
    ]
    ids = [s.id for s in sections if s]
    for i, sid in enumerate(ids):
        if sid in ids[:i]:
            check.add(("sections", i, "id"), _("section id {id} is used twice").format(id=sid))
    basis = data.get("legal_basis", {})
    national: tuple[str, ...] | None = None
    rounds = True
    if check.keys(basis, {"national": False, "rounds": False}, ("legal_basis",)):
        given = basis.get("national", DEFAULT_NATIONAL)
        if given != DEFAULT_NATIONAL:
            national = tuple(check.texts(basis, "national", ("legal_basis",)))
        rounds = bool(basis.get("rounds", True))
    preambles: dict[str, str] = {}
    preamble_file = data.get("preamble")
    if preamble_file is not None:
        pre_path = folder / str(preamble_file)
        if not pre_path.is_file():
            check.add(
                ("preamble",),
                _("no file {file} in {folder}").format(file=preamble_file, folder=shown),
            )
        else:
            pre_data, _pre_map = _read_yaml(pre_path, f"{shown}/{preamble_file}")
            if isinstance(pre_data, dict):
                preambles = {str(k): str(v) for k, v in pre_data.items()}
    own_titles: dict[str, Any] = {}
    if (folder / TITLES_FILE).is_file():
        own_titles = _read_yaml(folder / TITLES_FILE, f"{shown}/{TITLES_FILE}")[0] or {}
    catalogues = {}
    for i, section in enumerate(sections):
        if section and section.kind in LISTED_KINDS and section.library:
            catalogues[section.library] = _catalogue(check, root, section.library, i)
    if check.issues:
        raise DrafterError(check.issues)
    return Genre(
        id=data["id"],
        summary=check.text(data, "summary", ()),
        folder=shown,
        levels=tuple(genre_levels),
        programmes=tuple(genre_programmes),
        words=words,
        title=check.text(data, "title", ()),
        parts=tuple(parts),
        sections=tuple(s for s in sections if s),
        attachments=tuple(attachments),
        fields=tuple(check.texts(data, "fields", ())),
        national=national,
        rounds=rounds,
        preambles=preambles,
        preamble_default=data.get("preamble_default"),
        preamble_file=f"{shown}/{preamble_file}" if preamble_file else None,
        titles={**shared_titles, **own_titles},
        own_titles=frozenset(own_titles),
        texts=texts,
        catalogues=catalogues,
        profile_defaults=mapping_of(check, data, "profile_defaults"),
    )


def _catalogue(check: Checker, root: Path, name: str, i: int) -> dict[str, Item]:
    path = root / "catalogue" / f"{name}.yaml"
    if not path.is_file():
        check.add(
            ("sections", i, "library"),
            _("no catalogue templates/catalogue/{name}.yaml").format(name=name),
        )
        return {}
    data = _read_yaml(path, f"templates/catalogue/{name}.yaml")[0]
    items = data.get(name) if isinstance(data, dict) else None
    if not isinstance(items, dict):
        check.add(
            ("sections", i, "library"),
            _("templates/catalogue/{name}.yaml has no mapping {name}: of items").format(name=name),
        )
        return {}
    return by_id(items, Item)


def _section(check: Checker, data: Any, i: int, texts: dict[str, str]) -> Section | None:
    path = ("sections", i)
    if not check.keys(data, _SECTION_KEYS, path):
        return None
    kind = check.text(data, "kind", path)
    if kind not in KINDS:
        check.add(
            (*path, "kind"),
            _("unknown section kind {kind} (known: {names})").format(
                kind=kind, names=", ".join(KINDS)
            ),
        )
    headings = check.texts(data, "headings", path)
    if not headings:
        check.add((*path, "headings"), _("a section needs at least one heading"))
    variants = check.mapping(data, "variants", path)
    for name, file in variants.items():
        if file not in texts:
            check.add(
                (*path, "variants", name),
                _("no text {file} in the genre's folder").format(file=file),
            )
    defaults = check.mapping(data, "defaults", path)
    for programme, name in defaults.items():
        if name not in variants:
            check.add(
                (*path, "defaults", programme),
                _("unknown variant {name} (known: {names})").format(
                    name=name, names=", ".join(variants) or "-"
                ),
            )
    if kind == "prose" and not variants:
        check.add((*path, "variants"), _("a prose section needs at least one variant"))
    if kind in LISTED_KINDS and not (data.get("library") and data.get("field")):
        check.add(path, _("an items section names its library and its field"))
    return Section(
        id=check.text(data, "id", path),
        kind=kind,
        headings=tuple(headings),
        optional=bool(data.get("optional", False)),
        choice=data.get("choice"),
        variants=variants,
        defaults=defaults,
        library=data.get("library"),
        field=data.get("field"),
    )
