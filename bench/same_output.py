"""Proof that a speed change changes no output: write every output, then compare two snapshots.

    python3 bench/same_output.py write DIR [--generated 120]   # every file, from this checkout
    python3 bench/same_output.py compare BEFORE AFTER           # prints the count and differences

``write`` drafts examples/*.yaml, profiles/*.yaml and generated profiles (bench/gen_profiles.py,
two seeds) in every format that needs no LibreOffice (docx, md, dept, dept-md, notes, notes-md),
with review comments on and off. ``compare`` compares each .docx member by member (a zip's
bytes hold its entries' times) and every other file whole. The only parts left out are what a
build stamps with the clock: core.xml's created/modified dates and the comments' w:date.
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

FORMATS = ("docx", "md", "dept", "dept-md", "notes", "notes-md")
CLOCK = [  # what a build stamps with the time it ran
    re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>"),
    re.compile(rb'w:date="[^"]*"'),
]


def profiles(tmp: Path, generated: int) -> list[Path]:
    sys.path.insert(0, str(BENCH))
    import gen_profiles

    found = sorted((REPO / "examples").glob("*.yaml")) + sorted((REPO / "profiles").glob("*.yaml"))
    half = generated // 2
    found += gen_profiles.generate(half, tmp / "gen-a", seed=11)
    found += gen_profiles.generate(generated - half, tmp / "gen-b", seed=5)
    return found


def write(outdir: Path, generated: int) -> int:
    from drafter import api
    from drafter.errors import DrafterError

    outdir.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in profiles(outdir / "_in", generated):
        stem = f"{path.parent.name}-{path.stem}"
        try:
            profile = api.load_profile(path)
            document = api.draft(profile)
        except DrafterError as exc:  # a profile that does not build: its message is the output
            text = str(exc).replace(f"{REPO}/", "").replace(f"{outdir}/", "")  # where it ran
            (outdir / f"{stem}.error.txt").write_text(text, encoding="utf-8")
            count += 1
            continue
        extra = api.companions(profile, document, FORMATS)
        for comments in (True, False):
            tag = stem if comments else f"{stem}.nocomments"
            count += len(
                api.write(document, outdir, tag, FORMATS, comments=comments, companions=extra)
            )
    return count


def _clean(data: bytes) -> bytes:
    for pattern in CLOCK:
        data = pattern.sub(b"", data)
    return data


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: _clean(zf.read(info)) for info in zf.infolist()}


def compare(before: Path, after: Path) -> tuple[int, list[str]]:
    names = sorted(p.name for p in before.iterdir() if p.is_file())
    other = sorted(p.name for p in after.iterdir() if p.is_file())
    problems = [f"only in one: {n}" for n in sorted(set(names) ^ set(other))]
    files = members = 0
    for name in sorted(set(names) & set(other)):
        a, b = before / name, after / name
        files += 1
        if name.endswith(".docx"):
            ma, mb = _members(a), _members(b)
            members += len(ma)
            if list(ma) != list(mb):
                problems.append(f"{name}: members differ: {sorted(set(ma) ^ set(mb))} or order")
            problems += [f"{name}: {m}" for m in ma if m in mb and ma[m] != mb[m]]
        elif a.read_bytes() != b.read_bytes():
            problems.append(name)
    print(f"{files} files compared ({members} docx members), {len(problems)} differences")
    return files, problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("dir", type=Path)
    w.add_argument("--generated", type=int, default=120)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.cmd == "write":
        print(write(args.dir, args.generated), "files written to", args.dir)
        return 0
    _files, problems = compare(args.before, args.after)
    for problem in problems[:40]:
        print(" ", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
