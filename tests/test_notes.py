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
import yaml
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
    for p in next(part for part in plan.parts if part.name == "plan").blocks:
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
                re.sub(r"^(?:（[一二三四五六七八九十]+）)?(.*)。$", r"\1", p.spans[0].text)
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


# -- every genre's notes: its own document word, the plan's counts, no other genre's words -----------
# example: (genre, the notes' short name of the plan, the 起草背景 sentence on the work, words that
# must not appear outside a cited 《》 title). 试点县 only where the profile's programme is one.
GENRE_NOTES = {
    "min-an": (
        "work_plan",
        "《方案》",
        "示范建设工作",
        ["实施意见", "行动计划", "推进计划", "试点县"],
    ),
    "jining": (
        "opinion",
        "《意见》",
        "强市建设工作",
        ["方案", "试点", "示范", "强县", "行动计划", "推进计划"],
    ),
    "qinghe-action": (
        "action_plan",
        "《行动计划》",
        "强县建设工作",
        ["方案", "实施意见", "推进计划", "示范城区", "保护示范区"],
    ),
    "lanhai-protection": (
        "protection_zone",
        "《方案》",
        "保护示范区建设工作",
        ["实施意见", "行动计划", "推进计划", "强县", "试点", "示范城区"],
    ),
    "chengpu-district": (
        "city_district",
        "《方案》",
        "示范城区建设工作",
        ["实施意见", "行动计划", "推进计划", "强县", "试点", "示范县"],
    ),
    "anhe-promotion": (
        "promotion_plan",
        "《推进计划》",
        "强县工程工作",
        ["方案", "实施意见", "行动计划", "强县建设", "试点", "示范"],
    ),
}


@pytest.fixture(scope="module", params=sorted(GENRE_NOTES))
def genre_notes(request):
    profile = api.load_profile(ROOT / "examples" / f"{request.param}.yaml")
    plan = api.draft(profile)
    return request.param, profile, plan, api.draft_notes(profile, plan)


def test_every_genre_s_notes_use_its_words_and_no_other_genre_s(genre_notes):
    name, profile, _plan, notes = genre_notes
    genre, short, work, leaks = GENRE_NOTES[name]
    assert profile.data.get("genre", "work_plan") == genre
    intro = next(p.text for p in notes.paragraphs() if p.text.startswith("现将"))
    assert intro.endswith(f"（以下简称{short}）起草有关情况说明如下。")
    background = section(notes, "起草背景")[0]
    assert f"为扎实推进{work}，需制定" in background
    assert "None" not in background
    body = re.sub("《[^》]*》", "《》", "\n".join(p.text for p in notes.paragraphs()))
    found = [w for w in leaks if w in body]
    assert not found, (
        name,
        found,
        [line for line in body.split("\n") if any(w in line for w in found)],
    )


def test_every_genre_s_notes_count_what_its_plan_holds(genre_notes):
    name, _profile, plan, notes = genre_notes
    outline = plan_outline(plan)
    content = section(notes, "主要内容")
    short = GENRE_NOTES[name][1]
    assert content[0] == f"{short}共分{len(outline)}个部分：" + _joined(list(outline)) + "。"
    tasks_heading = next(h for h, s in outline.items() if s["groups"])
    groups, counts = outline[tasks_heading]["groups"], outline[tasks_heading]["tasks"]
    line = next(t for t in content if t.startswith(tasks_heading + "部分"))
    assert sum(counts) == len(plan.tasks) > 0
    assert f"{len(groups)}个方面，部署{sum(counts)}项重点任务" in line
    assert "（" + "，".join(f"{g}{n}项" for g, n in zip(groups, counts, strict=True)) + "）" in line
    for heading, s in outline.items():
        if s["leads"] and not s["groups"]:
            line = next(t for t in content if t.startswith(heading + "部分"))
            assert "".join(f"“{t}”" for t in s["leads"]) in line, (heading, line)
            assert f"{len(s['leads'])}" in line


def test_the_background_names_a_designation_only_with_its_batch_year(genre_notes):
    name, profile, _plan, notes = genre_notes
    background = section(notes, "起草背景")[0]
    batch = profile.data["programme"].get("batch")
    assert ("被国家知识产权局确定为" in background) == (batch is not None)
    if batch:
        assert background.startswith(f"{batch}年，")


def test_a_genre_s_own_default_tasks_are_no_change(tmp_path):
    """A 实施意见 whose profile picks no tasks carries its genre's seventeen: nothing changed."""
    data = yaml.safe_load((ROOT / "examples" / "jining.yaml").read_text(encoding="utf-8"))
    del data["tasks"]["select"]  # the genre's own seventeen, as the example lists them
    _plan, notes = build(tmp_path, data)
    assert (
        section(notes, "需要说明的问题")[0]
        == "《意见》的重点任务均采用强市建设实施意见的通用任务，未作调整。"
    )
    data["tasks"]["exclude"] = ["ip-admin-reform"]
    _plan, notes = build(tmp_path, data)
    # one change: said without 一是, which counts two or more
    assert section(notes, "需要说明的问题")[1] == "删去了“推进知识产权管理体制改革”1项任务。"


def test_notes_citing_nothing_say_the_plan_s_own_words(tmp_path):
    _plan, notes = build(
        tmp_path,
        yaml.safe_load((ROOT / "examples" / "anhe-promotion.yaml").read_text(encoding="utf-8"))
        | {"legal_basis": {}},
    )
    assert (
        section(notes, "起草依据")[0]
        == "《推进计划》根据上级有关文件精神，结合我县知识产权工作实际起草。"
    )


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "、".join(items[:-1]) + "和" + items[-1]


@pytest.mark.parametrize("name", sorted(GENRE_NOTES))
def test_every_genre_s_profile_states_how_it_was_drafted(name):
    """The notes ask for drafting.* in every genre, so every genre takes it."""
    data = yaml.safe_load((ROOT / "examples" / f"{name}.yaml").read_text(encoding="utf-8"))
    data["drafting"] = {"office": "示例起草单位", "consulted": ["示例单位甲", "示例单位乙"]}
    profile = api.load_profile(data, name=f"{name}.yaml")
    short = GENRE_NOTES[name][1]
    (process,) = section(api.draft_notes(profile), "起草过程")
    assert (
        process
        == f"{short}由示例起草单位牵头起草。起草过程中，征求了示例单位甲和示例单位乙的意见。"
    )
