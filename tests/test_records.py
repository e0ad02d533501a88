"""drafter.records: a record behaves as the dataclass it stands for (repr, ==, hash, frozen)."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from drafter.records import record


def _pair(**options):
    """The same class made by dataclasses and by record."""

    def body():
        class Point:
            x: int
            y: tuple = ()
            note: str = dataclasses.field(default="", compare=False, repr=False)

        return Point

    return dataclasses.dataclass(**options)(body()), record(**options)(body())


@record(frozen=True)
class Pinned:
    x: int
    y: tuple = ()


OPTIONS = [{}, {"frozen": True}, {"eq": False}, {"frozen": True, "eq": False}]


@pytest.mark.parametrize("options", OPTIONS)
def test_a_record_shows_compares_and_hashes_as_its_dataclass(options):
    real, ours = _pair(**options)
    made = [(cls(1, (2,), "n"), cls(1, (2,), "other"), cls(2)) for cls in (real, ours)]
    (ra, rb, rc), (a, b, c) = made
    assert repr(a) == repr(ra) and repr(a).endswith("Point(x=1, y=(2,))")
    assert (a == b, a == c, a != c, a == (1, (2,))) == (
        ra == rb,
        ra == rc,
        ra != rc,
        ra == (1, (2,)),
    )
    assert (ours.__hash__ is None) == (real.__hash__ is None)
    if options == {"frozen": True}:  # by the compared fields: `note` is not one
        assert hash(a) == hash(b) and {a: 1}[ours(1, (2,))] == 1
    elif ours.__hash__ is not None:  # by identity
        assert hash(a) != hash(b) or a is b
    assert dataclasses.is_dataclass(a)
    assert [f.name for f in dataclasses.fields(a)] == ["x", "y", "note"]
    assert dataclasses.replace(a, x=5) == dataclasses.replace(a, x=5) or not options.get("eq", 1)
    assert dataclasses.replace(a, x=5).y == (2,)


def test_a_frozen_record_is_read_only():
    p = Pinned(1, (2,))
    for act in (lambda: setattr(p, "x", 3), lambda: setattr(p, "new", 1), lambda: delattr(p, "y")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            act()
    assert (p.x, p.y) == (1, (2,))
    for twin in (pickle.loads(pickle.dumps(p)), copy.deepcopy(p), copy.copy(p)):
        assert twin == p and twin is not p


def test_a_record_keeps_the_methods_its_class_writes():
    @record(frozen=True)
    class Own:
        a: int

        def __repr__(self) -> str:
            return "own"

        def __eq__(self, other: object) -> bool:
            return True

        def __hash__(self) -> int:
            return 7

    assert repr(Own(1)) == "own" and Own(1) == 3 and hash(Own(2)) == 7

    @record
    class Mutable:
        a: int

    m = Mutable(1)
    m.a = 2
    assert m == Mutable(2) and Mutable.__hash__ is None


def test_a_record_that_holds_itself_shows_dots():
    @record
    class Node:
        child: object = None

    n = Node()
    n.child = n
    assert repr(n) == f"{Node.__qualname__}(child=...)"
