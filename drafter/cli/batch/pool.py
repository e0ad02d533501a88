"""Running a batch: its jobs in worker processes, a bounded number in flight, each result yielded
as it finishes; on an interrupt the workers are stopped at once and the pool shut down."""

from __future__ import annotations

import os
import time
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

from ...output import remove_stale_parts
from .jobs import Job, Result
from .worker import (
    block_stop_signals,
    build_in_worker,
    build_job,
    internal_error,
    prepare,
    restore_signals,
    warm,
    worker_init,
)

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.process import BaseProcess

# multiprocessing, concurrent.futures and signal are imported where a batch runs its workers:
# `drafter build` uses this package's check_names and must not pay for them (20 ms).

IN_FLIGHT_PER_WORKER = 4  # jobs submitted ahead, so a worker never waits for the next
WORKER_STOP_SECONDS = 5.0  # an interrupted worker's time to remove its file; then it is killed


def run(
    jobs: list[Job],
    outdir: Path,
    formats: tuple[str, ...],
    workers: int,
    comments: bool = True,
    lang: str = "zh_CN",
) -> Generator[Result, None, None]:
    """Build every job; yield each result as it finishes."""
    import gc
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    if workers <= 1 or len(jobs) <= 1:
        prepare(lang)  # in the caller's process: its signal handlers are not ours to change
        for job in jobs:
            yield build_job(job, outdir, formats, comments)
        return
    warm()
    # What warm() loaded lives as long as the workers: out of the collector's sight (gc.freeze),
    # a worker's collections no longer walk it (nor write to its pages, which fork shares).
    gc.collect()
    gc.freeze()
    others = set(multiprocessing.active_children())  # the caller's own, not the pool's
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=worker_init, initargs=(lang, os.getpid())
    )
    pending: dict[Future, Job] = {}
    queue = iter(jobs)
    finished = False

    def submit(job: Job | None) -> None:
        if job is not None:
            pending[_submit(pool, job, outdir, formats, comments)] = job

    try:
        for _i in range(workers * IN_FLIGHT_PER_WORKER):
            submit(next(queue, None))
        while pending:
            done, _waiting = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield _result(pending.pop(future), future)
                submit(next(queue, None))
        finished = True
    finally:
        if not finished:  # interrupted: stop the workers now, each removes its unfinished file
            _stop(set(multiprocessing.active_children()) - others)
        # The pool cancels what has not started. No future is cancelled here before: the pool,
        # finding its workers gone, fails every pending one, and in Python 3.11 failing one
        # that was cancelled raises InvalidStateError in its manager thread (a traceback).
        pool.shutdown(wait=True, cancel_futures=True)
        # Every worker is gone now. One that was killed (it had not stopped within the grace, or
        # something outside killed it) could not remove its unfinished file: this process does.
        remove_stale_parts(outdir)
        gc.unfreeze()  # this process may go on (a caller's): its objects are collectable again


def _submit(
    pool: ProcessPoolExecutor, job: Job, outdir: Path, formats: tuple[str, ...], comments: bool
) -> Future:
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    # A worker starts (here, in submit) with this process's handlers, which raise SystemExit or
    # KeyboardInterrupt: a traceback from its initializer. So SIGINT and SIGTERM stay blocked across
    # the start; worker_init unblocks them once its own handlers are in; here they are unblocked
    # after, and one that came meanwhile is delivered then.
    blocked = block_stop_signals()
    try:
        return pool.submit(build_in_worker, job, outdir, formats, comments)
    except BrokenProcessPool as exc:  # a worker died (killed from outside): this job cannot run
        failed: Future = Future()
        failed.set_exception(exc)
        return failed
    finally:
        restore_signals(blocked)


def _result(job: Job, future: Future) -> Result:
    from concurrent.futures.process import BrokenProcessPool

    try:
        written, issues, seconds = future.result()
    except BrokenProcessPool as exc:  # reported as the job's failure, not a traceback
        return Result(job, issues=[internal_error(job, exc)])
    return Result(job, written, issues, seconds)


def _stop(processes: set[BaseProcess]) -> None:
    """SIGTERM each worker (its handler removes its unfinished file and exits); one that has not
    gone after WORKER_STOP_SECONDS is killed, so an interrupt never waits on a stuck worker."""
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + WORKER_STOP_SECONDS
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()


def default_workers() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
