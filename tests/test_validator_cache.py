"""The per-thread validator cache: one validator per library, never another library's."""

from __future__ import annotations

from conftest import edit

from drafter import library
from drafter.profile import validate


def test_a_library_never_gets_the_validator_of_one_that_had_its_id(tree):
    """An id is reused once its object is collected; the cache checks the library itself."""
    edit(tree / "catalogue" / "roles.yaml", "\n", "\n# edited\n")  # a library of its own
    shipped, other = library.load(), library.load(tree)
    assert other is not shipped
    stale = validate._validator(shipped)
    # what a collected library's entry would look like under the id ``other`` now has
    validate._local.validators[id(other)] = (shipped, *stale)
    validator, schema = validate._validator(other)
    assert validator is not stale[0]
    assert validate._local.validators[id(other)][0] is other
    assert validate._validator(other) == (validator, schema)  # kept for the next profile


def test_the_cache_keeps_a_bounded_number_of_libraries():
    shipped = library.load()
    validate._validator(shipped)
    entry = validate._local.validators.pop(id(shipped))
    for n in range(validate.VALIDATORS_KEPT + 2):  # entries of libraries since gone
        validate._local.validators[-n - 1] = entry
    validate._validator(shipped)
    assert len(validate._local.validators) == validate.VALIDATORS_KEPT
    assert list(validate._local.validators)[-1] == id(shipped)
