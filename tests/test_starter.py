"""The starter profile `drafter init` and the web form's new county begin from: what it says."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from drafter import i18n, library
from drafter.errors import DrafterError
from drafter.profile.starter import starter_profile

TODAY = dt.date(2025, 3, 1)


def _line(text: str, key: str) -> str:
    [line] = [line for line in text.splitlines() if line.strip().startswith(f"{key}:")]
    return line


def test_a_county_s_prefecture_is_a_marked_placeholder():
    text = starter_profile("云溪县", "县", "浙江省", today=TODAY)
    assert yaml.safe_load(text)["county"]["prefecture"] == "××市"
    assert _line(text, "prefecture") == "  prefecture: ××市   # 所属地级市（请核实）"
    assert "所属市" not in text and "浙江省所属" not in text


def test_a_prefecture_level_city_is_its_own_prefecture():
    text = starter_profile("云溪市", "地级市", "浙江省", today=TODAY)
    county = yaml.safe_load(text)["county"]
    assert (county["name"], county["prefecture"], county["level"]) == ("云溪市", "云溪市", "地级市")
    assert _line(text, "prefecture") == "  prefecture: 云溪市   # 所属地级市"
    assert "××市" not in text


def test_the_known_rounds_are_listed_in_the_batch_comment():
    rounds = library.load().rounds
    text = starter_profile("云溪县", "县", "浙江省", today=TODAY)
    assert f"（已知批次：{'、'.join(map(str, rounds))}；" in _line(text, "batch")


def test_a_name_leaves_room_for_the_issuer_it_makes_and_a_province_needs_none():
    with i18n.use_language("en"):
        starter_profile("县" * 56, "县", "浙江省", today=TODAY)  # 县…县人民政府: 60 characters
        with pytest.raises(DrafterError) as caught:
            starter_profile("县" * 57, "县", "浙江省", today=TODAY)
        assert [str(i) for i in caught.value.issues] == ["NAME: too long: at most 56 characters"]
        text = starter_profile("云溪县", "县", "省" * 60, today=TODAY)
        assert yaml.safe_load(text)["county"]["province"] == "省" * 60
