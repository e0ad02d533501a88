#!/usr/bin/env bash
# Render a .docx to PDF (LibreOffice) and its first pages to PNG (pdftoppm).
# usage: scripts/render.sh FILE.docx OUTDIR [PAGES]
set -euo pipefail
docx=$1; outdir=$2; pages=${3:-2}
here=$(cd "$(dirname "$0")" && pwd)
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-writer-nogui fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai texlive-lang-chinese fonts-liberation2" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "pdftoppm not found: apt-get install poppler-utils" >&2; exit 1; }
mkdir -p "$outdir"
export FONTCONFIG_FILE="$here/../drafter/fonts.conf"
profile_dir=$(mktemp -d)
trap 'rm -rf "$profile_dir"' EXIT
# as drafter/writers/pdf.py does: through an .odt with the Chinese–digit autospace off
# (drafter/writers/odf_autospace.py: LibreOffice ignores the .docx's), then to PDF, keeping the
# blank page LibreOffice inserts before the 版记's even page (PDF_FILTER there)
filter='pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
stem=$(basename "${docx%.docx}")
work=$(mktemp -d)
trap 'rm -rf "$profile_dir" "$work"' EXIT
soffice -env:UserInstallation=file://"$profile_dir" --headless --convert-to odt --outdir "$work" "$docx" >/dev/null
python3 "$here/../drafter/writers/odf_autospace.py" "$work/$stem.odt"
soffice -env:UserInstallation=file://"$profile_dir" --headless --convert-to "$filter" --outdir "$outdir" "$work/$stem.odt" >/dev/null
pdf="$outdir/$(basename "${docx%.docx}").pdf"
pdftoppm -png -r 70 -f 1 -l "$pages" "$pdf" "$outdir/$(basename "${docx%.docx}")-page"
echo "$pdf"
