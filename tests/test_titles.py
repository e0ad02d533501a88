"""Title lines keep words whole and form a trapezoid or diamond (GB/T 9704 7.3.1)."""

from __future__ import annotations

import importlib.util
import itertools
import re

import jieba
import pytest
from conftest import ROOT

from drafter import api, layout, library
from drafter.compose import titles
from drafter.compose.departments import department_lists
from drafter.model import Role

YEARS = re.compile(r"\d{4}\s*[—–-]\s*\d{4}\s*年?")


def _gen():
    spec = importlib.util.spec_from_file_location(
        "gen_profiles", ROOT / "bench" / "gen_profiles.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def segmenter():
    """A jieba tokenizer of the test's own, so adding the drafts' names changes nothing else."""
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


def _split_words(k: int, text: str, names, tk) -> list[str]:
    """What a line break at offset k cuts: a draft name, a year range, a token of jieba's
    segmentation with the names as user words, or a dictionary word not outranked by a name
    ending or starting at k."""
    names = [n for n in names if len(n) > 1]
    at_name_edge = any(
        k in (m.start(), m.end()) for n in names for m in re.finditer(re.escape(n), text)
    )
    found = []
    for i in range(max(0, k - 8), k):
        for j in range(k + 1, min(len(text), i + 8) + 1):
            piece = text[i:j]
            if piece in names or (tk.FREQ.get(piece, 0) > 0 and not at_name_edge):
                found.append(piece)
    found += [m.group() for m in YEARS.finditer(text) if m.start() < k < m.end()]
    for name in names:
        tk.add_word(name)
    pos = 0
    for token in tk.cut(text, HMM=False):
        if pos < k < pos + len(token):
            found.append(token)
        pos += len(token)
    return found


@pytest.fixture(scope="module")
def fifty_drafts(tmp_path_factory):
    out = tmp_path_factory.mktemp("fifty")
    paths = _gen().generate(50, out, seed=11)
    drafts = []
    for path in paths:
        plan = api.draft(api.load_profile(path))
        drafts += [plan, department_lists(plan, library.load())]
    return drafts


def test_fifty_profiles_titles_keep_words_whole(fifty_drafts, segmenter):
    assert jieba.__version__
    checked = broken = two = 0
    for doc in fifty_drafts:
        for para in doc.paragraphs():
            if para.role not in (Role.TITLE, Role.ATTACHMENT_TITLE):
                continue
            checked += 1
            text, cuts = para.text, para.breaks
            widths = [layout.text_ems(line) for line in titles.lines(text, cuts)]
            assert max(widths) <= layout.TITLE_MAX_LINE_EMS, (text, cuts)
            if layout.text_ems(text) > layout.TITLE_MAX_LINE_EMS:
                assert cuts, text
            for k in cuts:
                broken += 1
                assert not _split_words(k, text, doc.names, segmenter), (
                    titles.lines(text, cuts),
                    k,
                )
                assert (
                    text[k] not in titles.marks().closing
                    and text[k - 1] not in titles.marks().opening
                )
            assert titles._ok_shape(widths), titles.lines(text, cuts)
            # two lines: the longer on top (上长下短), unless the top line is the organ's name
            lines = titles.lines(text, cuts)
            if len(lines) == 2 and lines[0] != doc.author:
                two += 1
                assert widths[0] >= widths[1] - titles.TWO_LINE_SLACK_EMS, lines
    assert checked >= 150 and broken >= 100, (checked, broken)
    assert two >= 30, two


def test_notice_title_breaks_after_the_organ(built_docx_model):
    notice_title = next(p for p in built_docx_model.paragraphs() if p.role is Role.TITLE)
    lines = titles.lines(notice_title.text, notice_title.breaks)
    assert lines[0] == "泰安市泰山区人民政府"
    assert lines[1].startswith("关于印发《")
    assert any("（2022—2025年）" in line for line in lines)


@pytest.fixture(scope="module")
def built_docx_model():
    return api.draft(api.load_profile(ROOT / "profiles" / "taishan.yaml"))


def test_two_lines_put_the_longer_on_top():
    """7.3.1, two lines as a 正梯形: 海沅市澜港区知识产权 | 保护示范区建设工作方案 (10 | 11) became
    the longer line first; the draft's names (保护示范区) stay whole."""
    text = "海沅市澜港区知识产权保护示范区建设工作方案"
    cuts = titles.breaks(text, ["海沅市澜港区", "知识产权", "保护示范区", "工作方案"])
    assert titles.lines(text, cuts) == ["海沅市澜港区知识产权保护示范区", "建设工作方案"]


def test_names_outrank_the_dictionary():
    """小组成员 is a dictionary word, but 专项小组 and 成员名单 are the draft's: break between them."""
    text = "荣成市知识产权战略实施工作专项小组成员名单"
    cuts = titles.breaks(text, ["荣成市知识产权战略实施工作专项小组", "成员名单"])
    assert titles.lines(text, cuts) == ["荣成市知识产权战略实施工作专项小组", "成员名单"]


def test_plan_title_keeps_county_and_note(built_docx_model):
    plan_title = [p for p in built_docx_model.paragraphs() if p.role is Role.TITLE][1]
    lines = titles.lines(plan_title.text, plan_title.breaks)
    # no whole-word break of two lines puts the longer on top (16 | 18 em: 知识产权强县 and
    # 试点县（区） are kept whole, a line holds 19): three lines, shrinking
    assert lines == ["泰安市泰山区国家知识产权强县", "建设试点县（区）工作方案", "（2022—2025年）"]
    assert all(a < b for a, b in itertools.pairwise([0, *plan_title.breaks]))
