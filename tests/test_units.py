"""Numbering and figure formatting, the small rules the plans follow."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.compose import figures, numbering


@pytest.mark.parametrize(
    "n,text",
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (16, "十六"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
    ],
)
def test_chinese_numerals(n, text):
    assert numbering.chinese(n) == text


def test_heading_levels():
    assert (
        numbering.level1(4),
        numbering.level2(12),
        numbering.level3(3),
        numbering.level4(2),
    ) == ("四、", "（十二）", "3.", "（2）")


@pytest.mark.parametrize(
    "value,kind,unit,text",
    [
        (21000, "count", "件", "2.1万件"),
        (2300, "count", "件", "2300件"),
        (9000, "count", "件", "9000件"),
        (20000, "count", "件", "2万件"),
        (37500, "count", "件", "3.75万件"),  # seed 002's 国内有效注册商标达到3.75万件
        (37520, "count", "件", "37520件"),
        (7.0, "ratio", "件", "7.0件"),
        (24, "ratio", "件", "24件"),
        (4.2, "money", "亿元", "4.2亿元"),
        (4.25, "money", "亿元", "4.3亿元"),
        (90, "percent", "%", "90%"),
        (97.5, "percent", "%", "97.5%"),
    ],
)
def test_quantities_in_plan_style(value, kind, unit, text):
    assert figures.quantity(value, kind, unit) == text


def test_date_has_no_padding():
    assert figures.date(dt.date(2022, 12, 4)) == "2022年12月4日"
