"""Genres: templates/genres/<id>/genre.yaml and its texts, checked and loaded into typed objects.

genre.yaml's shape is its schema's to check (library/schemas/genre.py genre_rule, by library/check.py
with every other file); what a schema cannot say, what a genre refers to (its folder's texts,
a catalogue file, a section's variants), is checked here, and loading then trusts the data.

A genre is a kind of document (the 工作方案, a 实施意见 …): its title pattern, its parts, its
ordered sections (each of a *kind* the composer has one builder for), its vocabulary, the levels
and programme kinds it fits and its default legal basis. The format: templates/genres/README.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Any

from ..errors import DrafterError
from ..i18n import _
from ..records import record
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

Add = Callable[[str, tuple[Any, ...], str], None]  # (file under templates/, field path, message)


@record(frozen=True)
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


@record(frozen=True)
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


def genre_files(files: dict[str, Any]) -> list[str]:
    """The genre.yaml files among the library's (genres/<id>/genre.yaml), in folder-name order."""
    return sorted(
        n
        for n in files
        if n.startswith("genres/") and n.count("/") == 2 and n.endswith(f"/{GENRE_FILE}")
    )


def check_references(files: dict[str, Any], root: Path, add: Add) -> None:
    """What genre.yaml refers to, which its schema cannot check: the folder it stands in, the
    texts and files there, the catalogues its items sections name, and its sections' ids."""
    for name in genre_files(files):
        data = files[name]
        if isinstance(data, dict):
            _check_genre(name, data, files, root, add)


def _check_genre(
    name: str, data: dict[str, Any], files: dict[str, Any], root: Path, add: Add
) -> None:
    folder = name.split("/")[1]
    shown = f"templates/genres/{folder}"
    if data.get("id") != folder:
        add(name, ("id",), _("the id must be the folder's name, {name}").format(name=folder))
    words = data.get("vocabulary")
    missing = [w for w in WORDS if w not in words] if isinstance(words, dict) else []
    if missing:
        add(
            name,
            ("vocabulary",),
            _("the vocabulary needs the words {names}").format(names=", ".join(missing)),
        )
    preamble = data.get("preamble")
    if isinstance(preamble, str) and f"genres/{folder}/{preamble}" not in files:
        add(
            name, ("preamble",), _("no file {file} in {folder}").format(file=preamble, folder=shown)
        )
    texts = {p.name for p in (root / "genres" / folder).glob("*.j2")}
    sections = data.get("sections")
    seen: set[str] = set()
    for i, section in enumerate(sections if isinstance(sections, list) else []):
        if not isinstance(section, dict):
            continue
        sid = section.get("id")
        if isinstance(sid, str) and sid in seen:
            add(name, ("sections", i, "id"), _("section id {id} is used twice").format(id=sid))
        seen.add(str(sid))
        _check_section(name, ("sections", i), section, files, texts, add)


def _check_section(
    name: str,
    path: tuple[Any, ...],
    data: dict[str, Any],
    files: dict[str, Any],
    texts: set[str],
    add: Add,
) -> None:
    given = data.get("variants")
    variants: dict[str, Any] = given if isinstance(given, dict) else {}
    for variant, file in variants.items():
        if file not in texts:
            add(
                name,
                (*path, "variants", variant),
                _("no text {file} in the genre's folder").format(file=file),
            )
    given = data.get("defaults")
    defaults: dict[str, Any] = given if isinstance(given, dict) else {}
    for programme, variant in defaults.items():
        if variant not in variants:
            add(
                name,
                (*path, "defaults", programme),
                _("unknown variant {name} (known: {names})").format(
                    name=variant, names=", ".join(variants) or "-"
                ),
            )
    kind = data.get("kind")
    if kind == "prose" and not variants:
        add(name, (*path, "variants"), _("a prose section needs at least one variant"))
    if kind in LISTED_KINDS and not (data.get("library") and data.get("field")):
        add(name, path, _("an items section names its library and its field"))
    library = data.get("library")
    if kind in LISTED_KINDS and isinstance(library, str):
        catalogue = files.get(f"catalogue/{library}.yaml")
        if catalogue is None:
            add(
                name,
                (*path, "library"),
                _("no catalogue templates/catalogue/{name}.yaml").format(name=library),
            )
        elif not isinstance(catalogue, dict) or not isinstance(catalogue.get(library), dict):
            add(
                name,
                (*path, "library"),
                _("templates/catalogue/{name}.yaml has no mapping {name}: of items").format(
                    name=library
                ),
            )


def load_genres(
    root: Path, files: dict[str, Any], shared_titles: dict[str, Any]
) -> dict[str, Genre]:
    """Every genre under root/genres, by id, in folder-name order, from files checked already."""
    out: dict[str, Genre] = {}
    for name in genre_files(files):
        genre = _genre(root, name, files, shared_titles)
        out[genre.id] = genre
    # the documents beside a plan (report, department list) are checked when the library loads too
    folder = root / "genres"
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


def _genre(root: Path, name: str, files: dict[str, Any], shared_titles: dict[str, Any]) -> Genre:
    data = files[name]
    folder = name.split("/")[1]
    shown = f"templates/genres/{folder}"
    texts = {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted((root / "genres" / folder).glob("*.j2"))
    }
    sections = tuple(_section(s) for s in data["sections"])
    basis = data.get("legal_basis", {})
    given = basis.get("national", DEFAULT_NATIONAL)
    national = (
        None if given == DEFAULT_NATIONAL else tuple([given] if isinstance(given, str) else given)
    )
    preamble_file = data.get("preamble")
    preambles = files[f"genres/{folder}/{preamble_file}"] if preamble_file else {}
    own_titles = files.get(f"genres/{folder}/{TITLES_FILE}") or {}
    catalogues = {
        s.library: by_id(files[f"catalogue/{s.library}.yaml"][s.library], Item)
        for s in sections
        if s.kind in LISTED_KINDS and s.library
    }
    return Genre(
        id=data["id"],
        summary=data["summary"],
        folder=shown,
        levels=tuple(data["levels"]),
        programmes=tuple(data["programmes"]),
        words=dict(data["vocabulary"]),
        title=data["title"],
        parts=tuple(data["parts"]),
        sections=sections,
        attachments=tuple(data.get("attachments", [])),
        fields=tuple(data["fields"]),
        national=national,
        rounds=bool(basis.get("rounds", True)),
        preambles={str(k): str(v) for k, v in preambles.items()},
        preamble_default=data.get("preamble_default"),
        preamble_file=f"{shown}/{preamble_file}" if preamble_file else None,
        titles={**shared_titles, **own_titles},
        own_titles=frozenset(own_titles),
        texts=texts,
        catalogues=catalogues,
        profile_defaults=dict(data.get("profile_defaults", {})),
    )


def _section(data: dict[str, Any]) -> Section:
    return Section(
        id=data["id"],
        kind=data["kind"],
        headings=tuple(data["headings"]),
        optional=bool(data.get("optional", False)),
        choice=data.get("choice"),
        variants=dict(data.get("variants", {})),
        defaults=dict(data.get("defaults", {})),
        library=data.get("library"),
        field=data.get("field"),
    )
