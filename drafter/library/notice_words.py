"""The words a masthead and a cover notice's title are told by, read from the texts that print
them (templates/text/notice.yaml's organ_mark and title), so the checker and the writer share them.

A text's own words are its Jinja data, the text between its {{ }} and {% %}: organ_mark
"{{ notice.issuer }}文件" ends in 文件; title "{{ notice.title_issuer }}关于印发…的通知" opens,
after the issuer, with 关于印发 and ends in 的通知.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from ..records import record

_ENV = Environment()  # only lexes: a text's words, never rendered here


@record(frozen=True)
class NoticeWords:
    masthead_end: str  # a 发文机关标志 is the organ's name and this (GB/T 9704 7.2.1)
    title_open: str  # a cover notice's title, after the issuer: 关于印发
    title_end: str  # …and its end: 的通知
    verb: str  # title_open after reading.yaml's organ_break: 印发


def words(source: str) -> list[str]:
    """A Jinja text's own words, in order (raises jinja2.TemplateSyntaxError)."""
    return [value for _line, kind, value in _ENV.lex(source) if kind == "data" and value.strip()]


def ends_in_words(source: str) -> bool:
    """Whether the text ends in words of its own, not in something it fills in."""
    tokens = [t for t in _ENV.lex(source) if t[1] != "whitespace"]
    return bool(tokens) and tokens[-1][1] == "data" and bool(tokens[-1][2].strip())


def notice_words(notice: dict[str, Any], organ_break: str) -> NoticeWords:
    """From notice.yaml (checked by library/crosscheck.py to have these words)."""
    title = words(notice["title"])
    return NoticeWords(
        masthead_end=words(notice["organ_mark"])[-1],
        title_open=title[0],
        title_end=title[-1],
        verb=title[0].removeprefix(organ_break),
    )
