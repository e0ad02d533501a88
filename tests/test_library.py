"""The content library: the words a profile chooses from come from templates/, and a broken file in
templates/ is reported by its own file, line and field."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import edit

from drafter import library
from drafter.cli import main as cli
from drafter.compose import plan
from drafter.compose.render import Renderer
from drafter.errors import ProfileError
from drafter.library.check import LibraryError
from drafter.library.genres import KINDS
from drafter.profile import load as profiles

ROOT = Path(__file__).resolve().parent.parent
TAISHAN = ROOT / "profiles" / "taishan.yaml"


def load(root: Path) -> library.Library:
    return library.load.__wrapped__(root)


def add_level(root: Path) -> None:
    """A 旗 (a county-level banner), with every level word."""
    words = (
        "  short: 旗\n  self: 我旗\n  strong: 强旗\n  all: 全旗\n  direct: 旗直\n  gov: 旗政府\n"
    )
    words += "  party: 旗委\n  towns: 各苏木、镇\n  tier: 苏木（镇）\n  addressees: [各苏木、镇人民政府]\n"
    levels = root / "catalogue" / "levels.yaml"
    levels.write_text(levels.read_text(encoding="utf-8") + "旗:\n" + words, encoding="utf-8")


def line(path: Path, text: str) -> int:
    """The line of ``path`` that holds ``text``, counted from 1."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, content in enumerate(lines, 1) if text in content)


def faults(root: Path) -> list[str]:
    """What loading the broken library says, one fault a line."""
    with pytest.raises(LibraryError) as caught:
        load(root)
    assert not isinstance(caught.value, ProfileError)  # the library's fault, not the county's
    return caught.value.text("zh_CN").splitlines()


# -- the words a profile chooses from ---------------------------------------------------------


def test_choices_are_the_data(tree):
    lib = load(tree)
    assert lib.level_ids == ("县", "区", "县级市", "地级市") and lib.default_level == "县"
    assert lib.programme_kinds == (
        "试点县",
        "示范县",
        "强市建设",
        "保护示范区",
        "示范城区",
        "强县工程",
    )
    assert lib.statuses == ("final", "征求意见稿", "送审稿")
    assert lib.member_titles == ("组长", "副组长", "成员")


def test_a_level_added_to_the_data_is_a_level(tree):
    add_level(tree)
    # and the genre drafted there says it fits the new level (templates/genres/README.md)
    edit(
        tree / "genres" / "work_plan" / "genre.yaml",
        "levels: [县, 区, 县级市]",
        "levels: [县, 区, 县级市, 旗]",
    )
    lib = load(tree)
    assert lib.level_ids[-1] == "旗"
    profile = profiles.from_source(TAISHAN, lib, overrides={"county": {"level": "旗"}})
    assert plan.base_context(profile, lib, Renderer())["lw"]["self"] == "我旗"


def test_a_level_the_data_lacks_is_refused_by_the_data(tree):
    for other in (tree / "genres").iterdir():  # the other genres fit kinds this test takes away
        if other.is_dir() and other.name != "work_plan":
            shutil.rmtree(other)
    genre = tree / "genres" / "work_plan" / "genre.yaml"
    edit(genre, "programmes: [试点县, 示范县]", "programmes: [试点县]")
    for _ in range(2):
        edit(genre, "defaults: {试点县: pilot, 示范县: demonstration}", "defaults: {试点县: pilot}")
    edit(
        tree / "catalogue" / "choices.yaml",
        "programme_kinds: [试点县, 示范县, 强市建设, 保护示范区, 示范城区, 强县工程]",
        "programme_kinds: [试点县]",
    )
    with pytest.raises(ProfileError) as caught:
        profiles.from_source(TAISHAN, load(tree), overrides={"programme": {"kind": "示范县"}})
    assert "programme.kind: 应为以下之一：试点县" in str(caught.value)


def test_a_status_added_to_the_data_heads_the_draft(tree):
    edit(tree / "catalogue" / "choices.yaml", "statuses: [final,", "statuses: [final, 讨论稿,")
    lib = load(tree)
    profile = profiles.from_source(TAISHAN, lib, overrides={"plan": {"status": "讨论稿"}})
    assert plan.plan(profile, lib).header_text == "讨论稿"


def test_the_command_line_offers_the_levels_of_the_data(tree, monkeypatch):
    add_level(tree)
    lib = load(tree)
    monkeypatch.setattr(library, "load", lambda root=None: lib)
    choice = cli.LibraryChoice(lambda lib: lib.level_ids)
    assert choice.choices == ("县", "区", "县级市", "地级市", "旗")


# -- every file is checked against its own schema ----------------------------------------------

TASKS = "catalogue/tasks.yaml"
POLICY_ROLES = "roles: [market, science, agriculture, industry, development]"  # tasks[1]


def test_a_task_with_an_unknown_role(tree):
    n = line(tree / TASKS, POLICY_ROLES)
    edit(tree / TASKS, POLICY_ROLES, POLICY_ROLES.replace("[market,", "[markets,"))
    [fault] = faults(tree)
    assert fault.startswith(f"templates/{TASKS}:{n}: tasks[1].roles[0]: 应为以下之一：market、")
    assert fault.endswith('；得到 "markets"；是否应为 market？')


def test_a_task_in_an_unknown_group(tree):
    n = line(tree / TASKS, "  - id: ip-policy-guidance") + 1
    edit(
        tree / TASKS,
        "  - id: ip-policy-guidance\n    group: system",
        "  - id: ip-policy-guidance\n    group: sytem",
    )
    [fault] = faults(tree)
    assert fault.startswith(
        f"templates/{TASKS}:{n}: tasks[1].group: 应为以下之一：system、creation"
    )
    assert fault.endswith('得到 "sytem"；是否应为 system？')


def test_a_task_without_its_source(tree):
    n = line(tree / TASKS, "  - id: ip-policy-guidance")
    edit(tree / TASKS, '    core: true\n    source: ["000:2"]\n', "    core: true\n")
    assert faults(tree) == [f"templates/{TASKS}:{n}: tasks[1].source: 缺少必填字段"]


def test_a_task_source_that_names_no_seed(tree):
    n = line(tree / TASKS, 'source: ["000:2"]')
    edit(tree / TASKS, 'source: ["000:2"]', 'source: ["seed two"]')
    [fault] = faults(tree)
    assert fault.startswith(f"templates/{TASKS}:{n}: tasks[1].source[0]: ")


def test_a_task_id_used_twice(tree):
    n = line(tree / TASKS, "  - id: ip-policy-guidance")
    edit(tree / TASKS, "  - id: ip-policy-guidance", "  - id: ip-management-mechanism")
    assert faults(tree) == [
        f"templates/{TASKS}:{n}: tasks[1].id: 任务编号 ip-management-mechanism 重复（首次出现在 tasks[0]）"
    ]


def test_a_misspelt_task_field(tree):
    n = line(tree / TASKS, "  - id: ip-policy-guidance") + 1
    edit(
        tree / TASKS,
        "  - id: ip-policy-guidance\n    group:",
        "  - id: ip-policy-guidance\n    grup:",
    )
    found = faults(tree)
    assert f"templates/{TASKS}:{n}: tasks[1].grup: 未知字段；是否应为 group？" in found


def test_a_role_named_for_an_unknown_level(tree):
    roles = tree / "catalogue" / "roles.yaml"
    n = line(roles, "names: {县: 县市场监督管理局,")
    edit(roles, "names: {县: 县市场监督管理局,", "names: {州: 县市场监督管理局,")
    [fault] = faults(tree)
    assert fault == (
        f"templates/catalogue/roles.yaml:{n}: roles.market.names.州: "
        '应为以下之一：县、区、县级市、地级市；得到 "州"'
    )


def test_a_role_without_a_label(tree):
    roles = tree / "catalogue" / "roles.yaml"
    n = line(roles, "  market:")
    edit(roles, "    label: 市场监管（知识产权）\n", "")
    assert faults(tree) == [f"templates/catalogue/roles.yaml:{n}: roles.market.label: 缺少必填字段"]


def test_a_layout_with_an_unknown_group_and_one_left_out(tree):
    groups = tree / "catalogue" / "groups.yaml"
    layout, heading = line(groups, "  seven:"), line(groups, "提高知识产权运用能力, groups: [use]")
    edit(groups, "提高知识产权运用能力, groups: [use]", "提高知识产权运用能力, groups: [usage]")
    dropped, unknown = faults(tree)
    assert (
        dropped
        == f"templates/catalogue/groups.yaml:{layout}: layouts.seven: 没有为任务组 use 安排标题"
    )
    assert unknown.startswith(
        f"templates/catalogue/groups.yaml:{heading}: layouts.seven[1].groups[0]: "
        "应为以下之一：system、creation、use、protection、"
    )
    assert unknown.endswith('、international；得到 "usage"；是否应为 use？')


def test_a_ratio_without_its_count_and_an_unknown_kind(tree):
    indicators = tree / "catalogue" / "indicators.yaml"
    ratio = line(indicators, "  invention_per_10k:")
    edit(indicators, "    per_10k_of: valid_invention_patents\n", "")
    kind = line(indicators, "kind: count")
    edit(indicators, "kind: count", "kind: counted")
    assert faults(tree) == [
        f"templates/catalogue/indicators.yaml:{kind}: indicators.valid_invention_patents.kind: "
        '应为以下之一：count、ratio、percent、money；得到 "counted"；是否应为 count？',
        f"templates/catalogue/indicators.yaml:{ratio}: indicators.invention_per_10k: "
        "比率指标须写 per_10k_of：按每万人计算所依据的数量指标",
    ]


def test_a_principle_without_a_body(tree):
    principles = tree / "catalogue" / "principles.yaml"
    n = line(principles, "  innovation:")
    text = principles.read_text(encoding="utf-8")
    start = text.index("  innovation:")
    body = text.index("    body: >-\n", start)
    end = text.index("\n", text.index("\n", body) + 1) + 1
    principles.write_text(text[:body] + text[end:], encoding="utf-8")
    assert faults(tree) == [
        f"templates/catalogue/principles.yaml:{n}: principles.innovation.body: 缺少必填字段"
    ]


def test_a_safeguard_with_an_unknown_role(tree):
    safeguards = tree / "catalogue" / "safeguards.yaml"
    n = line(safeguards, "roles: [leading_group_members]")
    edit(safeguards, "roles: [leading_group_members]", "roles: [leading_group]")
    [fault] = faults(tree)
    assert fault.startswith(
        f"templates/catalogue/safeguards.yaml:{n}: safeguards.coordinated_leadership.roles[0]: "
        "应为以下之一：market、"
    )
    assert fault.endswith('得到 "leading_group"；是否应为 leading_group_members？')


def test_a_goal_figure_that_is_no_indicator(tree):
    goals = tree / "catalogue" / "goals.yaml"
    n = line(goals, "{id: registered_trademarks, sep:")
    edit(goals, "{id: registered_trademarks, sep:", "{id: registered_marks, sep:")
    [fault] = faults(tree)
    assert fault.startswith(
        f"templates/catalogue/goals.yaml:{n}: goals.output_quality.body[0].figures[4].id: 应为以下之一："
    )
    assert fault.endswith('得到 "registered_marks"；是否应为 registered_trademarks？')


def test_a_level_without_a_word_the_first_gives(tree):
    levels = tree / "catalogue" / "levels.yaml"
    n = line(levels, "区:")
    edit(levels, "  towns: 各街道、镇\n", "")
    assert faults(tree) == [
        f"templates/catalogue/levels.yaml:{n}: 区: 缺少“县”一级所有的用词：towns"
    ]


def test_a_national_document_that_is_not_in_the_list(tree):
    bases = tree / "catalogue" / "legal_bases.yaml"
    n = line(bases, "national: [national_outline, national_plan]")
    edit(
        bases,
        "national: [national_outline, national_plan]",
        "national: [national_outline, outline_2035]",
    )
    [fault] = faults(tree)
    assert fault.startswith(
        f"templates/catalogue/legal_bases.yaml:{n}: national[1]: 应为以下之一："
    )
    assert fault.endswith('得到 "outline_2035"')


def test_a_counted_task_param_without_its_unit(tree):
    params = tree / "catalogue" / "task_params.yaml"
    n = line(params, "  trained_per_year:")
    edit(
        params,
        "    kind: count\n    unit: 人\n",
        "    kind: count\n",
    )
    assert faults(tree) == [
        f"templates/catalogue/task_params.yaml:{n}: params.trained_per_year: 数量参数须写单位（unit），如人、件"
    ]


def test_statuses_without_final(tree):
    choices = tree / "catalogue" / "choices.yaml"
    n = line(choices, "statuses: [")
    edit(choices, "statuses: [final, ", "statuses: [")
    assert faults(tree) == [f"templates/catalogue/choices.yaml:{n}: statuses: 列表中须有 final"]


def test_a_text_file_without_a_text_compose_reads(tree):
    titles = tree / "text" / "titles.yaml"
    n = line(titles, "attachment_label:")  # the first field: a missing one is placed at the start
    edit(titles, "members_office:", "members_offices:")
    assert faults(tree) == [f"templates/text/titles.yaml:{n}: members_office: 缺少必填字段"]


def test_a_genre_section_of_an_unknown_kind_and_a_genre_at_an_unknown_level(tree):
    genre = tree / "genres" / "work_plan" / "genre.yaml"
    kind, levels = line(genre, "kind: prose"), line(genre, "levels: [县, 区, 县级市]")
    edit(genre, "kind: prose", "kind: poem")
    edit(genre, "levels: [县, 区, 县级市]", "levels: [县, 区, 县级区]")
    shown = "templates/genres/work_plan/genre.yaml"
    assert faults(tree) == [
        f'{shown}:{levels}: levels[2]: 应为以下之一：县、区、县级市、地级市；得到 "县级区"；是否应为 县级市？',
        f'{shown}:{kind}: sections[0].kind: 应为以下之一：{"、".join(KINDS)}；得到 "poem"；是否应为 prose？',
    ]


def test_a_duplicate_key_and_a_syntax_error_name_the_library_file(tree):
    principles = tree / "catalogue" / "principles.yaml"
    n, kept = line(principles, "  quality:"), principles.read_text(encoding="utf-8")
    first = line(principles, "  innovation:")
    edit(principles, "  quality:", "  innovation:")
    assert faults(tree) == [
        f"templates/catalogue/principles.yaml:{n}: principles.innovation: 重复的键（第 {first} 行已出现）"
    ]
    principles.write_text(kept, encoding="utf-8")
    (tree / "text" / "notes.yaml").write_text("growth: [1\n", encoding="utf-8")
    [fault] = faults(tree)
    assert fault.startswith("templates/text/notes.yaml:")
    assert "YAML 语法错误" in fault


def test_an_empty_file(tree):
    (tree / "text" / "joins.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert faults(tree) == ["templates/text/joins.yaml: 应为映射（键: 值），得到空文件"]


def test_every_fault_of_every_file_at_once(tree):
    edit(tree / TASKS, POLICY_ROLES, POLICY_ROLES.replace("[market,", "[markets,"))
    edit(tree / "catalogue" / "choices.yaml", "statuses: [final, ", "statuses: [")
    found = faults(tree)
    assert [f.split(":")[0] for f in found] == [
        "templates/catalogue/choices.yaml",
        f"templates/{TASKS}",
    ]


def test_a_changed_file_is_checked_though_the_library_was_cached(tree):
    load(tree)  # stored in the disk cache
    edit(tree / TASKS, POLICY_ROLES, POLICY_ROLES.replace("[market,", "[markets,"))
    assert faults(tree)[0].startswith(f"templates/{TASKS}:")
    edit(tree / TASKS, "[markets,", "[market,")
    assert load(tree).tasks[1].roles[0] == "market"


def test_the_command_line_blames_the_library_not_the_profile(tree, tmp_path, monkeypatch):
    from conftest import run_cli

    edit(tree / TASKS, POLICY_ROLES, POLICY_ROLES.replace("[market,", "[markets,"))
    monkeypatch.setattr(sys.modules["drafter.library.load"], "templates_root", lambda: tree)
    library.load.cache_clear()
    try:
        ran = run_cli("build", str(TAISHAN), "-o", str(tmp_path / "out"))
    finally:
        library.load.cache_clear()
    assert ran.returncode == 1
    assert ran.stderr.startswith(f"templates/{TASKS}:")
    assert "taishan.yaml" not in ran.stderr and "Traceback" not in ran.stderr
    assert not (tmp_path / "out" / "taishan.docx").exists()


def test_the_library_schemas_are_valid_cerberus_schemas():
    """Run-time skips cerberus's schema self-check (drafter.schemacheck.TrustedSchema); this is it."""
    from drafter.library import check, crosscheck, ids, schemas
    from drafter.schemacheck import DrafterValidator

    defined = ids.defined_ids(check.read(library.templates_root()))
    rules = {**schemas.schemas(defined), "text/*": schemas.text_file_rule()}
    for rule in rules.values():
        DrafterValidator({"file": rule})  # raises SchemaError if the rule is wrong
    DrafterValidator(crosscheck.GOAL_SEGMENT)
    assert "catalogue/tasks.yaml" in rules


# -- typed entries ------------------------------------------------------------------------------


def test_the_catalogue_loads_into_typed_entries(tree):
    from drafter.library.entries import Indicator, Role, Task

    lib = load(tree)
    task = lib.task("ip-policy-guidance")
    assert isinstance(task, Task) and task.group == "system" and task.roles[0] == "market"
    assert task.source == ["000:2"] and task.core is True
    assert task.variants["detailed"].roles == task.roles
    ratio = lib.indicators["invention_per_10k"]
    assert isinstance(ratio, Indicator) and ratio.per_10k_of == "valid_invention_patents"
    assert lib.indicators["valid_invention_patents"].per_10k_of is None
    assert (
        isinstance(lib.roles["market"], Role) and lib.roles["market"].names["区"] == "区市场监管局"
    )
    assert lib.layouts["five"][0].groups == ["system"]
    # attributes only: no mapping view to read a misspelt key through
    with pytest.raises(TypeError):
        task["title"]  # type: ignore[index]


# -- the marks and words text is read by (text/reading.yaml) -------------------------------------


def test_a_broken_year_range_pattern_names_its_line(tree):
    reading = tree / "text" / "reading.yaml"
    n = line(reading, "year_range:")
    edit(reading, "year_range: '[（(]?", "year_range: '(([（(]?")
    [fault] = faults(tree)
    assert fault.startswith(f"templates/text/reading.yaml:{n}: year_range: 不是有效的正则表达式")


def test_a_reading_word_left_out_is_a_fault_of_its_file(tree):
    reading = tree / "text" / "reading.yaml"
    edit(reading, "organ_break: 关于\n", "")
    [fault] = faults(tree)
    assert fault.startswith("templates/text/reading.yaml:")
    assert fault.endswith(" organ_break: 缺少必填字段")


def test_the_title_breaker_and_the_checker_read_the_marks_of_the_data():
    from drafter.check import classify
    from drafter.check import titles as check_titles
    from drafter.compose import titles

    reading = library.load().reading
    marks = titles.marks()
    assert (marks.opening, marks.closing, marks.organ_break) == (
        reading["opening_marks"],
        reading["closing_marks"],
        reading["organ_break"],
    )
    # one year-range pattern for the writer and the checker: 2022——2025 and 2022到2025 alike
    for text in ("（2022——2025年）", "2022到2025年", "2022-2025年"):
        assert marks.year_range.fullmatch(text) and check_titles.YEAR_RANGE.fullmatch(text)
    assert classify.MASTHEAD_END == "文件"  # notice.yaml's organ_mark ends in it
    assert "masthead_end" not in reading  # one source: tests/test_check_patterns.py


def test_when_a_count_prints_in_wan_is_data_checked_by_its_schema(tree):
    spec = tree / "text" / "figures.yaml"
    n = line(spec, "compact_step:")
    edit(spec, "compact_step: 100", "compact_step: hundred")
    [fault] = faults(tree)
    assert fault.startswith(f"templates/text/figures.yaml:{n}: compact_step: ")


def test_a_count_prints_in_wan_as_the_data_says(monkeypatch):
    from drafter.compose import figures

    assert figures.number(37500, "count") == "3.75万" and figures.number(37510, "count") == "37510"
    monkeypatch.setattr(figures, "_compact", lambda: (100000, 100, 2))
    assert figures.number(37500, "count") == "37500"


# -- genre.yaml: its schema checks the shape, genres.check_references what it refers to ----------


def test_a_genre_s_unknown_key_is_one_fault_of_its_schema(tree):
    genre = tree / "genres" / "work_plan" / "genre.yaml"
    n = line(genre, "preamble_default: implement")
    edit(genre, "preamble_default: implement", "preamble_default: implement\npreambel: x")
    [fault] = faults(tree)
    assert fault.startswith(f"templates/genres/work_plan/genre.yaml:{n + 1}: preambel: ")


def test_a_variant_text_that_is_not_in_the_folder_names_its_line(tree):
    genre = tree / "genres" / "work_plan" / "genre.yaml"
    (tree / "genres" / "work_plan" / "guiding_strategy.j2").unlink()
    n = line(genre, "strategy: guiding_strategy.j2")
    [fault] = faults(tree)
    assert fault.startswith(
        f"templates/genres/work_plan/genre.yaml:{n}: sections[0].variants.strategy: "
    )
    assert "guiding_strategy.j2" in fault


def test_a_document_yaml_is_checked_by_its_schema_when_the_library_loads(tree):
    """templates/genres/<id>/document.yaml has a schema of its own: every fault at once, each at
    its line, before any document is built."""
    path = tree / "genres" / "report" / "document.yaml"
    keep = 1 + edit(path, "  - id: overview ", "  - id: overview\n    keep: often\n   ")
    widths = edit(path, "widths: report", "widths: reports")
    unknown = edit(path, "records: indicators          # one paragraph", "record: indicators  #")
    found = faults(tree)
    name = "templates/genres/report/document.yaml"
    assert any(f.startswith(f"{name}:{keep}: sections[0].keep: ") for f in found), found
    assert any(f.startswith(f"{name}:{widths}: sections[3].widths: ") for f in found), found
    assert any(f.startswith(f"{name}:{unknown}: sections[1].record: ") for f in found), found
