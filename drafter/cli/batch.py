"""Many profiles at once: find them, check the plan of outputs, build in worker processes.

The library yields one result per profile as it finishes; the command line owns the progress bar.
One bad profile never stops the others, and outputs are written atomically by the writers.
"""

from __future__ import annotations

import os
import sys
import time
import unicodedata
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import limits
from ..errors import DrafterError, Issue
from ..i18n import _
from ..inputs import read_bytes
from ..output import name_problem, probe
from ..profile.yamlread import SourceMap, parse, read
from ..schemacheck import show_value, type_name, unknown_field

if TYPE_CHECKING:
    from concurrent.futures import Future

# multiprocessing, concurrent.futures, threading and signal are imported where a batch runs its
# workers: `drafter build` uses this module's check_names and must not pay for them (20 ms).


@dataclass(frozen=True)
class Job:
    profile: Path
    name: str  # output file stem
    overrides: dict[str, Any] | None = None  # from a manifest entry
    overrides_source: SourceMap | None = None
    origin: tuple[str, int | None, str | None] | None = None  # where the name was given

    def where(self) -> tuple[str, int | None, str | None]:
        return self.origin or (str(self.profile), None, None)


@dataclass
class Result:
    job: Job
    written: list[Path] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.issues


# -- finding the jobs ---------------------------------------------------------------
MANIFEST_FIELDS = ("path", "name", "overrides")


def _peek(path: Path) -> tuple[str | None, bool]:
    """(the base a file extends, whether it is a manifest), parsing it only if it may be either."""
    try:
        raw = read_bytes(path)
    except DrafterError:
        return None, False  # the build of this job reports it
    if b"extends" not in raw and b"profiles" not in raw:
        return None, False
    try:
        data, _smap = parse(raw, str(path))
    except DrafterError:
        return None, False
    if not isinstance(data, dict):
        return None, False
    ref = data.get("extends")
    manifest = set(data) == {"profiles"} and isinstance(data["profiles"], list)
    return (os.path.realpath(path.parent / ref) if isinstance(ref, str) else None), manifest


def _is_manifest(path: Path) -> bool:
    return _peek(path)[1]


def _manifest_jobs(path: Path) -> list[Job]:
    data, smap = read(path)
    jobs = []
    for i, entry in enumerate(data["profiles"]):
        if isinstance(entry, str):
            entry = {"path": entry}
        where = (str(path), smap.line(("profiles", i)), f"profiles[{i}]")
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise DrafterError.single(
                *where, _("expected a profile path, or a mapping with path and overrides")
            )
        for key in set(entry) - set(MANIFEST_FIELDS):
            raise DrafterError.single(
                str(path),
                smap.line(("profiles", i, key)),
                f"profiles[{i}].{key}",
                unknown_field(key, MANIFEST_FIELDS),
            )
        for key, kind, wanted in (("overrides", dict, "dict"), ("name", str, "string")):
            value = entry.get(key)
            if value is not None and not isinstance(value, kind):
                raise DrafterError.single(
                    str(path),
                    smap.line(("profiles", i, key)),
                    f"profiles[{i}].{key}",
                    _("expected {what}, got {value}").format(
                        what=type_name(wanted), value=show_value(value)
                    ),
                )
        overrides, name = entry.get("overrides"), entry.get("name")
        profile = path.parent / entry["path"]
        if name is not None:
            where = (str(path), smap.line(("profiles", i, "name")), f"profiles[{i}].name")
        prefix = ("profiles", i, "overrides")
        sub = SourceMap(
            str(path),
            {k[len(prefix) :]: v for k, v in smap.lines.items() if k[: len(prefix)] == prefix},
        )
        jobs.append(Job(profile, name if name is not None else profile.stem, overrides, sub, where))
    return jobs


def _yaml_files(folder: Path) -> list[Path]:
    """*.yaml under ``folder``, not in hidden folders, not through links to folders (no loops)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in files:
            if file.endswith(".yaml") and not file.startswith("."):
                found.append(Path(root) / file)
                if len(found) > limits.MAX_BATCH_FILES:
                    raise DrafterError.single(
                        str(folder),
                        None,
                        None,
                        _("more than {n} YAML files; split the batch").format(
                            n=limits.MAX_BATCH_FILES
                        ),
                    )
    return sorted(found)


def discover(paths: list[Path]) -> list[Job]:
    """Jobs for the given files, folders (searched for *.yaml) and manifests, in the order given."""
    jobs: list[Job] = []
    for path in paths:
        if path.is_dir():
            found = _yaml_files(path)
            peeked = {p: _peek(p) for p in found}
            bases = {base for base, _manifest in peeked.values() if base is not None}
            found = [p for p in found if os.path.realpath(p) not in bases and not peeked[p][1]]
            jobs += [Job(p, p.stem) for p in found]
        elif path.suffix in (".yaml", ".yml") and _is_manifest(path):
            jobs += _manifest_jobs(path)
        else:
            jobs.append(Job(path, path.stem))
    return jobs


def check_names(jobs: list[Job], outdir: Path, formats: tuple[str, ...]) -> None:
    """Every output name is one safe file name, and no two jobs write the same file; before any work."""
    from ..api import file_names

    seen: dict[str, Job] = {}
    issues = []
    for job in jobs:
        problem = name_problem(job.name)
        for fmt in formats:
            for file_name in file_names(job.name, [fmt]):
                problem = problem or name_problem(file_name)
                key = unicodedata.normalize(
                    "NFC", file_name
                ).casefold()  # one file on macOS/Windows
                if problem is None and key in seen and seen[key] is not job:
                    other = seen[key]
                    issues.append(
                        Issue(
                            *job.where(),
                            _(
                                "writes {target}, as {other} does; rename one or give it a name in a manifest"
                            ).format(target=outdir / file_name, other=_origin_text(other)),
                        )
                    )
                seen.setdefault(key, job)
        if problem is not None:
            issues.append(
                Issue(
                    *job.where(),
                    _("cannot name the draft {name}: {problem}").format(
                        name=show_value(job.name), problem=problem
                    ),
                )
            )
    if issues:
        raise DrafterError(list(dict.fromkeys(issues)))


def _origin_text(job: Job) -> str:
    file, line, _field = job.where()
    return f"{file}:{line}" if line else file


def prepare_outdir(outdir: Path) -> None:
    """Make the output folder, clear drafter's stale temporary files, prove it takes a file."""
    from ..output import os_reason

    try:
        probe(outdir)
    except OSError as exc:
        raise DrafterError.single(
            str(outdir),
            None,
            None,
            _("cannot write output: {reason}").format(reason=os_reason(exc)),
        ) from None


# -- building ---------------------------------------------------------------------------
def terminate(signum: int, frame: Any) -> None:
    """SIGTERM -> SystemExit, so `finally` blocks remove temporary files before the process ends."""
    sys.exit(128 + signum)


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


def _prepare(lang: str) -> None:
    from .. import i18n, library

    i18n.set_language(lang)
    library.load()


def _worker_init(lang: str, parent: int | None = None) -> None:
    import signal

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it terminates us
    if parent is not None:
        _die_with_parent(parent)
    _prepare(lang)


def warm() -> None:
    """Import and load what every build needs, once, before the workers start: where workers are
    forked (Linux) they begin with it all, instead of each paying for it again."""
    from .. import library, words
    from ..compose import plan as compose
    from ..writers import docx

    library.load()
    compose.shared_renderer()
    docx.template()
    words.load()  # titles' word set: 2.8 MB, shared by forked workers


def build_job(job: Job, outdir: Path, formats: tuple[str, ...], comments: bool) -> Result:
    from .. import api

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
        result.issues = [
            Issue(
                str(job.profile),
                None,
                None,
                _("internal error: {error}").format(error=repr(exc)),
            )
        ]
    result.seconds = time.perf_counter() - started
    return result


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
        _prepare(lang)  # in the caller's process: its signal handlers are not ours to change
        for job in jobs:
            yield build_job(job, outdir, formats, comments)
        return
    warm()
    # What warm() loaded lives as long as the workers: out of the collector's sight (gc.freeze),
    # a worker's collections no longer walk it (nor write to its pages, which fork shares).
    gc.collect()
    gc.freeze()
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_worker_init, initargs=(lang, os.getpid())
    )
    pending: set[Future] = set()
    queue = iter(jobs)
    finished = False
    try:
        for job in queue:  # keep a bounded number of jobs in flight
            pending.add(pool.submit(build_job, job, outdir, formats, comments))
            if len(pending) >= workers * 4:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
                following = next(queue, None)
                if following is not None:
                    pending.add(pool.submit(build_job, following, outdir, formats, comments))
        finished = True
    finally:
        if not finished:  # interrupted: stop the workers now; their SIGTERM handler cleans up
            for future in pending:
                future.cancel()
            for process in multiprocessing.active_children():  # the pool's workers
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()  # this process may go on (a caller's): its objects are collectable again


def default_workers() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
