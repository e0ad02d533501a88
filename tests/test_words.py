"""drafter/words.py: the compact word set answers as jieba's own dictionary does."""

from __future__ import annotations

import logging

import jieba

from drafter import words


def test_every_word_and_prefix_answers_as_jieba_does():
    """jieba's FREQ holds each word (frequency > 0) and each word's prefixes (0)."""
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    ours = words.load()
    wrong = [w for w, freq in tk.FREQ.items() if (freq > 0) != (w in ours)]
    assert not wrong, wrong[:10]
    assert len(ours) == sum(1 for freq in tk.FREQ.values() if freq > 0)
    assert "知识产权" in ours and "知识产" not in ours and 42 not in ours  # type: ignore[operator]


def test_built_from_lines_as_jieba_counts_them():
    built = words.from_lines([b"\xe4\xb8\x93\xe5\x88\xa9 30 n\n", "商标 0 n", "", "强县 5"])
    assert "专利" in built and "强县" in built
    assert "商标" not in built and "专" not in built and len(built) == 2
