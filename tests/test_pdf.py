"""A built draft converts to PDF with LibreOffice, with the pages and text a clerk would see."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


def _tools() -> None:
    missing = [t for t in ("soffice", "pdftotext", "pdfinfo") if not shutil.which(t)]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install {missing} (see .ci/run)")
        pytest.skip(f"not installed here: {missing}")


def text_of(pdf, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text with all white space removed: pdftotext spaces CJK from Latin and breaks lines."""
    pages = ["-f", str(first), "-l", str(last)] if first else []
    out = subprocess.run(
        ["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", "", out)


def to_pdf(docx_path, outdir):
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "render.sh"), str(docx_path), str(outdir), "1"],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return outdir / (docx_path.stem + ".pdf")


def test_taishan_converts_to_pdf(built, tmp_path):
    _tools()
    pdf = to_pdf(built / "taishan.docx", tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 10 <= pages <= 20, pages  # notice page + plan of ~11 pages at 22 lines a page
    first = text_of(pdf, 1, 1)
    assert "泰山政字〔2022〕6号" in first
    assert "泰安市泰山区人民政府文件" in first
    assert first.endswith("—1—")
    assert "指导思想" not in first  # the plan starts on a new page
    second = text_of(pdf, 2, 2)
    assert second.startswith(
        "泰安市泰山区国家知识产权强县建设试点县（区）工作方案（2022—2025年）为落实"
    )
    assert "一、指导思想" in second
    assert second.endswith("—2—")
    assert "16.加大知识产权宣传力度。" in text_of(pdf)


def test_fifty_generated_drafts_reopen_and_convert(tmp_path):
    """Every built .docx is valid: python-docx re-opens it and LibreOffice converts it to PDF."""
    _tools()
    import docx
    from conftest import run_cli

    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "gen_profiles.py"),
            "--seed",
            "3",
            "50",
            str(tmp_path / "in"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    built = run_cli("batch", str(tmp_path / "in"), "-o", str(tmp_path / "docx"), "-j", "2")
    assert built.returncode == 0, built.stderr
    drafts = sorted((tmp_path / "docx").glob("*.docx"))
    assert len(drafts) == 50
    for path in drafts:
        assert docx.Document(str(path)).paragraphs[0].text.endswith("人民政府文件")
    env = {**os.environ, "FONTCONFIG_FILE": str(ROOT / "drafter" / "fonts.conf")}
    # Two LibreOffice processes (each with its own profile folder), one per core.
    halves = [drafts[::2], drafts[1::2]]
    converting = [
        subprocess.Popen(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp_path / f'lo{i}'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path / "pdf"),
                *map(str, half),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        for i, half in enumerate(halves)
    ]
    assert [p.wait(timeout=1200) for p in converting] == [0, 0]
    for path in drafts:
        pdf = tmp_path / "pdf" / f"{path.stem}.pdf"
        info = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        pages = int(
            next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))
        )
        assert pages >= 5, (path.name, pages)
