"""The department task list (drafter.compose.departments): grouped by role id from the plan's
numbered tasks, read back as built text."""

from __future__ import annotations

import copy
import shutil

import pytest
import yaml
from conftest import ROOT, load_profile, write_profile

from drafter import api, library
from drafter import layout as L
from drafter.compose import pages
from drafter.compose.departments import by_role, department_lists
from drafter.errors import DrafterError
from drafter.model import Document, Emphasis, Paragraph, Part, Role, TaskEntry
from drafter.writers import markdown

LIB = library.load()


def entry(number: str, lead: tuple[str, str], *partners: tuple[str, str]) -> TaskEntry:
    return TaskEntry(
        number=number,
        label=f"{number}.",
        group_title="组",
        title=f"任务{number}标题",
        lead=[lead[1]],
        partners=[name for _role, name in partners],
        deadline="2025年",
        lead_roles=[lead[0]],
        partner_roles=[role for role, _name in partners],
    )


def headings(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs() if p.role is Role.HEADING1]


def test_grouped_by_role_id_not_by_the_name_printed():
    # the same role printed two ways (a task's own wording of the name): one department
    tasks = [
        entry("1", ("market", "县市场监督管理局"), ("science", "县科技局")),
        entry("2", ("market", "县市场监管局")),
        entry("3", ("science", "县科技局"), ("market", "县市场监管局")),
    ]
    found = by_role(tasks)
    assert [(d.role, d.name) for d in found] == [
        ("market", "县市场监督管理局"),
        ("science", "县科技局"),
    ]
    assert [t.number for t in found[0].leads] == ["1", "2"]
    assert [t.number for t in found[0].joins] == ["3"]
    assert [t.number for t in found[1].leads] == ["3"]
    assert [t.number for t in found[1].joins] == ["1"]
    plan = Document(title="某县方案", parts=[Part("plan", [])], tasks=tasks, leads_named=True)
    lists = department_lists(plan, LIB)
    assert headings(lists) == ["一、县市场监督管理局", "二、县科技局"]
    texts = [p.text for p in lists.paragraphs()]
    assert (
        texts[1] == "本清单按部门列出《某县方案》所列任务，任务序号与原文一致，供各部门对照落实。"
    )
    first = texts.index("一、县市场监督管理局")
    assert texts[first + 1 : first + 8] == [
        "（一）牵头任务",
        "1.组",
        "任务1：任务1标题",
        "任务2：任务2标题",
        "（二）配合任务",
        "1.组",
        "任务3：任务3标题",
    ]


def test_a_plan_naming_no_lead_lists_each_department_s_tasks_as_one():
    """Without a 分工表 the plan's lists (…按职责分工负责) name no lead: a department's tasks are
    one list, in the plan's order, its groups the （一） headings, and no 牵头/配合 anywhere."""
    tasks = [
        grouped("1", "完善知识产权制度体系", ("market", "县市场监管局")),
        entry("2", ("science", "县科技局"), ("market", "县市场监管局")),
        grouped("3", "推动知识产权高质量创新创造", ("market", "县市场监管局")),
    ]
    tasks[1].group_title = "完善知识产权制度体系"
    plan = Document(title="某县方案", parts=[Part("plan", [])], tasks=tasks)
    paras = list(department_lists(plan, LIB).paragraphs())
    texts = [p.text for p in paras]
    assert texts[2:] == [
        "一、县市场监管局",
        "（一）完善知识产权制度体系",
        "任务1：任务1标题",
        "任务2：任务2标题",
        "（二）推动知识产权高质量创新创造",
        "任务3：任务3标题",
        "二、县科技局",
        "（一）完善知识产权制度体系",
        "任务2：任务2标题",
    ]
    assert paras[3].role is Role.HEADING2 and paras[3].keep_with_next
    assert not any("牵头" in t or "配合" in t for t in texts)


def test_the_plan_names_leads_only_with_its_division_table(tmp_path):
    data = copy.deepcopy(load_profile("taishan"))
    data.setdefault("plan", {})["attachments"] = []
    plain = api.draft(api.load_profile(write_profile(data, tmp_path / "a.yaml")))
    data["plan"]["attachments"] = ["division"]
    tabled = api.draft(api.load_profile(write_profile(data, tmp_path / "b.yaml")))
    assert (plain.leads_named, tabled.leads_named) == (False, True)
    texts = [p.text for p in department_lists(tabled, LIB).paragraphs()]
    assert texts[3:5] == ["（一）牵头任务", texts[4]] and texts[4].startswith("1.")
    assert "（一）牵头任务" not in [p.text for p in department_lists(plain, LIB).paragraphs()]


def test_two_roles_one_office_are_one_department(tmp_path):
    data = copy.deepcopy(load_profile("taishan"))
    market = api.draft(api.load_profile(write_profile(data, tmp_path / "a.yaml")))
    names = {
        role: name
        for t in market.tasks
        for role, name in zip(t.lead_roles + t.partner_roles, t.lead + t.partners, strict=True)
    }
    assert names["market"] == "区市场监管局" and names["science"] == "区科技局"
    data["departments"]["science"] = "区市场监管局"  # one bureau does both in this county
    plan = api.draft(api.load_profile(write_profile(data, tmp_path / "b.yaml")))
    lists = department_lists(plan, LIB)
    assert (
        headings(lists).count(next(h for h in headings(lists) if h.endswith("区市场监管局"))) == 1
    )
    assert not any(h.endswith("区科技局") for h in headings(lists))
    science_tasks = {t.number for t in market.tasks if "science" in t.lead_roles + t.partner_roles}
    texts = "\n".join(p.text for p in lists.paragraphs())
    section = texts.split("区市场监管局\n", 1)[1].split("\n二、", 1)[0]
    for number in science_tasks:
        assert f"任务{number}：" in section


def test_the_list_is_built_from_its_document_s_section_kinds(tmp_path):
    """templates/genres/departments/document.yaml is the list's shape: a copy without the
    intro, listing 配合任务 before 牵头任务, builds a list that does the same."""
    root = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", root)
    path = root / "genres" / "departments" / "document.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec["sections"] = spec["sections"][1:]
    spec["sections"][0]["lists"].reverse()
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    tasks = [entry("1", ("market", "县市场监管局"), ("science", "县科技局"))]
    plan = Document(title="某县方案", parts=[Part("plan", [])], tasks=tasks, leads_named=True)
    texts = [p.text for p in department_lists(plan, library.load(root)).paragraphs()]
    assert texts == [
        "《某县方案》重点任务分工（按部门）",
        "一、县市场监管局",
        "（一）配合任务",
        "无",
        "（二）牵头任务",
        "1.组",
        "任务1：任务1标题",
        "二、县科技局",
        "（一）配合任务",
        "1.组",
        "任务1：任务1标题",
        "（二）牵头任务",
        "无",
    ]


def test_a_department_is_kept_whole_and_its_lines_hang_after_the_label():
    tasks = [entry("12", ("market", "县市场监管局"))]
    plan = Document(title="某县方案", parts=[Part("plan", [])], tasks=tasks, leads_named=True)
    paras = list(department_lists(plan, LIB).paragraphs())
    unit = paras[2:]  # the department's heading to its last line
    assert [p.keep_with_next for p in unit] == [True] * (len(unit) - 1) + [False]
    line = next(p for p in unit if p.text.startswith("任务12："))
    assert line.hang == len("任务12：")


def grouped(number: str, group: str, lead: tuple[str, str]) -> TaskEntry:
    task = entry(number, lead)
    task.group_title = group
    return task


def test_tasks_stand_under_their_group_s_heading_and_the_line_is_label_and_title():
    """templates/text/departments.yaml `group`: a list's tasks under 1. subheadings, one per group
    of the plan in its order, so that the line itself is 任务N：title and fits its line."""
    tasks = [
        grouped("1", "完善知识产权制度体系", ("market", "县市场监管局")),
        grouped("2", "完善知识产权制度体系", ("market", "县市场监管局")),
        grouped("3", "推动知识产权高质量创新创造", ("market", "县市场监管局")),
    ]
    plan = Document(title="某县方案", parts=[Part("plan", [])], tasks=tasks, leads_named=True)
    paras = list(department_lists(plan, LIB).paragraphs())
    assert [p.text for p in paras[3:9]] == [
        "（一）牵头任务",
        "1.完善知识产权制度体系",
        "任务1：任务1标题",
        "任务2：任务2标题",
        "2.推动知识产权高质量创新创造",
        "任务3：任务3标题",
    ]
    sub = paras[4]
    assert sub.role is Role.BODY and [s.emphasis for s in sub.spans] == [Emphasis.LEAD3]
    assert sub.hang == 0 and paras[5].hang == len("任务1：")


def test_the_list_is_cut_into_pages_where_a_department_would_not_fit():
    """drafter/compose/pages.py: each part of the list starts a page. A department that fits a
    page starts a new one only when the rest of the page before cannot hold it; one longer than
    a page runs on where the one before ends, only its headings kept with its first task, and no
    page ends in a heading."""
    short = [grouped(str(n), "组甲", ("science", "县科技局")) for n in range(1, 4)]
    long = [grouped(str(n), f"组{n // 6}", ("market", "县市场监管局")) for n in range(4, 34)]
    mid = [grouped(str(n), "组乙", ("finance", "县财政局")) for n in range(34, 46)]
    plan = Document(
        title="某县方案", parts=[Part("plan", [])], tasks=short + long + mid, leads_named=True
    )
    lists = department_lists(plan, LIB)
    assert len(lists.parts) >= 3
    filled = [sum(map(pages.lines, part.blocks)) for part in lists.parts]
    assert all(rows <= L.LINES_PER_PAGE for rows in filled), filled
    starts = [part.blocks[0].text for part in lists.parts]
    # the long department starts on the first page, under the short one
    first = [b.text for b in lists.parts[0].blocks]
    assert "二、县市场监管局" in first and filled[0] == L.LINES_PER_PAGE
    # not kept whole: its headings keep with what follows, its task lines do not
    paras = list(lists.paragraphs())
    at = next(k for k, p in enumerate(paras) if p.text == "二、县市场监管局")
    assert [p.keep_with_next for p in paras[at : at + 5]] == [True, True, True, False, False]
    # the department after it fits a page: it starts one, as the page before has no room for it
    finance = starts.index("三、县财政局")
    need = sum(map(pages.lines, lists.parts[finance].blocks))
    assert need <= L.LINES_PER_PAGE < filled[finance - 1] + need
    for part in lists.parts[:-1]:
        last = part.blocks[-1]
        assert isinstance(last, Paragraph) and last.text.startswith(("任务", "无")), last.text
    # the pages are one part to a reader: the Markdown has no separator where a page breaks
    assert [part.runs_on for part in lists.parts] == [False] + [True] * (len(lists.parts) - 1)
    md = markdown.render(lists)
    assert "---" not in md
    assert sum(line.startswith("任务") for line in md.splitlines()) == len(plan.tasks)


def test_bodies_of_units_and_places_come_after_the_departments():
    """A 成员单位 (collective) or the towns (area) are many units: the list names each department
    first, then them, each in the order the plan first names it."""
    assert LIB.roles["leading_group_members"].collective and LIB.roles["towns"].area
    tasks = [
        grouped("1", "组甲", ("leading_group_members", "县知识产权工作领导小组成员单位")),
        grouped("2", "组甲", ("towns", "各乡镇、街道和园区")),
        grouped("3", "组甲", ("science", "县科技局")),
        grouped("4", "组甲", ("market", "县市场监管局")),
    ]
    plan = Document(title="某县方案", parts=[Part("plan", [])], tasks=tasks, leads_named=True)
    heads = [p.text for p in department_lists(plan, LIB).paragraphs() if p.role is Role.HEADING1]
    assert heads == [
        "一、县科技局",
        "二、县市场监管局",
        "三、县知识产权工作领导小组成员单位",
        "四、各乡镇、街道和园区",
    ]


def test_a_list_shown_by_an_unknown_flag_is_an_error_naming_its_file(tmp_path):
    root = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", root)
    path = root / "genres" / "departments" / "document.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec["sections"][1]["lists"][0]["when"] = "leads_nammed"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    plan = Document(
        title="某县方案", parts=[Part("plan", [])], tasks=[entry("1", ("market", "县市场监管局"))]
    )
    with pytest.raises(DrafterError) as caught:
        department_lists(plan, library.load(root))
    (problem,) = caught.value.issues
    assert problem.file.endswith("genres/departments/document.yaml")
    assert "leads_nammed" in problem.message and "leads_named" in problem.message
