"""batch, init, schema and pdf, run as a clerk would."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
import yaml
from conftest import PROFILES, ROOT, run_cli, with_bases


@pytest.fixture()
def folder(tmp_path):
    """A folder of profiles as a prefecture office keeps it: two counties, their base, one broken file."""
    root = tmp_path / "profiles"
    shutil.copytree(PROFILES, root)
    shutil.copy(ROOT / "examples" / "sample-county.yaml", root / "sample-county.yaml")
    (root / "broken.yaml").write_text("county: [\n", encoding="utf-8")
    return root


def test_batch_builds_good_reports_bad_skips_bases(folder, tmp_path):
    result = run_cli("batch", str(folder), "-o", str(tmp_path / "out"), "-j", "2", "--format", "md")
    assert result.returncode == 1
    assert "成功  3" in result.stdout and "失败  1" in result.stdout and "用时" in result.stdout
    assert "broken.yaml:2: YAML 语法错误" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "rongcheng.md",
        "sample-county.md",
        "taishan.md",
    ]
    assert "Traceback" not in result.stderr


def test_batch_all_good_exits_0(folder, tmp_path):
    (folder / "broken.yaml").unlink()
    result = run_cli("batch", str(folder), "-o", str(tmp_path / "out"), "-j", "2")
    assert result.returncode == 0, result.stderr
    assert {p.name for p in (tmp_path / "out").iterdir()} == {
        "rongcheng.docx",
        "sample-county.docx",
        "taishan.docx",
    }


def test_batch_same_output_name_is_an_error_before_work(folder, tmp_path):
    (folder / "other").mkdir()
    shutil.copy(folder / "taishan.yaml", folder / "other" / "taishan.yaml")
    shutil.copytree(folder / "base", folder / "other" / "base")
    result = run_cli("batch", str(folder), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "taishan.docx" in result.stderr and "other/taishan.yaml" in result.stderr
    assert not (tmp_path / "out").exists()


def test_batch_manifest_with_overrides(tmp_path):
    with_bases(tmp_path)
    shutil.copy(PROFILES / "taishan.yaml", tmp_path / "taishan.yaml")
    (tmp_path / "all.yaml").write_text(
        yaml.safe_dump(
            {
                "profiles": [
                    {
                        "path": "taishan.yaml",
                        "name": "taishan-review",
                        "overrides": {"plan": {"status": "送审稿"}},
                    },
                    "taishan.yaml",
                ]
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    result = run_cli(
        "batch", str(tmp_path / "all.yaml"), "-o", str(tmp_path / "out"), "--format", "md"
    )
    assert result.returncode == 0, result.stderr
    assert (
        (tmp_path / "out" / "taishan-review.md").read_text(encoding="utf-8").startswith("> 送审稿")
    )
    assert not (tmp_path / "out" / "taishan.md").read_text(encoding="utf-8").startswith(">")


def test_init_writes_a_profile_that_builds(tmp_path):
    result = run_cli(
        "init", "云溪县", "--level", "县", "--province", "浙江省", "-o", str(tmp_path / "yx.yaml")
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "yx.yaml").read_text(encoding="utf-8")
    assert "# 县、区、县级市 或 地级市（可选的层级随文种）" in text and "name: 云溪县" in text
    built = run_cli(
        "build", str(tmp_path / "yx.yaml"), "-o", str(tmp_path / "out"), "--format", "md"
    )
    assert built.returncode == 0, built.stderr
    md = (tmp_path / "out" / "yx.md").read_text(encoding="utf-8")
    assert "云溪县人民政府关于印发《云溪县国家知识产权强县建设试点县工作方案" in md and "我县" in md
    again = run_cli(
        "init", "云溪县", "--level", "县", "--province", "浙江省", "-o", str(tmp_path / "yx.yaml")
    )
    assert again.returncode == 1 and "--force" in again.stderr


def test_init_with_base(tmp_path):
    with_bases(tmp_path)
    result = run_cli(
        "init",
        "某区",
        "--level",
        "区",
        "--province",
        "山东省",
        "--extends",
        "base/shandong.yaml",
        "-o",
        str(tmp_path / "mq.yaml"),
    )
    assert result.returncode == 0
    built = run_cli(
        "build", str(tmp_path / "mq.yaml"), "-o", str(tmp_path / "out"), "--format", "md"
    )
    assert built.returncode == 0, built.stderr
    assert "《山东省知识产权强省建设纲要（2021—2035年）》" in (
        tmp_path / "out" / "mq.md"
    ).read_text(encoding="utf-8")


def test_schema_is_json_schema_that_accepts_profiles_and_catches_typos():
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator = jsonschema.Draft202012Validator(schema)
    for path in (
        PROFILES / "taishan.yaml",
        PROFILES / "rongcheng.yaml",
        ROOT / "examples" / "sample-county.yaml",
    ):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        assert list(validator.iter_errors(data)) == [], path
    bad = yaml.safe_load((ROOT / "examples" / "sample-county.yaml").read_text(encoding="utf-8"))
    bad["county"]["levle"] = bad["county"].pop("level")
    bad = json.loads(json.dumps(bad, default=str))
    messages = [e.message for e in validator.iter_errors(bad)]
    assert any("levle" in m for m in messages) and any(
        "'level' is a required property" in m for m in messages
    )


@pytest.mark.libreoffice
def test_pdf_format(tmp_path):
    if not shutil.which("soffice"):
        import os

        if os.environ.get("CI"):
            pytest.fail("CI installs LibreOffice")
        pytest.skip("LibreOffice not installed")
    result = run_cli("build", "profiles/rongcheng.yaml", "-o", str(tmp_path), "--format", "pdf")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "rongcheng.pdf").read_bytes().startswith(b"%PDF")


def test_profile_schema_is_a_valid_cerberus_schema():
    """Run-time skips cerberus's schema self-check (drafter.profile.validate._TrustedSchema); this is that check."""
    from drafter import library
    from drafter.profile.schema import ProfileValidator, profile_schema

    validator = ProfileValidator(
        profile_schema(library.load())
    )  # raises SchemaError if the schema is wrong
    assert "county" in validator.schema


def test_english_locale_switches_messages(tmp_path, monkeypatch):
    """With no --lang and no DRAFTER_LANG, an English locale gives English messages (the
    language is read from the environment when a message is shown: in-process, as a process
    started with that environment reads it)."""
    for var in ("DRAFTER_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    done = run_cli("batch", str(PROFILES / "taishan.yaml"), "-o", str(tmp_path), "--format", "md")
    assert done.returncode == 0, done.stderr
    assert "built   1" in done.stdout and "workers" in done.stdout
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    done = run_cli("validate", str(PROFILES / "taishan.yaml"))
    assert "检查通过" in done.stdout
