"""A batch's worker process: how it starts (language, library, signals, its parent's death), how a
signal ends it, and building one job (where one broken profile never stops the others)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from ...errors import DrafterError, Issue
from ...i18n import _
from ...output import remove_unfinished
from .jobs import Job, Result

Outcome = tuple[
    list[Path], list[Issue], float
]  # what a worker sends back: written, issues, seconds


def terminate(signum: int, frame: Any) -> None:
    """SIGTERM in the batch's own process -> SystemExit, so `finally` blocks remove temporary files
    and stop the workers before the process ends."""
    sys.exit(128 + signum)


def stop(signum: int, frame: Any) -> None:
    """SIGTERM or SIGINT in a worker: remove the file it is writing, then end at once.

    Not SystemExit: concurrent.futures catches it in a task and sends it back as the task's
    result, so the worker carried on with the next job; and unwinding through the pool's queue
    code could leave a lock held or half a message in a pipe that the parent then waited on."""
    remove_unfinished()
    os._exit(128 + signum)


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive the batch: stop (cleaning up) if the parent goes, however it goes."""
    import multiprocessing
    import signal
    import threading

    try:  # Linux: the kernel sends SIGTERM the moment the parent dies
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:  # everywhere: poll, in case the signal was missed or is not available
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(2)  # time for the SIGTERM handler's clean-up; then go regardless
        os._exit(1)

    if multiprocessing.get_start_method() != "fork":
        parent = os.getppid()  # a fork server's child: watch the server, which dies with the batch
    threading.Thread(target=watch, name="drafter-parent-watch", daemon=True).start()


def prepare(lang: str) -> None:
    from ... import api, i18n

    i18n.set_language(lang)
    api.content()


def worker_init(lang: str, parent: int | None = None) -> None:
    """The pool's initializer: each worker ends promptly on SIGTERM or SIGINT (a terminal's Ctrl-C
    reaches the whole process group), and with the batch."""
    import signal

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if parent is not None:  # its thread starts with them blocked: they always reach the main thread
        _die_with_parent(parent)
    if hasattr(signal, "pthread_sigmask"):  # blocked by the batch while it started this worker
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    prepare(lang)
    import gc

    gc.freeze()  # a forked worker has the batch's frozen; a spawned one: its collections stay small


def block_stop_signals() -> set[int] | None:
    """Block SIGINT and SIGTERM in this thread; the mask before, for restore_signals (None where
    signals cannot be masked: Windows)."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        return None
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT}))


def restore_signals(mask: set[int] | None) -> None:
    import signal

    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def warm() -> None:
    """Import and load what every build needs, once, before the workers start: where workers are
    forked (Linux) they begin with it all, instead of each paying for it again."""
    from ... import api

    api.warm()


def build_job(job: Job, outdir: Path, formats: tuple[str, ...], comments: bool) -> Result:
    from ... import api

    started = time.perf_counter()
    result = Result(job)
    try:
        result.written = api.build(
            job.profile,
            outdir,
            formats,
            comments=comments,
            stem=job.name,
            overrides=job.overrides,
            overrides_source=job.overrides_source,
        )
    except DrafterError as exc:
        result.issues = list(exc.issues)
    except Exception as exc:  # noqa: BLE001 - one broken profile must not stop the batch
        result.issues = [internal_error(job, exc)]
    result.seconds = time.perf_counter() - started
    return result


def build_in_worker(job: Job, outdir: Path, formats: tuple[str, ...], comments: bool) -> Outcome:
    """build_job, sending back only what the worker made: the job (its overrides and their line
    map) stays with the parent, so the message through the pool's pipe stays small."""
    import gc

    result = build_job(job, outdir, formats, comments)
    # python-docx's objects hold one another in cycles (a table and its rows, the recursive
    # closure iter_parts walks the package with), so a draft's whole XML tree (libxml2's memory,
    # which the collector does not count) lives until a collection happens to run: drafts' trees
    # piled up and fragmented the heap, a worker's peak RSS 51 -> 63 MB over 1,000 drafts. Freed
    # here, after each draft, it stays flat; what warm() loaded is frozen, so this walks little.
    gc.collect()
    return result.written, result.issues, result.seconds


def internal_error(job: Job, exc: BaseException) -> Issue:
    return Issue(str(job.profile), None, None, _("internal error: {error}").format(error=repr(exc)))
