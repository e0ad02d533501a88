"""drafter's performance figures on this machine; prints them and writes bench/RESULTS.md.

    python3 bench/run.py [--quick]

1. import floor: `python -c "import docx, jinja2, yaml, cerberus, babel"` (median of 7 processes)
2. one `python -m drafter build profiles/taishan.yaml -o TMP` (median of 7) and its ratio to the floor
3. `drafter batch DIR -o OUT -j 2` on 100 and 1,000 generated profiles (best of 3 and of 2 runs);
   extrapolation to 2,844 by wall time and by CPU time; other processes' load is reported alongside
   (fallback when `drafter batch` is missing: a loop of single `build` processes over 100 profiles)
4. peak RSS of the batch's processes (polling /proc/<pid>/status VmHWM, plus getrusage(RUSAGE_CHILDREN))
5. docxtpl against drafter's own writer on the same 100 drafts (bench/docxtpl_compare.py)
When a target is missed, bench/profile_build.py's findings are added to RESULTS.md.
--quick uses 20/200 profiles and 3 repeats, to try the script out; its figures are not the benchmark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import docxtpl_compare  # noqa: E402
import gen_profiles  # noqa: E402
import profile_build  # noqa: E402

PY = sys.executable
FLEET = 2844  # profiles a full batch must handle
TARGETS = {"ratio": 1.5, "fleet_s": 60.0, "rss_mb": 150.0}
PACKAGES = ["python-docx", "Jinja2", "PyYAML", "Cerberus", "Babel", "click", "lxml", "docxtpl"]

# Runs a command, waits, and reports its wall time and the max RSS over all its descendants.
WRAPPER = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "wall = time.perf_counter() - t\n"
    "print(json.dumps({'rc': rc, 'wall': wall,"
    " 'maxrss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
)
# The fallback for item 3: one `drafter build` process per profile, one after the other.
BUILD_LOOP = (
    "import subprocess, sys\n"
    "out, paths = sys.argv[1], sys.argv[2:]\n"
    "bad = sum(subprocess.call([sys.executable, '-m', 'drafter', 'build', p, '-o', out],"
    " stdout=subprocess.DEVNULL) != 0 for p in paths)\n"
    "sys.exit(1 if bad else 0)\n"
)


@dataclass
class Run:
    """One monitored command: wall time, exit code, and peak RSS (kB) per descendant process."""

    wall: float
    rc: int
    maxrss_kb: int  # getrusage: max over all waited-for descendants
    peaks: dict[int, tuple[int, int, str]] = field(
        default_factory=dict
    )  # pid -> (depth, VmHWM kB, cmd)
    cpu: dict[int, float] = field(
        default_factory=dict
    )  # pid -> CPU seconds (last sample before it ended)
    stderr: str = ""
    others: float = 0.0  # cores used by processes not ours, on average

    def peak_mb(self, depth: int) -> float | None:
        """Largest VmHWM among processes at this depth (1: the command itself, 2+: its workers)."""
        values = [
            kb for d, kb, _ in self.peaks.values() if (d == depth if depth == 1 else d >= depth)
        ]
        return max(values) / 1024 if values else None

    def workers(self) -> int:
        return sum(1 for d, _kb, _ in self.peaks.values() if d >= 2)

    def cpu_s(self, depth: int) -> float:
        """CPU seconds of the command itself (depth 1) or of all its workers (depth 2)."""
        return sum(c for pid, c in self.cpu.items() if (self.peaks[pid][0] == 1) == (depth == 1))


TICK = os.sysconf("SC_CLK_TCK")


def busy_s() -> float:
    """CPU seconds all processes on this machine have used since boot (/proc/stat)."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / TICK


def own_s() -> float:
    """CPU seconds used by this process and its waited-for descendants."""
    return sum(
        r.ru_utime + r.ru_stime
        for r in (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
    )


class Load:
    """Measures how many cores other processes (other developers' tests …) used meanwhile."""

    def __enter__(self) -> Load:
        self.t, self.busy, self.own = time.perf_counter(), busy_s(), own_s()
        return self

    def __exit__(self, *exc: object) -> None:
        wall = time.perf_counter() - self.t
        self.others = max(0.0, (busy_s() - self.busy) - (own_s() - self.own)) / wall


def median_wall(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall time of ``runs`` separate processes of ``cmd`` (run from the repository), and the
    cores other processes used meanwhile."""
    times = []
    with Load() as load:
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - t0)
    return statistics.median(times), load.others


def _scan() -> tuple[dict[int, list[int]], dict[int, float]]:
    """Every process's children, and its CPU seconds so far (utime + stime)."""
    tree: dict[int, list[int]] = {}
    cpu: dict[int, float] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
            cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / TICK
    return tree, cpu


def _hwm_kb(pid: int) -> tuple[int, str] | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            hwm = next((int(line.split()[1]) for line in fh if line.startswith("VmHWM:")), 0)
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode(errors="replace").strip()
        return hwm, cmd
    except (OSError, ValueError):
        return None


def monitored(cmd: list[str], interval: float = 0.05) -> Run:
    """Run ``cmd`` under WRAPPER, polling the peak RSS (VmHWM) of each of its descendants."""
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [PY, "-c", WRAPPER, *cmd], cwd=REPO, stdout=subprocess.PIPE, stderr=err, text=True
        )
        peaks: dict[int, tuple[int, int, str]] = {}
        cpu: dict[int, float] = {}
        with Load() as load:
            while proc.poll() is None:
                (tree, cpu_now), level, depth = _scan(), [proc.pid], 0
                while level:
                    depth += 1
                    level = [c for pid in level for c in tree.get(pid, [])]
                    for pid in level:
                        seen = _hwm_kb(pid)
                        if seen and seen[0] >= peaks.get(pid, (0, 0, ""))[1]:
                            peaks[pid] = (depth, seen[0], seen[1][:120])
                        if pid in peaks and pid in cpu_now:
                            cpu[pid] = cpu_now[pid]
                time.sleep(interval)
        out = json.loads(proc.stdout.read().strip().splitlines()[-1])
        err.seek(0)
        return Run(
            out["wall"], out["rc"], out["maxrss_kb"], peaks, cpu, err.read()[-2000:], load.others
        )


def batch_available() -> bool:
    proc = subprocess.run([PY, "-m", "drafter", "batch", "--help"], cwd=REPO, capture_output=True)
    return proc.returncode == 0


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return {
        "nproc": str(os.cpu_count()),
        "CPU": cpu,
        "RAM": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "Python": platform.python_version(),
        "OS": platform.platform(),
        "packages": ", ".join(versions),
        "drafter": revision(),
    }


def revision() -> str:
    """The commit measured, and whether drafter's code or templates had uncommitted changes."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()

    changed = git("status", "--porcelain", "--", "drafter", "templates").splitlines()
    return f"commit {git('rev-parse', '--short', 'HEAD') or '?'}" + (
        f" + uncommitted changes in {len(changed)} file(s) under drafter/ and templates/"
        if changed
        else ""
    )


def fmt_mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} MB"


def verdict(value: float | None, target: float, unit: str) -> str:
    """'≤ 60 s: met' or '≤ 60 s: MISSED by 162 s (3.7× the target)'."""
    head = f"≤ {target:g}{unit}"
    if value is None:
        return f"{head}: not measured"
    if value <= target:
        return f"{head}: met"
    by = f"{value - target:.2f}" if unit == "×" else f"{value - target:.0f}{unit}"
    return f"{head}: MISSED by {by} ({value / target:.1f}× the target)"


def load_note(others: float) -> str:
    return f"other processes used {others:.1f} cores meanwhile" if others >= 0.1 else ""


@dataclass
class Report:
    """What RESULTS.md says: figure rows, notes, and the numbers the findings are drawn from."""

    rows: list[tuple[str, str, str, str]] = field(
        default_factory=list
    )  # (item, measure, value, target / note)
    notes: list[str] = field(default_factory=list)
    facts: dict[str, float] = field(default_factory=dict)
    leaders: list[str] = field(default_factory=list)  # functions with most own time in warm builds
    missed: bool = False

    def add(self, *rows: tuple[str, str, str, str]) -> None:
        self.rows += rows
        for row in rows:
            print(" | ".join(row), flush=True)
            self.missed |= "MISSED" in row[3]


def measure_build(rep: Report, runs: int, work: Path) -> None:
    """Items 1-2: the import floor and one whole `drafter build`."""
    bare, _ = median_wall([PY, "-c", "pass"], runs)
    floor, others1 = median_wall([PY, "-c", "import docx, jinja2, yaml, cerberus, babel"], runs)
    single, others2 = median_wall(
        [PY, "-m", "drafter", "build", "profiles/taishan.yaml", "-o", str(work)], runs
    )
    rep.facts.update(floor_ms=floor * 1000, build_ms=single * 1000, bare_ms=bare * 1000)
    rep.add(
        (
            "1",
            f"import floor (median of {runs})",
            f"{floor * 1000:.0f} ms",
            "; ".join(
                x
                for x in (f"a bare `python -c pass`: {bare * 1000:.0f} ms", load_note(others1))
                if x
            ),
        ),
        (
            "2",
            f"`drafter build profiles/taishan.yaml` (median of {runs})",
            f"{single * 1000:.0f} ms",
            load_note(others2),
        ),
        (
            "2",
            "build / import floor",
            f"{single / floor:.2f}×",
            verdict(single / floor, TARGETS["ratio"], "×"),
        ),
    )


def measure_batch(
    rep: Report,
    small: int,
    large: int,
    sub: Path,
    big: Path,
    work: Path,
    repeats: tuple[int, int] = (3, 2),
) -> None:
    """Items 3-4 with `drafter batch -j 2`; each size is run several times and the fastest run counts."""
    results = {}
    for (n, src), times in zip(((small, sub), (large, big)), repeats, strict=False):
        runs = []
        for i in range(times):
            out = work / f"out-{n}-{i}"
            runs.append(
                monitored([PY, "-m", "drafter", "batch", str(src), "-o", str(out), "-j", "2"])
            )
            built = len(list(out.glob("**/*.docx")))
            if runs[-1].rc != 0 or built != n:
                rep.notes.append(
                    f"batch of {n}: exit {runs[-1].rc}, {built}/{n} files; stderr tail:\n```\n"
                    f"{runs[-1].stderr}\n```"
                )
        r = results[n] = min(runs, key=lambda x: x.wall)
        walls = ", ".join(f"{x.wall:.1f}" for x in runs)
        rep.add(
            (
                "3",
                f"`drafter batch` {n} profiles, -j 2 (best of {times}: {walls} s)",
                f"{r.wall:.1f} s, {n / r.wall:.1f} profiles/s",
                "; ".join(x for x in (f"exit {r.rc}", load_note(r.others)) if x),
            )
        )
    t_s, t_l = results[small].wall, results[large].wall
    fleet = t_s + (t_l - t_s) / (large - small) * (FLEET - small)
    r = results[large]
    main_ms, worker_ms = r.cpu_s(1) / large * 1000, r.cpu_s(2) / large * 1000
    cpu_fleet = (main_ms + worker_ms / 2) * FLEET / 1000
    rss_small, rss_large = results[small].peak_mb(2), r.peak_mb(2)
    rep.facts.update(
        main_cpu_ms=main_ms,
        worker_cpu_ms=worker_ms,
        fleet_s=fleet,
        rss_small=rss_small or 0,
        rss_large=rss_large or 0,
        small=small,
        large=large,
    )
    rep.add(
        (
            "3",
            f"extrapolated to {FLEET} (line through both points)",
            f"{fleet:.0f} s",
            verdict(fleet, TARGETS["fleet_s"], " s"),
        ),
        (
            "3",
            f"linearity: time per profile at {large} / at {small}",
            f"{(t_l / large) / (t_s / small):.2f}",
            "≈ 1: linear (below 1: start-up amortised)",
        ),
        (
            "3",
            f"CPU per profile, batch of {large}: main process / workers",
            f"{main_ms:.1f} / {worker_ms:.0f} ms",
            f"{r.cpu_s(1):.1f} s / {r.cpu_s(2):.1f} s in all",
        ),
        (
            "3",
            f"CPU-bound estimate for {FLEET} (main + workers / 2, no other load)",
            f"{cpu_fleet:.0f} s",
            verdict(cpu_fleet, TARGETS["fleet_s"], " s"),
        ),
        (
            "4",
            f"peak RSS per worker ({r.workers()} worker processes seen, batch of {large})",
            fmt_mb(rss_large),
            verdict(rss_large, TARGETS["rss_mb"], " MB"),
        ),
        (
            "4",
            f"peak RSS per worker, batch of {small}",
            fmt_mb(rss_small),
            "for growth with the number of profiles a worker builds",
        ),
        ("4", "peak RSS of the batch's main process", fmt_mb(r.peak_mb(1)), ""),
        (
            "4",
            "max RSS over all its processes (getrusage RUSAGE_CHILDREN)",
            fmt_mb(r.maxrss_kb / 1024),
            "",
        ),
    )


def measure_fallback(rep: Report, small: int, sub: Path, work: Path) -> None:
    """Item 3 without `drafter batch`: a loop of single `drafter build` processes."""
    print("not available: drafter batch missing", flush=True)
    rep.notes.append(
        "**`drafter batch` was not available** (`python -m drafter batch --help` failed) when this ran: "
        "items 3–4 for the batch command are not measured; item 3 is replaced by a fallback."
    )
    r = monitored([PY, "-c", BUILD_LOOP, str(work / "loop"), *map(str, sorted(sub.glob("*.yaml")))])
    fleet = r.wall / small * FLEET
    rep.add(
        ("3", "`drafter batch`", "not available: drafter batch missing", ""),
        (
            "3*",
            f"FALLBACK: loop of {small} single `drafter build` processes (one at a time)",
            f"{r.wall:.1f} s, {small / r.wall:.1f} profiles/s",
            "; ".join(x for x in (f"exit {r.rc}", load_note(r.others)) if x),
        ),
        (
            "3*",
            f"FALLBACK extrapolated to {FLEET} (one at a time)",
            f"{fleet:.0f} s",
            verdict(fleet, TARGETS["fleet_s"], " s"),
        ),
        (
            "4*",
            "FALLBACK: peak RSS of one `drafter build` process (VmHWM)",
            fmt_mb(r.peak_mb(2)),
            verdict(r.peak_mb(2), TARGETS["rss_mb"], " MB"),
        ),
    )


def measure_docxtpl(rep: Report, sub: Path) -> None:
    """Item 5: docxtpl against drafter's writer, in-process, one core, composition excluded on both sides."""
    with Load() as load:
        c = docxtpl_compare.compare(sorted(sub.glob("*.yaml")))
    ms = {
        k: c[k] / c["profiles"] * 1000
        for k in ("compose_s", "docxtpl_s", "drafter_same_s", "drafter_full_s")
    }
    rep.facts.update(
        tpl_ms=ms["docxtpl_s"], same_ms=ms["drafter_same_s"], full_ms=ms["drafter_full_s"]
    )
    rep.add(
        (
            "5",
            f"compose (load + validate + compose.plan), in-process, {c['profiles']} profiles",
            f"{ms['compose_s']:.1f} ms/profile",
            "; ".join(x for x in ("excluded from both sides below", load_note(load.others)) if x),
        ),
        (
            "5",
            "docxtpl: load template, render, save (notice + plan)",
            f"{ms['docxtpl_s']:.1f} ms/profile",
            "",
        ),
        (
            "5",
            "drafter DocxWriter, same content (notice + plan, no comments)",
            f"{ms['drafter_same_s']:.1f} ms/profile",
            f"{ms['drafter_same_s'] / ms['docxtpl_s']:.1f}× docxtpl",
        ),
        (
            "5",
            "drafter DocxWriter, full draft (attachments, review comments)",
            f"{ms['drafter_full_s']:.1f} ms/profile",
            f"{ms['drafter_full_s'] / ms['docxtpl_s']:.1f}× docxtpl",
        ),
        (
            "5",
            f"in-process projection: {FLEET} full builds on 2 cores, no start-up",
            f"{(ms['compose_s'] + ms['drafter_full_s']) * FLEET / 2 / 1000:.0f} s",
            "a lower bound for batch -j 2",
        ),
    )
    if not c["text_equal"]:
        rep.notes.append(
            "docxtpl and drafter files differ in body text: the comparison is not like for like."
        )


def profile(rep: Report, big: Path, sub: Path) -> str:
    """What bench/profile_build.py shows, plus the batch's serial discovery of profiles; facts for findings."""
    taishan = REPO / "profiles" / "taishan.yaml"
    (imp_md, imports), (ph_md, ph), (y_md, loaders) = (
        profile_build.importtime(taishan),
        profile_build.phases(taishan),
        profile_build.yaml_loaders(),
    )
    parts = [imp_md, ph_md, y_md]
    rep.facts.update({f"phase:{k}": v for k, v in ph.items()})
    rep.facts.update({f"yaml:{k}": v for k, v in loaders.items()})
    rep.facts.update({f"import:{k}": v for k, v in imports.items()})
    try:
        from drafter import batch

        t0 = time.perf_counter()
        jobs = batch.discover([big])
        rep.facts["discover_ms"] = (time.perf_counter() - t0) / len(jobs) * 1000
        parts.append(
            f"`drafter.batch.discover` of the {len(jobs)} generated profiles (serial, in the batch's main "
            f"process, before any worker starts): {time.perf_counter() - t0:.2f} s."
        )
    except (ImportError, AttributeError) as exc:
        parts.append(f"(batch discovery not profiled: {exc})")
    cold_md, cold = profile_build.cold_cprofile(taishan)
    for k, (ms, share, calls) in cold.items():
        rep.facts.update({f"cold_ms:{k}": ms, f"cold_share:{k}": share, f"cold_calls:{k}": calls})
    parts.append(cold_md)
    cp_md, costs, leaders = profile_build.cprofile(sorted(sub.glob("*.yaml"))[:20])
    rep.leaders = leaders
    rep.facts.update({f"cost:{k}": v[1] for k, v in costs.items()})
    rep.facts.update({f"calls:{k}": v[2] for k, v in costs.items()})
    return "\n\n".join(parts + [cp_md])


def findings(f: dict[str, float], leaders: list[str]) -> list[str]:
    """Plain-language reading of the measured profiles: each point is said only when the figures show it."""
    out = []
    if "build_ms" in f:
        budget = f["floor_ms"] * TARGETS["ratio"]
        top = sorted((k for k in f if k.startswith("phase:")), key=f.get, reverse=True)[:4]
        out.append(
            f"Single build: {f['build_ms']:.0f} ms against a budget of {budget:.0f} ms (1.5 × the "
            f"{f['floor_ms']:.0f} ms floor). Largest cold phases: "
            + ", ".join(f"{k[6:]} {f[k]:.0f} ms" for k in top)
            + "."
        )
        imports = sum(v for k, v in f.items() if k.startswith("phase:import"))
        work = sum(
            v for k, v in f.items() if k.startswith("phase:") and not k.startswith("phase:import")
        )
        floor_imports = f["floor_ms"] - f["bare_ms"]
        rest = f["build_ms"] - f["bare_ms"] - imports - work
        out.append(
            f"Split: the floor's own imports take {floor_imports:.0f} ms (floor minus a bare interpreter); a "
            f"build imports for {imports:.0f} ms, {imports - floor_imports:.0f} ms more (click, drafter's own "
            f"modules and what they pull in), then works for {work:.0f} ms (library, profile, compose, "
            f"writer, save); the other {rest:.0f} ms are the command line, lazy imports and process exit."
        )
    if "cold_ms:process" in f:
        g = lambda key: f.get(f"cold_share:{key}", 0)  # noqa: E731
        out.append(
            f"One cold build under cProfile ({f['cold_ms:process']:.0f} ms, inflated by the profiler): imports "
            f"{g('imports'):.0%} (compiling {f.get('cold_calls:regex', 0):.0f} regular expressions "
            f"{g('regex'):.0%}), Jinja2 compiling {f.get('cold_calls:jinja', 0):.0f} templates "
            f"{g('jinja'):.0%}, profiles.load {g('load'):.0%}, DocxWriter.build {g('writer'):.0%}, "
            f"saving {g('save'):.0%}."
        )
    startup = {
        k[len("import:startup:") :]: v
        for k, v in f.items()
        if k.startswith("import:startup:") and v >= 1
    }
    if startup:
        out.append(
            "Imported at interpreter start-up, so in the import floor as well and not drafter's cost: "
            + ", ".join(f"{k} {v:.0f} ms" for k, v in startup.items())
            + "."
        )
    library_ms = f.get("phase:library.load (templates/*.yaml)", 0)
    if "yaml:CSafeLoader" in f and library_ms > 2 * f["yaml:CSafeLoader"] + 10:
        out.append(
            f"library.load takes {library_ms:.0f} ms cold. Parsing templates/ with PyYAML's pure-Python "
            f"SafeLoader takes {f['yaml:SafeLoader']:.0f} ms, with libyaml's CSafeLoader (installed here) "
            f"{f['yaml:CSafeLoader']:.0f} ms."
        )
    if f.get("calls:jinja", 0) >= 5:
        out.append(
            f"Jinja2 still compiles {f['calls:jinja']:.0f} templates in every warm build "
            f"({f['cost:jinja']:.0%} of it): compiled templates do not outlive one build, so batch workers "
            "compile the same catalogue text again for every profile."
        )
    if f.get("cost:style", 0) >= 0.05:
        out.append(
            f"python-docx's Styles.default() scan: {f['cost:style']:.0%} of a warm build. "
            "`doc.add_paragraph(style=name)` looks the style up by name and scans every style for the "
            "default on each paragraph; setting the style from a cached style id avoids it."
        )
    if f.get("cost:cell", 0) >= 0.05:
        out.append(
            f"Table.cell(r, c): {f['cost:cell']:.0%} of a warm build, for a few tables. "
            "python-docx rebuilds the table's whole cell list on every call, so filling a table costs "
            "O(cells²); take each row's cells once (`row.cells`) instead."
        )
    if f.get("cost:paragraph", 0) - f.get("cost:style", 0) >= 0.1:
        out.append(
            f"Paragraph writing ({f['cost:paragraph'] - f.get('cost:style', 0):.0%}) goes through "
            "python-docx's property API per run and paragraph (get_child_element, qn, xpath lead the "
            "own-time list)."
        )
    if "cost:build" in f:
        g = lambda key: f.get(f"cost:{key}", 0)  # noqa: E731
        out.append(
            f"A warm build (what a batch worker does per profile): profiles.load {g('load'):.0%}, compose.plan "
            f"{g('compose'):.0%}, DocxWriter.build {g('writer'):.0%} (tables {g('table'):.0%}, opening the "
            f"default template {g('template'):.0%}), saving {g('save'):.0%}. Most own time: "
            + ", ".join(leaders)
            + "."
        )
    if "tpl_ms" in f:
        if f["same_ms"] > 1.2 * f["tpl_ms"]:
            out.append(
                f"docxtpl writes the same notice and plan in {f['tpl_ms']:.0f} ms against {f['same_ms']:.0f} ms "
                "for drafter's writer: the cost is in how the writer builds the XML, not in the .docx format."
            )
        else:
            out.append(
                f"On the same content drafter's writer ({f['same_ms']:.0f} ms) is as fast as docxtpl or faster "
                f"({f['tpl_ms']:.0f} ms); the full draft costs {f['full_ms']:.0f} ms, so the rest is in the "
                "attachments (tables) and review comments."
            )
    if f.get("rss_small") and f["rss_large"] > 1.2 * f["rss_small"]:
        out.append(
            f"Worker memory grows with the number of profiles a worker builds: peak {f['rss_small']:.0f} MB "
            f"in a batch of {f['small']:.0f}, {f['rss_large']:.0f} MB in a batch of {f['large']:.0f} (each "
            "worker builds about half): memory is kept from one profile to the next (a cache or a leak)."
        )
    if "worker_cpu_ms" in f:
        allowed = (TARGETS["fleet_s"] * 1000 / FLEET - f["main_cpu_ms"]) * 2
        out.append(
            f"Batch: workers spend {f['worker_cpu_ms']:.0f} ms CPU per profile; {FLEET} profiles in 60 s "
            f"on 2 cores allow about {allowed:.0f} ms per profile "
            f"(after the main process's {f['main_cpu_ms']:.1f} ms)."
        )
    if f.get("discover_ms", 0) >= 1:
        out.append(
            f"`drafter.batch.discover` (finding the profiles, in the batch's main process, serially) takes "
            f"{f['discover_ms']:.1f} ms per profile: {f['discover_ms'] * FLEET / 1000:.0f} s for {FLEET}."
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, to try the script out")
    args = ap.parse_args()
    runs, small, large = (3, 20, 200) if args.quick else (7, 100, 1000)
    rep = Report()
    work = Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    try:
        measure_build(rep, runs, work)
        big, sub = work / f"profiles-{large}", work / f"profiles-{small}"
        gen_profiles.generate(large, big, seed=1)
        sub.mkdir()
        for p in sorted(big.glob("*.yaml"))[:small]:
            shutil.copy(p, sub / p.name)
        if batch_available():
            measure_batch(rep, small, large, sub, big, work)
        else:
            measure_fallback(rep, small, sub, work)
        measure_docxtpl(rep, sub)
        profile_text = ""
        if rep.missed:
            print("profiling (a target was missed) …", flush=True)
            profile_text = profile(rep, big, sub)
        write_results(rep, profile_text, args.quick)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {BENCH / 'RESULTS.md'}")
    return 0


def write_results(rep: Report, profile_text: str, quick: bool) -> None:
    m = machine()
    targets = [r for r in rep.rows if ": met" in r[3] or "MISSED" in r[3]]
    lines = [
        "# drafter performance: results",
        "",
        f"Measured {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} by `python3 bench/run.py"
        f"{' --quick' if quick else ''}`"
        + (" (QUICK MODE: reduced sizes, not the benchmark)" if quick else "")
        + ". Generated file: run the script again rather than editing it.",
        "",
        "## Targets",
        "",
        *[f"- {r[1]}: **{r[2]}** ({r[3]})" for r in targets],
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in m.items()],
        "| RSS measurement | no psutil: /proc/<pid>/status VmHWM polled every 50 ms for each process, "
        "and getrusage(RUSAGE_CHILDREN) |",
        "",
        "## Figures",
        "",
        "Other developers' processes (their test runs) share these 2 cores; where they used a noticeable "
        "share during a measurement, the note says how many cores, and the figure is pessimistic.",
        "",
        "| # | measure | value | target / note |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rep.rows],
        "",
    ]
    if rep.notes:
        lines += ["## Notes", "", *[f"- {n}" for n in rep.notes], ""]
    if profile_text:
        lines += [
            "## What the profiles show (top costs)",
            "",
            *[f"- {x}" for x in findings(rep.facts, rep.leaders)],
            "",
            "## Profiles",
            "",
            profile_text,
            "",
        ]
    (BENCH / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
