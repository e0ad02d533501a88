"""Unit tests of the pure functions under a build: target computation, task selection and
numbering, profile merging, and the YAML line map. In memory, no file and no writer."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from drafter import api, library
from drafter.compose import plan as compose
from drafter.compose import targets
from drafter.compose import tasks as task_plan
from drafter.profile.load import merge
from drafter.profile.yamlread import SourceMap, field_text, parse

LIB = library.load()
TAISHAN = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "profiles" / "taishan.yaml").read_text("utf-8")
)

# -- targets -------------------------------------------------------------------------------


def test_a_given_target_is_copied_and_formatted():
    (t,) = targets.resolve(
        {"valid_invention_patents": {"target": 2300}}, LIB.indicators, 2025
    ).values()
    assert (t.value, t.computed, t.basis) == (2300, None, None)
    assert t.text == "2300件"


def test_a_growth_target_compounds_from_the_baseline_year_to_the_end():
    spec = {"baseline": {"value": 1500, "year": 2021}, "growth": 0.12}
    t = targets.resolve({"valid_invention_patents": spec}, LIB.indicators, 2025)[
        "valid_invention_patents"
    ]
    assert t.value == round(1500 * 1.12**4) == 2360  # 2360.3… -> 2360 (a count: whole)
    assert t.computed == "growth"
    assert t.basis == {"year": 2021, "baseline": "1500件", "rate": "12%"}


def test_a_percent_target_stops_at_100():
    spec = {"baseline": {"value": 95, "year": 2021}, "growth": 0.2}
    (t,) = targets.resolve({"penalty_closure_rate": spec}, LIB.indicators, 2025).values()
    assert t.value == 100


def test_a_baseline_after_the_end_grows_nothing():
    spec = {"baseline": {"value": 1500, "year": 2026}, "growth": 0.5}
    (t,) = targets.resolve({"valid_invention_patents": spec}, LIB.indicators, 2025).values()
    assert t.value == 1500


def test_a_ratio_is_derived_from_its_count_and_the_population():
    out = targets.resolve(
        {"valid_invention_patents": {"target": 2300}}, LIB.indicators, 2025, population=800_000
    )
    ratio = out["invention_per_10k"]
    assert ratio.value == 28.8  # 2300 / 80 (万人) = 28.75 -> 28.8, half up
    assert ratio.computed == "per_10k" and ratio.basis == {"count": "2300件", "population": "80.0"}
    no_population = targets.resolve(
        {"valid_invention_patents": {"target": 2300}}, LIB.indicators, 2025
    )
    assert "invention_per_10k" not in no_population


def test_a_ratio_the_profile_gives_is_not_derived():
    out = targets.resolve(
        {"valid_invention_patents": {"target": 2300}, "invention_per_10k": {"target": 24}},
        LIB.indicators,
        2025,
        population=800_000,
    )
    assert out["invention_per_10k"].value == 24 and out["invention_per_10k"].computed is None


# -- task selection and numbering --------------------------------------------------------


def profile_with(change):
    data = copy.deepcopy(TAISHAN)
    change(data)
    return api.load_profile(data, name="t.yaml")


def chosen(change) -> list[str]:
    return task_plan.chosen_tasks(profile_with(change).data, LIB)


def core_ids(tags: set[str]) -> list[str]:
    return [t.id for t in LIB.tasks if t.core and set(t.tags) <= tags]


def drop_select(data):
    data["tasks"].pop("select")
    data["tasks"]["include"] = []


def test_without_select_the_core_tasks_fitting_the_county_come_in_catalogue_order():
    data = profile_with(drop_select).data
    got = task_plan.chosen_tasks(data, LIB)
    tags, declared = task_plan.county_tags(data, LIB), set(TAISHAN["county"]["tags"])
    # and the tasks the county's own tags call for (泰山区's agriculture, gi)
    called = [
        t.id for t in LIB.tasks if not t.core and set(t.tags) <= tags and declared & set(t.tags)
    ]
    assert called == ["agriculture-ip", "geographical-indications"]
    order = [t.id for t in LIB.tasks]
    assert got == sorted(core_ids(tags) + called, key=order.index)
    assert set(core_ids(set())) <= set(got)  # the untagged core tasks are always there


def test_include_exclude_and_tags_add_and_remove_tasks():
    extra = next(t for t in LIB.tasks if not t.core)
    core = core_ids(set())

    def change(data):
        drop_select(data)
        data["tasks"]["include"] = [extra.id]
        data["tasks"]["exclude"] = [core[0]]

    got = chosen(change)
    assert extra.id in got and core[0] not in got
    order = [t.id for t in LIB.tasks]
    assert got == sorted(got, key=order.index)  # still in catalogue order


def test_select_keeps_the_profile_order():
    picked = ["ip-publicity", "ip-enforcement", "high-value-patents"]

    def change(data):
        data["tasks"]["select"] = picked
        data["tasks"]["include"] = []

    assert chosen(change) == picked


def numbers(change) -> list[tuple[str, str]]:
    """(number, label) of each task as the built plan's model carries it."""
    return [(e.number, e.label) for e in compose.plan(profile_with(change), LIB).tasks]


def test_numbered_tasks_carry_role_ids_and_department_names():
    profile = profile_with(lambda data: None)
    dept = {"market": "某市场监管局", "science": "某科技局", "finance": "某财政局"}
    dept.update({r: f"{r}局" for r in LIB.roles if r not in dept})
    result = task_plan.number_tasks(profile, LIB, dept)
    assert not result.issues
    first = result.tasks[0]
    roles = LIB.task(first.id).roles
    lead_role = roles[0].strip("()")
    assert first.lead[0].role == lead_role and first.lead[0].name == dept[lead_role]
    assert [t.number for t in result.tasks] == [str(i) for i in range(1, len(result.tasks) + 1)]
    # the same profile and names give the same result: nothing is kept between calls
    assert task_plan.number_tasks(profile, LIB, dept) == result


def test_a_role_without_a_name_is_an_issue_not_an_exception():
    profile = profile_with(lambda data: None)
    result = task_plan.number_tasks(profile, LIB, {})
    assert result.issues and all(t.units is None for t in result.tasks)
    assert "needs role" in result.issues[0].text("en")


def test_continuous_numbering_runs_on_through_the_groups():
    got = numbers(lambda data: None)
    assert [n for n, _label in got] == [str(i) for i in range(1, len(got) + 1)]
    assert got[0][1] == "1." and got[-1][1] == f"{len(got)}."


def test_per_group_numbering_restarts_under_each_heading():
    def change(data):
        data["tasks"]["numbering"] = "per_group"

    got = numbers(change)
    firsts = [n for n, label in got if label == "1."]
    assert len(firsts) > 1 and firsts[0] == "1.1" and firsts[1] == "2.1"


# -- merging -----------------------------------------------------------------------------


def test_merge_mappings_deep_lists_replaced_and_appended():
    base = {"a": {"x": 1, "y": [1, 2]}, "keep": "b", "list": [1]}
    over = {"a": {"y": [9]}, "list+": [2, 3], "new": True}
    bsrc = SourceMap("base.yaml", {("a",): 1, ("a", "x"): 2, ("keep",): 4, ("list",): 5})
    osrc = SourceMap("over.yaml", {("a",): 1, ("a", "y"): 2, ("list+",): 3, ("new",): 4})
    data, smap = merge(base, bsrc, over, osrc)
    assert data == {"a": {"x": 1, "y": [9]}, "keep": "b", "list": [1, 2, 3], "new": True}
    assert smap.locate(("a", "x")) == ("base.yaml", 2)  # from the base, with its file
    assert smap.locate(("a", "y")) == ("over.yaml", 2)
    assert smap.locate(("keep",)) == ("base.yaml", 4)
    assert smap.locate(("list",)) == ("over.yaml", 3)  # the appending key's line
    assert smap.locate(("new",)) == ("over.yaml", 4)


def test_merge_does_not_change_its_inputs():
    base, over = {"a": {"x": [1]}}, {"a": {"x+": [2]}}
    merge(base, SourceMap("b"), over, SourceMap("o"))
    assert base == {"a": {"x": [1]}} and over == {"a": {"x+": [2]}}


# -- the YAML line map --------------------------------------------------------------------

TEXT = """\
county:
  name: 某县
  tags: [gi,
         agriculture]
list:
  - one
  - {k: v}
"""


def test_every_key_and_item_has_its_line():
    data, smap = parse(TEXT.encode("utf-8"), "x.yaml")
    assert data["county"]["tags"] == ["gi", "agriculture"]
    assert smap.lines[()] == 1
    assert smap.line(("county",)) == 1
    assert smap.line(("county", "name")) == 2
    assert smap.line(("county", "tags", 1)) == 4
    assert smap.line(("list", 1, "k")) == 7
    assert smap.locate(("county", "missing", "deeper")) == ("x.yaml", 1)  # nearest ancestor
    assert smap.locate(("nowhere",)) == ("x.yaml", 1)


@pytest.mark.parametrize(
    "path, text",
    [((), "(root)"), (("a",), "a"), (("a", 0, "b"), "a[0].b"), (("p", 2), "p[2]")],
)
def test_field_text(path, text):
    assert field_text(path) == text
