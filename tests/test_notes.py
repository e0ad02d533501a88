"""Drafting notes (起草说明, drafter.compose.notes): built text read back against the plan it
describes; the profile's drafting facts; changes from the catalogue's defaults; bad input."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from pathlib import Path

import docx
import pytest
from conftest import ROOT, load_profile, run_cli, write_profile

from drafter import api, i18n
from drafter.model import Emphasis, Role
from drafter.writers import markdown

TAISHAN = load_profile("taishan")


def build(tmp_path: Path, data: dict):
    """(plan, notes) document models of a profile given as data."""
    profile = api.load_profile(write_profile(data, tmp_path / "county.yaml"))
    plan = api.draft(profile)
    return plan, api.draft_notes(profile, plan)


def section(document, heading: str) -> list[str]:
    """Paragraph texts under the level-1 heading whose text ends with ``heading``."""
    out, inside = [], False
    for p in document.paragraphs():
        if p.role is Role.HEADING1:
            inside = p.text.endswith(heading)
        elif inside:
            out.append(p.text)
    return out


def plan_outline(plan) -> dict[str, dict]:
    """The plan's own sections, counted from its paragraphs: (一) group headings, numbered task
    paragraphs (a 1. lead) under each, and (一) item leads."""
    out: dict[str, dict] = {}
    current = None
    for p in plan.parts[1].blocks:
        if getattr(p, "role", None) is Role.HEADING1:
            current = out.setdefault(re.sub(r"^[一二三四五六七八九十]+、", "", p.text), {})
            current.update(groups=[], tasks=[], leads=[])
        elif current is None or not hasattr(p, "role"):
            continue
        elif p.role is Role.HEADING2:
            current["groups"].append(re.sub(r"^（[一二三四五六七八九十]+）", "", p.text))
            current["tasks"].append(0)
        elif p.spans[0].emphasis is Emphasis.LEAD3:
            current["tasks"][-1] += 1
        elif p.spans[0].emphasis is Emphasis.LEAD2:
            current["leads"].append(
                re.sub(r"^（[一二三四五六七八九十]+）(.*)。$", r"\1", p.spans[0].text)
            )
    return out


@pytest.mark.parametrize("name", ["taishan", "rongcheng"])
def test_counts_groups_and_goals_equal_the_plan(tmp_path, name):
    plan, notes = build(tmp_path, load_profile(name))
    outline = plan_outline(plan)
    tasks_heading = next(h for h, s in outline.items() if s["groups"])
    groups, counts = outline[tasks_heading]["groups"], outline[tasks_heading]["tasks"]
    content = section(notes, "主要内容")
    line = next(t for t in content if t.startswith(tasks_heading))
    assert f"{len(groups)}个方面，部署{sum(counts)}项重点任务" in line
    assert "（" + "，".join(f"{g}{n}项" for g, n in zip(groups, counts, strict=True)) + "）" in line
    assert content[0].startswith(f"《方案》共分{len(outline)}个部分：")
    goals_heading = next(h for h in outline if h in ("主要目标", "工作目标", "总体目标"))
    goals = outline[goals_heading]["leads"]
    goal_line = next(t for t in content if t.startswith(goals_heading))
    assert "".join(f"“{g}”" for g in goals) + f"{len(goals)}个方面" in goal_line


def test_seed_000_counts_read(tmp_path):
    """Seed 000 has 16 tasks in 5 groups and 4 goals; the notes say so."""
    plan, notes = build(tmp_path, TAISHAN)
    text = "\n".join(p.text for p in notes.paragraphs())
    assert "5个方面，部署16项重点任务" in text and len(plan.tasks) == 16
    assert "4个方面提出建设目标，设置13项量化指标" in text
    assert notes.title.startswith("关于《泰安市泰山区国家知识产权强县建设试点县（区）工作方案")


def test_background_cites_the_round_and_basis_the_policies(tmp_path):
    _plan, notes = build(tmp_path, TAISHAN)
    background = section(notes, "起草背景")[0]
    assert background.startswith("2022年，泰山区被国家知识产权局确定为国家知识产权强县建设试点县。")
    assert "（国知发运函字〔2022〕131号）" in background
    basis = section(notes, "起草依据")[0]
    assert basis.startswith("《方案》以《知识产权强国建设纲要（2021—2035年）》")
    assert "《泰安市“十四五”知识产权保护和运用规划》为指导" in basis  # the profile's own policy
    data = copy.deepcopy(TAISHAN)
    data["legal_basis"]["round"] = ["designation_2022"]
    _plan, notes = build(tmp_path, data)
    background = section(notes, "起草背景")[0]
    assert "131号" in background and "1197号" not in background


def test_process_states_the_profile_and_flags_what_it_does_not(tmp_path):
    data = copy.deepcopy(TAISHAN)
    data["plan"]["status"] = "送审稿"
    data["drafting"] = {
        "office": "区市场监管局",
        "consulted": ["区发展改革局", "区科技局"],
        "rounds": [
            {"date": dt.date(2022, 10, 10), "scope": "区直有关部门", "received": 12, "adopted": 9},
            {"date": dt.date(2022, 11, 2), "scope": "社会公众"},
        ],
    }
    _plan, notes = build(tmp_path, data)
    assert notes.title.endswith("工作方案（2022—2025年）（送审稿）》的起草说明")
    (process,) = [p for p in notes.paragraphs() if p.text.startswith("《方案》由")]
    assert process.text == (
        "《方案》由区市场监管局牵头起草。起草过程中，征求了区发展改革局和区科技局的意见。"
        "2022年10月10日，就《方案》征求区直有关部门意见，收到意见建议12条，采纳9条。"
        "2022年11月2日，就《方案》征求社会公众意见。"
    )
    assert not any(s.note for s in process.spans)
    _plan, bare = build(tmp_path, TAISHAN)
    (process,) = [p for p in bare.paragraphs() if p.text.startswith("《方案》由")]
    assert process.text == "《方案》由区市场监管局牵头起草。"  # the group's office
    assert "drafting.office" in process.spans[0].note and "drafting.rounds" in process.spans[0].note


def test_changes_from_the_catalogue_defaults(tmp_path):
    data = copy.deepcopy(TAISHAN)
    del data["tasks"]["select"]  # the catalogue's choice for the county, then these changes:
    data["tasks"]["exclude"] = ["ip-management-mechanism"]
    data["tasks"]["include"] = ["import-export-protection"]
    data["tasks"]["custom"] = [
        {
            "id": "own-fair",
            "group": "use",
            "title": "办好知识产权交易会",
            "body": "每年举办一次知识产权交易会。",
            "roles": ["market"],
        }
    ]
    data["tasks"]["overrides"] = {"ip-policy-guidance": {"roles": ["market"], "deadline": "长期"}}
    plan, notes = build(tmp_path, data)
    titles = [t.title for t in plan.tasks]
    changes = section(notes, "需要说明的问题")
    assert changes[0].endswith("结合我区实际作了以下调整：")
    assert changes[1] == "一是删去了“健全知识产权管理体制机制”1项任务。"
    assert "健全知识产权管理体制机制" not in titles
    port = next(t for t in plan.tasks if t.number and "进出口" in t.title).title
    assert changes[2] == f"二是增加了“{port}”1项任务。"
    assert changes[3] == "三是增设了“办好知识产权交易会”1项我区自定任务。"
    assert "办好知识产权交易会" in titles
    assert changes[4] == "四是调整了“强化知识产权政策导向”的责任单位和完成时限。"
    assert changes[5:] == ["特此说明。"]


def test_no_changes_said_plainly(tmp_path):
    data = copy.deepcopy(TAISHAN)
    data["tasks"] = {k: v for k, v in data["tasks"].items() if k not in ("select", "overrides")}
    _plan, notes = build(tmp_path, data)
    assert section(notes, "需要说明的问题") == [
        "《方案》的重点任务均采用强县建设试点县工作方案的通用任务，未作调整。",
        "特此说明。",
    ]


def test_build_writes_docx_and_md_laid_out_like_the_plan(tmp_path):
    result = run_cli("build", "examples/min-an.yaml", "-o", str(tmp_path), "--format", "notes")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["min-an.notes.docx", "min-an.notes.md"]
    document = docx.Document(str(tmp_path / "min-an.notes.docx"))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert (
        paragraphs[0]
        .text.replace("\n", "")
        .startswith("关于《澄溪市岷安区国家知识产权强县建设示范县")
    )
    heading = next(p for p in paragraphs if p.text == "一、起草背景")
    assert "黑体" in heading._p.xml  # level-1 headings as the plan's
    assert paragraphs[-1].text == "特此说明。"
    check = run_cli("check", str(tmp_path / "min-an.notes.docx"))
    assert check.returncode == 0, check.stdout + check.stderr


def test_golden_notes_of_the_example():
    profile = api.load_profile(ROOT / "examples" / "min-an.yaml")
    fresh = markdown.render(api.draft_notes(profile))
    golden = (ROOT / "examples" / "min-an-notes.md").read_text(encoding="utf-8")
    if fresh != golden:
        diff = "".join(difflib.unified_diff(golden.splitlines(True), fresh.splitlines(True)))
        pytest.fail(f"notes differ from examples/min-an-notes.md; refresh_examples.sh\n{diff}")
    assert "22项重点任务" in golden and "区直有关部门和各街道办事处、镇人民政府" in golden


def test_no_chinese_in_the_module():
    source = (ROOT / "drafter" / "compose" / "notes.py").read_text(encoding="utf-8")
    assert not re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", source)


def test_the_plan_format_does_not_write_notes_without_them(tmp_path):
    profile = api.load_profile(ROOT / "examples" / "min-an.yaml")
    with pytest.raises(ValueError, match="companions"):
        api.write(api.draft(profile), tmp_path, "x", ["notes-md"])
    assert not list(tmp_path.iterdir())


# -- bad drafting facts ------------------------------------------------------------------------
@pytest.fixture()
def english():
    i18n.set_language("en")
    yield
    i18n.set_language(None)


def test_bad_rounds_name_line_and_field(tmp_path, english):
    data = copy.deepcopy(TAISHAN)
    data["drafting"] = {
        "rounds": [
            {"date": dt.date(2022, 10, 10), "scope": "区直有关部门", "received": 3, "adopted": 5},
            {"date": dt.date(2022, 9, 1), "scope": "社会公众", "adopted": 1},
            {"date": dt.date(2040, 1, 1), "scope": "社会公众"},
        ]
    }
    path = write_profile(data, tmp_path / "county.yaml")
    result = run_cli(
        "--lang", "en", "build", str(path), "-o", str(tmp_path / "out"), "--format", "notes"
    )
    assert result.returncode == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    err = result.stderr

    def line_of(text: str, nth: int = 0) -> int:
        return [i for i, line in enumerate(lines, 1) if text in line][nth]

    assert (
        f"{path}:{line_of('adopted: 5')}: drafting.rounds[0].adopted: 5 opinions adopted is more than the 3 received"
        in err
    )
    assert (
        "drafting.rounds[1].date: the rounds go in date order: 2022-09-01 comes before 2022-10-10"
        in err
    )
    assert (
        "drafting.rounds[1].adopted: give the opinions received (received) beside those adopted"
        in err
    )
    assert "drafting.rounds[2].date: the date 2040-01-01 is far from the plan period" in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_bad_rounds_in_chinese(tmp_path):
    data = copy.deepcopy(TAISHAN)
    data["drafting"] = {
        "rounds": [{"date": dt.date(2022, 10, 10), "scope": "公众", "received": 1, "adopted": 2}]
    }
    path = write_profile(data, tmp_path / "county.yaml")
    result = run_cli("build", str(path), "-o", str(tmp_path / "out"), "--format", "notes")
    assert result.returncode == 1 and "采纳意见 2 条，多于收到的 1 条" in result.stderr


def test_batch_writes_the_notes_beside_each_plan(tmp_path):
    out = tmp_path / "out"
    result = run_cli(
        "batch",
        "examples/min-an.yaml",
        "profiles/taishan.yaml",
        "-o",
        str(out),
        "-j",
        "1",
        "--format",
        "md",
        "--format",
        "notes",
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "min-an.md",
        "min-an.notes.docx",
        "min-an.notes.md",
        "taishan.md",
        "taishan.notes.docx",
        "taishan.notes.md",
    ]
    notes = (out / "taishan.notes.md").read_text(encoding="utf-8")
    plan = (out / "taishan.md").read_text(encoding="utf-8")
    assert "部署16项重点任务" in notes and plan.count("按职责分工负责") == 15
