"""LibreOffice's conversions: many .docx files to PDF in one headless soffice run.

A soffice start costs about 1.4 s of CPU and a draft's conversion 0.3 s, so every PDF drafter
makes goes through here, as many at once as the caller has: the PDF writer's one draft, the
tests' dozens (split between two soffice runs, one a core, when there are many).

One run is one Basic macro (MACRO, installed in a scratch user profile) that opens each .docx,
turns off LibreOffice's space between Chinese and Latin text or digits and its hanging
punctuation, and exports the PDF.
Word honours the .docx's w:autoSpaceDE/DN="0" (no extra space between Chinese and digits);
LibreOffice's DOCX import ignores both and keeps its default paragraph style's
ParaIsCharacterDistance (text-autospace="ideograph-alpha": about 3 pt at 3号 on each side of a
run of digits, so a sealed date is no longer centred under its 署名), and no .docx property
reaches it; the macro sets it off in the document's defaults before the export. (Before this,
each conversion was two soffice runs: .docx -> .odt, the setting edited in the .odt's XML,
.odt -> PDF.) Hanging punctuation goes off in the default paragraph style ("Standard", where
the .docx's defaults land): on a justified line LibreOffice 7.4 does not draw a ，、。 that hangs
past the line's end (济宁市's PDF lacked 13), and its DOCX import reads w:overflowPunct
backwards (val="0", no hanging to Word, turns ParaIsHangingPunctuation on). (Set in every
paragraph style, or in the defaults as well, it crashed soffice on the next draft with tables.)
The export keeps the blank page LibreOffice inserts before a section that starts on an even
page (the 版记's, GB/T 9704 7.4): printed on both sides, the pages must be all there.

Standard library only: scripts/render.sh runs it as a script
(``python3 soffice.py OUTDIR FILE.docx...``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.sax.saxutils import escape

FONTS_CONF = Path(__file__).resolve().parent.parent / "fonts.conf"
TIMEOUT_S = 300  # one run, on a loaded machine
PER_FILE_S = 10  # and this more for each file it converts
PARALLEL_FROM = 8  # files in one call from which two soffice runs share them
# Each list entry is three lines: how (SOLID: autospace off, as drafter's PDF is; AS_IS: as
# LibreOffice sets the .docx by itself), the .docx, the PDF.
SOLID, AS_IS = "solid", "as-is"

MACRO = """\
Sub ToPdf(listFile As String, logFile As String)
	On Error GoTo Done
	Dim n As Integer, log As Integer
	n = FreeFile
	Open listFile For Input As #n
	log = FreeFile
	Open logFile For Output As #log
	Do While Not EOF(n)
		Line Input #n, how
		Line Input #n, source
		Line Input #n, target
		Print #log, ConvertOne(how, source, target)
	Loop
Done:
	On Error Resume Next
	Close
	StarDesktop.terminate()
End Sub

Function ConvertOne(how, source, target) As String
	On Error GoTo Failed
	Dim hidden(1) As New com.sun.star.beans.PropertyValue
	hidden(0).Name = "Hidden"
	hidden(0).Value = True
	hidden(1).Name = "ReadOnly"
	hidden(1).Value = True
	Dim filterData(0) As New com.sun.star.beans.PropertyValue
	filterData(0).Name = "IsSkipEmptyPages"
	filterData(0).Value = False
	Dim export(1) As New com.sun.star.beans.PropertyValue
	export(0).Name = "FilterName"
	export(0).Value = "writer_pdf_Export"
	export(1).Name = "FilterData"
	export(1).Value = filterData()
	doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), "_blank", 0, hidden())
	If how = "solid" Then
		doc.createInstance("com.sun.star.text.Defaults").ParaIsCharacterDistance = False
		doc.StyleFamilies.getByName("ParagraphStyles").getByName("Standard").ParaIsHangingPunctuation = False
	End If
	doc.storeToURL(ConvertToURL(target), export())
	doc.close(True)
	ConvertOne = "ok " & target
	Exit Function
Failed:
	ConvertOne = "failed " & target & ": " & Error$
	Resume Closing
Closing:
	On Error Resume Next
	doc.close(True)
End Function
"""

_LIBRARIES = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" \
xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""
_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" \
library:readonly="false" library:passwordprotected="false">{element}</library:library>
"""
_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" \
script:language="StarBasic">{code}</script:module>
"""
# ooSetupInstCompleted: a profile LibreOffice has set up already, so its first start does not
# copy its presets over the macro; no thumbnail, no first-run work.
_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" \
oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" \
oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="GenerateThumbnail" \
oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


class ConversionFailed(Exception):
    """LibreOffice is missing, timed out, or left some PDFs unmade; the message says which."""


def executable() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def env() -> dict[str, str]:
    """The environment soffice runs in: drafter's font substitutes (fonts.conf)."""
    out = dict(os.environ)
    if FONTS_CONF.is_file():
        out["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return out


def make_profile(folder: Path) -> Path:
    """A LibreOffice user profile in ``folder`` holding MACRO; its file:// URL's path."""
    basic = folder / "user" / "basic"
    (basic / "Standard").mkdir(parents=True, exist_ok=True)
    (folder / "user" / "registrymodifications.xcu").write_text(_SETTINGS, encoding="utf-8")
    for name in ("script.xlc", "dialog.xlc"):
        (basic / name).write_text(_LIBRARIES, encoding="utf-8")
    element = '<library:element library:name="Module1"/>'
    (basic / "Standard" / "script.xlb").write_text(_LIBRARY.format(element=element), "utf-8")
    (basic / "Standard" / "dialog.xlb").write_text(_LIBRARY.format(element=""), "utf-8")
    (basic / "Standard" / "Module1.xba").write_text(_MODULE.format(code=escape(MACRO)), "utf-8")
    return folder


_STYLE = re.compile(r"<w:style [^>]*>.*?</w:style>", re.S)  # styles do not nest
_STYLE_ID = re.compile(r'w:styleId="([^"]+)"')
_STYLE_USE = re.compile(r'<w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) w:val="([^"]+)"')
_STYLE_REF = re.compile(r'<w:(?:basedOn|link|next) w:val="([^"]+)"')
_LATENT = re.compile(r"<w:latentStyles[ >].*?</w:latentStyles>", re.S)


def lean_styles(styles: str, parts: str) -> str:
    """styles.xml without the styles no part uses (nor any style they are based on, linked to or
    followed by, nor a default) and without the latent styles, which only Word's menus read.
    python-docx's template brings 164 styles, of which a draft uses about 20: reading the
    rest is a quarter of LibreOffice's time on a draft, and the PDF is the same."""
    blocks = {m.group(1): b for b in _STYLE.findall(styles) if (m := _STYLE_ID.search(b))}
    keep = set(_STYLE_USE.findall(parts)) | {k for k, b in blocks.items() if 'w:default="1"' in b}
    todo = list(keep)
    while todo:
        for ref in _STYLE_REF.findall(blocks.get(todo.pop(), "")):
            if ref not in keep:
                keep.add(ref)
                todo.append(ref)
    lean = _STYLE.sub(lambda m: m.group(0) if _style_id(m.group(0)) in keep else "", styles)
    return _LATENT.sub("", lean)


def _style_id(block: str) -> str | None:
    m = _STYLE_ID.search(block)
    return m.group(1) if m else None


def lean_copy(source: Path, target: Path) -> None:
    """``source`` copied to ``target`` with lean_styles' styles.xml (stored, not compressed: it
    is read once, at once); a file that is not a .docx, as it is; a missing one, not at all."""
    try:
        with zipfile.ZipFile(source) as docx:
            parts = {info.filename: docx.read(info) for info in docx.infolist()}
    except FileNotFoundError:
        return
    except (zipfile.BadZipFile, OSError):
        shutil.copyfile(source, target)
        return
    styles = parts.get("word/styles.xml")
    if styles is not None:
        text = b"".join(
            v for k, v in parts.items() if k.startswith("word/") and k != "word/styles.xml"
        ).decode("utf-8", "replace")
        parts["word/styles.xml"] = lean_styles(styles.decode("utf-8"), text).encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as out:
        for name, data in parts.items():
            out.writestr(name, data)


def convert(jobs: Sequence[tuple[Path, Path]], how: Sequence[str] | None = None) -> None:
    """Convert each (.docx, PDF) pair: in one soffice run, or two side by side when there are
    PARALLEL_FROM or more. ``how`` gives each pair's SOLID (the default) or AS_IS. Raises
    ConversionFailed naming every PDF not made."""
    exe = executable()
    if exe is None:
        raise ConversionFailed("soffice not found")
    modes = list(how) if how is not None else [SOLID] * len(jobs)
    entries = [
        (m, Path(s).resolve(), Path(t).resolve()) for m, (s, t) in zip(modes, jobs, strict=True)
    ]
    halves = [entries[0::2], entries[1::2]] if len(entries) >= PARALLEL_FROM else [entries]
    with ThreadPoolExecutor(len(halves)) as pool:
        problems = [p for found in pool.map(lambda h: _run(exe, h), halves) for p in found]
    if problems:
        raise ConversionFailed("; ".join(problems))


def _run(exe: str, entries: list[tuple[str, Path, Path]]) -> list[str]:
    """One soffice run over ``entries``; what went wrong, one line a PDF not made. LibreOffice
    reads and writes only in a scratch folder, under plain names (the macro's list is read in
    the system's encoding and a line a name); each PDF made is then moved to its target."""
    if not entries:
        return []
    with tempfile.TemporaryDirectory(prefix="drafter-soffice-") as tmp:
        work = Path(tmp)
        profile = make_profile(work / "profile")
        jobs, log = work / "jobs.txt", work / "log.txt"
        lines = []
        for k, (how, source, _) in enumerate(entries):
            lean_copy(source, work / f"{k}.docx")
            lines += [how, str(work / f"{k}.docx"), str(work / f"{k}.pdf")]
        jobs.write_text("\n".join(lines) + "\n", encoding="utf-8")
        macro = f'macro:///Standard.Module1.ToPdf("{jobs}","{log}")'
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", macro]
        timeout = TIMEOUT_S + PER_FILE_S * len(entries)
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env())
            detail = (done.stderr or done.stdout).strip()[-300:] or "no message"
        except subprocess.TimeoutExpired:
            detail = f"timed out after {timeout} s"
        said = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
        why = {}  # the macro's line for each PDF it could not make: "failed PATH: error"
        for line in said.splitlines():
            if line.startswith("failed ") and ": " in line:
                where, error = line[len("failed ") :].split(": ", 1)
                why[where] = error
        problems = []
        for k, (_, source, target) in enumerate(entries):
            made = work / f"{k}.pdf"
            if made.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(made), target)
            else:
                target.unlink(missing_ok=True)
                problems.append(
                    f"{target.name} not made from {source.name}: {why.get(str(made), detail)}"
                )
    return problems


if __name__ == "__main__":
    outdir = Path(sys.argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    convert([(Path(d), outdir / (Path(d).stem + ".pdf")) for d in sys.argv[2:]])
