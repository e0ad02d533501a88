"""The content library: everything under templates/, loaded once per process."""

from __future__ import annotations

import pickle
from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import diskcache
from ..errors import DrafterError
from ..records import record
from .entries import (
    Goal,
    Group,
    Guidance,
    Heading,
    Indicator,
    Item,
    Role,
    Round,
    Task,
    TaskParam,
    by_id,
)
from .genres import Genre, load_genres


def templates_root() -> Path:
    """templates/ ships inside the package when installed; in a checkout it sits beside drafter/."""
    here = Path(__file__).resolve().parent.parent  # the drafter package
    installed = here / "templates"
    return installed if installed.is_dir() else here.parent / "templates"


@record(frozen=True)
class Library:
    root: Path
    levels: dict[str, dict[str, str]]
    genres: dict[str, Genre]  # templates/genres/<id>/ (drafter/library/genres.py)
    notice: dict[str, str]
    titles: dict[str, str]
    reading: dict[str, str]  # the marks and words text is read by (text/reading.yaml)
    numbering: dict[str, str]  # heading numbers' marks and numerals (text/numbering.yaml)
    check_text: dict[str, Any]  # how `drafter check` reads a .docx (text/check.yaml)
    figures: dict[str, int]  # when a count prints in 万 (text/figures.yaml)
    responsibility: dict[str, dict[str, str]]
    notes: dict[str, str]
    drafting_text: dict[str, Any]  # the 起草说明's words (text/notes_drafting.yaml)
    imprint: dict[str, Any]
    # the catalogue, typed (library/entries.py)
    tasks: list[Task]
    groups: dict[str, Group]
    layouts: dict[str, list[Heading]]
    roles: dict[str, Role]
    principles: dict[str, Item]
    safeguards: dict[str, Item]
    goals: dict[str, Goal]
    indicators: dict[str, Indicator]
    documents: dict[str, str]
    national_policies: list[str]
    rounds: dict[int, Round]
    joins: dict[str, str]
    task_params: dict[str, TaskParam]
    programme_kinds: tuple[str, ...]
    statuses: tuple[str, ...]
    member_titles: tuple[str, ...]
    meeting_verbs: tuple[str, ...]
    guidance: list[Guidance]  # 指导思想's opening line by date (catalogue/guidance.yaml)
    # legal_bases.yaml `since`: the year a document was issued, where its title or number says it
    document_since: dict[str, int] = field(default_factory=dict)

    @property
    def level_ids(self) -> tuple[str, ...]:
        """The levels a county may have, in templates/catalogue/levels.yaml's order."""
        return tuple(self.levels)

    @property
    def default_level(self) -> str:
        """The level a form starts at, and whose words stand in when a level is not yet known: the first."""
        return next(iter(self.levels))

    def text_template(self, name: str) -> str:
        return (self.root / "text" / name).read_text(encoding="utf-8")

    @property
    def task_ids(self) -> list[str]:
        return [t.id for t in self.tasks]

    def task(self, task_id: str) -> Task:
        return next(t for t in self.tasks if t.id == task_id)


# The code that reads and checks the files: a change to it is a change to what is cached.
_HERE = Path(__file__).resolve().parent
_READERS = (
    *sorted(_HERE.rglob("*.py")),  # the library's readers, schemas and checks
    _HERE.parent / "schemacheck.py",
    *sorted((_HERE.parent / "profile" / "yamlread").glob("*.py")),
)


@lru_cache(maxsize=4)
def load(root: Path | None = None) -> Library:
    """The library, read once per process; from drafter's disk cache while its files are unchanged.

    Every file is checked against its schema when read (library/check.py); a fault raises
    LibraryError naming templates/<file>:<line> and the field. A cached library was checked
    when it was stored, and any change to a file or to the reading code misses the cache.
    """
    root = root or templates_root()
    files = [p for p in root.rglob("*") if p.suffix in (".yaml", ".j2") and p.is_file()]
    code = [p.read_bytes() for p in (Path(__file__), *_READERS)]
    key = diskcache.file_digest(files, [*code, str(root).encode()])
    name = f"library-{diskcache.TAG}-{diskcache.digest([str(root).encode()])[:8]}.pickle"
    data = diskcache.read(name)
    if data:
        try:
            cached_key, lib = pickle.loads(data)  # noqa: S301 - drafter's own cache file
        except Exception:  # noqa: BLE001 - a broken cache is rebuilt
            cached_key = None
        if cached_key == key and isinstance(lib, Library):
            return lib
    lib = _read(root)
    diskcache.write(name, pickle.dumps((key, lib)))
    return lib


def _read(root: Path) -> Library:
    from . import check  # only on a cache miss: a cached library was checked when stored

    files = check.read(root)

    def _yaml(path: Path) -> Any:
        return files[path.relative_to(root).as_posix()]

    cat = root / "catalogue"
    groups = _yaml(cat / "groups.yaml")
    bases = _yaml(cat / "legal_bases.yaml")
    choices = _yaml(cat / "choices.yaml")
    levels = _yaml(cat / "levels.yaml")
    titles = _yaml(root / "text" / "titles.yaml")
    return Library(
        root=root,
        levels=levels,
        genres=_genres(root, files, titles),
        notice=_yaml(root / "text" / "notice.yaml"),
        titles=titles,
        reading=_yaml(root / "text" / "reading.yaml"),
        numbering=_yaml(root / "text" / "numbering.yaml"),
        check_text=_yaml(root / "text" / "check.yaml"),
        figures=_yaml(root / "text" / "figures.yaml"),
        responsibility=_yaml(root / "text" / "responsibility.yaml"),
        notes=_yaml(root / "text" / "notes.yaml"),
        drafting_text=_yaml(root / "text" / "notes_drafting.yaml"),
        imprint=_yaml(root / "text" / "imprint.yaml"),
        tasks=[Task.read(t) for t in _yaml(cat / "tasks.yaml")["tasks"]],
        groups=by_id(groups["groups"], Group),
        layouts={k: [Heading(**h) for h in v] for k, v in groups["layouts"].items()},
        roles=by_id(_yaml(cat / "roles.yaml")["roles"], Role),
        principles=by_id(_yaml(cat / "principles.yaml")["principles"], Item),
        safeguards=by_id(_yaml(cat / "safeguards.yaml")["safeguards"], Item),
        goals={k: Goal.read(v) for k, v in _yaml(cat / "goals.yaml")["goals"].items()},
        indicators=by_id(_yaml(cat / "indicators.yaml")["indicators"], Indicator),
        documents=bases["documents"],
        national_policies=list(bases["national"]),
        rounds={int(k): Round(**v) for k, v in bases["rounds"].items()},
        document_since=dict(bases.get("since", {})),
        joins=_yaml(root / "text" / "joins.yaml"),
        task_params=by_id(_yaml(cat / "task_params.yaml")["params"], TaskParam),
        programme_kinds=tuple(choices["programme_kinds"]),
        statuses=tuple(choices["statuses"]),
        member_titles=tuple(choices["member_titles"]),
        meeting_verbs=tuple(choices["meeting_verbs"]),
        guidance=[Guidance(**g) for g in _yaml(cat / "guidance.yaml")["guidance"]],
    )


def _genres(root: Path, files: dict[str, Any], titles: dict[str, Any]) -> dict[str, Genre]:
    try:
        return load_genres(root, files, titles)
    except DrafterError as error:  # a genre's fault is the library's, not the county's
        from .check import LibraryError

        raise LibraryError(error.issues) from None
