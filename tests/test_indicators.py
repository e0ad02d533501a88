"""Targets and indicators (issue 5): computed figures, their review comments, checks, and the tables."""

from __future__ import annotations

import re

import docx
import pytest
from conftest import load_profile, run_cli, write_profile
from docx.oxml.ns import qn


def build(tmp_path, data, *formats, extra=()):
    path = write_profile(data, tmp_path / "county.yaml")
    args = [a for f in (formats or ("md",)) for a in ("--format", f)]
    result = run_cli("build", str(path), "-o", str(tmp_path / "out"), *args, *extra)
    return result, tmp_path / "out"


def growth_profile():
    data = load_profile("taishan")
    data["indicators"]["valid_invention_patents"] = {
        "baseline": {"value": 1500, "year": 2021},
        "growth": 0.12,
    }
    del data["indicators"]["invention_per_10k"]
    return data


def test_growth_target_is_computed_and_commented(tmp_path):
    # 1500 × 1.12^4 = 2360.28… → 2360 (whole number for a count)
    result, out = build(tmp_path, growth_profile(), "docx", "md")
    assert result.returncode == 0, result.stderr
    md = (out / "county.md").read_text(encoding="utf-8")
    assert (
        "全区有效发明专利达到2360件以上<sup>[按2021年基数1500件、年均增长12%测算，请核实]</sup>"
        in md
    )
    doc = docx.Document(str(out / "county.docx"))
    comments = [c.text for c in doc.comments]
    assert comments == ["按2021年基数1500件、年均增长12%测算，请核实"]
    anchored = next(
        p for p in doc.paragraphs if p._p.find(f".//{qn('w:commentRangeStart')}") is not None
    )
    start = anchored._p.find(f".//{qn('w:commentRangeStart')}")
    run = start.getnext()
    assert (
        run.tag == qn("w:r")
        and "".join(t.text for t in run.iter(qn("w:t"))) == "全区有效发明专利达到2360件以上"
    )


def test_no_comments_option(tmp_path):
    result, out = build(tmp_path, growth_profile(), "docx", extra=("--no-comments",))
    assert result.returncode == 0, result.stderr
    doc = docx.Document(str(out / "county.docx"))
    assert list(doc.comments) == []
    assert any("全区有效发明专利达到2360件以上" in p.text for p in doc.paragraphs)


def test_copied_figures_carry_no_comment(built):
    assert list(docx.Document(str(built / "taishan.docx")).comments) == []


def test_ratio_computed_from_population(tmp_path):
    # 2300 / 958,000 × 10,000 = 24.008… → 24.0;  560 / 958,000 × 10,000 = 5.845… → 5.8
    # (seed 000's own 24 and 7.0 fit no single population, so both ratios are derived here)
    data = load_profile("taishan")
    data["county"]["population"] = 958000
    del data["indicators"]["invention_per_10k"]
    del data["indicators"]["high_value_per_10k"]
    result, out = build(tmp_path, data)
    assert result.returncode == 0, result.stderr
    md = (out / "county.md").read_text(encoding="utf-8")
    assert (
        "万人有效发明专利拥有量达到24.0件以上<sup>[按2300件、常住人口95.8万人测算，请核实]</sup>"
        in md
    )
    assert (
        "万人高价值发明专利拥有量提高至5.8件<sup>[按560件、常住人口95.8万人测算，请核实]</sup>"
        in md
    )


def test_count_and_ratio_must_agree(tmp_path):
    # 2300 / 800,000 × 10,000 = 28.75 → 29, but the profile says 24
    data = load_profile("taishan")
    data["county"]["population"] = 800000
    result, _ = build(tmp_path, data)
    assert result.returncode == 1
    assert re.search(
        r"county\.yaml:\d+: indicators\.invention_per_10k\.target: 万人有效发明专利拥有量 24 与有效发明专利 2300"
        r"、人口 800000 不符：按此测算应为 29",
        result.stderr,
    ), result.stderr


@pytest.mark.parametrize(
    "change,fragment",
    [
        (
            lambda d: d["indicators"].update(
                valid_invention_patents={"baseline": {"value": 2500, "year": 2021}, "target": 2300}
            ),
            "indicators.valid_invention_patents.target: 目标值 2300 低于基数 2500",
        ),
        (
            lambda d: d["indicators"].update(penalty_closure_rate={"target": 120}),
            "indicators.penalty_closure_rate.target: 百分比不能超过 100，得到 120",
        ),
        (
            lambda d: d["indicators"].update(high_value_per_10k={}),
            "indicators.high_value_per_10k: 测算万人高价值发明专利拥有量需要填写 county.population",
        ),
    ],
)
def test_impossible_targets_are_rejected_with_line(tmp_path, change, fragment):
    data = load_profile("taishan")
    change(data)
    result, _ = build(tmp_path, data)
    assert result.returncode == 1
    assert re.search(r"county\.yaml:\d+: " + re.escape(fragment), result.stderr), result.stderr


def test_indicator_not_given_is_left_out(tmp_path):
    data = load_profile("taishan")
    for key in ("pledge_registrations", "pledge_amount"):
        del data["indicators"][key]
    result, out = build(tmp_path, data)
    md = (out / "county.md").read_text(encoding="utf-8")
    goal = next(
        line for line in md.splitlines() if line.startswith("**（二）知识产权运用水平明显提升。**")
    )
    assert "质押额" not in goal and "质押融资登记" not in goal
    assert "质押融资规模显著扩大。提升知识产权产业化水平" in goal
    assert "None" not in md and "。。" not in md and "，。" not in md


def test_indicator_table(tmp_path):
    data = growth_profile()
    data["plan"]["attachments"] = ["indicators", "division"]
    result, out = build(tmp_path, data, "docx", "md")
    assert result.returncode == 0, result.stderr
    doc = docx.Document(str(out / "county.docx"))
    table = doc.tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["序号", "指标", "单位", "基数年份", "基数", "目标值（2025年）", "属性"]
    assert ["1", "有效发明专利", "件", "2021", "1500", "2360", "预期性"] in rows
    # registry order; no baseline given, so "—" (never an empty cell)
    assert rows[11] == ["11", "侵犯知识产权行政处罚案件结案率", "%", "—", "—", "90", "约束性"]
    assert len(rows) == 1 + 12  # the 12 indicators the profile gives, and no others
    md = (out / "county.md").read_text(encoding="utf-8")
    assert "附件：1.泰安市泰山区国家知识产权强县建设试点县主要指标表" in md
    assert "\n\n2.泰安市泰山区国家知识产权强县建设试点县重点任务分工表" in md


def test_department_lists_hold_each_task_under_its_departments_only(tmp_path):
    """泰山区's plan has no 分工表, so its lists name no lead: each department's section holds
    exactly the tasks whose list names it, with no 牵头/配合 split."""
    result, out = build(tmp_path, load_profile("taishan"), "dept", "docx")
    assert result.returncode == 0, result.stderr
    plan = docx.Document(str(out / "county.docx"))
    expected: dict[str, set[str]] = {}
    for p in plan.paragraphs:
        m = re.match(r"^(\d+)\.(.+?)。.*（(.+?)(等按职责分工负责|按职责分工负责|负责)）$", p.text)
        if m:
            for unit in _split_units(m.group(3)):
                expected.setdefault(unit, set()).add(m.group(1))
    md = (out / "county.departments.md").read_text(encoding="utf-8")
    found: dict[str, set[str]] = {}
    dept = None
    for line in md.splitlines():
        if line.startswith("## "):
            dept = re.sub(r"^## [一二三四五六七八九十]+、", "", line)
        elif m := re.match(r"^任务(\d+)：", line):
            found.setdefault(dept, set()).add(m.group(1))
    assert found == expected
    assert "1" in found["区知识产权工作领导小组成员单位"]
    assert "牵头" not in md and "配合任务" not in md
    assert len(docx.Document(str(out / "county.departments.docx")).paragraphs) > 20


def _split_units(text: str) -> list[str]:
    """Department names joined by 、, keeping "各街道镇、园区" (one unit) whole."""
    parts, out = text.split("、"), []
    for part in parts:
        if part == "园区" and out and out[-1].startswith("各"):
            out[-1] += "、园区"
        else:
            out.append(part)
    return out
