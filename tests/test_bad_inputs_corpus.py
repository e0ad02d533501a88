"""The bad-input corpus: every profile in tests/bad_inputs/ is run through the CLI and checked against
its expectation in tests/bad_inputs/cases.yaml: the exit code, every expected fragment (file:line,
field, message) in the output, and never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import run_cli

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES: list[dict] = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
SEED = CORPUS / "bases" / "taishan.yaml"  # the valid profile the cases were made from
BIG = 10 * 1024 * 1024


def generate(kind: str, path: Path) -> Path:
    """Write a 10 MB case into ``path`` (such files are generated, never committed)."""
    text = SEED.read_text(encoding="utf-8")
    if kind == "big":  # the valid profile, then 10 MB of comment lines
        line = "# " + "备注" * 40 + "\n"
        text += line * (BIG // len(line.encode("utf-8")) + 1)
    elif kind == "big-string":  # funding_rules becomes one 10 MB value
        old = "funding_rules: 《泰山区知识产权专项资金使用管理办法》"
        assert old in text
        text = text.replace(old, "funding_rules: " + "资" * (BIG // 3 + 1))
    else:
        raise ValueError(f"unknown generate kind {kind!r}")
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= BIG
    return path


def test_corpus_is_complete():
    assert len(CASES) >= 60
    names = [c["file"] for c in CASES]
    assert len(names) == len(set(names)), "a file is listed twice in cases.yaml"
    for case in CASES:
        assert {"file", "exit", "expect", "note"} <= set(case), case
        assert case.get("command", "validate") in ("validate", "build"), case
        assert case["expect"], case
        if "generate" not in case:
            assert (CORPUS / case["file"]).is_file(), case["file"]
    on_disk = {p.name for p in CORPUS.iterdir() if p.is_file()} - {"cases.yaml"}
    assert on_disk <= set(names), (
        f"files in tests/bad_inputs/ without an expectation: {sorted(on_disk - set(names))}"
    )


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input(case, tmp_path):
    if "generate" in case:
        path = generate(case["generate"], tmp_path / case["file"])
    else:
        path = CORPUS / case["file"]
    command = case.get("command", "validate")
    outdir = tmp_path / "out"
    if case.get("outdir") == "file":  # a file where the output folder should be
        outdir.write_text("not a folder", encoding="utf-8")
    elif case.get("outdir") == "under-file":  # the output folder's parent is a file
        (tmp_path / "blocker").write_text("not a folder", encoding="utf-8")
        outdir = tmp_path / "blocker" / "out"
    args = [command, str(path)] + (["-o", str(outdir)] if command == "build" else [])
    result = run_cli(*args)
    out = result.stdout + result.stderr
    shown = out if len(out) < 4000 else out[:2000] + "\n…\n" + out[-2000:]
    assert "Traceback" not in out, shown
    assert result.returncode == case["exit"], (
        f"exit {result.returncode}, expected {case['exit']}:\n{shown}"
    )
    missing = [fragment for fragment in case["expect"] if fragment not in out]
    assert not missing, f"missing {missing} in:\n{shown}"
    if command == "build" and case["exit"] != 0 and "outdir" not in case:
        assert not outdir.exists() or not any(outdir.iterdir()), (
            "a rejected profile left a draft behind"
        )
