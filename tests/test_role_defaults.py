"""A role's default name is a body every county of its level has, never one seed county's own:
荣成's 市林业发展中心 (a 事业单位) and 市教育和体育局 stay in its own profile (seed 003), the defaults
are the plain bureaus seeds 001/002 name (省林业厅, 市林业局, 市教育局)."""

from __future__ import annotations

from conftest import PROFILES, ROOT

from drafter import api, library

LIB = library.load()
PREFIX = {"县": "县", "区": "区", "县级市": "市", "地级市": "市"}
# bodies only one seed county has, as its seed names them
SEED_COUNTY_OWN = ("林业发展中心", "教育和体育局", "教体局", "国资服务中心", "海洋发展局")


def test_forestry_and_education_default_to_the_plain_bureaus():
    for level, prefix in PREFIX.items():
        assert LIB.roles["forestry"].names[level] == f"{prefix}林业局"
        assert LIB.roles["education"].names[level] == f"{prefix}教育局"


def test_no_default_name_is_one_seed_countys_own_body():
    found = [
        (role, level, name)
        for role, spec in LIB.roles.items()
        for level, name in spec.names.items()
        if any(word in name for word in SEED_COUNTY_OWN)
    ]
    assert not found, found


def test_a_county_that_names_neither_gets_the_bureaus_in_its_lists():
    doc = api.draft(api.load_profile(ROOT / "examples" / "wangchuan.yaml"))  # a 县
    text = "\n".join(p.text for p in doc.paragraphs())
    assert "（县农业农村局、县林业局" in text
    assert "林业发展中心" not in text
    rongcheng = api.draft(api.load_profile(PROFILES / "rongcheng.yaml"))  # its own names stay
    assert "教育和体育局" in "\n".join(p.text for p in rongcheng.paragraphs())
