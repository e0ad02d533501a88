"""Turn off LibreOffice's space between Chinese and Latin text or digits in an .odt.

Word honours w:autoSpaceDE/w:autoSpaceDN="0" (no extra space between Chinese and digits), which
the .docx sets on every paragraph. LibreOffice's DOCX import ignores both (writerfilter's
DomainMapper reads them and does nothing) and keeps its own default, style:text-autospace=
"ideograph-alpha": about a fifth of an em (3 pt at 3号) on each side of every run of digits, so
"2022年12月4日" is 15 pt wider than Word sets it and a sealed date is no longer centred under its
署名. No .docx property reaches that setting, so drafter's PDFs go through an .odt: LibreOffice
converts the .docx to .odt, this sets text-autospace to none in its styles, and LibreOffice
converts that to PDF.

Standard library only: scripts/render.sh runs it as a script (``python3 odf_autospace.py FILE``).
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

PARTS = ("styles.xml", "content.xml")
AUTOSPACE = re.compile(rb'style:text-autospace="ideograph-alpha"')
OFF = b'style:text-autospace="none"'
DEFAULT_STYLE = b'<style:default-style style:family="paragraph"><style:paragraph-properties'


def no_autospace(odt: Path) -> int:
    """Rewrite ``odt`` in place with text-autospace off in every paragraph style; the number of
    settings changed (the default paragraph style's is added when it names none)."""
    changed = 0
    with tempfile.NamedTemporaryFile(dir=odt.parent, suffix=".odt", delete=False) as tmp:
        out_path = Path(tmp.name)
    try:
        with zipfile.ZipFile(odt) as src, zipfile.ZipFile(out_path, "w") as out:
            for info in src.infolist():
                data = src.read(info)
                if info.filename in PARTS:
                    data, n = AUTOSPACE.subn(OFF, data)
                    changed += n
                    if info.filename == "styles.xml" and n == 0 and DEFAULT_STYLE in data:
                        data = data.replace(DEFAULT_STYLE, DEFAULT_STYLE + b" " + OFF, 1)
                        changed += 1
                # mimetype first and stored, as ODF asks; the rest as they were
                out.writestr(info, data, compress_type=info.compress_type)
        shutil.move(str(out_path), odt)
    finally:
        out_path.unlink(missing_ok=True)
    return changed


if __name__ == "__main__":
    for name in sys.argv[1:]:
        no_autospace(Path(name))
