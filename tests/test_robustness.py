"""Nothing is ever lost or half-written: failed writes, broken profiles in a batch, interrupted batches."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from conftest import PROFILES, ROOT, generate_profiles, run_cli

from drafter.api import build as build_one
from drafter.errors import DrafterError


def generate(n: int, outdir: Path, seed: int = 7) -> list[Path]:
    return generate_profiles(n, outdir, seed)


def leftovers(folder: Path) -> list[str]:
    return [
        p.name
        for p in folder.rglob("*")
        if p.name.endswith(".part") or p.name.startswith(".drafter")
    ]


@pytest.mark.parametrize(
    "code,words",
    [(errno.ENOSPC, "磁盘空间不足"), (errno.EACCES, "没有写入权限"), (errno.EROFS, "磁盘为只读")],
)
def test_failed_write_keeps_the_old_draft(tmp_path, monkeypatch, code, words):
    """Disk full or no permission while saving: a clear message, the old good draft intact, no temp file."""
    build_one(PROFILES / "taishan.yaml", tmp_path, ("docx",))
    good = (tmp_path / "taishan.docx").read_bytes()

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("drafter.output.os.replace", fail)
    with pytest.raises(DrafterError) as info:
        build_one(PROFILES / "taishan.yaml", tmp_path, ("docx",))
    assert str(info.value) == f"{tmp_path / 'taishan.docx'}: 无法写入输出文件：{words}"
    assert (tmp_path / "taishan.docx").read_bytes() == good
    assert leftovers(tmp_path) == []


def test_output_path_through_a_file(tmp_path):
    (tmp_path / "drafts").write_text("not a folder", encoding="utf-8")
    result = run_cli("build", "profiles/taishan.yaml", "-o", str(tmp_path / "drafts"))
    assert result.returncode == 1
    assert "无法写入输出文件：输出文件夹的位置上已有同名文件" in result.stderr
    result = run_cli("batch", "profiles/taishan.yaml", "-o", str(tmp_path / "drafts" / "sub"))
    assert result.returncode == 1 and "路径中有一段是文件而不是文件夹" in result.stderr
    assert "Traceback" not in result.stderr


def test_batch_of_100_with_10_broken(tmp_path):
    profiles = generate(100, tmp_path / "in")
    broken = profiles[::10]
    for i, path in enumerate(broken):
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("level:", "levle:", 1) if i % 2 else text + "\n  : [\n", encoding="utf-8"
        )
    result = run_cli(
        "batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "2", "--format", "md"
    )
    assert result.returncode == 1
    assert "成功  90" in result.stdout and "失败  10" in result.stdout
    for path in broken:
        assert path.name in result.stderr
        assert not (tmp_path / "out" / f"{path.stem}.md").exists()
    assert len(list((tmp_path / "out").glob("*.md"))) == 90
    assert "是否应为 level" in result.stderr and "YAML 语法错误" in result.stderr
    assert "Traceback" not in result.stderr and leftovers(tmp_path / "out") == []


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_batch_leaves_no_partial_file(tmp_path, sig):
    generate(150, tmp_path / "in", seed=11)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "drafter", "batch", str(tmp_path / "in"), "-o", str(out), "-j", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # as from a terminal: a child inherits an ignored SIGINT, and Python then keeps it ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 5:
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    written = list(out.glob("*.docx"))
    assert proc.returncode != 0, "the batch finished before it could be interrupted"
    assert 5 <= len(written) < 150
    time.sleep(0.5)  # no worker may go on writing after the batch has gone
    assert len(list(out.glob("*.docx"))) == len(written)
    assert leftovers(out) == []
    for path in written:  # every file that is there is whole
        assert docx.Document(str(path)).paragraphs
    assert "Traceback" not in err


def test_a_batch_run_in_process_leaves_the_callers_signal_handlers_alone(tmp_path):
    """A one-worker batch builds in the caller's process (the web server, a test): it must not
    make that process ignore Ctrl-C, or every process it starts afterwards ignores it too."""
    from drafter.cli import batch

    generate(2, tmp_path / "in", seed=3)
    (tmp_path / "out").mkdir()
    before = (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM))
    jobs = batch.discover([tmp_path / "in"])
    results = list(batch.run(jobs, tmp_path / "out", ("docx",), workers=1))
    assert [r.ok for r in results] == [True, True]
    assert len(list((tmp_path / "out").glob("*.docx"))) == 2
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before
