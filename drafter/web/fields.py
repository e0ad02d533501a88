"""The web form, generated from the profile schema so that it never drifts from validation.

``form_tree`` turns the cerberus schema into a tree of Fields (labels and help from
templates/fields.yaml, the source `drafter init`'s comments use); ``collect`` reads a submitted
form back into profile data. Values the clerk typed stay as typed where they are not what the
field expects, so validation answers in the command line's own words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from starlette.datastructures import FormData

from .. import api

# How a cerberus rule is shown: one kind per widget.
GROUP, TEXT, LONGTEXT, NUMBER, DATE, BOOL, CHOICE, CHOICES, TEXTS, RECORDS, KEYED = (
    "group",
    "text",
    "longtext",
    "number",
    "date",
    "bool",
    "choice",
    "choices",
    "texts",
    "records",
    "keyed",
)
LONG_TEXT = 2000  # a text field allowed more than this gets a text area
# Fields the task chooser shows instead of the generic form.
TASK_FIELDS = ("tasks",)
ORDER_KEY = re.compile(r"^\d{1,4}$")  # a record's position in a submitted list


@dataclass
class Field:
    path: tuple[str, ...]  # schema path: list items and keyed entries drop their index
    kind: str
    required: bool = False
    choices: list[str] = field(default_factory=list)
    children: list[Field] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # for KEYED: the allowed keys
    item: Field | None = None  # for KEYED with mapping values: one entry's form

    @property
    def name(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


def _kind(rule: dict[str, Any]) -> str:
    kind = rule.get("type")
    if kind == "dict":
        return KEYED if "keysrules" in rule else GROUP
    if kind == "list":
        item = rule.get("schema", {})
        if item.get("type") == "dict":
            return RECORDS
        return CHOICES if "allowed" in item else TEXTS
    if kind == "string":
        if "allowed" in rule:
            return CHOICE
        return LONGTEXT if rule.get("maxlength", 0) > LONG_TEXT else TEXT
    if kind in ("integer", "count", "number"):
        return NUMBER
    if kind == "date":
        return DATE
    if kind == "boolean":
        return BOOL
    return TEXT


def _field(path: tuple[str, ...], rule: dict[str, Any]) -> Field:
    kind = _kind(rule)
    out = Field(path, kind, required=bool(rule.get("required")))
    if kind == GROUP:
        out.children = [_field(path + (k,), r) for k, r in rule.get("schema", {}).items()]
    elif kind == RECORDS:
        out.children = [_field(path + (k,), r) for k, r in rule["schema"]["schema"].items()]
    elif kind == CHOICE:
        out.choices = list(rule["allowed"])
    elif kind == CHOICES:
        out.choices = list(rule["schema"]["allowed"])
    elif kind == KEYED:
        out.keys = list(rule["keysrules"].get("allowed", []))
        values = rule.get("valuesrules", {})
        out.item = _field(path, values)
    return out


@lru_cache(maxsize=1)
def form_tree() -> list[Field]:
    """Every top-level field of the profile schema, in schema order."""
    schema = api.profile_schema()
    return [_field((k,), r) for k, r in schema.items()]


def find(dotted: str) -> Field:
    """The field at a dotted schema path (``leading_group.members.name``)."""
    parts = dotted.split(".")
    fields = form_tree()
    node: Field | None = None
    for i, part in enumerate(parts):
        node = next((f for f in fields if f.name == part), None)
        if node is None:
            raise KeyError(dotted)
        fields = node.children or (node.item.children if node.item else [])
        if node.kind == KEYED and i + 1 < len(parts) and node.item:
            fields = node.item.children
    assert node is not None
    return node


def all_paths() -> list[str]:
    """Every schema path the form shows, for the test that each has a label."""
    out: list[str] = []

    def walk(fields: list[Field]) -> None:
        for f in fields:
            out.append(f.dotted)
            walk(f.children)
            if f.item and f.item.kind == GROUP:
                walk(f.item.children)

    walk(form_tree())
    return out


@lru_cache(maxsize=1)
def texts() -> dict[str, dict[str, Any]]:
    return api.field_texts()


def label(dotted: str, lang: str) -> str:
    entry = texts().get(dotted, {})
    return entry.get("en" if lang == "en" else "zh") or dotted.rsplit(".", 1)[-1]


def help_text(dotted: str, lang: str) -> str:
    return texts().get(dotted, {}).get("help_en" if lang == "en" else "help", "")


def choice_label(dotted: str, value: str) -> str:
    return str(texts().get(dotted, {}).get("choices", {}).get(value, value))


# -- reading a submitted form ----------------------------------------------------------------


def _scalar(f: Field, raw: str) -> Any:
    """A typed value, or the text itself when it is not what the field expects."""
    text = raw.strip()
    if f.kind == NUMBER:
        if re.fullmatch(r"-?\d{1,15}", text):
            return int(text)
        if re.fullmatch(r"-?\d{1,15}\.\d{1,12}", text):
            return float(text)
        return text
    if f.kind == DATE:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if f.kind == BOOL:
        return {"true": True, "false": False}.get(text, text)
    return raw.replace("\r\n", "\n").strip()


@lru_cache(maxsize=1)
def defaults() -> dict[str, Any]:
    """What a profile gets for a field it leaves out (templates/defaults.yaml)."""
    with (api.content().root / "defaults.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _default(path: tuple[str, ...], base: dict[str, Any] | None = None) -> Any:
    node: Any = defaults() if base is None else base
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def collect(
    form: FormData,
    fields: list[Field] | None = None,
    prefix: str = "",
    base: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Profile data from a submitted form: empty fields are left out, so defaults apply.

    Ticked boxes that say what the defaults say are left out too: the profile stays short.
    ``base``: the defaults of the form's genre (default: templates/defaults.yaml).
    """
    out: dict[str, Any] = {}
    for f in form_tree() if fields is None else fields:
        name = f"{prefix}{f.name}"
        value = _collect_one(form, f, name, base)
        if f.kind == CHOICES and value is not None and not prefix.count(".") > len(f.path):
            if value == (_default(f.path, base) or []):
                value = None
        if value not in (None, "", {}):
            out[f.name] = value
    return out


def _collect_one(form: FormData, f: Field, name: str, base: dict[str, Any] | None) -> Any:
    if f.kind == GROUP:
        return collect(form, f.children, name + ".", base)
    if f.kind == TEXTS:
        # No items: left out, so a base profile's list (or the default) still applies.
        items = form.getlist(name)
        return [str(v).strip() for v in items] or None
    if f.kind == CHOICES:
        chosen = [str(v) for v in form.getlist(name)]
        # A hidden "name!" marks that the checkboxes were shown, so none ticked means an empty list.
        return chosen if chosen or f"{name}!" in form else None
    if f.kind == RECORDS:
        rows = sorted(
            {
                key.split(".")[len(f.path)]
                for key in form.keys()
                if key.startswith(name + ".")
                and ORDER_KEY.match(key[len(name) + 1 :].split(".")[0])
            },
            key=int,
        )
        return [collect(form, f.children, f"{name}.{row}.", base) for row in rows] or None
    if f.kind == KEYED and f.item is not None:
        entries: dict[str, Any] = {}
        for key in f.keys:
            value = _collect_one(form, f.item, f"{name}.{key}", base)
            if value not in (None, "", {}):
                entries[key] = value
        return entries
    raw = form.get(name)
    if raw is None or str(raw).strip() == "":
        return None
    return _scalar(f, str(raw))


def columns(item: Field | None) -> list[tuple[str, Field]]:
    """A keyed entry's fields as table columns: ``baseline.value`` for a nested one."""
    out: list[tuple[str, Field]] = []
    for child in item.children if item else []:
        if child.kind == GROUP:
            out += [(f"{child.name}.{c.name}", c) for c in child.children]
        else:
            out.append((child.name, child))
    return out


def dig(value: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def wordings(indicator: str) -> list[str]:
    """The wordings an indicator offers (templates/catalogue/indicators.yaml)."""
    return list(api.content().indicators[indicator].wordings or {})


def placeholder(dotted: str, key: str, values: dict[str, Any]) -> str:
    """What a keyed text gets when left empty: the level's own word, for county.words."""
    if dotted != "county.words":
        return ""
    county = values.get("county")
    level = county.get("level") if isinstance(county, dict) else None
    lib = api.content()
    level = level if isinstance(level, str) and level in lib.levels else lib.default_level
    return str(lib.levels[level].get(key, ""))
