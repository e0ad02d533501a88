#!/usr/bin/env bash
# Render a .docx to PDF (LibreOffice) and its first pages to PNG (pdftoppm).
# usage: scripts/render.sh FILE.docx OUTDIR [PAGES]
set -euo pipefail
docx=$1; outdir=$2; pages=${3:-2}
here=$(cd "$(dirname "$0")" && pwd)
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-writer-nogui fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai texlive-lang-chinese fonts-liberation2" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "pdftoppm not found: apt-get install poppler-utils" >&2; exit 1; }
mkdir -p "$outdir"
# as drafter/writers/pdf.py does: drafter/writers/soffice.py's one LibreOffice run, with the
# Chinese–digit autospace off (LibreOffice ignores the .docx's) and the blank page LibreOffice
# inserts before the 版记's even page kept
python3 "$here/../drafter/writers/soffice.py" "$outdir" "$docx"
pdf="$outdir/$(basename "${docx%.docx}").pdf"
pdftoppm -png -r 70 -f 1 -l "$pages" "$pdf" "$outdir/$(basename "${docx%.docx}")-page"
echo "$pdf"
