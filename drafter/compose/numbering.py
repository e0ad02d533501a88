"""Heading numbers as GB/T 9704 writes them: 一、 （一） 1. （1）."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """1..99 in Chinese numerals: 1 一, 10 十, 11 十一, 20 二十, 21 二十一."""
    if not 1 <= n <= 99:
        raise ValueError(f"numbering supports 1..99, got {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def level1(n: int) -> str:
    return f"{chinese(n)}、"


def level2(n: int) -> str:
    return f"（{chinese(n)}）"


def level3(n: int) -> str:
    return f"{n}."


def level4(n: int) -> str:
    return f"（{n}）"
