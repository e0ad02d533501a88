"""A rate's target at its ceiling reads 达到100%, never 100%以上 (seed 000: 审结率达到100%); a rate no
plan sets at 100% (满意度: seed 003's 达到 80% 以上) keeps its baseline where a growth rate would
carry it there, and says so in its review note."""

from __future__ import annotations

import copy

import yaml
from conftest import PROFILES

from drafter import api, library
from drafter.compose import targets

LIB = library.load()
GROWN = {"baseline": {"value": 85, "year": 2021}, "growth": 0.17}  # county-0004: 85% -> 100%


def draft_with(indicators: dict):
    data = copy.deepcopy(yaml.safe_load((PROFILES / "taishan.yaml").read_text(encoding="utf-8")))
    data["indicators"] = indicators
    return api.draft(api.load_profile(data, name="county.yaml", bases=PROFILES))


def goals_text(indicators: dict) -> str:
    return "\n".join(p.text for p in draft_with(indicators).paragraphs())


def notes_of(indicators: dict) -> list[str]:
    return [s.note for p in draft_with(indicators).paragraphs() for s in p.spans if s.note]


def test_a_closure_rate_of_100_given_or_computed_says_no_more_than_100():
    for spec in ({"target": 100}, GROWN):  # county-0002, county-0004
        text = goals_text({"penalty_closure_rate": spec})
        assert "侵犯知识产权行政处罚案件结案率达到100%，" in text
        assert "100%以上" not in text
    below = goals_text({"penalty_closure_rate": {"target": 90}})
    assert "侵犯知识产权行政处罚案件结案率达到90%以上" in below  # seed 000


def test_the_annual_wording_drops_its_floor_at_100_too():
    text = goals_text({"penalty_closure_rate": {"target": 100, "wording": "annual_enforcement"}})
    assert "知识产权行政执法案件年结案率达100%，" in text and "100%以上" not in text


def test_a_satisfaction_rate_is_never_computed_to_100():
    """county-0007: 90% in 2021 growing 6% a year would pass 100% by 2025: kept at 90%以上."""
    spec = {"baseline": {"value": 90, "year": 2021}, "growth": 0.06}
    target = targets.resolve({"protection_satisfaction": spec}, LIB.indicators, 2025)[
        "protection_satisfaction"
    ]
    assert (target.value, target.text, target.computed) == (90, "90%", "held")
    text = goals_text({"protection_satisfaction": spec})
    assert "知识产权保护社会满意度达到90%以上" in text
    assert "满意度达到100%" not in text
    (note,) = notes_of({"protection_satisfaction": spec})
    assert note.startswith("按2021年基数90%、年均增长6%测算将达到或超过100%")


def test_a_satisfaction_rate_below_the_ceiling_is_computed_as_asked():
    spec = {"baseline": {"value": 80, "year": 2021}, "growth": 0.01}
    target = targets.resolve({"protection_satisfaction": spec}, LIB.indicators, 2025)[
        "protection_satisfaction"
    ]
    assert (target.text, target.computed) == ("83.2%", "growth")  # 80 × 1.01⁴ = 83.25 -> 83.2
    assert "知识产权保护社会满意度达到83.2%以上" in goals_text({"protection_satisfaction": spec})


def test_a_closure_rate_grown_past_100_stops_there():
    target = targets.resolve({"penalty_closure_rate": GROWN}, LIB.indicators, 2025)[
        "penalty_closure_rate"
    ]
    assert (target.value, target.text, target.computed) == (100, "100%", "growth")
