"""Where a build's time goes: imports (-X importtime), phases of one cold build, YAML parsing, cProfile.

    python3 bench/profile_build.py [PROFILE] [--many DIR]

Prints Markdown. PROFILE defaults to profiles/taishan.yaml; --many DIR also profiles in-process
builds of the profiles in DIR (up to 50), which is what a batch worker does.
Each function returns (markdown, figures) so bench/run.py can both print and reason about them.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
TAISHAN = REPO / "profiles" / "taishan.yaml"

PHASES = r"""
import sys, time, json
t = [time.perf_counter()]
from drafter import api, library  # what `drafter build` imports
from drafter.cli import main as cli
from drafter.compose import plan as compose
from drafter.profile import load as profiles
t.append(time.perf_counter())
from drafter.writers import docx as w
t.append(time.perf_counter())
lib = library.load(); t.append(time.perf_counter())
p = profiles.load(sys.argv[1], lib); t.append(time.perf_counter())
doc = compose.plan(p, lib); t.append(time.perf_counter())
d = w.DocxWriter().build(doc); t.append(time.perf_counter())
d.save(sys.argv[2]); t.append(time.perf_counter())
print(json.dumps([b - a for a, b in zip(t, t[1:])]))
"""
PHASE_NAMES = [
    "import drafter (cli, yaml, jinja2, cerberus, babel, click)",
    "import writers.docx (python-docx, lxml)",
    "library.load (templates/*.yaml)",
    "profiles.load (read, merge, validate)",
    "compose.plan",
    "DocxWriter.build",
    "save .docx",
]

KEY_COSTS = [  # (key, file suffix, function, label)
    ("build", "drafter/api/drafts.py", "build", "whole build (load, compose, write .docx)"),
    ("load", "drafter/profile/load.py", "load", "profiles.load: read YAML, merge, validate"),
    (
        "validate",
        "drafter/profile/validate.py",
        "validate",
        "  of which cerberus + semantic validation",
    ),
    ("compose", "drafter/compose/plan.py", "plan", "compose.plan"),
    ("jinja", "jinja2/environment.py", "from_string", "  of which Jinja2 template compilation"),
    ("writer", "drafter/writers/docx.py", "build", "DocxWriter.build"),
    ("template", "docx/api.py", "Document", "  of which opening python-docx's default template"),
    ("paragraph", "drafter/writers/docx_text.py", "paragraph", "  of which paragraphs (docx_text)"),
    (
        "style",
        "docx/styles/styles.py",
        "default",
        "    of which python-docx's default-style scan (add_paragraph(style=name))",
    ),
    ("table", "drafter/writers/docx_tables.py", "table", "  of which tables (docx_tables)"),
    ("cell", "docx/table.py", "cell", "    of which Table.cell(r, c) lookups"),
    ("comment", "docx/document.py", "add_comment", "  of which review comments (add_comment)"),
    ("save", "docx/document.py", "save", "saving the .docx (zip)"),
]


def _imports(args: list[str]) -> list[tuple[int, int, str]]:
    """(cumulative us, depth, module) for each import of ``python -X importtime ARGS``."""
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", *[a.replace("OUT", out) for a in args]],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
    rows = []
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "cumulative" not in line:
            _self, cumulative, raw = line[len("import time:") :].split("|")
            rows.append((int(cumulative), (len(raw) - len(raw.lstrip()) - 1) // 2, raw.strip()))
    return rows


def importtime(profile: Path, top: int = 12) -> tuple[str, dict[str, float]]:
    """The imports of one `drafter build`: top-level ones, and the heaviest packages wherever imported (ms).
    Figures: "total", each package's ms, and "startup:<package>" for those the bare interpreter imports too."""
    rows = _imports(["-m", "drafter", "build", str(profile), "-o", "OUT"])
    startup = {name for _c, _d, name in _imports(["-c", "pass"])}
    total = sum(c for c, d, _ in rows if d == 0)
    top_level = sorted((r for r in rows if r[1] == 0), reverse=True)[:top]
    packages = sorted((r for r in rows if "." not in r[2] and r[1] > 0), reverse=True)[:top]
    lines = [
        f"Imports of one `drafter build` under -X importtime: {total / 1000:.0f} ms in all "
        "(\\* also imported by a bare `python -c pass`, i.e. at interpreter start-up).",
        "",
        "| top-level import | cumulative ms | | package (wherever first imported) | cumulative ms |",
        "|---|---:|---|---|---:|",
    ]
    mark = lambda name: name + (" \\*" if name in startup else "")  # noqa: E731
    for i in range(max(len(top_level), len(packages))):
        a = (
            f"{mark(top_level[i][2])} | {top_level[i][0] / 1000:.1f}"
            if i < len(top_level)
            else " | "
        )
        b = f"{mark(packages[i][2])} | {packages[i][0] / 1000:.1f}" if i < len(packages) else " | "
        lines.append(f"| {a} | | {b} |")
    figures = {"total": total / 1000, **{name: c / 1000 for c, _d, name in packages}}
    figures.update({f"startup:{name}": c / 1000 for c, _d, name in packages if name in startup})
    return "\n".join(lines), figures


def phases(profile: Path, runs: int = 5) -> tuple[str, dict[str, float]]:
    """Median time (ms) of each phase of one cold build, each run in a fresh process."""
    samples: list[list[float]] = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            proc = subprocess.run(
                [sys.executable, "-c", PHASES, str(profile), f"{out}/x.docx"],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=True,
            )
            samples.append(json.loads(proc.stdout))
    ms = {
        name: statistics.median(s[i] for s in samples) * 1000 for i, name in enumerate(PHASE_NAMES)
    }
    lines = [
        f"Phases of one cold in-process build of {profile.name} (median of {runs} fresh processes; "
        "interpreter start-up not included):",
        "",
        "| phase | ms |",
        "|---|---:|",
    ]
    lines += [f"| {k} | {v:.1f} |" for k, v in ms.items()]
    lines.append(f"| **sum** | {sum(ms.values()):.1f} |")
    return "\n".join(lines), ms


def yaml_loaders() -> tuple[str, dict[str, float]]:
    """Parse time (ms) of every templates/ YAML file with PyYAML's pure-Python SafeLoader and libyaml's CSafeLoader."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "templates").rglob("*.yaml"))]
    ms: dict[str, float] = {}
    for loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", None)):
        if loader is not None:
            t0 = time.perf_counter()
            for text in texts:
                yaml.load(text, Loader=loader)
            ms[loader.__name__] = (time.perf_counter() - t0) * 1000
    shown = ", ".join(f"{k} {v:.0f} ms" for k, v in ms.items())
    return (
        f"Parsing the {len(texts)} YAML files under templates/ (what library.load reads): {shown}.",
        ms,
    )


COLD_COSTS = [  # extra rows for one whole cold process
    (
        "process",
        "drafter/cli/main.py",
        "main",
        "the whole `drafter build` command (after interpreter start-up)",
    ),
    (
        "imports",
        "importlib._bootstrap>",
        "_find_and_load",
        "  imports (overlap the rows below: some are lazy)",
    ),
    (
        "regex",
        "re/__init__.py",
        "_compile",
        "  regular expressions compiled (re), mostly at import",
    ),
]


def key_costs(
    stats: pstats.Stats, builds: int, keys: list[tuple[str, str, str, str]] = KEY_COSTS
) -> tuple[str, dict[str, tuple[float, float, float]]]:
    """Cumulative time of the functions that matter: key -> (ms per build, share of the first row, calls per build)."""
    table = stats.stats  # type: ignore[attr-defined]
    found: dict[str, tuple[float, float, float]] = {}
    lines = ["| where | ms per build | share | calls per build |", "|---|---:|---:|---:|"]
    total = None
    for key, suffix, func, label in keys:
        hits = [
            (v[1], v[3])
            for (file, _line, name), v in table.items()
            if name == func and file.replace("\\", "/").endswith(suffix)
        ]
        if not hits:
            continue
        calls, cum = sum(h[0] for h in hits), sum(h[1] for h in hits)
        total = total or cum
        found[key] = (cum / builds * 1000, cum / total, calls / builds)
        lines.append(
            f"| {label} | {found[key][0]:.1f} | {found[key][1]:.0%} | {found[key][2]:.0f} |"
        )
    return "\n".join(lines), found


def cprofile(
    paths: list[Path], top: int = 12
) -> tuple[str, dict[str, tuple[float, float, float]], list[str]]:
    """cProfile of warm in-process builds (load, compose, write .docx) of ``paths``; also the names of
    the five functions with the most own time."""
    sys.path.insert(0, str(REPO))
    from drafter.api import build as build_one

    with tempfile.TemporaryDirectory() as out:
        build_one(paths[0], Path(out), ("docx",))  # imports and library cache outside the profile
        prof = cProfile.Profile()
        prof.enable()
        for p in paths:
            build_one(p, Path(out), ("docx",))
        prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    table, costs = key_costs(stats, len(paths))
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    leaders = [
        name if file == "~" else f"{Path(file).name}:{name}"
        for file, _line, name in stats.fcn_list[:5]
    ]  # type: ignore[attr-defined]
    body = buf.getvalue()
    md = (
        f"cProfile of {len(paths)} warm in-process builds (`build_one`, docx; cProfile slows Python code "
        f"about 2×, so read the shares rather than the milliseconds):\n\n{table}\n\n"
        f"Top {top} functions by own time:\n\n```\n"
        + body[body.find("   ncalls") :].rstrip()
        + "\n```"
    )
    return md, costs, leaders


def cold_cprofile(profile: Path) -> tuple[str, dict[str, tuple[float, float, float]]]:
    """cProfile of one whole `python -m drafter build PROFILE` process, imports included."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "cProfile",
                "-o",
                f"{out}/cold.prof",
                "-m",
                "drafter",
                "build",
                str(profile),
                "-o",
                out,
            ],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        stats = pstats.Stats(f"{out}/cold.prof")
    table, costs = key_costs(stats, 1, COLD_COSTS + KEY_COSTS)
    return (
        f"cProfile of one cold `drafter build {profile.name}` process (rows overlap: the import row includes "
        f"imports made lazily inside later rows; cProfile inflates Python code):\n\n{table}"
    ), costs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("profile", nargs="?", type=Path, default=TAISHAN)
    ap.add_argument(
        "--many", type=Path, help="directory of profiles to profile in-process builds of"
    )
    args = ap.parse_args()
    for md, *_data in (
        importtime(args.profile),
        phases(args.profile),
        yaml_loaders(),
        cold_cprofile(args.profile),
        cprofile([args.profile.resolve()]),
    ):
        print(md, end="\n\n")
    if args.many:
        print(cprofile(sorted(args.many.resolve().glob("*.yaml"))[:50])[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
