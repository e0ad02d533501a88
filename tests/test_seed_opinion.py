"""Seed 002 (济宁市人民政府关于加快知识产权强市建设的实施意见) regenerated from examples/jining.yaml,
a profile of its facts, scored against the seed: its title, its sections in order, its preamble and
legal basis, its goal sentence, its 17 tasks (title and body by difflib similarity, each ≥ 0.95)
with their responsibility lists naming exactly the seed's departments in its order, and its five
保障措施 with theirs. Run with -s to see the per-task table.
"""

from __future__ import annotations

import re
from statistics import mean

import pytest
import seedtext
from conftest import ROOT

from drafter import api
from drafter.model import Role

TASK_MIN, MEAN_MIN = 0.95, 0.97


@pytest.fixture(scope="module")
def seed():
    return seedtext.load("002")


@pytest.fixture(scope="module")
def doc():
    return api.draft(api.load_profile(ROOT / "examples" / "jining.yaml"))


def plan_blocks(doc):
    """The document from its title on (the masthead, doc number and addressees stand before it)."""
    blocks = next(p for p in doc.parts if p.name == "plan").blocks
    at = next(i for i, b in enumerate(blocks) if b.role == Role.TITLE)
    return [b for i, b in enumerate(blocks) if i == at or (i > at and b.role != Role.ADDRESSEE)]


def test_issued_as_the_city_government_s_own_document(seed, doc):
    blocks = next(p for p in doc.parts if p.name == "plan").blocks
    head = [(b.role, b.text) for b in blocks[:4]]
    assert head[0] == (Role.ORGAN_MARK, "济宁市人民政府文件")
    assert head[1] == (Role.DOC_NUMBER, "济政字〔2017〕27号") and "济政字〔2017〕27号" in seed.lines
    assert head[2] == (Role.TITLE, seed.lines[0])
    assert head[3] == (Role.ADDRESSEE, next(t for t in seed.lines if t.startswith("各县")))
    tail = [(b.role, b.text) for b in blocks if b.role in (Role.SIGNATURE, Role.DATE)]
    assert tail == [(Role.SIGNATURE, "济宁市人民政府"), (Role.DATE, "2017年4月12日")]


def test_title_parts_and_sections_are_the_seeds(seed, doc):
    assert [p.name for p in doc.parts] == ["plan"]  # a 人民政府文件 itself: no 印发通知
    assert (
        plan_blocks(doc)[0].text
        == seed.lines[0]
        == "济宁市人民政府关于加快知识产权强市建设的实施意见"
    )
    headings = [b.text for b in plan_blocks(doc) if b.role == Role.HEADING1]
    theirs = [t for t in seed.lines if re.match(r"^[一二三四五六七八九十]+、", t)]
    assert headings == theirs == ["一、指导思想", "二、主要目标", "三、重点任务", "四、保障措施"]
    groups = [b.text for b in seedtext.section(doc, "重点任务") if b.role == Role.HEADING2]
    assert groups == [
        t for t in seed.section("三、重点任务", "四、保障措施") if seedtext.HEADING.match(t)
    ]


def test_preamble_and_legal_basis_are_the_seeds(seed, doc):
    mine = plan_blocks(doc)[1].text
    theirs = next(t for t in seed.lines if t.startswith("为贯彻落实"))
    assert mine == theirs
    assert re.findall("〔[^〕]+〕[0-9]+号", mine) == ["〔2015〕71号", "〔2016〕38号"]
    assert "现就加快知识产权强市建设提出以下实施意见。" in mine


def test_guiding_and_goal_are_the_seeds(seed, doc):
    for heading, nxt in (("一、指导思想", "二、主要目标"), ("二、主要目标", "三、重点任务")):
        mine = [b.text for b in seedtext.section(doc, heading.split("、", 1)[1])]
        assert mine == seed.section(heading, nxt)


def test_every_task_reads_like_the_seed_and_names_its_departments(seed, doc):
    theirs = seed.tasks("三、重点任务", "四、保障措施")
    mine = seedtext.drafted_tasks(doc)
    assert len(mine) == len(theirs) == 17
    rows = []
    for s, (title, body, duty) in zip(theirs, mine, strict=True):
        rows.append((s.number, title, seedtext.ratio(f"{title}。{body}", s.text), duty, s.duty))
    print("\nseed 002: task  similarity  title")
    for number, title, r, *_ in rows:
        print(f"  {number:>5}  {r:.3f}  {title}")
    low = [(n, t, round(r, 3)) for n, t, r, *_ in rows if r < TASK_MIN]
    assert not low, low
    assert mean(r for _n, _t, r, *_ in rows) >= MEAN_MIN
    assert [d for *_, d, _s in rows] == [s for *_, s in rows]  # the seed's lists, word for word


def test_safeguards_and_their_duties_are_the_seeds(seed, doc):
    theirs = seed.section("四、保障措施", "济宁市人民政府")
    mine = [b.text for b in seedtext.section(doc, "保障措施") if b.role == Role.BODY]
    assert len(mine) == len(theirs) == 5
    for m, t in zip(mine, theirs, strict=True):
        assert m.split("。", 1)[0] == t.split("。", 1)[0]  # （一）加强组织领导
        assert re.search(r"（[^（）]*）$", m).group() == re.search(r"（[^（）]*）$", t).group()
        assert seedtext.ratio(m, t) >= 0.9, (m, t)
