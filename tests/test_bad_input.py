"""Bad profiles get file:line, the field and what was expected; exit 1; never a traceback."""

from __future__ import annotations

import pytest
from conftest import PROFILES, run_cli, with_bases


def check(tmp_path, text: str, *fragments: str, name: str = "x.yaml"):
    path = with_bases(tmp_path) / name
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", str(path))
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out
    for fragment in fragments:
        assert fragment in out, out
    return out


def line_of(snippet: str) -> int:
    """The line of the 泰山区 profile on which ``snippet`` stands."""
    lines = (PROFILES / "taishan.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if snippet in line)


def broken(old: str, new: str) -> str:
    text = (PROFILES / "taishan.yaml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


def test_wrong_type_names_line_field_and_expectation(tmp_path):
    out = check(
        tmp_path,
        broken("serial: 6}", 'serial: "abc"}'),
        f'x.yaml:{line_of("serial: 6}")}: notice.doc_number.serial: 应为非负整数，得到 "abc"',
    )
    assert out.count("\n") == 1


def test_unknown_field_suggests_the_near_name(tmp_path):
    check(
        tmp_path,
        broken("universities:", "universites:"),
        f"x.yaml:{line_of('universities:')}: universites: 未知字段；是否应为 universities？",
    )


def test_value_not_allowed(tmp_path):
    check(
        tmp_path,
        broken("level: 区", "level: 镇"),
        f'x.yaml:{line_of("level: 区")}: county.level: 应为以下之一：县、区、县级市、地级市；得到 "镇"',
    )


def test_missing_required_field_points_at_its_parent(tmp_path):
    check(
        tmp_path,
        broken("  issuer: 泰安市泰山区人民政府\n", ""),
        f"x.yaml:{line_of('notice:')}: notice.issuer: 缺少必填字段",
    )


def test_period_end_before_start(tmp_path):
    check(
        tmp_path,
        broken("period: {start: 2022, end: 2025}", "period: {start: 2022, end: 2020}"),
        f"x.yaml:{line_of('period:')}: programme.period.end: 工作期结束年份（2020）早于开始年份（2022）",
    )


def test_unknown_task_id(tmp_path):
    check(
        tmp_path,
        broken("select: [ip-management-mechanism,", "select: [ip-managment-mechanism,"),
        "tasks.select[0]",
        "是否应为 ip-management-mechanism？",
    )


def test_duplicate_key(tmp_path):
    check(
        tmp_path,
        broken("  level: 区\n", "  level: 区\n  level: 县\n"),
        f"x.yaml:{line_of('level: 区') + 1}: county.level: 重复的键（第 {line_of('level: 区')} 行已出现）",
    )


@pytest.mark.parametrize(
    "text,fragment",
    [
        ("", "配置文件应为字段映射（键: 值），得到空文件"),
        ("- a\n- b\n", "x.yaml:1: 配置文件应为字段映射（键: 值），得到列表"),
        ("county: [\n", "x.yaml:2: YAML 语法错误"),
        ("county:\n\tname: x\n", "x.yaml:2: YAML 语法错误"),
    ],
)
def test_not_a_profile(tmp_path, text, fragment):
    check(tmp_path, text, fragment)


def test_not_utf8(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("county:\n  name: 泰山区\n".encode("gbk"))
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert "gbk.yaml:2: 不是 UTF-8 编码的文本" in result.stderr


def test_english_messages(tmp_path):
    path = with_bases(tmp_path) / "x.yaml"
    path.write_text(broken("serial: 6}", 'serial: "abc"}'), encoding="utf-8")
    result = run_cli("--lang", "en", "validate", str(path))
    assert (
        f'x.yaml:{line_of("serial: 6}")}: notice.doc_number.serial: expected a non-negative integer, got "abc"'
        in result.stderr
    )


def test_good_and_bad_together_exit_1_and_build_the_good(tmp_path):
    bad = with_bases(tmp_path) / "bad.yaml"
    bad.write_text(broken("level: 区", "level: 镇"), encoding="utf-8")
    result = run_cli("build", str(bad), str(PROFILES / "taishan.yaml"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert (tmp_path / "out" / "taishan.docx").is_file()
    assert not (tmp_path / "out" / "bad.docx").exists()


def test_usage_error_exits_2():
    result = run_cli("build", "profiles/taishan.yaml")  # no -o
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
