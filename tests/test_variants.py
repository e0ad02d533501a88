"""Profile options of issue 4, each checked in the built text."""

from __future__ import annotations

import re

import docx
import pytest
import yaml
from conftest import ROOT, run_cli, with_bases

from drafter import library

SHANDONG = ("山东", "泰安", "泰山", "荣成", "济宁", "威海", "鲁政", "鲁")


def task_titles(md: str) -> list[str]:
    return re.findall(r"^\*\*\d+\.([^。]+)。\*\*", md, flags=re.M)


def group_titles(md: str) -> list[str]:
    return re.findall(r"^### （[一二三四五六七八九十]+）(.+)$", md, flags=re.M)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    result = run_cli(
        "build", "examples/sample-county.yaml", "-o", str(out), "--format", "md", "--format", "docx"
    )
    assert result.returncode == 0, result.stderr
    return out


def test_sample_2024_county_outside_shandong(sample):
    md = (sample / "sample-county.md").read_text(encoding="utf-8")
    for word in SHANDONG:
        assert word not in md, word
    assert "国知发运字〔2024〕2号" in md and "《专利转化运用专项行动方案（2023—2025年）》" in md
    assert "131号" not in md and "1197号" not in md
    assert "本方案工作期为2024年1月至2026年12月。" in md
    assert "实施专利转化运用专项行动" in task_titles(md)  # batch2024 task joins by default


def test_county_level_words_never_say_district(sample):
    md = (sample / "sample-county.md").read_text(encoding="utf-8")
    for word in ("我区", "强区", "区直", "全区", "区政府", "区市场监管局"):
        assert word not in md, word
    assert "我县" in md and "知识产权强县" in md and "县市场监督管理局" in md


def test_default_plan_without_choices(sample):
    md = (sample / "sample-county.md").read_text(encoding="utf-8")
    assert 14 <= len(task_titles(md)) <= 22
    assert 5 <= len(group_titles(md)) <= 7


def test_draft_status_in_page_header(sample):
    doc = docx.Document(str(sample / "sample-county.docx"))
    assert doc.sections[0].header.paragraphs[0].text == "征求意见稿"
    assert doc.sections[0].even_page_header.paragraphs[0].text == "征求意见稿"


def test_final_text_has_no_header(built):
    doc = docx.Document(str(built / "taishan.docx"))
    assert doc.sections[0].header.paragraphs[0].text == ""


def test_division_table_attachment(sample):
    doc = docx.Document(str(sample / "sample-county.docx"))
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    row = [c.text for c in table.rows[2].cells]
    assert row == [
        "2",
        "强化知识产权政策导向",
        "县市场监督管理局",
        "县科学技术局、县农业农村局、县工业和信息化局、县发展和改革局",
        "2026年",
    ]


def test_demonstration_county(variant):
    def change(d):
        d["programme"]["kind"] = "示范县"
        d["programme"].pop("title")

    code, out, md = variant("taishan", change)
    assert code == 0, out
    assert "# 泰安市泰山区国家知识产权强县建设示范县工作方案（2022—2025年）" in md
    assert "在知识产权强国建设中发挥示范引领作用" in md
    assert "国家知识产权强县建设示范县各项指标全面完成" in md


def test_2024_batch_cites_2024_basis(variant):
    def change(d):
        d["programme"].update(batch=2024, period={"start": 2024, "end": 2026})

    code, out, md = variant("taishan", change)
    assert code == 0, out
    assert "国知发运字〔2024〕2号" in md and "131号" not in md


def test_heading_synonyms(variant):
    code, out, md = variant(
        "taishan",
        lambda d: d["plan"].update(
            headings={"guiding": "总体要求", "principles": "工作原则", "goals": "总体目标"}
        ),
    )
    assert code == 0, out
    assert re.findall(r"^## (.+)$", md, flags=re.M) == [
        "一、总体要求",
        "二、工作原则",
        "三、总体目标",
        "四、重点任务",
        "五、保障措施",
    ]


def test_heading_must_be_a_known_synonym(variant):
    code, out, _ = variant("taishan", lambda d: d["plan"].update(headings={"goals": "奋斗目标"}))
    assert code == 1 and "plan.headings.goals: 应为以下之一：主要目标、工作目标、总体目标" in out


def test_principles_chosen_and_counted(variant):
    code, out, md = variant(
        "taishan", lambda d: d["plan"].update(principles=["reform", "protection"])
    )
    assert code == 0, out
    section = md[md.index("## 二、基本原则") : md.index("## 三、")]
    assert re.findall(r"\*\*（(.)）(.+?)。\*\*", section) == [
        ("一", "坚持改革驱动"),
        ("二", "坚持强化保护"),
    ]


def test_groups_order_titles_and_per_group_numbering(variant):
    def change(d):
        d["tasks"].pop("select")
        d["tasks"].update(
            groups=["protection", "creation"],
            numbering="per_group",
            group_titles={"protection": "织密知识产权保护网"},
        )

    code, out, md = variant("taishan", change)
    assert code == 0, out
    assert group_titles(md) == ["织密知识产权保护网", "推动知识产权高质量创新创造"]
    numbers = re.findall(r"^\*\*(\d+)\.", md, flags=re.M)
    assert numbers[0] == "1" and numbers.count("1") == 2


def test_tags_add_tasks(variant):
    def change(d):
        d["tasks"].pop("select")
        d["tasks"]["tags"] = ["port"]

    code, out, md = variant("rongcheng", change)
    assert code == 0, out
    port_tasks = [t.title for t in library.load().tasks if "port" in t.tags]
    assert port_tasks and all(title in task_titles(md) for title in port_tasks)


def test_include_and_own_task(variant):
    def change(d):
        d["tasks"]["include"] = ["iur-collaborative-creation"]
        d["tasks"]["custom"] = [
            {
                "id": "tea-brand",
                "group": "creation",
                "title": "打造“{{ county.name }}好茶”区域公用品牌",
                "body": "依托{{ lw.self }}茶产业基础，培育地理标志证明商标。",
                "roles": ["agriculture", "market"],
            }
        ]

    code, out, md = variant("taishan", change)
    assert code == 0, out
    titles = task_titles(md)
    assert "打造“泰山区好茶”区域公用品牌" in titles and "促进知识产权产学研协同创造" in titles
    assert (
        "依托我区茶产业基础，培育地理标志证明商标。（区农业农村局、区市场监管局等按职责分工负责）"
        in md
    )
    assert [int(n) for n in re.findall(r"^\*\*(\d+)\.", md, flags=re.M)] == list(range(1, 19))


def test_own_task_cannot_take_a_catalogue_id(variant):
    code, out, _ = variant(
        "taishan",
        lambda d: d["tasks"].update(
            custom=[
                {
                    "id": "ip-finance",
                    "group": "use",
                    "title": "x",
                    "body": "y。",
                    "roles": ["market"],
                }
            ]
        ),
    )
    assert code == 1 and "tasks.custom[0].id" in out and "ip-finance" in out


def _write(folder, name, data):
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder / name


def test_extends_appends_and_replaces(tmp_path):
    data = yaml.safe_load((ROOT / "profiles" / "taishan.yaml").read_text(encoding="utf-8"))
    with_bases(tmp_path)
    _write(tmp_path, "a.yaml", data)
    result = run_cli(
        "build", str(tmp_path / "a.yaml"), "-o", str(tmp_path / "out"), "--format", "md"
    )
    assert result.returncode == 0, result.stderr
    md = (tmp_path / "out" / "a.md").read_text(encoding="utf-8")
    assert (
        "《山东省“十四五”知识产权保护和运用规划》和《泰安市“十四五”知识产权保护和运用规划》决策部署"
        in md
    )
    data["legal_basis"] = {"policies": ["《某市规划》"]}  # no `+`: replaces the base's list
    _write(tmp_path, "b.yaml", data)
    result = run_cli(
        "build", str(tmp_path / "b.yaml"), "-o", str(tmp_path / "out"), "--format", "md"
    )
    md = (tmp_path / "out" / "b.md").read_text(encoding="utf-8")
    assert "山东省知识产权强省建设纲要" not in md and "《某市规划》决策部署" in md


def test_extends_cycle_and_missing_base(tmp_path):
    _write(tmp_path, "a.yaml", {"extends": "b.yaml"})
    _write(tmp_path, "b.yaml", {"extends": "a.yaml"})
    result = run_cli("validate", str(tmp_path / "a.yaml"))
    assert result.returncode == 1
    assert re.search(
        r"b\.yaml:1: extends: 循环继承：\S*a\.yaml → \S*b\.yaml → \S*a\.yaml", result.stderr
    ), result.stderr
    _write(tmp_path, "c.yaml", {"extends": "base/nowhere.yaml"})
    result = run_cli("validate", str(tmp_path / "c.yaml"))
    assert result.returncode == 1
    assert (
        "c.yaml:1: extends: 找不到基础配置文件" in result.stderr
        and "base/nowhere.yaml" in result.stderr
    )


def test_tasks_command_lists_catalogue():
    result = run_cli("tasks", "--group", "protection")
    assert result.returncode == 0
    assert "ip-protection-system  [protection]  完善知识产权保护体系" in result.stdout
    assert "source: 000:10" in result.stdout and "003:3.1" in result.stdout
    assert "[creation]" not in result.stdout
    tagged = run_cli("tasks", "--tag", "batch2024")
    assert "实施专利转化运用专项行动" in tagged.stdout
    assert run_cli("tasks", "--tag", "nonsense").returncode == 2
