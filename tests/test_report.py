"""Progress report (drafter.compose.report): figures checked by hand, the .docx and .md read back, bad actuals named by line.

Time progress in a 2022–2025 period at 2023-06-30 (the period ends 2025-12-31):
  from 2021-12-31 (baseline 2021):   546 days of 1461  = 37.37%
  from 2020-12-31 (baseline 2020):   911 days of 1826  = 49.89%
  from 2022-01-01 (no baseline):     545 days of 1460  = 37.33%
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from conftest import ROOT, load_profile, write_profile

from drafter import i18n, library
from drafter.compose.report import progress_report
from drafter.errors import DrafterError
from drafter.library.documents import load_document
from drafter.model import Role, Table
from drafter.profile import load as profiles
from drafter.writers import docx as docx_writer
from drafter.writers import markdown

LIB = library.load()
COLUMNS = ["指标", "单位", "基数（年份）", "目标", "实际", "较基数增长", "完成进度", "进度判断"]


def profile_with(tmp_path: Path, indicators: dict, period=(2022, 2025)):
    data = copy.deepcopy(load_profile("taishan"))
    data["indicators"] = indicators
    data["programme"]["period"] = {"start": period[0], "end": period[1]}
    return profiles.load(write_profile(data, tmp_path / "county.yaml"), LIB)


def actuals_file(tmp_path: Path, text: str, name: str = "actuals.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def report(tmp_path: Path, indicators: dict, actuals: dict, as_of: str = "2023-06-30"):
    profile = profile_with(tmp_path, indicators)
    lines = [f"as_of: {as_of}", "actuals:"] + [f"  {k}: {v}" for k, v in actuals.items()]
    return progress_report(profile, actuals_file(tmp_path, "\n".join(lines) + "\n"), LIB)


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs()]


def table(document) -> Table:
    return next(b for part in document.parts for b in part.blocks if isinstance(b, Table))


def section(document, heading: str) -> list[str]:
    """The paragraphs under a level-1 heading, up to the next one."""
    out, inside = [], False
    for p in document.paragraphs():
        if p.role is Role.HEADING1:
            inside = p.text == heading
        elif inside:
            out.append(p.text)
    return out


BASELINE = {"valid_invention_patents": {"target": 2300, "baseline": {"value": 1500, "year": 2021}}}
SEED_004 = {"high_value_per_10k": {"target": 3.1, "baseline": {"value": 1.45, "year": 2020}}}
NO_BASELINE = {"well_known_trademarks": {"target": 13}}


def test_baseline_target_growth_completion_and_schedule(tmp_path):
    # growth (1800 - 1500) / 1500 = 20%; completion 300 / 800 = 37.5% -> 38% (half up);
    # time progress from 2021-12-31 is 37.37%, and 37.5% >= 37.37%: on schedule.
    doc = report(tmp_path, BASELINE, {"valid_invention_patents": 1800})
    assert doc.title == "泰安市泰山区国家知识产权强县建设试点县（区）工作进展情况"
    assert doc.parts[0].blocks[0].role is Role.TITLE and doc.parts[0].blocks[0].text == doc.title
    assert texts(doc)[1] == (
        "截至2023年6月底，《泰安市泰山区国家知识产权强县建设试点县（区）工作方案（2022—2025年）》"
        "确定的1项主要指标中，1项已有统计数据，其中符合进度1项。"
    )
    assert section(doc, "一、主要指标完成情况") == [
        "有效发明专利达到1800件，较2021年（1500件）增长20%，完成预期目标的38%（2025年目标2300件）。"
    ]
    t = table(doc)
    assert t.columns == COLUMNS
    assert t.rows == [
        ["有效发明专利", "件", "1500（2021年）", "2300", "1800", "20%", "38%", "符合进度"]
    ]
    assert section(doc, "二、进度滞后的指标") == ["已统计的各项指标均已完成或符合时间进度。"]


def test_just_behind_the_time_progress(tmp_path):
    # completion 290 / 800 = 36.25% -> 36%, below the 37.37% of time passed since 2021-12-31.
    doc = report(tmp_path, BASELINE, {"valid_invention_patents": 1790})
    assert table(doc).rows[0][-2:] == ["36%", "滞后于进度"]
    assert section(doc, "二、进度滞后的指标") == [
        "有效发明专利完成预期目标的36%，低于同期时间进度（37%，自2021年底起算），需加快推进。"
    ]


def test_seed_004_high_value_patents(tmp_path):
    # Seed 004: 2.67 against 1.45 at the end of 2020 and a target of 3.1:
    # completion (2.67 - 1.45) / (3.1 - 1.45) = 1.22 / 1.65 = 73.9% -> 74%; growth 1.22 / 1.45 = 84.1% -> 84%.
    # Time passed since 2020-12-31: 49.89%, so 74% is on schedule. The figures keep their second decimal.
    doc = report(tmp_path, SEED_004, {"high_value_per_10k": 2.67})
    (para,) = section(doc, "一、主要指标完成情况")
    assert "完成预期目标的74%" in para
    assert (
        para
        == "万人高价值发明专利拥有量达到2.67件，较2020年（1.45件）增长84%，完成预期目标的74%（2025年目标3.1件）。"
    )
    assert table(doc).rows[0] == [
        "万人高价值发明专利拥有量",
        "件",
        "1.45（2020年）",
        "3.1",
        "2.67",
        "84%",
        "74%",
        "符合进度",
    ]


def test_no_baseline_leaves_growth_out_and_is_listed_behind(tmp_path):
    # 4 of 13 = 30.77% -> 31%; no baseline, so time counts from 2022-01-01: 37.33% -> behind.
    doc = report(
        tmp_path,
        {**BASELINE, **NO_BASELINE},
        {"valid_invention_patents": 1800, "well_known_trademarks": 4},
    )
    paras = section(doc, "一、主要指标完成情况")
    assert paras[1] == "中国驰名商标达到4件，完成预期目标的31%（2025年目标13件）。"
    assert "较" not in paras[1] and "，，" not in paras[1]
    assert table(doc).rows[1] == ["中国驰名商标", "件", "—", "13", "4", "—", "31%", "滞后于进度"]
    assert section(doc, "二、进度滞后的指标") == [
        "中国驰名商标完成预期目标的31%，低于同期时间进度（37%，自2022年初起算），需加快推进。"
    ]
    assert texts(doc)[1].endswith("2项已有统计数据，其中符合进度1项，滞后于进度1项。")


def test_growth_rate_target(tmp_path):
    # Target 1500 x 1.12^4 = 1500 x 1.57351936 = 2360.28 -> 2360 (as the plan prints it).
    # completion (1800 - 1500) / (2360 - 1500) = 300 / 860 = 34.88% -> 35% < 37.37%: behind.
    spec = {"valid_invention_patents": {"baseline": {"value": 1500, "year": 2021}, "growth": 0.12}}
    doc = report(tmp_path, spec, {"valid_invention_patents": 1800})
    assert section(doc, "一、主要指标完成情况") == [
        "有效发明专利达到1800件，较2021年（1500件）增长20%，完成预期目标的35%（2025年目标2360件）。"
    ]
    assert table(doc).rows[0][2:] == ["1500（2021年）", "2360", "1800", "20%", "35%", "滞后于进度"]


def test_rate_completion_is_actual_over_target_and_growth_in_points(tmp_path):
    # 85 / 90 = 94.4% -> 94%; up 5 percentage points on 80%. 102 of 100 would be done.
    spec = {
        "penalty_closure_rate": {"target": 90, "baseline": {"value": 80, "year": 2021}},
        "adjudication_rate": {"target": 100},
    }
    doc = report(tmp_path, spec, {"penalty_closure_rate": 85, "adjudication_rate": 100})
    paras = section(doc, "一、主要指标完成情况")
    assert (
        paras[0]
        == "侵犯知识产权行政处罚案件结案率达到85%，较2021年（80%）提高5个百分点，完成预期目标的94%（2025年目标90%）。"
    )
    rows = table(doc).rows
    assert rows[0][1:] == ["%", "80（2021年）", "90", "85", "5个百分点", "94%", "符合进度"]
    assert rows[1][-2:] == ["100%", "已完成"]


def test_decline_and_unreported_indicators(tmp_path):
    # 1400 against 1500: down 6.67% -> 下降7%; completion -100 / 800 is shown as 0%, and it is behind.
    doc = report(
        tmp_path, {**BASELINE, **NO_BASELINE}, {"valid_invention_patents": 1400}, as_of="2023-06-15"
    )
    paras = texts(doc)
    assert paras[1].startswith("截至2023年6月15日，")
    assert "1项主要指标" not in paras[1] and "确定的2项主要指标中，1项已有统计数据" in paras[1]
    assert section(doc, "一、主要指标完成情况") == [
        "有效发明专利达到1400件，较2021年（1500件）下降7%，完成预期目标的0%（2025年目标2300件）。",
        "以下指标暂无统计数据：中国驰名商标。",
    ]
    assert table(doc).rows[0][5:] == ["-7%", "0%", "滞后于进度"]


def test_docx_and_markdown_read_back(tmp_path):
    doc = report(
        tmp_path,
        {**BASELINE, **SEED_004, **NO_BASELINE},
        {"valid_invention_patents": 1800, "high_value_per_10k": 2.67, "well_known_trademarks": 4},
    )
    docx_writer.write(doc, tmp_path / "report.docx")
    markdown.write(doc, tmp_path / "report.md")

    d = docx.Document(str(tmp_path / "report.docx"))
    paras = [p.text.replace("\n", "") for p in d.paragraphs]  # titles break into lines
    assert paras[0] == "泰安市泰山区国家知识产权强县建设试点县（区）工作进展情况"
    assert d.paragraphs[0].style.name == "Title"
    heading = next(p for p in d.paragraphs if p.text == "一、主要指标完成情况")
    assert heading.style.name == "Heading 1"
    assert (
        "万人高价值发明专利拥有量达到2.67件，较2020年（1.45件）增长84%，完成预期目标的74%（2025年目标3.1件）。"
        in paras
    )
    assert "二、进度滞后的指标" in paras
    (grid,) = d.tables
    assert [c.text for c in grid.rows[0].cells] == COLUMNS
    assert [c.text for c in grid.rows[1].cells] == [
        "有效发明专利",
        "件",
        "1500（2021年）",
        "2300",
        "1800",
        "20%",
        "38%",
        "符合进度",
    ]
    assert len(grid.rows) == 4
    assert round(d.sections[0].left_margin.mm) == 28 and round(d.sections[0].top_margin.mm) == 37

    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# 泰安市泰山区国家知识产权强县建设试点县（区）工作进展情况\n")
    assert "\n## 一、主要指标完成情况\n" in md and "\n## 二、进度滞后的指标\n" in md
    assert "| " + " | ".join(COLUMNS) + " |" in md
    assert "| 中国驰名商标 | 件 | — | 13 | 4 | — | 31% | 滞后于进度 |" in md
    assert (
        "中国驰名商标完成预期目标的31%，低于同期时间进度（37%，自2022年初起算），需加快推进。" in md
    )


def test_sample_actuals_build_for_the_seed_profile(tmp_path):
    sample = ROOT / "examples" / "taishan-actuals.yaml"
    assert "示例数据" in sample.read_text(encoding="utf-8").splitlines()[0]
    doc = progress_report(profiles.load(ROOT / "profiles" / "taishan.yaml", LIB), sample, LIB)
    assert texts(doc)[1].startswith(
        "截至2023年6月底，《泰安市泰山区国家知识产权强县建设试点县（区）工作方案（2022—2025年）》"
    )
    assert table(doc).rows


def test_the_report_is_built_from_its_document_s_section_kinds(tmp_path):
    """templates/genres/report/document.yaml is the report's shape: a copy that drops the table
    and puts 进度滞后 first builds a report that does the same, with no code."""
    root = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", root)
    path = root / "genres" / "report" / "document.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in spec["sections"]}
    spec["sections"] = [by_id["overview"], by_id["behind"], by_id["indicators"]]
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    lib = library.load(root)
    profile = profile_with(tmp_path, {**BASELINE, **NO_BASELINE})
    actuals = actuals_file(tmp_path, "as_of: 2023-06-30\nactuals:\n  well_known_trademarks: 4\n")
    doc = progress_report(profile, actuals, lib)
    assert [p.text for p in doc.paragraphs() if p.role is Role.HEADING1] == [
        "一、进度滞后的指标",
        "二、主要指标完成情况",
    ]
    assert not any(isinstance(b, Table) for part in doc.parts for b in part.blocks)
    body = texts(doc)
    assert body[1].startswith("截至2023年6月底")  # the headless overview still opens it
    assert body[3].startswith("中国驰名商标完成预期目标的31%，低于同期时间进度")
    assert "以下指标暂无统计数据：有效发明专利。" not in body  # its section was dropped
    # the shipped one keeps 一、指标 (with the unreported line and the table) then 二、滞后
    shipped = progress_report(profile, actuals, LIB)
    assert "以下指标暂无统计数据：有效发明专利。" in section(shipped, "一、主要指标完成情况")
    assert table(shipped).rows == [["中国驰名商标", "件", "13", "4", "31%", "滞后于进度"]]


def test_a_report_section_naming_no_text_is_an_error_naming_the_document_file(tmp_path):
    root = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", root)
    path = root / "genres" / "report" / "document.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("text: indicator\n", "text: indikator\n"),
        encoding="utf-8",
    )
    with pytest.raises(DrafterError) as info:
        load_document(root, "report")
    (issue,) = info.value.issues
    assert issue.file == "templates/genres/report/document.yaml" and issue.line == 17
    assert issue.field == ("sections", 1, "text") and "indikator" in issue.text("en")


def test_a_report_of_another_genre_names_that_genre_s_designation(tmp_path):
    # the title says the plan's own designation (genre vocabulary `programme`), not 强县建设
    data = yaml.safe_load((ROOT / "examples" / "jining.yaml").read_text(encoding="utf-8"))
    profile = profiles.from_source(data, LIB, name="jining.yaml", bases=ROOT / "profiles")
    key = next(iter(profile.data["indicators"]))
    doc = progress_report(profile, f"as_of: 2018-06-30\nactuals:\n  {key}: 1\n".encode(), LIB)
    assert doc.title == "济宁市知识产权强市建设工作进展情况"


@pytest.mark.parametrize("module", ["report.py", "actuals.py"])
def test_no_chinese_in_the_module(module):
    source = (ROOT / "drafter" / "compose" / module).read_text(encoding="utf-8")
    assert not re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", source)


# -- bad actuals -------------------------------------------------------------------------------
@pytest.fixture()
def english():
    """Assert the English message ids: stable whether or not the Chinese catalogue has them yet."""
    i18n.set_language("en")
    yield
    i18n.set_language(None)


def bad(tmp_path, text: str, indicators: dict | None = None) -> tuple[list[str], str]:
    profile = profile_with(tmp_path, indicators or {**BASELINE, **SEED_004})
    path = actuals_file(tmp_path, text)
    with pytest.raises(DrafterError) as info:
        progress_report(profile, path, LIB)
    return [str(issue) for issue in info.value.issues], str(path)


def test_unknown_id_and_non_number_name_file_line_and_field(tmp_path, english):
    issues, path = bad(
        tmp_path,
        "# figures\nas_of: 2023-06-30\nactuals:\n"
        "  valid_invention_patens: 1800\n  high_value_per_10k: many\n",
    )
    assert len(issues) == 2
    assert issues[0].startswith(
        f"{path}:4: actuals.valid_invention_patens: unknown indicator id; "
        "did you mean valid_invention_patents? (known ids: valid_invention_patents, "
    )
    assert "high_value_per_10k" in issues[0] and "protection_satisfaction" in issues[0]
    assert issues[1] == f'{path}:5: actuals.high_value_per_10k: expected a number, got "many"'


def test_bad_actuals_in_the_default_language_still_name_line_and_field(tmp_path):
    issues, path = bad(
        tmp_path, "as_of: 2023-06-30\nactuals:\n  nonsense: 1\n  high_value_per_10k: true\n"
    )
    assert issues[0].startswith(f"{path}:3: actuals.nonsense: ")
    assert issues[1].startswith(f"{path}:4: actuals.high_value_per_10k: ")


def test_missing_or_bad_date_and_no_target(tmp_path, english):
    issues, path = bad(tmp_path, "actuals:\n  valid_invention_patents: 1800\n")
    assert issues == [f"{path}:1: as_of: required field is missing"]
    issues, path = bad(tmp_path, "as_of: June 2023\nactuals:\n  valid_invention_patents: 1800\n")
    assert issues == [f'{path}:1: as_of: expected a date such as 2022-12-04, got "June 2023"']
    issues, path = bad(
        tmp_path,
        "as_of: 2023-06-30\nactuals:\n  pct_applications: 12\n  valid_invention_patents: -1\n",
    )
    assert (
        issues[0]
        == f"{path}:3: actuals.pct_applications: {tmp_path / 'county.yaml'} gives no target for this indicator"
    )
    assert issues[1] == f"{path}:4: actuals.valid_invention_patents: expected at least 0, got -1"
    issues, path = bad(tmp_path, "as_of: 2023-06-30\nactual:\n  valid_invention_patents: 1800\n")
    assert issues == [
        f"{path}:1: actuals: required field is missing",
        f"{path}:2: actual: unknown field; did you mean actuals?",
    ]
    issues, path = bad(tmp_path, "- 1800\n")
    assert issues == [
        f"{path}:1: an actuals file must be a mapping of fields (key: value), got a list"
    ]


def test_report_command_writes_docx_and_md(tmp_path):
    from conftest import run_cli

    result = run_cli(
        "report",
        "profiles/taishan.yaml",
        "examples/taishan-actuals.yaml",
        "-o",
        str(tmp_path),
        "--format",
        "docx",
        "--format",
        "md",
    )
    assert result.returncode == 0, result.stderr
    md = (tmp_path / "taishan.report.md").read_text(encoding="utf-8")
    assert md.startswith("# 泰安市泰山区国家知识产权强县建设试点县（区）工作进展情况")
    assert "截至2023年6月底" in md and "## 二、进度滞后的指标" in md
    assert (tmp_path / "taishan.report.docx").stat().st_size > 5000
    bad = run_cli("report", "profiles/taishan.yaml", "profiles/taishan.yaml", "-o", str(tmp_path))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "taishan.yaml" in bad.stderr


def test_report_measures_a_ratio_the_plan_derives_from_population(tmp_path):
    """The report uses the plan's own targets: a per-10k ratio computed from the population is one of them.
    560 / 958,000 × 10,000 = 5.845… → 5.8; actual 3.1 with no baseline → 3.1 / 5.8 = 53%."""
    from conftest import load_profile, run_cli, write_profile

    data = load_profile("taishan")
    data["county"]["population"] = 958000
    del data["indicators"]["invention_per_10k"]
    data["indicators"]["high_value_per_10k"] = {}
    profile = write_profile(data, tmp_path / "t.yaml")
    (tmp_path / "a.yaml").write_text(
        "as_of: 2023-06-30\nactuals:\n  high_value_per_10k: 3.1\n", encoding="utf-8"
    )
    result = run_cli(
        "report", str(profile), str(tmp_path / "a.yaml"), "-o", str(tmp_path), "--format", "md"
    )
    assert result.returncode == 0, result.stderr
    md = (tmp_path / "t.report.md").read_text(encoding="utf-8")
    assert "万人高价值发明专利拥有量达到3.1件，完成预期目标的53%（2025年目标5.8件）" in md
