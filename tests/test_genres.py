"""Genres as data (templates/genres/<id>/): a genre defined only in a temporary templates folder
builds; sections come and go without code; per-genre validation; `drafter genres`."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from drafter import library, writers
from drafter.cli.main import make_cli
from drafter.compose import plan as compose
from drafter.compose.kinds import BUILDERS, DOCUMENT_BUILDERS, Sheet
from drafter.compose.render import Renderer
from drafter.errors import DrafterError, ProfileError
from drafter.layout import TABLE_WIDTHS_MM
from drafter.library.documents import (
    DOCUMENT_KINDS,
    DocSection,
    DocumentDef,
    ListSpec,
)
from drafter.library.genres import DEFAULT_GENRE, KINDS
from drafter.model import Role
from drafter.profile.load import from_source

ROOT = Path(__file__).resolve().parent.parent
TAISHAN = yaml.safe_load((ROOT / "profiles" / "taishan.yaml").read_text("utf-8"))
BASES = ROOT / "profiles"

BRIEF = {
    "id": "brief",
    "summary": "知识产权工作要点",
    "levels": ["县", "区"],
    "programmes": ["试点县"],
    "vocabulary": {
        "doc": "要点",
        "this_doc": "本要点",
        "making": "制定本要点",
        "full_doc": "工作要点",
        "programme": "知识产权工作",
    },
    "title": "{{ county.full_name }}知识产权工作{{ genre.words.doc }}",
    "parts": ["body"],
    "preamble": "preamble.yaml",
    "sections": [
        {
            "id": "outlook",
            "kind": "prose",
            "headings": ["工作思路"],
            "variants": {"plain": "outlook.j2"},
        },
        {"id": "actions", "kind": "tasks", "headings": ["工作任务"]},
        {
            "id": "support",
            "kind": "items",
            "headings": ["工作保障"],
            "library": "safeguards",
            "field": "safeguards",
        },
    ],
    "fields": ["extends", "genre", "county", "programme", "notice", "legal_basis", "departments"]
    + ["leading_group", "plan", "tasks", "industries", "universities", "funding_rules"],
}


def templates_with(tmp_path: Path, genre: dict, texts: dict[str, str]) -> Path:
    """A copy of templates/ with one more genre folder in it."""
    root = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", root)
    folder = root / "genres" / genre["id"]
    folder.mkdir()
    (folder / "genre.yaml").write_text(yaml.safe_dump(genre, allow_unicode=True), "utf-8")
    for name, text in texts.items():
        (folder / name).write_text(text, "utf-8")
    return root


BRIEF_TEXTS = {
    "outlook.j2": "{{ genre.words.this_doc }}围绕{{ county.name }}知识产权工作展开。",
    "preamble.yaml": "implement: 为做好{{ county.name }}知识产权工作，{{ genre.words.making }}。\n",
}


def taishan(genre: str | None = None, keep_unused: bool = False) -> dict:
    """泰山区's profile, naming a genre; without the fields the test genre does not use."""
    data = copy.deepcopy(TAISHAN)
    if genre:
        data["genre"] = genre
        data["programme"].pop("title")  # its own title is a 工作方案's
        if not keep_unused:
            data.pop("indicators")
    return data


def texts(doc) -> list[str]:
    return [p.text for part in doc.parts for p in part.blocks if hasattr(p, "spans")]


def test_every_section_kind_has_one_builder():
    assert set(BUILDERS) == set(KINDS)
    assert set(DOCUMENT_BUILDERS) == set(DOCUMENT_KINDS)


def sheet(texts: dict, records: dict, **ctx) -> Sheet:
    """A document's frame over these texts and records, as report.py and departments.py make it."""
    definition = DocumentDef("memo", "", "memo.yaml", "text/memo.yaml", texts, "title", ())
    return Sheet(definition, Renderer(), ctx, records)


FIGURES = {
    "rows": [
        {"name": "甲指标", "share": "40%", "state": "behind", "note": ""},
        {"name": "乙指标", "share": "90%", "state": "ok", "note": ""},
    ]
}


def test_summary_says_once_per_record_or_its_empty_text():
    texts = {
        "one": "{{ who }}共{{ n }}项。",
        "each": "{{ name }}完成预期目标的{{ share }}。",
        "none": "均符合进度。",
        "blank": "{% if n > 9 %}多{% endif %}",
    }
    frame = sheet(texts, FIGURES, who="本县", n=2)
    build = DOCUMENT_BUILDERS["summary"]
    said = build(frame, DocSection("a", "summary", 1, text="one")).blocks
    assert [p.text for p in said] == ["本县共2项。"]
    each = DocSection("b", "summary", 1, text="each", records="rows")
    assert [p.text for p in build(frame, each).blocks] == [
        "甲指标完成预期目标的40%。",
        "乙指标完成预期目标的90%。",
    ]
    behind = DocSection("c", "summary", 1, text="each", records="rows", where={"state": "behind"})
    assert [p.text for p in build(frame, behind).blocks] == ["甲指标完成预期目标的40%。"]
    late = DocSection("d", "summary", 1, text="each", records="rows", where={"state": "x"})
    assert build(frame, late).blocks == []
    late = DocSection(
        "d", "summary", 1, text="each", records="rows", where={"state": "x"}, empty="none"
    )
    assert [p.text for p in build(frame, late).blocks] == ["均符合进度。"]
    assert build(frame, DocSection("e", "summary", 1, text="blank")).blocks == []  # says nothing
    with pytest.raises(DrafterError) as info:
        build(frame, DocSection("f", "summary", 7, text="each", records="rowz"))
    assert info.value.issues[0].line == 7 and "rowz" in info.value.issues[0].text("en")


def test_table_rows_are_the_records_cells_and_an_empty_column_goes():
    texts = {"head": ["指标", "完成", "备注"], "dash": "—"}
    section = DocSection(
        "t", "table", 1, records="rows", columns="head", cells=("name", "share", "note"),
        widths="division", empty="dash",
    )  # fmt: skip
    frame = sheet(texts, {"rows": [{**FIGURES["rows"][0], "note": "新"}, FIGURES["rows"][1]]})
    (table,) = DOCUMENT_BUILDERS["table"](frame, section).blocks
    assert table.columns == ["指标", "完成", "备注"]
    assert table.rows == [["甲指标", "40%", "新"], ["乙指标", "90%", "—"]]
    (table,) = DOCUMENT_BUILDERS["table"](sheet(texts, FIGURES), section).blocks
    assert table.columns == ["指标", "完成"] and table.rows[1] == ["乙指标", "90%"]
    assert sum(table.widths_mm) == pytest.approx(sum(TABLE_WIDTHS_MM["division"]))


def test_lists_are_a_record_s_numbered_lists_of_entries():
    texts = {"mine": "本部门牵头", "theirs": "本部门配合", "label": "第{{ n }}项：",
             "item": "{{ label }}{{ title }}", "none": "无"}  # fmt: skip
    record = {"lead": [{"n": 3, "title": "培育高价值专利"}], "join": []}
    section = DocSection(
        "l", "lists", 1, lists=(ListSpec("mine", "lead"), ListSpec("theirs", "join")),
        item="item", label="label", empty="none",
    )  # fmt: skip
    built = DOCUMENT_BUILDERS["lists"](sheet(texts, {}).within(record), section).blocks
    assert [(p.role, p.text) for p in built] == [
        (Role.HEADING2, "（一）本部门牵头"),
        (Role.BODY, "第3项：培育高价值专利"),
        (Role.HEADING2, "（二）本部门配合"),
        (Role.BODY, "无"),
    ]
    assert built[1].hang == len("第3项：") and built[3].hang == 0


def test_a_document_of_an_unknown_section_kind_names_its_file_and_line(tmp_path):
    root = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", root)
    path = root / "genres" / "departments" / "document.yaml"
    path.write_text(path.read_text("utf-8").replace("kind: lists", "kind: list"), "utf-8")
    with pytest.raises(DrafterError) as info:
        library.load(root)  # checked when the library loads, before any list is built
    (issue,) = info.value.issues
    assert issue.file == "templates/genres/departments/document.yaml" and issue.line == 14
    assert issue.field == ("sections", 1, "kind")  # document.yaml's schema (library/schemas/)
    assert "did you mean lists?" in issue.text("en")


def test_a_genre_defined_only_in_a_temporary_folder_builds(tmp_path):
    lib = library.load(templates_with(tmp_path, BRIEF, BRIEF_TEXTS))
    assert "brief" in lib.genres and "work_plan" in lib.genres
    data = taishan("brief")
    data["plan"] = {"safeguards": ["organisation", "funding"]}
    profile = from_source(data, lib, name="brief.yaml", bases=BASES)
    doc = compose.plan(profile, lib)
    assert [p.name for p in doc.parts] == ["plan"]  # parts: [body]: no notice, no attachments
    body = texts(doc)
    assert doc.title == body[0] == "泰安市泰山区知识产权工作要点"
    assert body[1] == "为做好泰山区知识产权工作，制定本要点。"
    h1 = [p.text for p in doc.parts[0].blocks if getattr(p, "role", None) == Role.HEADING1]
    assert h1 == ["一、工作思路", "二、工作任务", "三、工作保障"]
    assert body[3] == "本要点围绕泰山区知识产权工作展开。"
    assert doc.tasks and doc.tasks[0].lead_roles and doc.tasks[0].lead
    assert "方案" not in "".join(body[:4])
    safeguards = [t for t in body if t.startswith("（一）") or t.startswith("（二）")]
    assert any("组织" in t for t in safeguards)


STEPS = """\
steps:
  start:
    title: 动员部署阶段
    body: 制定工作{{ genre.words.doc }}，明确责任分工。
  finish:
    title: 总结验收阶段
    body: 全面总结{{ programme.start }}—{{ programme.end }}年工作。
"""


def test_a_new_catalogue_section_and_genre_defaults_are_data_only(tmp_path):
    genre = copy.deepcopy(BRIEF)
    genre["sections"].append(
        {
            "id": "schedule",
            "kind": "steps",
            "headings": ["实施步骤"],
            "library": "steps",
            "field": "steps",
        }
    )
    genre["profile_defaults"] = {
        "plan": {"steps": ["start", "finish"]},
        "tasks": {"responsibility": "listed"},
    }
    root = templates_with(tmp_path, genre, BRIEF_TEXTS)
    (root / "catalogue" / "steps.yaml").write_text(STEPS, "utf-8")
    lib = library.load(root)
    data = taishan("brief")
    del data["tasks"]["responsibility"]  # 泰山区 writes its own; the genre's default stands in
    profile = from_source(data, lib, name="brief.yaml", bases=BASES)
    assert profile.data["plan"]["steps"] == ["start", "finish"]  # the genre's default
    doc = compose.plan(profile, lib)
    body = texts(doc)
    assert "四、实施步骤" in body
    assert "（一）动员部署阶段。制定工作要点，明确责任分工。" in body
    assert "（二）总结验收阶段。全面总结2022—2025年工作。" in body
    # listed responsibility (the genre's default): every unit named, no 等
    duties = [t for t in body if t.endswith("按职责分工负责）")]
    assert duties and not any("等按职责分工负责" in t for t in duties)
    md = writers.get("md").render(doc, True).decode("utf-8")
    assert "实施步骤" in md and "泰安市泰山区知识产权工作要点" in md
    docx_text = writers.get("docx").render(doc, True)
    assert docx_text[:2] == b"PK"
    # a step the catalogue lacks is the profile's error, with the known ids
    data = taishan("brief")
    data["plan"] = {"steps": ["start", "middle"]}
    with pytest.raises(ProfileError) as info:
        from_source(data, lib, name="brief.yaml", bases=BASES)
    assert "plan.steps[1]" in str(info.value) and "start、finish" in str(info.value)


def section_texts(doc, heading: str) -> list[str]:
    """The paragraphs under the level-1 heading ending in ``heading``, up to the next one."""
    out: list[str] | None = None
    for block in doc.parts[[p.name for p in doc.parts].index("plan")].blocks:
        role = getattr(block, "role", None)
        if role == Role.HEADING1:
            if out is not None:
                break
            out = [] if block.text.endswith(heading) else None
        elif out is not None and role is not None:
            out.append(block.text)
    return out or []


def test_steps_are_the_dated_phases_in_the_profile_s_order():
    lib = library.load()
    data = yaml.safe_load((ROOT / "examples" / "anhe-promotion.yaml").read_text("utf-8"))
    doc = compose.plan(from_source(data, lib, name="anhe.yaml", bases=BASES), lib)
    steps = section_texts(doc, "具体步骤")
    assert [t.split("。", 1)[0] for t in steps] == [
        "（一）启动部署阶段（2009年）",
        "（二）全面推进阶段（2010—2011年）",
        "（三）总结验收阶段（2012年）",
    ]
    assert steps[0].endswith("营造推进知识产权强县工程的良好氛围。")  # no responsibility list
    data.setdefault("plan", {})["steps"] = ["review", "launch"]
    data["programme"]["period"] = {"start": 2009, "end": 2010}
    doc = compose.plan(from_source(data, lib, name="anhe.yaml", bases=BASES), lib)
    assert [t.split("。", 1)[0] for t in section_texts(doc, "具体步骤")] == [
        "（一）总结验收阶段（2010年）",
        "（二）启动部署阶段（2009年）",
    ]


def test_removing_or_adding_sections_never_raises(tmp_path):
    genre = copy.deepcopy(BRIEF)
    genre["sections"] = [genre["sections"][2], genre["sections"][0], genre["sections"][2]]
    genre["sections"][2] = {**genre["sections"][2], "id": "support2", "headings": ["其他保障"]}
    lib = library.load(templates_with(tmp_path, genre, BRIEF_TEXTS))
    profile = from_source(taishan("brief"), lib, name="brief.yaml", bases=BASES)
    doc = compose.plan(profile, lib)
    h1 = [p.text for p in doc.parts[0].blocks if getattr(p, "role", None) == Role.HEADING1]
    assert h1 == ["一、工作保障", "二、工作思路", "三、其他保障"]
    assert doc.tasks == []  # no tasks section: no tasks in the model


def test_an_unknown_section_kind_is_an_error_naming_the_genre_file(tmp_path):
    genre = copy.deepcopy(BRIEF)
    genre["sections"][1]["kind"] = "taskz"
    with pytest.raises(DrafterError) as info:
        library.load(templates_with(tmp_path, genre, BRIEF_TEXTS))
    (issue,) = info.value.issues
    assert issue.file == "templates/genres/brief/genre.yaml" and issue.line
    assert issue.field == ("sections", 1, "kind") and "taskz" in issue.text("en")


def test_a_field_the_genre_does_not_use_is_an_error_with_a_hint(tmp_path):
    lib = library.load(templates_with(tmp_path, BRIEF, BRIEF_TEXTS))
    with pytest.raises(ProfileError) as info:
        from_source(taishan("brief", keep_unused=True), lib, name="brief.yaml", bases=BASES)
    messages = {issue.field: issue.text("en") for issue in info.value.issues}
    assert set(messages) == {("indicators",)}
    assert "genre brief does not use the field indicators" in messages[("indicators",)]
    assert "(genres that use it: " in messages[("indicators",)]
    assert "work_plan" in messages[("indicators",)].rsplit("(genres that use it: ", 1)[1]


def test_a_level_or_programme_the_genre_does_not_fit_names_both(tmp_path):
    lib = library.load(templates_with(tmp_path, BRIEF, BRIEF_TEXTS))
    data = taishan("brief")
    data["county"] = {**data["county"], "level": "县级市"}
    data["programme"] = {**data["programme"], "kind": "示范县"}
    with pytest.raises(ProfileError) as info:
        from_source(data, lib, name="brief.yaml", bases=BASES)
    messages = {issue.field: issue.text("en") for issue in info.value.issues}
    assert "genre brief does not fit 县级市" in messages[("county", "level")]
    assert "genre brief does not fit 示范县" in messages[("programme", "kind")]


def test_the_default_genre_is_the_work_plan():
    lib = library.load()
    profile = from_source(taishan(), lib, name="t.yaml", bases=BASES)
    named = from_source({**taishan(), "genre": DEFAULT_GENRE}, lib, name="t.yaml", bases=BASES)
    plain, chosen = compose.plan(profile, lib), compose.plan(named, lib)
    assert texts(plain) == texts(chosen)
    assert plain.title == "泰安市泰山区国家知识产权强县建设试点县（区）工作方案（2022—2025年）"
    assert lib.genres[DEFAULT_GENRE].words["this_doc"] == "本方案"


def test_drafter_genres_prints_one_line_per_genre():
    result = CliRunner().invoke(make_cli(), ["--lang", "en", "genres"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(library.load().genres)
    assert any(
        line.startswith("work_plan  国家知识产权强县建设试点县、示范县工作方案") for line in lines
    )
    assert "县级市" in lines[0] and "示范县" in lines[0]


def test_drafter_check_reads_the_genre_s_section_list(tmp_path, monkeypatch):
    """A draft of a genre whose headings are not the work plan's passes the section rules once
    check knows the genre; a section moved out of order is found by the genre's order."""
    from drafter import check
    from drafter.check import classify

    lib = library.load(templates_with(tmp_path, BRIEF, BRIEF_TEXTS))
    profile = from_source(taishan("brief"), lib, name="brief.yaml", bases=BASES)
    path = tmp_path / "brief.docx"
    path.write_bytes(writers.get("docx").render(compose.plan(profile, lib), True))
    section_codes = {"sections-missing", "sections-order", "sections-repeat"}

    def codes() -> set[str]:
        return {f.code for f in check.check(path)} & section_codes

    rules = classify._rules(lib.genres["brief"])
    monkeypatch.setitem(classify.GENRE_SECTIONS, "brief", rules)
    monkeypatch.setattr(classify, "DOC_WORDS", (*classify.DOC_WORDS, "要点"))
    assert check.kind_of(path) == "plan"
    assert codes() == set()
    # the same headings in another order break the genre's order
    monkeypatch.setitem(classify.GENRE_SECTIONS, "brief", (rules[1], rules[0], rules[2]))
    assert codes() == {"sections-order"}


def test_a_genre_without_the_words_the_catalogue_uses_is_an_error(tmp_path):
    """The catalogue's texts say {{ genre.words.full_doc }} and .programme, so every genre has them."""
    genre = copy.deepcopy(BRIEF)
    del genre["vocabulary"]["programme"]
    with pytest.raises(DrafterError) as info:
        library.load(templates_with(tmp_path, genre, BRIEF_TEXTS))
    (issue,) = info.value.issues
    assert issue.file == "templates/genres/brief/genre.yaml" and issue.field == ("vocabulary",)
    assert "programme" in issue.text("en")


def test_a_genre_issued_under_its_own_masthead_passes_drafter_check(tmp_path, monkeypatch):
    """parts: [issued, body] (a 实施意见 issued as 人民政府文件): the organ mark, doc number and
    addressees frame the body's title, the sign-off follows the body; check finds nothing."""
    from drafter import check
    from drafter.check import classify

    genre = {**copy.deepcopy(BRIEF), "parts": ["issued", "body"]}
    lib = library.load(templates_with(tmp_path, genre, BRIEF_TEXTS))
    profile = from_source(taishan("brief"), lib, name="brief.yaml", bases=BASES)
    doc = compose.plan(profile, lib)
    assert [p.name for p in doc.parts] == ["plan"]
    blocks = [b for b in doc.parts[0].blocks if hasattr(b, "spans")]
    head = [(b.role, b.text) for b in blocks[:4]]
    assert head == [
        (Role.ORGAN_MARK, "泰安市泰山区人民政府文件"),
        (Role.DOC_NUMBER, "泰山政字〔2022〕6号"),
        (Role.TITLE, "泰安市泰山区知识产权工作要点"),
        (Role.ADDRESSEE, "各街道办事处、镇人民政府，各园区管委会，区直有关单位："),
    ]
    assert [(b.role, b.text) for b in blocks[-2:]] == [
        (Role.SIGNATURE, "泰安市泰山区人民政府"),
        (Role.DATE, "2022年12月4日"),
    ]
    path = tmp_path / "issued.docx"
    path.write_bytes(writers.get("docx").render(doc, True))
    monkeypatch.setitem(classify.GENRE_SECTIONS, "brief", classify._rules(lib.genres["brief"]))
    monkeypatch.setattr(classify, "DOC_WORDS", (*classify.DOC_WORDS, "要点"))
    assert [f.code for f in check.check(path)] == []
