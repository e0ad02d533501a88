"""The content library: complete against the seeds, consistent, and renderable for every level."""

from __future__ import annotations

import itertools

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from drafter import library

LIB = library.load()
SEED_003 = [
    "1.1",
    "1.2",
    "2.1",
    "2.2",
    "2.3",
    "3.1",
    "3.2",
    "4.1",
    "4.2",
    "4.3",
    "5.1",
    "5.2",
    "6.1",
    "6.2",
    "7.1",
]


def sources() -> set[str]:
    return {s for t in LIB.tasks for s in t.source}


def test_every_seed_task_is_in_the_catalogue():
    have = sources()
    assert {f"000:{n}" for n in range(1, 17)} <= have
    assert {f"003:{n}" for n in SEED_003} <= have
    assert {f"002:{n}" for n in range(1, 18)} <= have
    assert any(s.startswith("001:") for s in have)


def test_catalogue_size_and_groups():
    ids = LIB.task_ids
    assert len(ids) == len(set(ids)) >= 40
    used = {t.group for t in LIB.tasks}
    assert (
        {
            "system",
            "creation",
            "use",
            "protection",
            "management",
            "service",
            "talent",
            "culture",
            "international",
        }
        <= used
        <= set(LIB.groups)
    )


def wordings(task):
    """A task's own text and each of its variants."""
    return [task, *task.variants.values()]


def test_tasks_name_known_roles_lead_first():
    for task in LIB.tasks:
        for wording in wordings(task):
            roles = [r.strip("()") for r in wording.roles]
            assert roles, task.id
            assert all(role in LIB.roles for role in roles), task.id
            assert not wording.title.endswith("。")
            assert wording.source, task.id


def test_roles_without_a_default_are_named_only_in_brackets():
    """A role no level names by default (pboc, customs, the county's own parks) reaches a draft only
    when the county names it, so a core task may name it only in brackets."""
    nameless = {r for r, spec in LIB.roles.items() if not spec.names}
    assert {"pboc", "banking_regulator", "customs", "finance_office", "parks"} <= nameless
    for task in LIB.tasks:
        if task.core:
            for wording in wordings(task):
                assert not nameless & set(wording.roles), task.id


def test_no_seed_county_word_is_a_default():
    words = ("街道镇", "镇街", "泰山", "荣成", "金融发展服务中心", "社会信用中心")
    for level, lw in LIB.levels.items():
        assert not any(w in str(lw) for w in words), level
    for role, spec in LIB.roles.items():
        assert not any(w in str(spec.names) for w in words), role


def test_every_layout_places_every_group_once():
    for name, layout in LIB.layouts.items():
        placed = [g for heading in layout for g in heading.groups]
        assert sorted(placed) == sorted(LIB.groups), name


@pytest.mark.parametrize(
    "level,lists", list(itertools.product(LIB.level_ids, [([], []), (["某大学"], ["装备制造"])]))
)
def test_every_text_renders_for_every_level(level, lists):
    env = SandboxedEnvironment(undefined=StrictUndefined)
    universities, industries = lists
    ctx = dict(
        county=dict(
            name="某县", full_name="某市某县", prefecture="某市", province="某省", level=level
        ),
        lw=LIB.levels[level],
        programme=dict(kind="试点县", batch=2024, start=2024, end=2026),
        genre=dict(
            id="work_plan",
            words={"full_doc": "工作方案", "programme": "国家知识产权强县建设试点县"},
        ),
        industries=industries,
        universities=universities,
        funding_rules=None,
        leading_group=dict(
            name="县知识产权工作领导小组",
            short_name="领导小组",
            office="县市场监管局",
            office_head="",
            leader_post="",
        ),
        dept={r: "某部门" for r in LIB.roles},
        framing={
            **dict.fromkeys(("regional_strategy", "industry_system", "instruction", "slogan")),
            "industry_system": "“246”产业集群体系" if industries else None,
        },
        params={
            k: (["某产业"] if v.kind == "list" else "某名称") if industries else None
            for k, v in LIB.task_params.items()
        },
    )
    every = [w for t in LIB.tasks for w in wordings(t)]
    texts = [t.body for t in every] + [t.title for t in every]
    for lib_items in (LIB.principles, LIB.safeguards):
        texts += [i.body for i in lib_items.values()] + [i.title for i in lib_items.values()]
    for text in texts:
        out = env.from_string(text).render(ctx)
        assert "None" not in out and "{{" not in out and "\n" not in out
    for task in every:
        body = env.from_string(task.body).render(ctx)
        assert body.endswith("。"), task.title
        for place in ("泰安", "泰山", "山东", "荣成", "济宁", "威海", "一批能熟练"):
            assert place not in body, (task.title, place)
    for _role, spec in LIB.roles.items():
        for name in spec.names.values():
            assert env.from_string(name).render(ctx)


def test_indicators_and_goals_agree():
    for key, goal in LIB.goals.items():
        segments = [s for s in goal.body if not isinstance(s, str)]
        assert all(s.figures for s in segments), key
        assert all(f.id in LIB.indicators for s in segments for f in s.figures), key
    assert any(not isinstance(s, str) for goal in LIB.goals.values() for s in goal.body)
    for key, ind in LIB.indicators.items():
        assert ind.kind in ("count", "ratio", "percent", "money"), key
        assert "{{ target }}" in ind.sentence, key
        for sentence in ind.wordings.values():
            assert "{{ target }}" in sentence, key
