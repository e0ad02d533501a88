"""Heading numbers (compose/numbering.py) come from templates/text/numbering.yaml, read and checked
by the content library like every other file: a broken mark is a fault naming its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit

from drafter import library
from drafter.compose import numbering
from drafter.library.check import LibraryError


def _faults(root: Path) -> list[str]:
    with pytest.raises(LibraryError) as caught:
        library.load.__wrapped__(root)
    return caught.value.text("zh_CN").splitlines()


def test_the_heading_numbers_are_the_librarys_marks():
    assert numbering._marks() == library.load().numbering  # not a file read of its own
    assert [
        numbering.level1(12),
        numbering.level2(3),
        numbering.level3(4),
        numbering.level4(5),
    ] == [
        "十二、",
        "（三）",
        "4.",
        "（5）",
    ]
    assert numbering.chinese(20) + numbering.chinese(21) == "二十二十一"


def test_a_mark_without_its_number_names_its_file_line_and_key(tree):
    n = edit(tree / "text" / "numbering.yaml", 'level3: "{n}."', 'level3: "{m}."')
    [fault] = _faults(tree)
    assert fault == (
        f"templates/text/numbering.yaml:{n}: level3: "
        "须有且只有一处 {n}（编号所在），且不得有其他花括号"
    )


def test_a_missing_numeral_and_a_short_digit_list_are_faults_of_the_file(tree):
    path = tree / "text" / "numbering.yaml"
    edit(path, "ten: 十\n", "")
    n = edit(path, "digits: 零一二三四五六七八九", "digits: 零一二三")
    faults = _faults(tree)
    assert (
        f"templates/text/numbering.yaml:{n}: digits: 应为 0 至 9 的十个数字，实为 4 个字符"
        in faults
    )
    assert any(
        f.startswith("templates/text/numbering.yaml:") and f.endswith(" ten: 缺少必填字段")
        for f in faults
    ), faults


def test_an_unknown_key_in_numbering_yaml_is_a_fault(tree):
    n = edit(tree / "text" / "numbering.yaml", "ten: 十\n", "ten: 十\nhundred: 百\n")
    [fault] = _faults(tree)
    assert fault.startswith(f"templates/text/numbering.yaml:{n + 1}: hundred: ")
