"""指导思想's opening line follows the document's date (templates/catalogue/guidance.yaml): a plan
dated before the 二十大 closed (2022-10-22) does not name it, one before the 十九大 (2017-10-24)
does not name the 思想; framing.guidance replaces the line in every genre."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml
from conftest import PROFILES, ROOT

from drafter import api
from drafter.model import Role

LINE_20 = "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，"  # seed 000
LINE_19 = "坚持以习近平新时代中国特色社会主义思想为指导，"  # seed 003
LINE_18 = (  # seed 002
    "全面贯彻党的十八大和十八届三中、四中、五中、六中全会精神，深入贯彻习近平总书记系列重要讲话精神，"
)
OWN = "深入贯彻落实省委全会精神"

# a profile of each genre whose guiding text opens with the line: (file, the text after the line)
GENRES = {
    "work_plan pilot": (PROFILES / "taishan.yaml", "以高质量发展为引领"),
    "work_plan demonstration": (ROOT / "examples" / "wangchuan.yaml", None),
    "opinion": (ROOT / "examples" / "jining.yaml", "有效发挥知识产权制度激励创新"),
    "action_plan": (ROOT / "examples" / "qinghe-action.yaml", None),
    "protection_zone": (ROOT / "examples" / "lanhai-protection.yaml", "深入贯彻落实"),
    "city_district": (ROOT / "examples" / "chengpu-district.yaml", None),
}


def data_of(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def guiding(data) -> str:
    """The paragraph under 指导思想 / 总体要求 (the first level-1 heading)."""
    doc = api.draft(api.load_profile(data, name="county.yaml", bases=PROFILES))
    blocks = next(p for p in doc.parts if p.name == "plan").blocks
    at = next(i for i, b in enumerate(blocks) if b.role == Role.HEADING1)
    return next(b.text for b in blocks[at + 1 :] if b.role == Role.BODY)


def dated(path, day: dt.date, period: tuple[int, int] | None = None, **framing):
    """The profile dated ``day`` (its period moved to ``period``), framing.guidance only as given."""
    data = copy.deepcopy(data_of(path))
    data["notice"]["date"] = day
    if period:
        data["programme"]["period"] = {"start": period[0], "end": period[1]}
    own = {k: v for k, v in data.get("framing", {}).items() if k != "guidance"}
    data["framing"] = {**own, **framing}
    return data


@pytest.mark.parametrize("genre", sorted(GENRES))
def test_the_line_is_the_one_of_the_documents_date(genre):
    path, after = GENRES[genre]
    if genre == "opinion":  # seed 002's 实施意见 of 2017, before and after the 十九大
        assert guiding(dated(path, dt.date(2017, 4, 12))).startswith(LINE_18 + after)
        assert guiding(dated(path, dt.date(2017, 11, 1))).startswith(LINE_19 + after)
        return
    # a plan of 2022—2025 issued before the 二十大 (county-0001 of the review: 2022-05-24), and after
    text = guiding(dated(path, dt.date(2022, 5, 24), period=(2022, 2025)))
    assert text.startswith(LINE_19) and "二十大" not in text
    text = guiding(dated(path, dt.date(2022, 12, 4), period=(2022, 2025)))
    assert text.startswith(LINE_20)
    if after:
        assert text.removeprefix(LINE_20).startswith(after)


@pytest.mark.parametrize("genre", sorted(GENRES))
def test_framing_guidance_replaces_the_line_in_every_genre(genre):
    path, _after = GENRES[genre]
    data = data_of(path)
    text = guiding(dated(path, data["notice"]["date"], guidance=OWN))
    assert text.startswith(OWN + "，")
    assert "二十大" not in text and "十八大" not in text


def test_the_congress_is_named_from_the_day_it_closed():
    path = PROFILES / "taishan.yaml"
    assert "二十大" not in guiding(dated(path, dt.date(2022, 10, 21)))
    assert guiding(dated(path, dt.date(2022, 10, 22))).startswith(LINE_20)


def test_seed_003s_wording_names_no_congress_after_it_either():
    """The strategy variant (seed 003, 2022-11-23) opens with 坚持以…为指导 and names the
    documents it implements next, before the 二十大 and after it."""
    path = PROFILES / "rongcheng.yaml"
    for day in (dt.date(2022, 5, 24), dt.date(2022, 11, 23)):
        assert guiding(dated(path, day)).startswith(LINE_19 + "全面贯彻落实《")
    assert guiding(dated(path, dt.date(2022, 11, 23), guidance=OWN)).startswith(OWN + "，全面")


def test_a_date_no_line_fits_opens_with_the_genres_own_text():
    """Before every era (the 推进计划 of 2009) the seeds give no line: the promotion plan's own."""
    assert guiding(data_of(ROOT / "examples" / "anhe-promotion.yaml")).startswith(
        "以科学发展观为指导，深入实施国家知识产权战略"
    )
