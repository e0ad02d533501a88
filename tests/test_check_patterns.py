"""What `drafter check` reads a .docx by is data (templates/text/check.yaml, drafter/check/patterns.py)
and, where it reads what drafter writes, the writer's own texts: a change to those texts changes
what the checker reads, and the checker's Python holds no Chinese of its own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import edit

from drafter import library
from drafter.check import classify
from drafter.check import patterns as P
from drafter.library.check import LibraryError

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "drafter" / "check"


def _faults(root: Path) -> list[str]:
    with pytest.raises(LibraryError) as caught:
        library.load.__wrapped__(root)
    return caught.value.text("zh_CN").splitlines()


# -- the data and its schema --------------------------------------------------------------------
def test_a_broken_check_pattern_names_its_file_line_and_key(tree):
    n = edit(
        tree / "text" / "check.yaml", "attachment_note_label: '^(", "attachment_note_label: '^(("
    )
    [fault] = _faults(tree)
    assert fault.startswith(
        f"templates/text/check.yaml:{n}: patterns.attachment_note_label: 不是有效的正则表达式"
    )


def test_a_broken_heading_guard_names_its_file_line_and_key(tree):
    n = edit(tree / "text" / "check.yaml", "guard: '(?!\\d)'", "guard: '(?!\\d'")
    [fault] = _faults(tree)
    assert fault.startswith(
        f"templates/text/check.yaml:{n}: heading_numbers.level3.guard: 不是有效的正则表达式"
    )


def test_a_check_pattern_left_out_is_a_fault_of_its_file(tree):
    spec = tree / "text" / "check.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(re.sub(r"(?m)^  copy_to: .*\n", "", text), encoding="utf-8")
    [fault] = _faults(tree)
    assert fault.startswith("templates/text/check.yaml:")
    assert fault.endswith(" patterns.copy_to: 缺少必填字段")


def test_the_checker_reads_the_patterns_of_the_data():
    data = library.load().check_text
    assert P.COPY_TO.pattern == data["patterns"]["copy_to"]
    assert P.CHINESE_FACES == tuple(data["chinese_faces"])
    assert classify.H1 is P.H1  # classify reads headings by the data's patterns
    assert P.LEAD_END == library.load().joins["lead_end"]  # （一）坚持创新引领。…


# -- read from what the writer writes -----------------------------------------------------------
def test_the_heading_patterns_are_numbering_yamls_marks(tree):
    """H1 … L4 read the marks numbering.yaml writes, loosened only by check.yaml's typed_as, gap and
    guard: a changed mark changes what the checker reads."""
    assert P.H1.pattern == "^([一二三四五六七八九十]+)、"
    assert P.H1.match("十二、加强保护").group(1) == "十二"
    assert P.H2.match("(三)加强保护").group(1) == "三"  # typed half-width
    assert P.L3.match("3 ．加强保护").group(1) == "3"  # a gap, and 3． typed for 3.
    assert not P.L3.match("2.1 加强保护")  # the guard: 2.1 is no level-3 heading
    assert P.L4.match("（12）加强保护").group(1) == "12"
    edit(tree / "text" / "numbering.yaml", 'level1: "{n}、"', 'level1: "第{n}章"')
    lib = library.load.__wrapped__(tree)
    level1 = P.heading_pattern(1, lib.numbering, lib.check_text)
    assert level1.match("第三章加强保护").group(1) == "三"
    assert not level1.match("三、加强保护")


def test_a_department_lists_item_pattern_is_its_item_label(tree):
    """The 任务N： a department list's task lines open with is departments.yaml's item_label."""
    assert P.DEPARTMENT_ITEM.pattern == r"^任务\s*[\d.]+\s*[：:]"
    edit(
        tree / "text" / "departments.yaml",
        'item_label: "任务{{ number }}："',
        'item_label: "第{{ number }}项："',
    )
    label = P.label_pattern(P.item_label(tree))
    assert label.match("第3项：加强知识产权保护（一）")
    assert label.match("第 2.1 项:加强知识产权保护")  # as a clerk may type it
    assert not label.match("任务3：加强知识产权保护")


def test_a_department_list_without_its_title_is_told_by_its_item_lines(tmp_path):
    """drafter's own department list reads as one by its 任务N： lines alone."""
    from drafter import api
    from drafter.check.document import Doc
    from drafter.check.package import Package
    from drafter.check.styles import Styles

    profile = api.load_profile(ROOT / "profiles" / "taishan.yaml")
    document = api.draft(profile)
    extra = api.companions(profile, document, ("dept",))
    [path] = [p for p in api.write(document, tmp_path, "taishan", ("dept",), companions=extra)]
    doc = Doc(Package(Path(path)))
    paras = classify.classify(doc, Styles(doc))
    items = [p for p in paras if P.DEPARTMENT_ITEM.match(p.text)]
    assert len(items) >= 20
    for para in paras:  # no title to tell it by
        if para.kind == "title":
            para.kind = "body"
    assert classify.document_kind(paras) == classify.DEPARTMENTS


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_every_heading_number_the_writer_writes_reads_back(level):
    from drafter.compose import numbering

    label = getattr(numbering, f"level{level}")
    pattern = {1: P.H1, 2: P.H2, 3: P.L3, 4: P.L4}[level]
    for n in range(1, numbering.MAX_NUMBER + 1):
        m = pattern.match(label(n) + "加强知识产权保护")
        assert m, label(n)
        read = m.group(1)
        assert (classify._CN_NUMBERS[read] if level <= 2 else int(read)) == n


# -- a masthead and a cover notice: the words notice.yaml prints them with -----------------------
def test_the_masthead_and_notice_title_words_are_notice_yamls():
    from drafter.library.notice_words import NoticeWords

    assert P.NOTICE_WORDS == NoticeWords("文件", "关于印发", "的通知", "印发")
    assert classify.NOTICE_OPEN == "关于印发" and classify.NOTICE_END == "的通知"
    reading = library.load().reading
    assert not {"masthead_end", "notice_title_open", "notice_title_end", "notice_verb"} & set(
        reading
    )


def test_a_changed_organ_mark_and_title_change_what_the_checker_reads(tree):
    from drafter.library.notice_words import notice_words

    notice = tree / "text" / "notice.yaml"
    edit(notice, 'organ_mark: "{{ notice.issuer }}文件"', 'organ_mark: "{{ notice.issuer }}公文"')
    edit(notice, "}}关于印发{% if", "}}关于颁布{% if")
    lib = library.load.__wrapped__(tree)
    words = notice_words(lib.notice, lib.reading["organ_break"])
    assert (words.masthead_end, words.title_open, words.verb) == ("公文", "关于颁布", "颁布")


def test_an_organ_mark_ending_in_what_it_fills_in_is_a_fault_of_notice_yaml(tree):
    n = edit(
        tree / "text" / "notice.yaml",
        'organ_mark: "{{ notice.issuer }}文件"',
        'organ_mark: "{{ notice.issuer }}"',
    )
    [fault] = _faults(tree)
    assert fault == (
        f"templates/text/notice.yaml:{n}: organ_mark: "
        "须在发文机关之后以其自身的文字结尾：drafter check 据此识别发文机关标志"
    )


def test_a_title_without_its_own_words_is_a_fault_of_notice_yaml(tree):
    n = edit(tree / "text" / "notice.yaml", '{% endif %}的通知"', '{% endif %}"')
    [fault] = _faults(tree)
    assert fault.startswith(f"templates/text/notice.yaml:{n}: title: 须在发文机关之后和末尾")


# -- 避头尾: one list of marks for every line drafter breaks or models ------------------------------
def test_the_marks_no_line_starts_or_ends_with_have_one_source():
    from drafter import layout
    from drafter.check import titles as check_titles
    from drafter.compose import titles
    from drafter.writers import docx_lines

    reading = library.load().reading
    closing, opening = set(reading["closing_marks"]), set(reading["opening_marks"])
    assert docx_lines.NO_START == closing and docx_lines.NO_END == opening  # the page model
    assert set(titles.marks().closing) == closing and set(titles.marks().opening) == opening
    assert check_titles._NO_LINE_START == closing  # the checker's model of Word's wrapping
    assert not hasattr(layout, "NO_LINE_START") and not hasattr(layout, "NO_LINE_END")
    assert "word_no_line_start" not in reading


# -- no Chinese in the checker's Python ----------------------------------------------------------
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _chinese_literals(path: Path) -> list[str]:
    """String literals holding Chinese as written in the source (a \\u escape in a character
    range is not), other than docstrings and messages (the argument of ``_()``)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
            skip.update(id(sub) for arg in node.args for sub in ast.walk(arg))
    return [
        f"{path.name}:{node.lineno}: {ast.get_source_segment(source, node)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and _CJK.search(node.value)  # cheap first: most literals hold none
        and _CJK.search(ast.get_source_segment(source, node) or "")
    ]


def test_the_checkers_python_holds_no_chinese_patterns_or_words():
    found = [hit for path in sorted(CHECK.glob("*.py")) for hit in _chinese_literals(path)]
    assert found == []
