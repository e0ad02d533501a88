"""Read and check every YAML file under templates/, each against its own schema (library/schemas/).

A fault is the library's, never the county's: each message names templates/<file>:<line>, the
field and what was expected, and every fault of every file is reported at once (faults.py). Files
are read as a profile is (profile/yamlread/): a duplicate key is a fault, and each field keeps its
line. After the schemas, crosscheck.py checks what a schema cannot say, and alternatives.py the
items that are two wordings of one. The disk cache (library/load.py) means this runs only when a
file under templates/ has changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import DrafterError
from ..profile import yamlread
from . import alternatives, genres, schemas
from .crosscheck import cross_check
from .documents import DOCUMENT_FILE
from .faults import Faults, LibraryError
from .genres import GENRE_FILE
from .ids import defined_ids
from .schemas.document import document_rule

__all__ = ["LibraryError", "read"]


def read(root: Path) -> dict[str, Any]:
    """Every YAML file under ``root``, by its path under it ("catalogue/tasks.yaml"), checked."""
    paths = sorted(p for p in root.rglob("*.yaml") if p.is_file())
    data: dict[str, Any] = {}
    maps: dict[str, yamlread.SourceMap] = {}
    for path in paths:
        name = path.relative_to(root).as_posix()
        try:
            data[name], maps[name] = yamlread.read(path, f"{root.name}/{name}")
        except DrafterError as error:
            raise LibraryError(error.issues) from None
    faults = Faults(maps)
    ids = defined_ids(data)
    rules = schemas.schemas(ids)
    for name, value in data.items():
        rule = _rule(name, rules, ids)
        if rule is not None:
            faults.check(name, value, rule)
    cross_check(data, ids, faults.add)
    alternatives.check(data, faults.add)
    genres.check_references(data, root, faults.add)
    faults.raise_any()
    return data


def _rule(name: str, rules: dict[str, dict[str, Any]], ids: schemas.Ids) -> dict[str, Any] | None:
    """A file's schema: its own, a genre's or a document's, else (a text file not yet known here) a mapping of texts,
    or (a catalogue file not known here) a catalogue of items.

    defaults.yaml is a profile's bottom layer: the profile schema checks it, merged."""
    if name in rules:
        return rules[name]
    if name.startswith("genres/") and name.endswith(f"/{GENRE_FILE}"):
        return schemas.genre_rule(ids)
    if name.startswith("genres/") and name.endswith(f"/{DOCUMENT_FILE}"):
        return document_rule()
    if name.startswith(("genres/", "text/")):
        return schemas.text_file_rule()
    if name.startswith("catalogue/"):
        return schemas.items_file_rule(name.removeprefix("catalogue/").removesuffix(".yaml"), ids)
    return None
