"""Fresh Markdown builds of the seed counties equal the golden files in examples/.

A template or catalogue change shows up here as a readable diff. When the change is
intended, refresh the golden files with:  scripts/refresh_examples.sh
"""

from __future__ import annotations

import difflib

import pytest
from conftest import ROOT, run_cli


@pytest.mark.parametrize(
    "county",
    [
        "profiles/taishan",
        "profiles/rongcheng",
        "examples/wangchuan",  # made-up 浙江 county: office notice, outline preamble, framing
        "examples/min-an",  # made-up 四川 district: 示范县, designation preamble, concise tasks
        # one example per further genre (templates/genres/)
        "examples/jining",  # 实施意见: seed 002 regenerated, 地级市
        "examples/qinghe-action",  # 行动计划: made-up 湖南 county
        "examples/lanhai-protection",  # 保护示范区建设工作方案: made-up 福建 district
        "examples/chengpu-district",  # 强市建设示范城区工作方案: made-up 上海 district
        "examples/anhe-promotion",  # 强县工程推进计划 (2009–2012): made-up 江西 county
    ],
)
def test_markdown_matches_golden(county, tmp_path):
    result = run_cli("build", f"{county}.yaml", "-o", str(tmp_path), "--format", "md")
    county = county.split("/")[1]
    assert result.returncode == 0, result.stderr
    fresh = (tmp_path / f"{county}.md").read_text(encoding="utf-8")
    golden = (ROOT / "examples" / f"{county}.md").read_text(encoding="utf-8")
    if fresh != golden:
        diff = "".join(
            difflib.unified_diff(
                golden.splitlines(True),
                fresh.splitlines(True),
                f"examples/{county}.md",
                "fresh build",
            )
        )
        pytest.fail(
            f"draft differs from golden file; if intended, run scripts/refresh_examples.sh\n{diff}"
        )


def test_golden_files_hold_real_drafts():
    text = (ROOT / "examples" / "taishan.md").read_text(encoding="utf-8")
    assert (
        "泰山政字〔2022〕6号" in text
        and "## 四、重点任务" in text
        and text.count("按职责分工负责") == 15  # 16 tasks; the 14th is "（区市场监管局负责）"
        and "（区市场监管局负责）" in text
    )
