"""The bad-input corpus: every case in tests/bad_inputs/cases.yaml is run through the command line
(in-process, with click's runner) and checked: the exit code, every expected fragment (file:line,
field, message) in the output, never a traceback, and no file left in the output folder by a
rejected input.

A case names a committed file in tests/bad_inputs/, or says how the runner makes its input at run
time (``generate``): FIFOs, device links, symbolic-link loops, deep nesting, alias bombs, long
`extends:` chains and 10 MB files are never committed. ``generate: seed`` is the valid seed profile
(bases/taishan.yaml) with ``replace`` (old: new) applied and ``append`` added at its end, so one
broken thing per case reads in cases.yaml itself.
"""

from __future__ import annotations

import os
import socket
import traceback
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from drafter import limits
from drafter.cli.main import make_cli

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
# read by every xdist worker as it collects: libyaml's loader reads the same cases ten times as fast
CASES: list[dict] = yaml.load(
    (CORPUS / "cases.yaml").read_text(encoding="utf-8"),
    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
)
SEED = CORPUS / "bases" / "taishan.yaml"  # the valid profile the cases were made from
BIG = 10 * 1024 * 1024
COMMANDS = ("validate", "build", "batch", "report", "init")
KINDS = (
    "big",
    "big-string",
    "seed",
    "fifo",
    "socket",
    "folder",
    "link-dev-zero",
    "link-dev-urandom",
    "symlink-loop",
    "symlink-chain",
    "extends-chain",
    "deep-block",
    "deep-flow",
    "alias-string",
    "long-list",
    "base-fifo",
    "base-dev-zero",
)


def seed_text(case: dict) -> str:
    text = SEED.read_text(encoding="utf-8")
    for old, new in (case.get("replace") or {}).items():
        assert old in text, f"{case['file']}: {old!r} is not in the seed"
        text = text.replace(old, new, 1)
    return text + case.get("append", "")


def generate(case: dict, folder: Path) -> Path:
    """Make the input of a generated case in ``folder``; returns the path to give drafter."""
    kind, path = case["generate"], folder / case["file"]
    text = SEED.read_text(encoding="utf-8")
    if kind == "big":  # the valid profile, then 10 MB of comment lines
        line = "# " + "备注" * 40 + "\n"
        path.write_text(text + line * (BIG // len(line.encode("utf-8")) + 1), encoding="utf-8")
    elif kind == "big-string":  # funding_rules becomes one 10 MB value
        old = "funding_rules: 《泰山区知识产权专项资金使用管理办法》"
        path.write_text(text.replace(old, "funding_rules: " + "资" * (BIG // 3 + 1)), "utf-8")
    elif kind == "seed":
        path.write_text(seed_text(case), encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        case["_close"] = server.close
    elif kind == "folder":
        path.mkdir()
    elif kind in ("link-dev-zero", "link-dev-urandom"):
        path.symlink_to("/dev/zero" if kind == "link-dev-zero" else "/dev/urandom")
    elif kind == "symlink-loop":  # a -> b -> a
        path.symlink_to(folder / "loop-b.yaml")
        (folder / "loop-b.yaml").symlink_to(path)
    elif kind == "symlink-chain":  # more hops than MAX_SYMLINK_HOPS, ending at the valid seed
        target = folder / "seed.yaml"
        target.write_text(text, encoding="utf-8")
        for i in range(limits.MAX_SYMLINK_HOPS + 2):
            link = folder / f"hop{i}.yaml"
            link.symlink_to(target)
            target = link
        path.symlink_to(target)
    elif kind == "extends-chain":  # the seed extends base0, which extends base1, ... `depth` deep
        depth = case["depth"]
        for i in range(depth):
            ref = f"extends: chain{i + 1}.yaml\n" if i + 1 < depth else ""
            (folder / f"chain{i}.yaml").write_text(ref + "industries: [装备制造]\n", "utf-8")
        path.write_text("extends: chain0.yaml\n" + text, encoding="utf-8")
    elif kind == "deep-block":  # x-deep: k: k: k: ... `depth` mappings deep, by indentation
        depth = case["depth"]
        body = "".join(" " * i + "k:\n" for i in range(depth)) + " " * depth + "k: 1\n"
        path.write_text(text + "x-deep:\n" + "".join(" " + line for line in body.splitlines(True)))
    elif kind == "deep-flow":
        depth = case["depth"]
        path.write_text(text + "x-deep: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    elif kind == "alias-string":  # one long string, aliased many times: small file, huge expansion
        value = "资" * case["length"]
        refs = ", ".join(["*s"] * case["times"])
        path.write_text(text + f"x-long: &s {value}\nx-many: [{refs}]\n", encoding="utf-8")
    elif kind == "long-list":  # universities with `count` members
        items = "".join(f"  - 高校{i}\n" for i in range(case["count"]))
        old = "universities: [山东农业大学, 省果树研究所, 省农业科学研究院]\n"
        assert old in text
        path.write_text(text.replace(old, "universities:\n" + items), encoding="utf-8")
    elif kind in ("base-fifo", "base-dev-zero"):  # the profile is fine; its base is not a file
        base = folder / "base.yaml"
        if kind == "base-fifo":
            os.mkfifo(base)
        else:
            base.symlink_to("/dev/zero")
        path.write_text("extends: base.yaml\n" + text, encoding="utf-8")
    else:
        raise ValueError(f"unknown generate kind {kind!r}")
    return path


def test_corpus_is_complete():
    assert len(CASES) >= 200
    names = [c["file"] for c in CASES]
    assert len(names) == len(set(names)), "a file is listed twice in cases.yaml"
    for case in CASES:
        assert {"file", "exit", "expect", "note"} <= set(case), case
        assert case.get("command", "validate") in COMMANDS, case
        assert case["expect"], case
        if "generate" in case:
            assert case["generate"] in KINDS, case
        else:
            assert (CORPUS / case["file"]).is_file(), case["file"]
    on_disk = {p.name for p in CORPUS.iterdir() if p.is_file()} - {"cases.yaml"}
    assert on_disk <= set(names), (
        f"files in tests/bad_inputs/ without an expectation: {sorted(on_disk - set(names))}"
    )


def _args(case: dict, path: Path, tmp_path: Path, outdir: Path) -> list[str]:
    command = case.get("command", "validate")
    if command == "validate":
        return ["validate", str(path)]
    if command == "build":
        extra = [str(tmp_path / name) for name in case.get("also", [])]
        return ["build", str(path), *extra, "-o", str(outdir), *case.get("args", [])]
    if command == "batch":
        inputs = [str(path)]
        if "manifest" in case:  # {profile}: the case's profile; {seed}: the valid seed
            manifest = tmp_path / "manifest.yaml"
            text = case["manifest"].replace("{profile}", str(path)).replace("{seed}", str(SEED))
            manifest.write_text(text, encoding="utf-8")
            inputs = [str(manifest)]
        elif case.get("in_folder"):
            inputs = [str(path.parent)]
        return ["batch", *inputs, "-o", str(outdir), "-j", "1", *case.get("args", [])]
    if command == "report":
        actuals = tmp_path / "actuals.yaml"
        actuals.write_text(case["actuals"], encoding="utf-8")
        return ["report", str(path), str(actuals), "-o", str(outdir)]
    return ["init", *case["args"], "-o", str(tmp_path / "starter.yaml")]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input(case, tmp_path):
    case = dict(case)
    inputs = tmp_path / "in"
    inputs.mkdir()
    path = generate(case, inputs) if "generate" in case else CORPUS / case["file"]
    outdir = tmp_path / "out"
    if case.get("outdir") == "file":  # a file where the output folder should be
        outdir.write_text("not a folder", encoding="utf-8")
    elif case.get("outdir") == "under-file":  # the output folder's parent is a file
        (tmp_path / "blocker").write_text("not a folder", encoding="utf-8")
        outdir = tmp_path / "blocker" / "out"
    for name, spec in (case.get("files") or {}).items():  # other inputs the case names
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(seed_text({"file": name, **(spec or {})}), encoding="utf-8")
    try:
        result = CliRunner().invoke(make_cli(), _args(case, path, tmp_path, outdir))
    finally:
        case.get("_close", lambda: None)()
    out = result.output
    shown = out if len(out) < 4000 else out[:2000] + "\n…\n" + out[-2000:]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"{type(result.exception).__name__}:\n{trace}\n{shown}")
    assert "Traceback" not in out, shown
    assert result.exit_code == case["exit"], (
        f"exit {result.exit_code}, expected {case['exit']}:\n{shown}"
    )
    missing = [fragment for fragment in case["expect"] if fragment not in out]
    assert not missing, f"missing {missing} in:\n{shown}"
    if case.get("command") in ("build", "batch", "report") and case["exit"] != 0:
        if "outdir" not in case and case.get("partial") is None:
            assert not outdir.exists() or not any(outdir.iterdir()), (
                f"a rejected input left a file behind: {sorted(os.listdir(outdir))}"
            )
    # nothing is ever written outside the output folder (and the inputs the test made)
    strays = {p.name for p in tmp_path.iterdir()} - {"in", "out", "blocker", "manifest.yaml"}
    given = [*(case.get("files") or {}), *case.get("also", [])]
    strays -= {"actuals.yaml", "starter.yaml"} | {Path(name).parts[0] for name in given}
    assert not strays, f"files written outside -o: {strays}"
