"""LibreOffice conversions for the tests: many drafts to one soffice run.

A soffice start costs about 1.7 s of CPU on the 2-core CI machine and a draft's conversion
0.3-0.5 s, so a test that converts its own draft (scripts/render.sh: two starts) spends most of
its time starting LibreOffice. Here a list of drafts goes through the pipeline of drafter's PDF
writer (drafter/writers/pdf.py) once: .docx -> .odt in one run, the Chinese-digit autospace
turned off in each .odt, .odt -> PDF in a second run. Outputs are kept under the folder given,
each draft's under a digest of its bytes, so the same draft asked for twice converts once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from drafter.writers.odf_autospace import no_autospace
from drafter.writers.pdf import FONTS_CONF, PDF_FILTER

TIMEOUT_S = 600  # one soffice run over every draft given, on a loaded machine


def soffice_env() -> dict[str, str]:
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}


def soffice(target: str, sources: Iterable[Path], outdir: Path, profile: Path) -> None:
    """One headless soffice run converting every source to ``target`` into ``outdir``."""
    sources = list(sources)
    done = subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        env=soffice_env(),
        timeout=TIMEOUT_S,
    )
    suffix = "." + target.split(":")[0]
    missing = [s.name for s in sources if not (outdir / (s.stem + suffix)).is_file()]
    assert done.returncode == 0 and not missing, (done.returncode, missing, done.stderr[-500:])


def to_pdfs(drafts: Mapping[str, Path], folder: Path) -> dict[str, Path]:
    """Each draft (name -> .docx) as drafter's PDF writer renders it; name -> PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    keyed = {
        name: hashlib.sha256(path.read_bytes()).hexdigest()[:16] for name, path in drafts.items()
    }
    work = folder / "work"
    work.mkdir(exist_ok=True)
    todo = sorted({key for key in keyed.values() if not (folder / f"{key}.pdf").is_file()})
    if todo:
        by_key = {key: path for name, path in drafts.items() for key in [keyed[name]]}
        for key in todo:
            shutil.copyfile(by_key[key], work / f"{key}.docx")
        profile = folder / "profile"
        soffice("odt", (work / f"{k}.docx" for k in todo), work, profile)
        for key in todo:
            no_autospace(work / f"{key}.odt")
        soffice(PDF_FILTER, (work / f"{k}.odt" for k in todo), folder, profile)
    return {name: folder / f"{key}.pdf" for name, key in keyed.items()}
