"""Mutated profiles: the loader and validator accept or reject with a clear error, never anything else,
and a profile that validates always builds.

CI runs a few hundred examples; a nightly run sets DRAFTER_FUZZ_EXAMPLES=10000.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter import compose, library
from drafter.errors import DrafterError
from drafter.profiles import load
from drafter.writers.docx import DocxWriter
from drafter.writers.markdown import render

EXAMPLES = int(os.environ.get("DRAFTER_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LIB = library.load()
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


def mutate(data: dict, draw) -> dict:
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(data)))
        parent = data
        for part in where[:-1]:
            parent = parent[part]
        key = where[-1]
        action = draw(st.sampled_from(["drop", "replace", "add"]))
        if action == "drop" and isinstance(parent, dict):
            parent.pop(key, None)
        elif action == "add" and isinstance(parent, dict):
            parent[draw(HOSTILE) or "x"] = draw(VALUES)
        else:
            parent[key] = draw(VALUES)
    return data


def must_accept_or_reject(text: str) -> None:
    """Load and compose; a DrafterError is a fine answer. If it validates, both writers must produce it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "county.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            document = compose.plan(load(path, LIB), LIB)
        except DrafterError as exc:
            assert exc.issues and all(str(i).startswith(str(path)) for i in exc.issues), exc.issues
            return
        DocxWriter().build(document).save(str(Path(tmp) / "out.docx"))
        if "None" not in text:  # a "None" the profile itself wrote is the clerk's text, not a gap
            assert "None" not in render(document)


@FUZZ
@given(st.data())
def test_mutated_profiles(data):
    seed = data.draw(st.sampled_from(SEEDS))
    mutated = mutate(seed, data.draw)
    try:
        text = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return
    must_accept_or_reject(text)


@FUZZ
@given(st.data())
def test_mangled_yaml_text(data):
    text = yaml.safe_dump(data.draw(st.sampled_from(SEEDS)), allow_unicode=True, sort_keys=False)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        junk = data.draw(
            st.sampled_from(
                [
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
            )
        )
        text = text[:at] + junk + text[at:]
    must_accept_or_reject(text)


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


@FUZZ
@given(st.data())
def test_hostile_text_in_valid_places(data):
    """Types kept, text swapped for hostile strings: mostly valid, so the build path is exercised hard."""
    profile = copy.deepcopy(data.draw(st.sampled_from(SEEDS)))
    for where in data.draw(st.lists(st.sampled_from(text_paths(profile)), min_size=1, max_size=4)):
        parent = profile
        for part in where[:-1]:
            parent = parent[part]
        parent[where[-1]] = data.draw(HOSTILE)
    must_accept_or_reject(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False))
