"""Heading numbers as GB/T 9704 writes them (一、 （一） 1. （1）); the marks and numerals are in
templates/text/numbering.yaml, read and checked by the content library (library/schemas/texts.py)."""

from __future__ import annotations

from functools import cache

MAX_NUMBER = 99  # chinese() writes 1..99
CHINESE_LEVELS = (1, 2)  # numbered 一, 二 …; levels 3 and 4 in arabic digits


@cache
def _marks() -> dict[str, str]:
    from .. import library  # at first use: the checker imports this module too

    return library.load().numbering


def chinese(n: int) -> str:
    """1..99 in Chinese numerals: 1 一, 10 十, 11 十一, 20 二十, 21 二十一."""
    if not 1 <= n <= MAX_NUMBER:
        raise ValueError(f"numbering supports 1..{MAX_NUMBER}, got {n}")
    digits, ten = _marks()["digits"], _marks()["ten"]
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    head = "" if tens == 1 else digits[tens]
    return head + ten + (digits[ones] if ones else "")


def level1(n: int) -> str:
    return _marks()["level1"].format(n=chinese(n))


def level2(n: int) -> str:
    return _marks()["level2"].format(n=chinese(n))


def level3(n: int) -> str:
    return _marks()["level3"].format(n=n)


def level4(n: int) -> str:
    return _marks()["level4"].format(n=n)
