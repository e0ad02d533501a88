"""The two seed counties' drafts, read back from the .docx: structure, figures, responsibility lists."""

from __future__ import annotations

import re

import docx
import pytest
from conftest import load_profile
from docx.oxml.ns import qn

TASK = re.compile(r"^(\d+)\.(.+?)。")


def paragraphs(path) -> list[str]:
    """The draft's text: a title's line breaks (7.3.1) read as one line; the 版记 framed at the
    foot of the last page (7.4), and the empty paragraph its frame is anchored to, are not the
    plan's text."""
    texts = [
        p.text.replace("\n", "")
        for p in docx.Document(str(path)).paragraphs
        if p._p.pPr is None or p._p.pPr.find(qn("w:framePr")) is None
    ]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def section_headings(texts: list[str]) -> list[str]:
    return [t for t in texts if re.match(r"^[一二三四五六七八九十]+、", t)]


def group_headings(texts: list[str]) -> list[str]:
    return [t for t in texts if re.match(r"^（[一二三四五六七八九十]+）[^。]+$", t)]


def tasks(texts: list[str]) -> list[str]:
    return [t for t in texts if TASK.match(t)]


@pytest.fixture(scope="module")
def taishan(built):
    return paragraphs(built / "taishan.docx")


@pytest.fixture(scope="module")
def rongcheng(built):
    return paragraphs(built / "rongcheng.docx")


def test_taishan_notice(taishan):
    assert taishan[0] == "泰安市泰山区人民政府文件"
    assert taishan[1] == "泰山政字〔2022〕6号"
    assert taishan[2] == (
        "泰安市泰山区人民政府关于印发《泰安市泰山区国家知识产权强县建设试点县（区）"
        "工作方案（2022—2025年）》的通知"
    )
    assert taishan[3] == "各街道办事处、镇人民政府，各园区管委会，区直有关单位："
    assert taishan[4].endswith("已经区政府同意，现印发给你们，请认真遵照执行。")
    assert taishan[5:7] == ["泰安市泰山区人民政府", "2022年12月4日"]


def test_taishan_preamble_cites_legal_basis(taishan):
    preamble = taishan[
        taishan.index("泰安市泰山区国家知识产权强县建设试点县（区）工作方案（2022—2025年）") + 1
    ]
    for cited in (
        "《知识产权强国建设纲要（2021—2035年）》",
        "《山东省知识产权强省建设纲要（2021—2035年）》",
        "（国知办函运字〔2021〕1197号）",
        "（国知发运函字〔2022〕131号）",
    ):
        assert cited in preamble
    assert preamble.endswith("立足我区实际，制定本方案。")


def test_taishan_sections_in_order(taishan):
    assert section_headings(taishan) == [
        "一、指导思想",
        "二、基本原则",
        "三、主要目标",
        "四、重点任务",
        "五、保障措施",
    ]


def test_taishan_principles_and_safeguards(taishan):
    start, goals = taishan.index("二、基本原则"), taishan.index("三、主要目标")
    principles = taishan[start + 1 : goals]
    assert [p[:9] for p in principles] == [
        "（一）坚持创新引领",
        "（二）坚持质量优先",
        "（三）坚持强化保护",
        "（四）坚持统筹协调",
    ]
    safeguards = taishan[taishan.index("五、保障措施") + 1 :]
    assert len(safeguards) == 4
    assert safeguards[0].startswith("（一）加强组织领导，建立长效工作机制。")
    assert "工作组办公室设在区市场监管局" in safeguards[0]
    assert "落实《泰山区知识产权专项资金使用管理办法》" in safeguards[1]


def test_taishan_goal_figures(taishan):
    goals = "".join(taishan[taishan.index("三、主要目标") : taishan.index("四、重点任务")])
    assert goals.count("（一）") == 1 and "（四）知识产权管理与服务能力明显提高。" in goals
    for figure in (
        "全区高价值发明专利达到560件以上",
        "万人高价值发明专利拥有量提高至7.0件",
        "全区有效发明专利达到2300件以上",
        "万人有效发明专利拥有量达到24件以上",
        "拥有有效注册商标累计达到2.1万件",
        "中国驰名商标累计达到13件",
        "地理标志证明商标达到3件",
        "累计办理知识产权质押融资登记40项以上",
        "质押额达到4.2亿元以上",
        "力争国家知识产权优势示范企业突破8家",
        "侵犯知识产权行政处罚案件结案率达到90%以上",
        "行政裁决案件审结率达到100%",
        "累计培育知识产权贯标企业不少于35家",
    ):
        assert figure in goals, figure
    assert "到2025年" in goals


def test_taishan_tasks_numbered_in_five_groups(taishan):
    body = taishan[taishan.index("四、重点任务") : taishan.index("五、保障措施")]
    assert group_headings(body) == [
        "（一）完善知识产权制度体系",
        "（二）推动知识产权高质量创新创造",
        "（三）促进知识产权高效益运用",
        "（四）强化知识产权高标准保护",
        "（五）优化知识产权高品质管理服务",
    ]
    found = tasks(body)
    assert [int(TASK.match(t).group(1)) for t in found] == list(range(1, 17))
    assert TASK.match(found[0]).group(2) == "健全知识产权管理体制机制"
    assert TASK.match(found[15]).group(2) == "加大知识产权宣传力度"


def test_taishan_every_task_ends_with_duty_list(taishan):
    profile = load_profile("taishan")
    for task in tasks(taishan):
        duty = re.search(r"（([^（）]+)(按职责分工负责|负责)）$", task)
        assert duty, task[-40:]
        assert duty.group(1).startswith(("区", "市公安局泰山分局", "各街道镇"))
    joined = "".join(tasks(taishan))
    assert "（区知识产权工作领导小组成员单位按职责分工负责）" in joined
    assert profile["departments"]["public_security"] in joined
    assert "区金融发展服务中心" in joined
    assert "区市场监管局、区科技局" in joined


def test_rongcheng_structure(rongcheng):
    assert rongcheng[0] == "荣成市人民政府文件"
    assert not any(
        "〔" in t and t.endswith("号") and len(t) < 20 for t in rongcheng[:3]
    )  # the seed has no number
    assert section_headings(rongcheng) == [
        "一、指导思想",
        "二、工作目标",
        "三、重点任务",
        "四、保障措施",
    ]
    body = rongcheng[rongcheng.index("三、重点任务") : rongcheng.index("四、保障措施")]
    assert len(group_headings(body)) == 7
    assert group_headings(body)[-1] == "（七）推进知识产权宣传普及"
    found = tasks(body)
    assert len(found) == 15
    # numbering restarts in each group, as seed 003 numbers its tasks
    assert [int(TASK.match(t).group(1)) for t in found] == [
        1,
        2,
        1,
        2,
        3,
        1,
        2,
        1,
        2,
        3,
        1,
        2,
        1,
        2,
        1,
    ]
    safeguards = rongcheng[
        rongcheng.index("四、保障措施") + 1 : rongcheng.index(
            "附件：荣成市知识产权战略实施工作专项小组成员名单"
        )
    ]
    assert [s[:10] for s in safeguards] == [
        "（一）加强组织领导。",
        "（二）强化协作配合。",
        "（三）加强督导调度。",
    ]


def test_rongcheng_units_style_names_its_departments(rongcheng):
    found = tasks(rongcheng)
    for task in found:
        assert re.search(r"（责任单位：[^（）]+）$", task), task[-40:]
    joined = "".join(found)
    for name in (  # a run of the city's own departments shares its 市, as the seed writes it
        "（责任单位：市发展改革局、科学技术局、工业和信息化局、",
        "（责任单位：市科学技术局、人力资源和社会保障局、市场监督管理局等部门、单位）",
        "（责任单位：市委宣传部、市发展改革局、教育和体育局、",
        "人民银行荣成市支行、威海银保监分局荣成监管组等部门、单位）",
        "市场监督管理局等部门、单位，经济开发区、石岛管理区）",
    ):
        assert name in joined
    assert "（责任单位：专项小组各成员单位）" in joined


def test_rongcheng_goal_figures(rongcheng):
    goals = "".join(rongcheng[rongcheng.index("二、工作目标") : rongcheng.index("三、重点任务")])
    for figure in (
        "万人发明专利拥有量达到11件以上",
        "国内商标有效注册量达到9000件以上",
        "中国驰名商标总数达到9件以上",
        "地理标志商标达到14件以上",
        "培育国家级、省级知识产权试点示范企业20家以上",
        "全市通过知识产权管理规范认证的企业达到45家以上",
        "知识产权保护社会满意度达到80%以上",
        "力争全市知识产权行政执法案件年结案率达90%以上",
        "培育、引进知识产权服务机构总数达3家以上",
        "从事知识产权的各类人才达到200人以上",
    ):
        assert figure in goals, figure


def test_rongcheng_member_attachment(built, rongcheng):
    assert rongcheng[-3:-1] == ["附件", "荣成市知识产权战略实施工作专项小组成员名单"]
    assert rongcheng[-1] == "专项小组办公室设在市市场监督管理局，慕思华同志兼任办公室主任。"
    table = docx.Document(str(built / "rongcheng.docx")).tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["组\u3000长：", "戚\u3000媚", "市政府副市长"]
    assert rows[1] == ["副组长：", "慕思华", "市市场监督管理局局长"]
    assert rows[2][0] == "成\u3000员：" and rows[3][0] == ""
    assert rows[-1] == ["", "于辉桥", "威海银保监分局荣成监管组主任"]
    assert len(rows) == 23  # 组长, 副组长 and 21 成员, as seed 003 lists them
