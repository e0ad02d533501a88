"""The shipped genres, each read from its example's built text: title, section sequence, its own
vocabulary, its legal basis, and no other genre's words (issue 14)."""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
import yaml
from conftest import ROOT

from drafter import api
from drafter.model import Emphasis, Role

EXAMPLES = {
    # example: (genre, title, level-1 headings)
    "jining": (
        "opinion",
        "济宁市人民政府关于加快知识产权强市建设的实施意见",
        ["指导思想", "主要目标", "重点任务", "保障措施"],
    ),
    "qinghe-action": (
        "action_plan",
        "湘岭市青禾县知识产权强县建设三年行动计划（2024—2026年）",
        ["总体要求", "主要目标", "重点行动", "保障措施"],
    ),
    "lanhai-protection": (
        "protection_zone",
        "海沅市澜港区知识产权保护示范区建设工作方案",
        ["指导思想", "工作目标", "重点任务", "保障措施"],
    ),
    "chengpu-district": (
        "city_district",
        "上海市澄浦区国家知识产权强市建设示范城区工作方案（2024—2026年）",
        ["指导思想", "基本原则", "主要目标", "重点任务", "保障措施"],
    ),
    "anhe-promotion": (
        "promotion_plan",
        "吉澜市安禾县知识产权强县工程推进计划（2009—2012年）",
        ["指导思想", "工作目标", "主要任务", "具体步骤", "考核指标", "保障措施"],
    ),
}


def profile_data(name: str):
    return yaml.safe_load((ROOT / "examples" / f"{name}.yaml").read_text(encoding="utf-8"))


def build(data, name="county.yaml"):
    return api.draft(api.load_profile(data, name=name))


class _Body:
    def __init__(self, blocks):
        self.blocks = blocks


def plan(doc):
    """The body from its title on: an issued 实施意见's masthead, doc number and addressees left out."""
    blocks = next(p for p in doc.parts if p.name == "plan").blocks
    at = next(i for i, b in enumerate(blocks) if b.role == Role.TITLE)
    return _Body(
        [b for i, b in enumerate(blocks) if i == at or (i > at and b.role != Role.ADDRESSEE)]
    )


def text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs())


@pytest.fixture(scope="module", params=sorted(EXAMPLES))
def example(request):
    name = request.param
    return name, api.draft(api.load_profile(ROOT / "examples" / f"{name}.yaml"))


def test_title_and_section_sequence(example):
    name, doc = example
    _genre, title, headings = EXAMPLES[name]
    blocks = plan(doc).blocks
    assert blocks[0].text == title == doc.title
    level1 = [b.text.split("、", 1)[1] for b in blocks if b.role == Role.HEADING1]
    assert level1 == headings


# words a genre's text must say, and words of other genres that must not leak into it (the titles
# of cited documents aside: a 实施意见 may cite 《…强省建设实施方案的通知》). A 实施意见 never says
# 方案 at all; the others never call themselves another genre's name.
OWN = {
    "opinion": ["现就加快知识产权强市建设提出以下实施意见。"],
    "action_plan": ["制定本行动计划。", "（一）实施知识产权制度体系完善行动"],
    "protection_zone": ["制定本方案。", "知识产权保护示范区建设"],
    "city_district": ["制定本方案。", "国家知识产权强市建设示范城区"],
    "promotion_plan": [
        "制定本推进计划。",
        "（一）启动部署阶段（2009年）",
        "（二）全面推进阶段（2010—2011年）",
        "（三）总结验收阶段（2012年）",
    ],
}
LEAKS = {
    "opinion": ["方案", "试点县", "强县建设", "示范县", "行动计划", "推进计划"],
    "action_plan": ["本方案", "工作方案", "实施意见", "推进计划", "示范城区", "保护示范区"],
    "protection_zone": ["行动计划", "实施意见", "推进计划", "强县建设", "试点县", "示范城区"],
    "city_district": ["强县建设", "试点县", "示范县", "行动计划", "实施意见", "推进计划"],
    "promotion_plan": [
        "本方案",
        "工作方案",
        "实施意见",
        "行动计划",
        "试点县",
        "示范城区",
        "保护示范区",
    ],
}


def test_own_vocabulary_and_no_other_genres_words(example):
    name, doc = example
    genre = EXAMPLES[name][0]
    body = re.sub("《[^》]*》", "《》", "\n".join(b.text for b in plan(doc).blocks))
    for word in OWN[genre]:
        assert word in body, (genre, word)
    found = [w for w in LEAKS[genre] if w in body]
    assert not found, (
        genre,
        found,
        [line for line in body.split("\n") if any(w in line for w in found)],
    )


def preamble(doc) -> str:
    return plan(doc).blocks[1].text


def test_opinion_cites_what_its_profile_names_and_no_round():
    doc = api.draft(api.load_profile(ROOT / "examples" / "jining.yaml"))
    assert re.findall("（[^（）]*号）", preamble(doc)) == [
        "（国发〔2015〕71号）",
        "（鲁政发〔2016〕38号）",
    ]


def test_protection_zone_cites_the_protection_opinion_not_the_outline_nor_the_rounds():
    data = profile_data("lanhai-protection")
    doc = build(data)
    cited = preamble(doc)
    assert "中共中央办公厅、国务院办公厅《关于强化知识产权保护的意见》" in cited
    for word in ("131号", "2号", "知识产权强国建设纲要", "1197号"):
        assert word not in text(doc), word
    # the province's implementing opinion, where the profile names it, follows the national one
    data["legal_basis"] = {"policies": ["《某省关于强化知识产权保护的实施意见》"]}
    cited = preamble(build(data))
    assert "《关于强化知识产权保护的意见》和《某省关于强化知识产权保护的实施意见》" in cited
    # and a batch notice only when the profile adds it
    data["legal_basis"]["round"] = ["designation_2024"]
    assert "国知发运字〔2024〕2号" in preamble(build(data))


def test_protection_zone_tasks_are_the_protection_groups_only():
    doc = api.draft(api.load_profile(ROOT / "examples" / "lanhai-protection.yaml"))
    headings = [b.text for b in plan(doc).blocks if b.role == Role.HEADING2]
    assert headings == [
        "（一）加强知识产权行政保护",
        "（二）强化知识产权司法保护",
        "（三）强化知识产权维权援助",
    ]
    groups = {t.group_title for t in doc.tasks}
    assert groups == {"加强知识产权行政保护", "强化知识产权司法保护", "强化知识产权维权援助"}


def test_action_plan_fits_every_county_level():
    data = profile_data("qinghe-action")
    for level, name, strong in (("区", "青禾区", "强区"), ("县级市", "青禾市", "强市")):
        d = copy.deepcopy(data)
        d["county"].update(level=level, name=name, full_name=f"湘岭市{name}")
        d["notice"]["issuer"] = f"{name}人民政府"
        doc = build(d)
        assert doc.title == f"湘岭市{name}知识产权{strong}建设三年行动计划（2024—2026年）"
        assert "制定本行动计划。" in preamble(doc)


def test_a_genre_refuses_a_level_or_programme_it_does_not_fit():
    data = profile_data("jining")
    data["county"]["level"] = "县"
    with pytest.raises(api.ProfileError) as info:
        build(data)
    assert "opinion" in "\n".join(i.text("en") for i in info.value.issues)


def test_a_genre_citing_no_round_needs_no_batch_and_one_citing_it_does():
    data = profile_data("jining")
    assert "batch" not in data["programme"]
    build(data)  # no error
    work_plan = yaml.safe_load((ROOT / "examples" / "min-an.yaml").read_text(encoding="utf-8"))
    del work_plan["programme"]["batch"]
    with pytest.raises(api.ProfileError) as info:
        build(work_plan)
    (issue,) = info.value.issues
    assert issue.field == ("programme", "batch")
    assert "work_plan" in issue.text("en") and "legal_basis.round" in issue.text("en")


def test_seed_002_safeguards_end_in_their_lists_only_where_the_item_has_roles():
    doc = api.draft(api.load_profile(ROOT / "examples" / "jining.yaml"))
    safeguards = [b for b in plan(doc).blocks if b.text.startswith("（") and "。" in b.text[:20]]
    assert safeguards[-1].text.endswith(
        "（市委宣传部、市科协、市知识产权局、市工商局、市文广新局、市教育局、市司法局按职责分工负责）"
    )
    qinghe = api.draft(api.load_profile(ROOT / "examples" / "qinghe-action.yaml"))
    items = [b.text for b in plan(qinghe).blocks if b.text.startswith("（一）加强组织领导")]
    assert items and not items[0].endswith("负责）")


def test_an_opinion_for_any_prefecture_from_the_genre_alone():
    """A made-up 地级市 that names nothing but itself gets seed 002's 17 tasks, duties and
    保障措施 in today's generic names: no 济宁 word, no 2017 body, no 方案."""
    data = {
        "genre": "opinion",
        "county": {
            "name": "示例市",
            "full_name": "示例市",
            "level": "地级市",
            "province": "示例省",
            "prefecture": "示例市",
        },
        "programme": {"kind": "强市建设", "period": {"start": 2025, "end": 2027}},
        "notice": {
            "issuer": "示例市人民政府",
            "date": dt.date(2025, 3, 1),
            "addressees": ["各县（市、区）人民政府"],
        },
        "leading_group": {"name": "市知识产权工作领导小组", "short_name": "领导小组"},
    }
    doc = build(data)
    body = text(doc)
    assert doc.title == "示例市人民政府关于加快知识产权强市建设的实施意见"
    assert len(doc.tasks) == 17 and doc.tasks[0].title == "推进知识产权管理体制改革"
    assert doc.tasks[0].lead == ["市委组织部"] and "市发展和改革委员会" in doc.tasks[0].partners
    for word in (
        "济宁",
        "工商局",
        "质监局",
        "文广新局",
        "国税局",
        "地税局",
        "方案",
        "试点县",
        "强县建设",
    ):
        assert word not in re.sub("《[^》]*》", "", body), word
    assert "（市知识产权工作领导小组成员单位按职责分工负责）" in body
    assert "完善知识产权维权援助中心服务功能" in body and "鼓励驻地高校增设知识产权学科" in body


def test_a_text_variant_of_another_genre_is_an_error_naming_the_genre():
    """plan.guiding: general is the 行动计划's; a 工作方案 has only its own (found by the fuzzer)."""
    data = yaml.safe_load((ROOT / "examples" / "min-an.yaml").read_text(encoding="utf-8"))
    data["plan"]["guiding"] = "general"
    with pytest.raises(api.ProfileError) as info:
        build(data)
    (issue,) = info.value.issues
    assert issue.field == ("plan", "guiding")
    assert "genre work_plan has no text general for plan.guiding" in issue.text("en")
    assert "文种 work_plan 的 plan.guiding 没有写法 general" in issue.text("zh_CN")


def goal_paragraphs(doc) -> list:
    """The paragraphs under the 工作目标 heading, after its overall goal."""
    found, inside = [], False
    for block in plan(doc).blocks:
        if getattr(block, "role", None) == Role.HEADING1:
            inside = block.text.endswith("工作目标")
        elif inside and block.spans:
            found.append(block)
    return found[1:]


def goal_leads(doc) -> list[str]:
    """The 楷体 leads of the goal paragraphs."""
    return [p.spans[0].text for p in goal_paragraphs(doc) if p.spans[0].emphasis == Emphasis.LEAD2]


def test_a_lone_goal_takes_no_number_and_two_are_numbered():
    """A list of one is not numbered: the protection plan's one goal prints without （一）, its
    title the paragraph's first sentence in body type (an unnumbered 楷体 lead is no heading:
    drafter check's font 5.2.2), and two goals are （一）（二） leads."""
    data = profile_data("lanhai-protection")
    assert data.get("plan", {}).get("goals") in (None, ["protection_capacity"])
    doc = build(data)
    assert goal_leads(doc) == []
    (lone,) = goal_paragraphs(doc)
    assert lone.spans[0].text == "知识产权保护能力显著增强。"
    assert lone.spans[0].emphasis != Emphasis.LEAD2
    assert lone.text.startswith("知识产权保护能力显著增强。积极创造良好的知识产权保护环境")
    data = copy.deepcopy(data)
    data.setdefault("plan", {})["goals"] = ["protection_capacity", "service_capacity"]
    leads = goal_leads(build(data))
    assert [lead[:3] for lead in leads] == ["（一）", "（二）"]


# -- eras: a 2009–2012 推进计划 names nothing that came after it ---------------------------------
LATER = [
    "知识产权强国建设纲要",
    "十四五",
    "专利转化运用专项行动",
    "高价值",
    "企业知识产权管理规范",
    "知识产权导航",
    "习近平",
    "二十大",
    # bodies of the 2018 reform: the example names its departments as a county of 2009 did
    "市场监督管理局",
    "自然资源和规划局",
    "农业农村局",
    "文化和旅游局",
]


def test_the_promotion_plan_and_its_notes_name_nothing_later_than_2012():
    profile = api.load_profile(ROOT / "examples" / "anhe-promotion.yaml")
    assert "select" not in profile_data("anhe-promotion").get("tasks", {})  # the genre's choice
    doc = api.draft(profile)
    notes = api.draft_notes(profile, doc)
    for body in (text(doc), text(notes)):
        found = [w for w in LATER if w in body]
        assert not found, found
        years = {int(y) for y in re.findall(r"(20\d\d)年", body)}
        assert years and max(years) <= 2012, sorted(years)
    assert len(doc.tasks) == 10


def test_what_the_catalogue_picks_by_itself_leaves_out_what_postdates_the_plan():
    data = profile_data("anhe-promotion")
    data.setdefault("tasks", {})["tags"] = ["batch2024"]  # the 专项行动 (2023) tasks, by their tag
    doc = build(data)
    assert not any("专项行动" in t.title or "转化" in t.title for t in doc.tasks)
    later = copy.deepcopy(data)
    later["programme"]["period"] = {"start": 2024, "end": 2026}
    later["notice"]["date"] = dt.date(2024, 5, 1)
    assert any(t.title == "实施专利转化运用专项行动" for t in build(later).tasks)


@pytest.mark.parametrize(
    ("field", "value", "path", "since"),
    [
        ("tasks", {"include": ["patent-conversion-action"]}, ("tasks", "include", 0), 2023),
        ("indicators", {"high_value_invention_patents": {"target": 50}}, None, 2021),
        ("legal_basis", {"national": ["national_outline"]}, ("legal_basis", "national", 0), 2021),
    ],
)
def test_what_the_profile_names_that_postdates_its_plan_is_an_error(field, value, path, since):
    data = profile_data("anhe-promotion")
    data[field] = {**data.get(field, {}), **value}
    with pytest.raises(api.ProfileError) as info:
        build(data, name="anhe.yaml")
    (issue,) = info.value.issues
    assert issue.field == (path or ("indicators", "high_value_invention_patents"))
    assert f"dates from {since}, after the plan's period ends (2012" in issue.text("en")
    assert f"始于 {since} 年，晚于工作期结束年 2012" in issue.text("zh_CN")
    assert issue.code == "profile.postdates-the-plan"


def test_an_era_in_the_catalogue_is_checked_where_it_is_written(tmp_path, monkeypatch):
    import shutil

    from drafter import diskcache, library
    from drafter.library.check import LibraryError

    monkeypatch.setattr(diskcache, "CACHE_DIR", tmp_path / "cache")
    root = tmp_path / "templates"
    shutil.copytree(library.templates_root(), root)
    bases = root / "catalogue" / "legal_bases.yaml"
    bases.write_text(
        bases.read_text(encoding="utf-8").replace(
            "  national_outline: 2021\n", "  outline: 1800\n"
        ),
        encoding="utf-8",
    )
    with pytest.raises(LibraryError) as info:
        library.load.__wrapped__(root)
    found = info.value.text("en")
    assert "templates/catalogue/legal_bases.yaml:" in found and "since" in found
    assert "outline" in found


# -- the made-up examples: their own figures and local basis, as the seeds have theirs ----------
MADE_UP = {
    # example: (the local document its preamble cites, clauses its goals print with the figures)
    "qinghe-action": (
        "《湘岭市“十四五”知识产权保护和运用规划》",
        ["全县有效发明专利达到480件以上", "拥有有效注册商标累计达到8000件"],
    ),
    "lanhai-protection": (
        "《海沅市关于强化知识产权保护的实施方案》",
        ["知识产权保护社会满意度达到85%"],
    ),
    "chengpu-district": (
        "《澄浦区知识产权“十四五”规划》",
        ["全区高价值发明专利达到1300件以上", "拥有有效注册商标累计达到6万件"],
    ),
    "anhe-promotion": (
        "《吉澜市关于实施知识产权战略的意见》",
        ["全县有效发明专利达到80件以上", "培育国家级、省级知识产权试点示范企业8家以上"],
    ),
}


@pytest.mark.parametrize("name", sorted(MADE_UP))
def test_a_made_up_example_prints_its_own_targets_and_local_basis(name):
    basis, clauses = MADE_UP[name]
    data = profile_data(name)
    assert data["legal_basis"]["policies"] == [basis]
    assert all("baseline" in v or "target" in v for v in data["indicators"].values())
    doc = build(data, name=f"{name}.yaml")
    assert basis in preamble(doc)
    body = text(doc)
    for clause in clauses:
        assert clause in body, clause
    # a made-up county never borrows a seed county's name or documents
    for seed_word in ("泰山", "泰安", "荣成", "威海", "济宁", "山东"):
        assert seed_word not in body, seed_word
