"""A batch worker that a signal stops ends at once and leaves no partial file; a worker killed from
outside fails its jobs with a message, never a traceback, and the batch still ends."""

from __future__ import annotations

import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from conftest import generate_profiles

from drafter.cli import batch
from drafter.cli.batch import pool
from drafter.output import atomic_path


def _stopped_while_writing(target: str, sig: int) -> str:
    with atomic_path(Path(target)) as tmp:
        tmp.write_bytes(b"half a draft")
        os.kill(os.getpid(), sig)
    return "carried on"  # what a worker that turned the signal into SystemExit did next


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signalled_worker_removes_its_unfinished_file_and_ends(tmp_path, sig):
    target = tmp_path / "draft.docx"
    with ProcessPoolExecutor(
        max_workers=1, initializer=batch.worker_init, initargs=("zh_CN",)
    ) as workers:
        future = workers.submit(_stopped_while_writing, str(target), sig)
        with pytest.raises(BrokenProcessPool):
            future.result(timeout=60)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


BUILD = pool.build_in_worker  # the real one, before a test replaces it


def _dies_on_the_third(job, outdir, formats, comments):
    if job.name.endswith("0002"):
        os.kill(os.getpid(), signal.SIGKILL)
    return BUILD(job, outdir, formats, comments)


def test_a_worker_killed_from_outside_fails_the_jobs_left_with_a_message(tmp_path, monkeypatch):
    generate_profiles(6, tmp_path / "in", seed=3)
    (tmp_path / "out").mkdir()
    jobs = batch.discover([tmp_path / "in"])
    monkeypatch.setattr(pool, "build_in_worker", _dies_on_the_third)
    results = list(batch.run(jobs, tmp_path / "out", ("md",), workers=2))
    assert sorted(r.job.name for r in results) == sorted(j.name for j in jobs)
    failed = [r for r in results if not r.ok]
    assert any(r.job.name.endswith("0002") for r in failed)
    for result in failed:
        [issue] = result.issues
        assert "BrokenProcessPool" in str(issue) and str(result.job.profile) in str(issue)
    built = {p.stem for p in (tmp_path / "out").glob("*.md")}
    assert built == {r.job.name for r in results if r.ok}


def _stuck_while_writing(job, outdir, formats, comments):
    """A worker that cannot run its SIGTERM handler while it holds a .part (stalled in a slow disk
    write, or not scheduled on a loaded machine): it is killed after the grace, with no clean-up."""
    if not job.name.endswith("0001"):
        return BUILD(job, outdir, formats, comments)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with atomic_path(Path(outdir) / f"{job.name}.md") as tmp:
        tmp.write_bytes(b"half a draft")
        (Path(outdir).parent / "stuck").write_text(str(os.getpid()), encoding="utf-8")
        while True:
            signal.pause()


def test_a_worker_killed_after_the_grace_leaves_no_partial_file(tmp_path, monkeypatch):
    generate_profiles(2, tmp_path / "in", seed=3)
    out = tmp_path / "out"
    out.mkdir()
    jobs = batch.discover([tmp_path / "in"])
    monkeypatch.setattr(pool, "build_in_worker", _stuck_while_writing)
    monkeypatch.setattr(pool, "WORKER_STOP_SECONDS", 0.5)
    results = batch.run(jobs, out, ("md",), workers=2)
    stuck_job, other = jobs  # county-0001 (stuck), county-0002
    first = next(results)
    assert first.ok and first.job == other
    for _i in range(600):  # until the stuck worker has its .part (a poll, not a timed assertion)
        if (tmp_path / "stuck").exists():
            break
        signal.sigtimedwait([], 0.1)
    stuck = int((tmp_path / "stuck").read_text(encoding="utf-8"))
    assert any(p.name.startswith(f".{stuck_job.name}.md.{stuck}.") for p in out.iterdir())
    results.close()  # as on an interrupt: SIGTERM, the grace, SIGKILL
    assert sorted(p.name for p in out.iterdir()) == [f"{other.name}.md"]


WORKER_INIT = pool.worker_init


def _signalled_as_it_starts(lang, parent=None):
    try:
        os.kill(os.getpid(), signal.SIGTERM)  # an interrupt before the worker's own handlers are in
        WORKER_INIT(lang, parent)
    except BaseException as exc:  # the pool logs it: "Exception in initializer", a traceback
        Path(os.environ["DRAFTER_TEST_RAISED"]).write_text(repr(exc), encoding="utf-8")
        raise


def test_a_worker_signalled_as_it_starts_ends_without_a_traceback(tmp_path, monkeypatch, capfd):
    """It starts with the batch's handlers (SIGTERM -> SystemExit): the signal waits, blocked,
    until its own handler is in, which ends it quietly."""
    generate_profiles(2, tmp_path / "in", seed=3)
    (tmp_path / "out").mkdir()
    jobs = batch.discover([tmp_path / "in"])
    monkeypatch.setattr(pool, "worker_init", _signalled_as_it_starts)
    monkeypatch.setenv("DRAFTER_TEST_RAISED", str(tmp_path / "raised"))
    before = signal.signal(signal.SIGTERM, batch.terminate)
    try:
        results = list(batch.run(jobs, tmp_path / "out", ("md",), workers=2))
    finally:
        signal.signal(signal.SIGTERM, before)
    assert sorted(r.job.name for r in results) == sorted(j.name for j in jobs)
    for result in results:
        [issue] = result.issues
        assert "BrokenProcessPool" in str(issue)
    assert not (tmp_path / "raised").exists(), (tmp_path / "raised").read_text(encoding="utf-8")
    assert "Traceback" not in capfd.readouterr().err
    assert list((tmp_path / "out").iterdir()) == []
