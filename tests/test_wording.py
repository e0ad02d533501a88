"""The wording choices a clerk makes (issue 15), each read back from the built draft."""

from __future__ import annotations

import copy

import pytest
import yaml
from conftest import ROOT

from drafter import api
from drafter.model import Role

SAMPLE = yaml.safe_load((ROOT / "examples" / "sample-county.yaml").read_text(encoding="utf-8"))
PLAN = "示例市示例县国家知识产权强县建设试点县工作方案（2024—2026年）"


def draft(change=None, base=SAMPLE):
    data = copy.deepcopy(base)
    if change:
        change(data)
    return api.draft(api.load_profile(data, name="county.yaml"))


def problems(change, base=SAMPLE) -> str:
    with pytest.raises(api.ProfileError) as info:
        draft(change, base)
    return "\n".join(i.text("zh_CN") for i in info.value.issues)


def notice(doc) -> tuple[str, str]:
    part = next(p for p in doc.parts if p.name == "notice")
    title = next(b.text for b in part.blocks if b.role == Role.TITLE)
    body = next(b.text for b in part.blocks if b.role == Role.BODY)
    return title, body


def text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs())


# -- notice ------------------------------------------------------------------------------------


def test_notice_default_form():
    title, body = notice(draft())
    assert title == f"示例县人民政府关于印发《{PLAN}》的通知"
    assert body == f"《{PLAN}》已经县政府同意，现印发给你们，请认真贯彻执行。"


@pytest.mark.parametrize(
    "fields,expected",
    [
        ({"approval": "study"}, f"经县政府研究，现将《{PLAN}》印发给你们，请认真贯彻执行。"),
        (
            {"approval": "meeting", "meeting": {"number": 12, "verb": "讨论通过"}},
            f"《{PLAN}》已经县政府第12次常务会议讨论通过，现印发给你们，请认真贯彻执行。",
        ),
        (
            {"approval": "meeting", "meeting": {"number": 5, "year": 2024}},
            f"《{PLAN}》已经县政府2024年第5次常务会议审议通过，现印发给你们，请认真贯彻执行。",
        ),
        (
            {"approval": "party_government"},
            f"《{PLAN}》已经县委、县政府同意，现印发给你们，请认真贯彻执行。",
        ),
        (
            {"approval": "consent", "instruction": "请结合实际认真组织实施"},
            f"经县政府同意，现将《{PLAN}》印发给你们，请结合实际认真组织实施。",
        ),
        ({"approval": "none"}, f"现将《{PLAN}》印发给你们，请认真贯彻执行。"),
    ],
)
def test_notice_approval_forms(fields, expected):
    _title, body = notice(draft(lambda d: d["notice"].update(fields)))
    assert body == expected


def test_notice_by_the_office_with_a_short_title_and_no_quotes():
    def office(d):
        d["notice"].update(
            issuer="示例县人民政府办公室", title_issuer="县政府办公室", title_quotes=False
        )

    doc = draft(office)
    title, body = notice(doc)
    assert title == f"县政府办公室关于印发{PLAN}的通知"
    assert body.startswith(f"《{PLAN}》已经县政府同意")  # the body still quotes the title
    part = next(p for p in doc.parts if p.name == "notice")
    assert [b.text for b in part.blocks if b.role == Role.SIGNATURE] == ["示例县人民政府办公室"]


def test_forwarding_notice():
    def forward(d):
        d["notice"].update(
            issuer="示例县人民政府办公室",
            title_issuer="县政府办公室",
            forward={"from": "县市场监督管理局", "drafted": True},
        )

    title, body = notice(draft(forward))
    assert title == f"县政府办公室关于转发县市场监督管理局《{PLAN}》的通知"
    assert body == f"县市场监督管理局制定的《{PLAN}》已经县政府同意，现转发给你们，请认真贯彻执行。"


def test_meeting_needs_its_number():
    message = problems(lambda d: d["notice"].update(approval="meeting"))
    assert "notice.approval" in message and "notice.meeting.number" in message
