"""Seed 002's own wording in the catalogue (variant `opinion`, its 保障措施, its legal basis, the
地级市 level), read back from the library and from a built draft."""

from __future__ import annotations

import copy
import re

import yaml
from conftest import ROOT

from drafter import api, library
from drafter.model import Role

LIB = library.load()
# seed 002's 17 tasks in its order, as catalogue ids
SEED_002 = [
    "ip-admin-reform",
    "major-activity-review",
    "advantage-enterprises",
    "industry-ip-clusters",
    "iur-collaborative-creation",
    "ip-operation",
    "ip-financing-models",
    "ip-information-use",
    "joint-enforcement",
    "infringement-punishment",
    "rights-assistance",
    "international-layout",
    "overseas-risk-warning",
    "public-service",
    "brand-service-agencies",
    "entrepreneurship-support",
    "talent-team-building",
]
OLD_BODIES = {
    "industry_commerce",
    "quality",
    "food_drug",
    "culture_enforcement",
    "legal_office",
    "sme",
    "local_tax",
}


def test_each_seed_002_task_has_its_own_wording_in_seed_order():
    for n, task_id in enumerate(SEED_002, 1):
        wording = LIB.task(task_id).variants["opinion"]
        assert wording.source == [f"002:{n}"], task_id
        assert f"002:{n}" in LIB.task(task_id).source
    others = [t.id for t in LIB.tasks if "opinion" in t.variants]
    assert sorted(others) == sorted(SEED_002)


def test_old_bodies_have_no_default_and_print_only_where_named():
    """The 2017 bodies (工商局, 质监局 …) exist in no county today: no level names them, and every
    wording names them in brackets, so a draft lists them only when its profile does."""
    for role in OLD_BODIES:
        assert LIB.roles[role].names == {}, role
    for task in LIB.tasks:
        for wording in [task, *task.variants.values()]:
            assert not OLD_BODIES & set(wording.roles), task.id
    for key, item in LIB.safeguards.items():
        assert not OLD_BODIES & set(item.roles), key


def test_prefecture_level_words_and_default_names():
    lw = LIB.levels["地级市"]
    assert (lw["self"], lw["strong"], lw["all"], lw["gov"], lw["tier"]) == (
        "我市",
        "强市",
        "全市",
        "市政府",
        "县（市、区）",
    )
    named = {r: spec.names for r, spec in LIB.roles.items() if spec.names}
    assert all("地级市" in names for names in named.values()), [
        r for r, names in named.items() if "地级市" not in names
    ]
    assert named["court"]["地级市"] == "市中级人民法院"


def test_seed_002_legal_basis_by_id():
    assert LIB.documents["state_council_2015_71"] == (
        "《国务院关于新形势下加快知识产权强国建设的若干意见》（国发〔2015〕71号）"
    )
    assert LIB.documents["shandong_2016_38"].endswith("（鲁政发〔2016〕38号）")
    assert LIB.documents["protection_opinion"] == (
        "中共中央办公厅、国务院办公厅《关于强化知识产权保护的意见》"
    )


SAMPLE = yaml.safe_load((ROOT / "examples" / "sample-county.yaml").read_text(encoding="utf-8"))
SIX = ["深化知识产权领域改革", "促进知识产权创造", "推进知识产权运用", "强化知识产权保护"]


def opinion_draft(**departments):
    data = copy.deepcopy(SAMPLE)
    data["departments"] = departments
    data["tasks"] = {
        "layout": "six",
        "responsibility": "listed",
        "style": "opinion",
        "select": SEED_002,
        "params": {"rights_centre": "某市知识产权维权援助中心"},
    }
    return api.draft(api.load_profile(data, name="county.yaml"))


def task_paragraphs(doc) -> list[str]:
    plan = next(p for p in doc.parts if p.name == "plan")
    return [b.text for b in plan.blocks if b.role == Role.BODY and re.match(r"\d+\.", b.text)]


def test_opinion_wording_builds_in_seed_order_with_listed_duties():
    doc = opinion_draft()
    titles = [t.title for t in doc.tasks]
    assert titles[:4] == [
        "推进知识产权管理体制改革",
        "建立重大经济科技活动知识产权分析评议机制",
        "加强企业知识产权管理",
        "促进产业知识产权集聚",
    ]
    assert len(titles) == 17 and titles[-1] == "加快知识产权人才队伍建设"
    plan = next(p for p in doc.parts if p.name == "plan")
    headings = [b.text for b in plan.blocks if b.role == Role.HEADING2]
    assert [h.split("）", 1)[1] for h in headings[:4]] == SIX
    paras = task_paragraphs(doc)
    # seed 002's style: every unit named, no 等
    assert paras[0].endswith(
        "（县委组织部、县委编办、县人力资源和社会保障局、县发展和改革局、县市场监督管理局、"
        "县文化和旅游局按职责分工负责）"
    )
    assert not any("等按职责分工负责" in p for p in paras)
    assert "完善某市知识产权维权援助中心服务功能" in paras[10]


def test_old_bodies_listed_where_the_profile_names_them():
    paras = task_paragraphs(opinion_draft(industry_commerce="县工商局", quality="县质监局"))
    assert "县市场监督管理局、县工商局、县文化和旅游局、县质监局按职责分工负责）" in paras[0]


def test_protection_groups_hold_the_protection_tasks():
    """A 保护示范区 plan gives 行政保护, 司法保护 and 维权援助 each its heading; a work plan's layouts
    keep all three under one."""
    by_group = {g: [t.id for t in LIB.tasks if t.group == g] for g in LIB.groups}
    assert by_group["protection_judicial"] == ["ip-judicial-protection", "criminal-justice-link"]
    assert by_group["protection_assistance"] == ["rights-assistance"]
    assert "ip-protection-system" in by_group["protection"]
    for name in ("five", "seven", "six"):
        heading = next(h for h in LIB.layouts[name] if "protection" in h.groups)
        assert {"protection_judicial", "protection_assistance"} <= set(heading.groups), name


def test_seed_002_goal_figures_in_its_order():
    data = copy.deepcopy(SAMPLE)
    data["indicators"] = {
        "invention_per_10k": {"target": 4.2, "wording": "exceeds"},
        "pct_applications": {"target": 200},
        "registered_trademarks": {"target": 37500, "wording": "domestic_valid"},
        "copyright_registrations": {"target": 10000},
    }
    data["plan"] = {**data["plan"], "goals": ["strong_city"]}
    doc = api.draft(api.load_profile(data, name="county.yaml"))
    text = "\n".join(p.text for p in doc.paragraphs())
    assert (
        "到2026年，每万人有效发明专利拥有量超过4.2件；通过《专利合作条约》（PCT）递交的国际专利申请量"
        "达到200件；国内有效注册商标达到3.75万件；著作权登记量达到1万件。知识产权支撑创新驱动发展能力"
    ) in text
