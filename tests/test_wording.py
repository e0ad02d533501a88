"""The wording choices a clerk makes (issue 15), each read back from the built draft."""

from __future__ import annotations

import copy

import pytest
import yaml
from conftest import ROOT

from drafter import api
from drafter.model import Role

SAMPLE = yaml.safe_load((ROOT / "examples" / "sample-county.yaml").read_text(encoding="utf-8"))
PLAN = "示例市示例县国家知识产权强县建设试点县工作方案（2024—2026年）"


def draft(change=None, base=SAMPLE):
    data = copy.deepcopy(base)
    if change:
        change(data)
    return api.draft(api.load_profile(data, name="county.yaml"))


def problems(change, base=SAMPLE) -> str:
    with pytest.raises(api.ProfileError) as info:
        draft(change, base)
    return "\n".join(i.text("zh_CN") for i in info.value.issues)


def notice(doc) -> tuple[str, str]:
    part = next(p for p in doc.parts if p.name == "notice")
    title = next(b.text for b in part.blocks if b.role == Role.TITLE)
    body = next(b.text for b in part.blocks if b.role == Role.BODY)
    return title, body


def text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs())


# -- notice ------------------------------------------------------------------------------------


def test_notice_default_form():
    title, body = notice(draft())
    assert title == f"示例县人民政府关于印发《{PLAN}》的通知"
    assert body == f"《{PLAN}》已经县政府同意，现印发给你们，请认真贯彻执行。"


@pytest.mark.parametrize(
    "fields,expected",
    [
        ({"approval": "study"}, f"经县政府研究，现将《{PLAN}》印发给你们，请认真贯彻执行。"),
        (
            {"approval": "meeting", "meeting": {"number": 12, "verb": "讨论通过"}},
            f"《{PLAN}》已经县政府第12次常务会议讨论通过，现印发给你们，请认真贯彻执行。",
        ),
        (
            {"approval": "meeting", "meeting": {"number": 5, "year": 2024}},
            f"《{PLAN}》已经县政府2024年第5次常务会议审议通过，现印发给你们，请认真贯彻执行。",
        ),
        (
            {"approval": "party_government"},
            f"《{PLAN}》已经县委、县政府同意，现印发给你们，请认真贯彻执行。",
        ),
        (
            {"approval": "consent", "instruction": "请结合实际认真组织实施"},
            f"经县政府同意，现将《{PLAN}》印发给你们，请结合实际认真组织实施。",
        ),
        ({"approval": "none"}, f"现将《{PLAN}》印发给你们，请认真贯彻执行。"),
    ],
)
def test_notice_approval_forms(fields, expected):
    _title, body = notice(draft(lambda d: d["notice"].update(fields)))
    assert body == expected


def test_notice_by_the_office_with_a_short_title_and_no_quotes():
    def office(d):
        d["notice"].update(
            issuer="示例县人民政府办公室", title_issuer="县政府办公室", title_quotes=False
        )

    doc = draft(office)
    title, body = notice(doc)
    assert title == f"县政府办公室关于印发{PLAN}的通知"
    assert body.startswith(f"《{PLAN}》已经县政府同意")  # the body still quotes the title
    part = next(p for p in doc.parts if p.name == "notice")
    assert [b.text for b in part.blocks if b.role == Role.SIGNATURE] == ["示例县人民政府办公室"]
    # the 版记's 印发机关 is the office itself, not 示例县人民政府办公室办公室 (7.4.3)
    assert doc.imprint is not None and doc.imprint.printer == "示例县人民政府办公室"
    assert draft(lambda d: None).imprint.printer.endswith("人民政府办公室")


def test_forwarding_notice():
    def forward(d):
        d["notice"].update(
            issuer="示例县人民政府办公室",
            title_issuer="县政府办公室",
            forward={"from": "县市场监督管理局", "drafted": True},
        )

    title, body = notice(draft(forward))
    assert title == f"县政府办公室关于转发县市场监督管理局《{PLAN}》的通知"
    assert body == f"县市场监督管理局制定的《{PLAN}》已经县政府同意，现转发给你们，请认真贯彻执行。"


def test_meeting_needs_its_number():
    message = problems(lambda d: d["notice"].update(approval="meeting"))
    assert "notice.approval" in message and "notice.meeting.number" in message


# -- legal basis and preamble ---------------------------------------------------------------------

OUTLINE = "《知识产权强国建设纲要（2021—2035年）》"
PLAN14 = "《“十四五”国家知识产权保护和运用规划》"
BATCH2024 = (
    "《国家知识产权局关于确定国家知识产权强市建设试点示范城市、强县建设试点示范县的通知》"
    "（国知发运字〔2024〕2号）"
)
ACTION = "《专利转化运用专项行动方案（2023—2025年）》"


def preamble(doc) -> str:
    plan = next(p for p in doc.parts if p.name == "plan")
    return plan.blocks[1].text


def test_default_preamble_cites_the_2024_round_in_full():
    text = preamble(draft(lambda d: d["plan"].update(period_sentence=False)))
    assert text == (
        f"为落实{OUTLINE}和{PLAN14}决策部署，推动示例县知识产权事业高质量发展，加快建设知识产权强县，"
        f"根据{BATCH2024}和{ACTION}要求，立足我县实际，制定本方案。"
    )


def test_book_titles_join_without_a_comma_and_the_last_with_he():
    def three(d):
        d["legal_basis"] = {"policies": ["《某省知识产权强省建设纲要（2021—2035年）》"]}

    text = preamble(draft(three))
    assert f"为落实{OUTLINE}{PLAN14}和《某省知识产权强省建设纲要（2021—2035年）》决策部署" in text
    assert "》、《" not in text and "和《“十四五”" not in text


def test_auto_cited_documents_can_be_dropped_replaced_and_reordered():
    def choose(d):
        d["legal_basis"] = {
            "national": [PLAN14, "national_outline"],  # reordered, one by its id
            "round": ["designation_2024"],  # the 专项行动方案 dropped
        }

    text = preamble(draft(choose))
    assert f"为落实{PLAN14}和{OUTLINE}决策部署" in text
    assert f"根据{BATCH2024}要求" in text and ACTION not in text


def test_a_basis_ending_in_its_own_requirement_is_not_doubled():
    def requirement(d):
        d["legal_basis"] = {"round": ["省知识产权局关于做好强县建设工作的有关要求"]}

    text = preamble(draft(requirement))
    assert "根据省知识产权局关于做好强县建设工作的有关要求，" in text and "要求要求" not in text


@pytest.mark.parametrize(
    "shape,opening",
    [
        ("superior", "为深入实施国家知识产权战略，充分发挥知识产权在县域经济发展中的重要作用，"),
        ("designation", "2024年，示例县被国家知识产权局确定为国家知识产权强县建设试点县。"),
        ("outline", f"为深入贯彻落实{OUTLINE}和{PLAN14}，全面提升全县知识产权"),
    ],
)
def test_preamble_shapes(shape, opening):
    text = preamble(draft(lambda d: d["plan"].update(preamble=shape, period_sentence=False)))
    assert text.startswith(opening)
    assert text.endswith("制定本方案。") or text.endswith("制定本工作方案。")
    if shape == "superior":
        assert "根据上级有关文件精神" in text and "《" not in text


def test_unknown_batch_year_needs_its_documents():
    message = problems(
        lambda d: d["programme"].update(batch=2025, period={"start": 2025, "end": 2027})
    )
    assert "programme.batch" in message and "2025" in message and "legal_basis.round" in message

    def named(d):
        d["programme"].update(batch=2025, period={"start": 2025, "end": 2027})
        d["legal_basis"] = {"round": ["《某某关于确定强县建设试点县的通知》"]}

    doc = draft(named)
    assert "根据《某某关于确定强县建设试点县的通知》要求" in preamble(doc)
    # the 2024 round's own tasks (专利转化运用专项行动) come only with that round
    assert not any(t.title == "实施专利转化运用专项行动" for t in doc.tasks)
    assert any(t.title == "实施专利转化运用专项行动" for t in draft().tasks)


# -- framing, principles, ambition ---------------------------------------------------------------


def section(doc, heading: str) -> list[str]:
    plan = next(p for p in doc.parts if p.name == "plan")
    out, inside = [], False
    for block in plan.blocks:
        if getattr(block, "role", None) == Role.HEADING1:
            inside = block.text.split("、", 1)[1] == heading
        elif inside:
            out.append(block.text)
    return out


FRAMING = {
    "regional_strategy": "长三角一体化发展",
    "industry_system": "“246”产业集群体系",
    "instruction": "深入落实省委关于创新驱动发展的部署要求",
    "slogan": "奋力打造县域高质量发展样板",
}


@pytest.mark.parametrize("guiding", ["pilot", "strategy", "demonstration"])
def test_framing_woven_into_guiding_and_goal_when_given(guiding):
    doc = draft(lambda d: d.update(framing=FRAMING) or d["plan"].update(guiding=guiding))
    guide, goal = section(doc, "指导思想")[0], section(doc, "主要目标")[0]
    for value in FRAMING.values():
        assert value in guide, (guiding, value)
    assert "更好服务长三角一体化发展" in goal and "有力支撑“246”产业集群体系发展" in goal
    plain = draft(lambda d: d["plan"].update(guiding=guiding))
    assert "主动融入" not in text(plain) and "聚焦" not in section(plain, "指导思想")[0]


def test_demonstration_and_pilot_read_differently():
    pilot = draft()
    demo = draft(lambda d: d["programme"].update(kind="示范县"))
    pilot_guide, demo_guide = section(pilot, "指导思想")[0], section(demo, "指导思想")[0]
    assert "示范引领" in demo_guide and "示范引领" not in pilot_guide
    assert "以建设知识产权强县为目标" in pilot_guide
    assert "建设国家知识产权强县建设" not in text(demo)  # no 建设…建设
    demo_goal = section(demo, "主要目标")[0]
    assert "示范引领作用" in demo_goal and "基本完成" in section(pilot, "主要目标")[0]


def test_principles_from_the_library_and_the_countys_own_in_its_order():
    own = {"title": "政府推动，市场主导", "body": "发挥政府推动作用，尊重市场规律。"}
    doc = draft(
        lambda d: d["plan"].update(
            principles=["government_market", "own", "innovation"], own_principles=[own]
        )
    )
    assert section(doc, "基本原则") == [
        "（一）政府引导，市场主导。发挥政府在规划引导、政策支持、环境营造等方面的作用，"
        "促进知识产权服务由政府主导逐渐向市场主导转变，形成政府引导、企业为主、社会参与的知识产权工作格局。",
        "（二）政府推动，市场主导。发挥政府推动作用，尊重市场规律。",
        "（三）坚持创新引领。立足示例县知识产权发展实际，积极探索知识产权发展新思路、新举措，"
        "充分释放全社会知识产权创新活力，为知识产权强国、强省、强市建设贡献力量。",
    ]
    message = problems(lambda d: d["plan"].update(principles=["innovation", "bogus"]))
    assert "plan.principles[1]" in message and "bogus" in message
    # the county's own alone, or after the library's when "own" is not placed
    only = draft(lambda d: d["plan"].update(principles=[], own_principles=[own]))
    assert section(only, "基本原则") == [
        "（一）政府推动，市场主导。发挥政府推动作用，尊重市场规律。"
    ]
    after = draft(lambda d: d["plan"].update(principles=["quality"], own_principles=[own]))
    assert [p[:10] for p in section(after, "基本原则")] == [
        "（一）坚持质量优先。",
        "（二）政府推动，市场",
    ]


def test_a_plan_may_name_no_group_and_a_named_group_has_one_name():
    nameless = text(draft(lambda d: d.update(leading_group={})))
    assert "领导小组" not in nameless and "None" not in nameless
    assert "各有关单位按职责分工负责" in nameless and "知识产权工作协调机制" in nameless
    named = text(draft())
    assert named.count("县知识产权工作领导小组") >= 3
    # every mention of a group is the group's one name
    assert named.count("领导小组") == named.count("县知识产权工作领导小组")
    assert "加强对知识产权工作的领导" in named and "加强对知识产权工作领导，" not in named


@pytest.mark.parametrize("level", ["县", "区", "县级市"])
def test_defaults_name_no_seed_countys_own_bodies(level):
    def at(d):
        d["county"]["level"] = level
        d["tasks"] = {"include": ["ip-management-system", "ip-financing-models"]}

    body = text(draft(at))
    for word in (
        "街道镇",
        "镇街",
        "金融发展服务中心",
        "地方金融服务中心",
        "社会信用中心",
        "泰山",
        "荣成",
    ):
        assert word not in body, (level, word)
    assert "专项资金主要用于" not in body  # no fund named: none is referred to
    assert "纳入财政预算予以保障" in body


def test_seed_county_words_come_from_its_own_profile():
    taishan = text(api.draft(api.load_profile(ROOT / "profiles" / "taishan.yaml")))
    assert "各街道镇、园区等按职责分工负责" in taishan and "区金融发展服务中心" in taishan


# -- tasks and goals -----------------------------------------------------------------------------


def test_task_variant_per_task_and_its_own_roles():
    def pick(d):
        d["departments"] = {"pboc": "人民银行示例县支行"}
        d["tasks"] = {"overrides": {"ip-finance": {"variant": "concise"}}}

    doc = draft(pick)
    task = next(t for t in doc.tasks if t.title == "拓展知识产权投融资渠道")
    assert task.lead == ["县财政局"] and "人民银行示例县支行" in task.partners
    combined = next(t for t in draft().tasks if t.title == "优化知识产权金融服务")
    assert "人民银行示例县支行" not in combined.partners  # not named: not listed
    message = problems(
        lambda d: d.update(tasks={"overrides": {"ip-transfer": {"variant": "concise"}}})
    )
    assert "ip-transfer" in message and "concise" in message


def test_task_parameters_from_the_profile_never_a_vague_batch():
    def params(d):
        d["tasks"] = {
            "style": "concise",
            "include": ["talent-training", "talent-policy"],
            "params": {"trained_per_year": 30, "talent_programme": "“归雁”计划"},
        }

    body = text(draft(params))
    assert "复合型人才30人以上" in body and "深入实施“归雁”计划" in body
    plain = text(draft(lambda d: d.update(tasks={"include": ["talent-training"]})))
    assert "一批能熟练" not in plain and "复合型人才。" in plain


def test_indicator_wordings_and_every_given_figure_appears():
    def figures(d):
        d["plan"]["goals"] = ["output_quality"]
        d["indicators"] = {
            "registered_trademarks": {"target": 9000, "wording": "domestic"},
            "gi_trademarks": {"target": 4},
            "pilot_enterprises": {"target": 12},  # no chosen goal prints it
            "pledge_amount": {"target": 15},  # alone: it needs its subject
        }

    doc = draft(figures)
    goals = "".join(section(doc, "主要目标"))
    assert "国内商标有效注册量达到9000件以上" in goals and "地理标志证明商标达到4件" in goals
    assert "培育国家级、省级知识产权试点示范企业12家以上" in goals
    assert "知识产权质押融资额达到15亿元以上" in goals and "，质押额" not in goals
    message = problems(
        lambda d: d.update(indicators={"gi_trademarks": {"target": 4, "wording": "domestic"}})
    )
    assert "gi_trademarks" in message and "gi_mark" in message


def test_county_tags_bring_their_tasks():
    def port(d):
        d["county"]["tags"] = ["port", "culture"]
        d["departments"] = {"customs": "示例海关"}

    titles = [t.title for t in draft(port).tasks]
    assert "加强进出口环节知识产权保护" in titles and "促进版权创作和运用" in titles
