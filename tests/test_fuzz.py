"""Mutated profiles: the loader and validator accept or reject with a clear error, never anything else;
a profile that validates always builds; and at least half the examples do build, so the build path is
tested, not only rejection.

Each run counts its examples and asserts the floor. CI runs a few hundred examples, derandomised; a
local run keeps its failures in a fixed example database (.hypothesis/ at the root) to replay them;
a nightly run sets DRAFTER_FUZZ_EXAMPLES=10000.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from collections import Counter
from typing import Any

import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from drafter import api, library, limits
from drafter.profile import schema
from drafter.profile.validate import TEMPLATE_MARKERS
from drafter.profile.yamlread import XML_INVALID
from drafter.schemacheck import schema_at as _schema_at

EXAMPLES = int(os.environ.get("DRAFTER_FUZZ_EXAMPLES", "100"))
CI = bool(os.environ.get("CI"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=CI,
    database=None if CI else DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples")),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
BUILD_FLOOR = 0.5  # at least this share of the examples must build a draft
# Tenths of the examples that keep their mutation buildable (valid enum fields, comment-placed
# junk, storable text): 6 of 10 put the expected build share at ~0.5-0.55, so random runs dipped
# under the floor (48 of 100, in the mangled texts and in the mutated profiles alike).
BUILDABLE_TENTHS = 8
LIB = library.load()
SCHEMA = schema.profile_schema(LIB)
SEEDS = [
    yaml.safe_load(
        (ROOT / "tests" / "bad_inputs" / "bases" / "taishan.yaml").read_text(encoding="utf-8")
    ),
    yaml.safe_load((ROOT / "profiles" / "rongcheng.yaml").read_text(encoding="utf-8")),
    yaml.safe_load((ROOT / "examples" / "sample-county.yaml").read_text(encoding="utf-8")),
]
for seed in SEEDS:
    seed.pop("extends", None)
    seed["county"].setdefault("province", "山东省")

# Dumped once: the mangled-text examples start from these (dumping a profile was a fifth of an
# example's time).
SEED_TEXTS = [yaml.safe_dump(seed, allow_unicode=True, sort_keys=False) for seed in SEEDS]

HOSTILE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "{{ county.name }}",
            "{{ x }}",
            "{% for i in range(99999) %}x{% endfor %}",
            "}}{{",
            "{#",
            "\x01",
            "\x0b",
            "\ufffe",
            "\u202e",
            "None",
            "null",
            "~",
            "",
            " ",
            "'",
            '"',
            "\\",
            "&a",
            "*a",
            "---",
            "\t",
            "区",
            "县级市",
            "2022-13-40",
            "1e309",
            "-1",
            "0",
            "{{ ''.__class__ }}",
            "a" * 5000,
        ]
    ),
)
# Hostile to a template or a writer, yet text a profile may hold: no control character, not
# empty, not over a length limit.
STORABLE = HOSTILE.filter(  # what any text field takes: a short name, no template markers
    lambda t: (
        t.strip() != ""
        and len(t) <= limits.MAX_NAME_CHARS
        and not XML_INVALID.search(t)
        and not TEMPLATE_MARKERS.search(t)
        and t != "~"
    )
)
VALUES = st.one_of(
    HOSTILE,
    st.integers(-(10**6), 10**12),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.lists(HOSTILE, max_size=3),
    st.dictionaries(HOSTILE, HOSTILE, max_size=2),
    st.dates(dt.date(1800, 1, 1), dt.date(2200, 1, 1)),
)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths(v, prefix + (i,))
    return out


def _other_genres_only() -> dict[tuple, set]:
    """Enum values the schema allows for some genre but the work plan (every fuzzed profile's
    genre) does not fit: a valid mutation keeps to the profile's own genre."""
    lib = library.load()
    own = lib.genres["work_plan"]
    out: dict[tuple, set] = {
        ("county", "level"): set(lib.levels) - set(own.levels),
        ("programme", "kind"): set(lib.programme_kinds) - set(own.programmes),
        ("genre",): set(lib.genres) - {"work_plan"},
    }
    for genre in lib.genres.values():
        for section in genre.sections:
            if section.variants:
                key = ("plan", section.choice or section.id)
                out.setdefault(key, set()).update(section.variants)
    for section in own.sections:
        if section.variants:
            out[("plan", section.choice or section.id)] -= set(section.variants)
    return out


OTHER_GENRES_ONLY = _other_genres_only()


def allowed_at(path: tuple) -> tuple[str, list] | None:
    """("one", choices) for an enum field, ("some", choices) for a list of them, else None."""
    rules = (_schema_at(SCHEMA, path) or {}).get(path[-1]) if path else None
    if not isinstance(rules, dict):
        return None
    if "allowed" in rules:
        return "one", [c for c in rules["allowed"] if c not in OTHER_GENRES_ONLY.get(path, ())]
    items = rules.get("schema")
    if rules.get("type") == "list" and isinstance(items, dict) and "allowed" in items:
        return "some", list(items["allowed"])
    return None


def enum_paths(data: dict) -> list[tuple]:
    return [p for p in paths(data) if allowed_at(p)]


def mutate(data: dict, draw, valid: bool) -> dict:
    """1-3 changes: ``valid`` ones set an enum field to one of its allowed values (a list of them to
    a few); the others drop, replace or add anything anywhere."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(enum_paths(data) if valid else paths(data)))
        parent = data
        for part in where[:-1]:
            parent = parent[part]
        key = where[-1]
        if valid:
            kind, choices = allowed_at(where)  # type: ignore[misc]
            if kind == "one":
                parent[key] = draw(st.sampled_from(choices))
            else:
                parent[key] = draw(st.lists(st.sampled_from(choices), max_size=4, unique=True))
            continue
        action = draw(st.sampled_from(["drop", "replace", "add"]))
        if action == "drop" and isinstance(parent, dict):
            parent.pop(key, None)
        elif action == "add" and isinstance(parent, dict):
            parent[draw(HOSTILE) or "x"] = draw(VALUES)
        else:
            parent[key] = draw(VALUES)
    return data


NAME = "county.yaml"


def must_accept_or_reject(text: str, tally: Counter) -> None:
    """Load and draft in memory; a DrafterError naming the file is a fine answer. A draft that
    composes must render in every in-memory format."""
    tally["examples"] += 1
    try:
        document = api.draft(api.load_profile(text, name=NAME))
    except api.DrafterError as exc:
        assert isinstance(exc, api.ProfileError), exc
        assert exc.issues and all(i.file == NAME and i.code for i in exc.issues), exc.issues
        assert all(str(i).startswith(NAME) for i in exc.issues), exc.issues
        return
    tally["drafted"] += 1
    assert api.render(document, "docx")[:2] == b"PK"
    markdown = api.render(document, "md").decode("utf-8")
    if "None" not in text:  # a "None" the profile itself wrote is the clerk's text, not a gap
        assert "None" not in markdown
    tally["built"] += 1


def assert_floor(tally: Counter) -> None:
    print(dict(tally))  # shown with -s: how many examples built
    assert tally["built"] == tally["drafted"], tally  # every draft that composes renders
    assert tally["built"] >= BUILD_FLOOR * tally["examples"], tally


def test_mutated_profiles():
    tally: Counter = Counter()

    @FUZZ
    @given(st.data())
    def run(data):
        seed = data.draw(st.sampled_from(SEEDS))
        valid = data.draw(st.integers(0, 9)) < BUILDABLE_TENTHS  # most keep enum fields valid
        tally["valid mutations" if valid else "wild mutations"] += 1
        mutated = mutate(seed, data.draw, valid)
        try:
            text = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False)
        except yaml.YAMLError:
            return
        must_accept_or_reject(text, tally)

    run()
    assert tally["valid mutations"] >= tally["wild mutations"], tally
    assert_floor(tally)


def test_mangled_yaml_text():
    """Junk typed into the YAML: anywhere (mostly a syntax error, to be named with its line), or,
    in most examples, after a value as a comment would be (the profile must still build)."""
    tally: Counter = Counter()

    @FUZZ
    @given(st.data())
    def run(data):
        text = data.draw(st.sampled_from(SEED_TEXTS))
        commented = data.draw(st.integers(0, 9)) < BUILDABLE_TENTHS
        for _ in range(data.draw(st.integers(1, 4))):
            junk = data.draw(st.sampled_from(JUNK))
            if commented:
                lines = text.split("\n")
                at = data.draw(st.integers(0, len(lines) - 1))
                lines[at] += "  # " + junk.replace("\n", " ")
                text = "\n".join(lines)
            else:
                at = data.draw(st.integers(0, len(text)))
                text = text[:at] + junk + text[at:]
        must_accept_or_reject(text, tally)

    run()
    assert_floor(tally)


JUNK = [
    "\t",
    ":",
    "[",
    "{",
    "'",
    '"',
    "&x",
    "*x",
    "- ",
    "\n  ",
    "\x01",
    "#",
    "!!python/object:os.system ",
    "<<: *x",
]


def text_paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    if isinstance(value, str):
        return [prefix]
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    return [p for k, v in items for p in text_paths(v, prefix + (k,))]


def test_hostile_text_in_valid_places():
    """Types kept, text swapped for hostile strings: mostly valid, so the build path is exercised hard."""
    tally: Counter = Counter()

    @FUZZ
    @given(st.data())
    def run(data):
        profile = copy.deepcopy(data.draw(st.sampled_from(SEEDS)))
        # Enum fields and ids keep their values; in most examples the text stays storable.
        free = [p for p in text_paths(profile) if not allowed_at(p) and not allowed_at(p[:-1])]
        text = STORABLE if data.draw(st.integers(0, 9)) < BUILDABLE_TENTHS else HOSTILE
        for where in data.draw(st.lists(st.sampled_from(free), min_size=1, max_size=4)):
            parent = profile
            for part in where[:-1]:
                parent = parent[part]
            parent[where[-1]] = data.draw(text)
        must_accept_or_reject(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), tally)

    run()
    assert_floor(tally)
