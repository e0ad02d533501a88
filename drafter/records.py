"""drafter's data classes: dataclasses whose repr, ==, hash and read-only guard are shared.

@dataclass compiles every method it adds from source text as the class is created: a build's
~45 data classes spent 20 ms there, a third of what drafter's own modules add to a build's start
(bench/run.py: one build / import floor). A record is a dataclass with only its __init__ made so;
the other methods are one function each for every record, and behave as dataclasses' do: repr
``Name(a=1, b='x')`` over the fields with repr, == and hash over the compared fields (hash where
dataclasses would give one), and frozen fields that cannot be set again or deleted
(FrozenInstanceError). mypy checks a record as the dataclass it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import FrozenInstanceError, dataclass, fields
from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any


def _key(names: Sequence[str]) -> staticmethod:
    """The tuple of an object's attributes ``names`` (operator.attrgetter, in C), as a class's
    attribute."""
    if len(names) > 1:
        return staticmethod(attrgetter(*names))
    if names:
        one = attrgetter(names[0])
        return staticmethod(lambda obj: (one(obj),))
    return staticmethod(lambda obj: ())


@recursive_repr()
def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_repr__)
    return f"{self.__class__.__qualname__}({shown})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        key = self.__record_compare__
        return key(self) == key(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__record_hash__(self))


def _setattr(self: Any, name: str, value: Any) -> None:
    """Each field is set once, by __init__; never again."""
    if name in self.__dict__ or name not in self.__dataclass_fields__:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _record(cls: Any = None, /, *, eq: bool = True, frozen: bool = False, **options: Any) -> Any:
    def wrap(cls: type) -> type:
        own = dict(cls.__dict__)
        made: Any = dataclass(cls, repr=False, eq=False, **options)
        ours = fields(made)
        if "__repr__" not in own:
            made.__repr__ = _repr
            made.__record_repr__ = tuple(f.name for f in ours if f.repr)
        if eq and "__eq__" not in own:
            made.__eq__ = _eq
            made.__record_compare__ = _key([f.name for f in ours if f.compare])
        if frozen:
            made.__setattr__ = _setattr
            made.__delattr__ = _delattr
        # __hash__ as dataclasses set it: kept where the class wrote one, else none where
        # instances compare by value but change, and by the compared fields where frozen
        explicit = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
        if eq and not explicit:
            if frozen:
                made.__hash__ = _hash
                hashed = [f.name for f in ours if (f.compare if f.hash is None else f.hash)]
                made.__record_hash__ = _key(hashed)
            else:
                made.__hash__ = None
        return made

    return wrap if cls is None else wrap(cls)


if TYPE_CHECKING:
    from dataclasses import dataclass as record
else:
    record = _record
