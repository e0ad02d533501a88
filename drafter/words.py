"""jieba's dictionary as a compact word set, for title breaking (compose/titles.py).

Title breaking asks only "is this a word of the dictionary?". jieba's tokenizer answers from a
dict of 349,000 words and all their prefixes: about 76 MB in every process that drafts, and a
second to build. Here each word is an 8-byte BLAKE2b digest in one sorted array (2.8 MB),
built once from jieba's dict.txt and kept in drafter's disk cache (drafter/diskcache.py), which
later processes map into memory rather than read (forked batch workers share its pages); a
look-up is a bisection. Two words sharing a 64-bit digest, among 349,000, has a chance of about
one in 10**8; tests/test_titles.py compares the answers with jieba's own for every word.
"""

from __future__ import annotations

import hashlib
import importlib.util
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path

from . import diskcache

_WORDS: list[Words] = []
SEEN_WORDS = 20_000  # answers remembered per process (a few MB at most), then forgotten at once


def _key(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


class Words:
    """A read-only set of words, held as sorted 64-bit digests (an array, or the cache file
    mapped into memory)."""

    def __init__(self, keys: array | memoryview) -> None:
        self.keys = keys
        # Titles share most of their words from draft to draft: answers are remembered.
        self._seen: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        known = self._seen.get(word)
        if known is None:
            key = _key(word)
            i = bisect_left(self.keys, key)
            known = i < len(self.keys) and self.keys[i] == key
            if len(self._seen) >= SEEN_WORDS:  # bounded: a batch's worker stays flat
                self._seen.clear()
            self._seen[word] = known
        return known

    def __len__(self) -> int:
        return len(self.keys)


def dictionary_file() -> Path:
    """jieba's main dictionary, found without importing jieba (its import loads more tables)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def from_lines(lines: Iterable[bytes | str]) -> Words:
    """Words from jieba dictionary lines ("word frequency [tag]"): those with a frequency above
    zero, as jieba's tokenizer counts a word (its dict.txt gives none a zero; a word that some
    line does give zero is left out)."""
    known = array("Q")  # not a dict of 349,000 words: that alone would be 40 MB
    unknown: set[int] = set()
    for raw in lines:
        line = raw.strip().decode("utf-8") if isinstance(raw, bytes) else raw.strip()
        if line:
            word, freq = line.split(" ")[:2]
            if int(freq) > 0:
                known.append(_key(word))
            else:
                unknown.add(_key(word))
    keys = sorted(known)
    return Words(
        array(
            "Q",
            (k for i, k in enumerate(keys) if (not i or keys[i - 1] != k) and k not in unknown),
        )
    )


def load() -> Words:
    """The dictionary's word set, read once per process (from the disk cache when it is there)."""
    if not _WORDS:
        path = dictionary_file()
        stat = path.stat()
        name = "words-" + diskcache.digest(
            [str(path).encode(), str(stat.st_size).encode(), str(stat.st_mtime_ns).encode()]
        )
        view = diskcache.mapped(name)  # not read whole: a build looks up a few hundred words
        if view is not None and len(view) % array("Q").itemsize == 0:
            words = Words(view.cast("Q"))
        else:
            with path.open("rb") as fh:
                words = from_lines(fh)
            diskcache.write(name, words.keys.tobytes())
        _WORDS.append(words)
    return _WORDS[0]
