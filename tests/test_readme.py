"""README opens with the two commands, and CI runs the second one verbatim."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```\n(.+?)\n```", text, flags=re.M | re.S)[:2]


def test_readme_opens_with_install_build_and_test_commands():
    build, test = readme_commands()
    assert "pip install ." in build and "drafter build profiles/taishan.yaml" in build
    assert 'pip install ".[test]"' in test and "pytest" in test


def test_ci_runs_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()
    assert "apt-get update" in ci and "libreoffice-writer-nogui" in ci and "fonts-noto-cjk" in ci
    assert "set -euxo pipefail" in ci


def test_ci_prints_the_ten_slowest_tests():
    """README's test command reads pytest's options from setup.cfg: each run, CI's included,
    ends with the ten slowest tests and their times."""
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    assert "--durations=10" in config["tool:pytest"]["addopts"].split()
    assert "-c" not in readme_commands()[1].split()  # no other ini file


def test_installed_command_works_from_any_directory(tmp_path):
    exe = shutil.which("drafter")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs the package, so the drafter command must exist")
        pytest.skip("drafter is not installed in this environment")
    result = subprocess.run(
        [exe, "build", str(ROOT / "profiles" / "taishan.yaml"), "-o", "drafts", "--format", "md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "泰山政字〔2022〕6号" in (tmp_path / "drafts" / "taishan.md").read_text(encoding="utf-8")


def how_it_works_rows() -> list[tuple[list[str], str]]:
    """README's "How it works" table: each row's folders or files (its first cell) and its text."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## How it works", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = line.split("|")
        if len(cells) < 4 or set(cells[1].strip()) <= set("-"):
            continue
        rows.append((re.findall(r"`([^`]+)`", cells[1]), "|".join(cells[2:])))
    return rows


def test_how_it_works_names_every_module():
    """Each module of drafter/ is in the table: by its path in a row's first cell, or by its
    name (or its path under the folder, render/sandbox.py) in the row of its folder."""
    rows = how_it_works_rows()
    assert len(rows) >= 10
    named: set[str] = set()
    for heads, body in rows:
        for head in heads:
            if head.endswith(".py"):
                named.add(head)
            elif head.endswith("/"):
                named.update(head + name for name in re.findall(r"`([\w/]+\.py)`", body))
    modules = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "drafter").rglob("*.py")
        if p.name != "__init__.py" or p.parent.name == "writers"  # the writer registry
    }
    missing = sorted(modules - named)
    assert not missing, f"{len(missing)} modules not in README's How it works: {missing}"
    stale = sorted(n for n in named if n.startswith("drafter/") and n not in modules)
    assert not stale, f"README's How it works names modules that are gone: {stale}"
