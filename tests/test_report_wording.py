"""The progress report names the programme as the plan's title does (seed 000: 试点县（区）), and a
target reached reads 已完成 / 已超额完成预期目标, not 完成预期目标的102% (seed 004's 的74% is for
progress under the target)."""

from __future__ import annotations

import copy

from conftest import ROOT, load_profile, write_profile

from drafter import api, library
from drafter.compose.context import designation
from drafter.compose.report import progress_report
from drafter.profile import load as profiles

LIB = library.load()


def shipped_report():
    profile = api.load_profile(ROOT / "profiles" / "taishan.yaml")
    return api.draft_report(profile, ROOT / "examples" / "taishan-actuals.yaml")


def test_the_report_title_uses_the_plans_own_programme_wording():
    doc = shipped_report()
    plan = api.draft(api.load_profile(ROOT / "profiles" / "taishan.yaml"))
    assert "国家知识产权强县建设试点县（区）工作方案" in plan.title
    assert doc.title == "泰安市泰山区国家知识产权强县建设试点县（区）工作进展情况"


def test_a_plan_titled_by_its_genre_keeps_the_genres_designation(tmp_path):
    data = copy.deepcopy(load_profile("taishan"))
    del data["programme"]["title"]  # the genre's title: …试点县工作方案（2022—2025年）
    profile = profiles.load(write_profile(data, tmp_path / "county.yaml"), LIB)
    doc = progress_report(profile, ROOT / "examples" / "taishan-actuals.yaml", LIB)
    assert doc.title == "泰安市泰山区国家知识产权强县建设试点县工作进展情况"


def test_a_title_of_another_shape_falls_back_to_the_designation():
    words = {"programme": "知识产权强市建设", "full_doc": "实施意见"}
    county = {"full_name": "济宁市", "name": "济宁市"}
    # seed 002's title: the part before 实施意见 is no designation
    assert designation("济宁市人民政府关于加快知识产权强市建设的实施意见", county, words) == (
        "知识产权强市建设"
    )


def test_a_target_passed_or_met_is_said_in_words():
    paras = [p.text for p in shipped_report().paragraphs()]
    assert "侵犯知识产权行政处罚案件结案率达到92%，已超额完成预期目标（2025年目标90%）。" in paras
    assert not any("完成预期目标的102%" in p for p in paras)
    assert "中国驰名商标达到4件，完成预期目标的31%（2025年目标13件）。" in paras  # seed 004's form


def test_a_target_met_exactly_is_completed_not_exceeded(tmp_path):
    data = copy.deepcopy(load_profile("taishan"))
    data["indicators"] = {"adjudication_rate": {"target": 100}}
    profile = profiles.load(write_profile(data, tmp_path / "county.yaml"), LIB)
    actuals = tmp_path / "actuals.yaml"
    actuals.write_text("as_of: 2023-06-30\nactuals:\n  adjudication_rate: 100\n", encoding="utf-8")
    paras = [p.text for p in progress_report(profile, actuals, LIB).paragraphs()]
    assert "知识产权纠纷行政裁决案件审结率达到100%，已完成预期目标（2025年目标100%）。" in paras
