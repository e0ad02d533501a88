"""Many profiles at once: find them, check the plan of outputs, build in worker processes.

The library yields one result per profile as it finishes; the command line owns the progress bar.
One bad profile never stops the others, and outputs are written atomically by the writers.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Generator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DrafterError, Issue
from .i18n import _
from .validation import unknown_field
from .yamlread import SourceMap, read


@dataclass(frozen=True)
class Job:
    profile: Path
    name: str  # output file stem
    overrides: dict[str, Any] | None = None  # from a manifest entry
    overrides_source: SourceMap | None = None


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
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _peek(path: Path) -> tuple[Path | None, bool]:
    """(the base a file extends, whether it is a manifest), parsing it only if it may be either."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, False
    if "extends" not in text and "profiles" not in text:
        return None, False
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return None, False
    if not isinstance(data, dict):
        return None, False
    ref = data.get("extends")
    manifest = set(data) == {"profiles"} and isinstance(data["profiles"], list)
    return ((path.parent / ref).resolve() if isinstance(ref, str) else None), manifest


def _is_manifest(path: Path) -> bool:
    return _peek(path)[1]


def _manifest_jobs(path: Path) -> list[Job]:
    data, smap = read(path)
    jobs = []
    for i, entry in enumerate(data["profiles"]):
        if isinstance(entry, str):
            entry = {"path": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise DrafterError.single(
                str(path),
                smap.line(("profiles", i)),
                f"profiles[{i}]",
                _("expected a profile path, or a mapping with path and overrides"),
            )
        for key in set(entry) - set(MANIFEST_FIELDS):
            raise DrafterError.single(
                str(path),
                smap.line(("profiles", i, key)),
                f"profiles[{i}].{key}",
                unknown_field(key, MANIFEST_FIELDS),
            )
        profile = path.parent / entry["path"]
        prefix = ("profiles", i, "overrides")
        sub = SourceMap(
            str(path),
            {k[len(prefix) :]: v for k, v in smap.lines.items() if k[: len(prefix)] == prefix},
        )
        jobs.append(
            Job(profile, str(entry.get("name") or profile.stem), entry.get("overrides"), sub)
        )
    return jobs


def discover(paths: list[Path]) -> list[Job]:
    """Jobs for the given files, folders (searched for *.yaml) and manifests, in the order given."""
    jobs: list[Job] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*.yaml") if not any(part.startswith(".") for part in p.parts)
            )
            peeked = {p: _peek(p) for p in found}
            bases = {base for base, _manifest in peeked.values() if base is not None}
            found = [p for p in found if p.resolve() not in bases and not peeked[p][1]]
            jobs += [Job(p, p.stem) for p in found]
        elif path.suffix in (".yaml", ".yml") and _is_manifest(path):
            jobs += _manifest_jobs(path)
        else:
            jobs.append(Job(path, path.stem))
    return jobs


def check_names(jobs: list[Job], outdir: Path, formats: tuple[str, ...]) -> None:
    """Two jobs that would write the same file are an error before any work starts."""
    from .api import file_names

    seen: dict[Path, Job] = {}
    issues = []
    for job in jobs:
        for fmt in formats:
            for name in file_names(job.name, [fmt]):
                target = outdir / name
                if target in seen and seen[target].profile != job.profile:
                    issues.append(
                        Issue(
                            str(job.profile),
                            None,
                            None,
                            _(
                                "writes {target}, as {other} does; rename one or give it a name in a manifest"
                            ).format(target=target, other=seen[target].profile),
                        )
                    )
                seen.setdefault(target, job)
    if issues:
        raise DrafterError(issues)


def prepare_outdir(outdir: Path) -> None:
    """Make the output folder and prove it takes a file, before any work starts."""
    from .output import os_reason, write_text

    probe = outdir / ".drafter-write-test"
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        write_text(probe, "")
        probe.unlink()
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


def _worker_init(lang: str) -> None:
    from . import i18n, library

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it terminates us
    i18n.set_language(lang)
    library.load()


def warm() -> None:
    """Import and load what every build needs, once, before the workers start: where workers are
    forked (Linux) they begin with it all, instead of each paying for it again."""
    from . import api, compose, library  # noqa: F401 - api: what build_job imports
    from .writers import docx

    library.load()
    compose.shared_renderer()
    docx.blank_document()


def build_job(job: Job, outdir: Path, formats: tuple[str, ...], comments: bool) -> Result:
    from . import api

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
    if workers <= 1 or len(jobs) <= 1:
        _worker_init(lang)
        for job in jobs:
            yield build_job(job, outdir, formats, comments)
        return
    warm()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init, initargs=(lang,))
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
            # A private attribute: the pool has no public way to stop its workers before 3.14
            # (terminate_workers); tests/test_private_access.py fails if it changes.
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                if process.is_alive():
                    process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


def default_workers() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
