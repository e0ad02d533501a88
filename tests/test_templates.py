"""Template behaviour: strict (no silent gaps), sandboxed, overridable, and numbered by drafter."""

from __future__ import annotations

import re

import pytest

from drafter.compose.render import Renderer, Where
from drafter.errors import DrafterError


def task_lines(md: str) -> list[str]:
    return re.findall(r"^\*\*(\d+\.[^。]+)。\*\*", md, flags=re.M)


def test_strict_undefined_is_an_error_naming_the_template():
    with pytest.raises(DrafterError) as info:
        Renderer().render(
            "到{{ programme.end }}年",
            {"programme": {}},
            Where("templates/text/x.j2", None, "goals"),
        )
    message = str(info.value)
    assert message.startswith("templates/text/x.j2: goals: 模板引用了缺失的值")
    assert "end" in message


def test_excluding_a_task_renumbers_without_gap(variant):
    code, out, md = variant("taishan", lambda d: d["tasks"].update(exclude=["ip-policy-guidance"]))
    assert code == 0, out
    lines = task_lines(md)
    assert [int(x.split(".")[0]) for x in lines] == list(range(1, 16))
    assert lines[1] == "2.完善知识产权考核评价体系"
    assert "强化知识产权政策导向" not in md


def test_override_replaces_title_body_and_roles(variant):
    def change(d):
        d["tasks"]["overrides"] = {
            "ip-publicity": {
                "title": "开展知识产权宣传月活动",
                "body": "在{{ county.name }}各街道镇开展知识产权宣传月活动，{{ lw.self }}每年组织一次。",
                "roles": ["publicity", "market"],
            }
        }

    code, out, md = variant("taishan", change)
    assert code == 0, out
    assert (
        "**16.开展知识产权宣传月活动。**在泰山区各街道镇开展知识产权宣传月活动，我区每年组织一次。"
        "（区委宣传部、区市场监管局等按职责分工负责）"
    ) in md


def test_missing_value_in_profile_text_fails_with_its_line(variant, tmp_path):
    code, out, md = variant(
        "taishan",
        lambda d: d["tasks"].update(
            overrides={"ip-publicity": {"body": "{{ county.nmae }}开展宣传。"}}
        ),
    )
    assert code == 1
    assert "Traceback" not in out
    assert re.search(
        r"taishan-variant\.yaml:\d+: tasks\.overrides\.ip-publicity\.body: 模板引用了缺失的值", out
    ), out
    assert md is None and not (tmp_path / "out" / "taishan-variant.md").exists()


@pytest.mark.parametrize(
    "escape",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ lw.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
    ],
)
def test_sandbox_escape_fails_clearly(variant, escape):
    code, out, md = variant(
        "taishan", lambda d: d["tasks"].update(overrides={"ip-publicity": {"body": escape}})
    )
    assert code == 1
    assert "Traceback" not in out and md is None
    assert "tasks.overrides.ip-publicity.body" in out
    assert "模板内容不被允许（沙箱限制）" in out and "is unsafe" in out
