"""Shared fixtures: drafts of the two seed counties, built once per test session."""

from __future__ import annotations

import copy
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "profiles"

os.environ["DRAFTER_LANG"] = (
    "zh_CN"  # messages are asserted in Chinese, whatever the machine's locale
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """LibreOffice's tests first (in their own order), then the rest as collected.

    They are a third of the suite's CPU time and one lasts half a minute: xdist hands the first
    worker its first tests in one chunk, so that worker takes them all while the other runs short
    tests, and the short tests left at the end are handed to whichever worker is free. Run on one
    worker they also share test_pdf's one LibreOffice run (render_cache).
    """
    items.sort(key=lambda item: item.get_closest_marker("libreoffice") is None)


@dataclass
class Ran:
    """What a command did: as subprocess.CompletedProcess names it, so tests read either."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None) -> Ran:
    """Run drafter's command line in this process, through click's CliRunner.

    As ``drafter.cli.main`` does: the language is chosen from --lang before the commands are
    built. An exception that escapes a command is raised here (a clerk would see a traceback);
    signal handlers a command sets are put back.
    """
    from click.testing import CliRunner

    from drafter import i18n
    from drafter.cli import main as cli  # the module

    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    before = Path.cwd()
    os.chdir(cwd or ROOT)
    try:
        with i18n.use_language(cli._lang_from_argv(list(args))):
            result = CliRunner().invoke(cli.make_cli(), list(args), prog_name="drafter")
    finally:
        os.chdir(before)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def run_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run drafter as a separate process: only for what needs one (exit codes of the real
    interpreter, signals, LibreOffice)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=300,
    )


def taishan_report(outdir: Path) -> Path:
    """泰山区's progress report (examples/taishan-actuals.yaml), built by `drafter report`."""
    made = run_cli(
        "report",
        str(PROFILES / "taishan.yaml"),
        str(ROOT / "examples" / "taishan-actuals.yaml"),
        "-o",
        str(outdir),
    )
    assert made.returncode == 0, made.stdout + made.stderr
    return outdir / "taishan.report.docx"


def load_profile(name: str) -> dict:
    with (PROFILES / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def with_bases(folder: Path) -> Path:
    """Copy profiles/base/ into ``folder``, so copied seed profiles still find `extends: base/…`."""
    if not (folder / "base").exists():
        shutil.copytree(PROFILES / "base", folder / "base")
    return folder


# libyaml's dumper: the same text as PyYAML's own for a profile, four times as fast
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def write_profile(data: dict, path: Path) -> Path:
    with_bases(path.parent)
    text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def generate_profiles(n: int, outdir: Path, seed: int) -> list[Path]:
    """bench/gen_profiles.py's synthetic profiles, generated in this process (its module imported,
    not run as a script: a process start and drafter's imports each time)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "gen_profiles", ROOT / "bench" / "gen_profiles.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(n, outdir, seed=seed)
    return sorted(outdir.glob("*.yaml"))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built")
    result = run_cli(
        "build",
        str(PROFILES / "taishan.yaml"),
        str(PROFILES / "rongcheng.yaml"),
        "-o",
        str(out),
        "--format",
        "docx",
        "--format",
        "md",
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture()
def variant(tmp_path):
    """Build a modified copy of a seed profile; returns (exit code, stdout+stderr, markdown text or None)."""

    def build(name: str, change, fmt: str = "md"):
        data = copy.deepcopy(load_profile(name))
        change(data)
        path = write_profile(data, tmp_path / f"{name}-variant.yaml")
        result = run_cli("build", str(path), "-o", str(tmp_path / "out"), "--format", fmt)
        target = tmp_path / "out" / f"{name}-variant.{fmt}"
        text = target.read_text(encoding="utf-8") if fmt == "md" and target.exists() else None
        return result.returncode, result.stdout + result.stderr, text

    return build


@pytest.fixture()
def tree(tmp_path, monkeypatch) -> Path:
    """A copy of templates/ to edit, loaded past the process's cache and into a cache of its own."""
    from drafter import diskcache, library

    monkeypatch.setattr(diskcache, "CACHE_DIR", tmp_path / "cache")
    root = tmp_path / "templates"
    shutil.copytree(library.templates_root(), root)
    return root


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` once; the line it was on, counted from 1."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1
