#!/usr/bin/env bash
# Rebuild examples/: the golden Markdown of the seed counties and of the made-up example counties
# (tests compare fresh builds with it) and PNG renders of the 泰山区 draft: the notice's first page
# and the plan's first page (needs LibreOffice and poppler; fonts as README lists them).
# usage: scripts/refresh_examples.sh [--md-only]
set -euo pipefail
cd "$(dirname "$0")/.."
python -m drafter build profiles/taishan.yaml profiles/rongcheng.yaml -o examples --format md
python -m drafter build examples/wangchuan.yaml examples/min-an.yaml -o examples --format md   # made-up counties
# one example per further genre: seed 002's 实施意见 (济宁市) and four made-up counties
python -m drafter build examples/jining.yaml examples/qinghe-action.yaml examples/lanhai-protection.yaml \
  examples/chengpu-district.yaml examples/anhe-promotion.yaml -o examples --format md
# the 起草说明 of one made-up county (examples/min-an-notes.md)
tmp_notes=$(mktemp -d)
python -m drafter build examples/min-an.yaml -o "$tmp_notes" --format notes
mv "$tmp_notes/min-an.notes.md" examples/min-an-notes.md && rm -rf "$tmp_notes"
[ "${1:-}" = "--md-only" ] && exit 0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python -m drafter build profiles/taishan.yaml -o "$tmp" --format docx
pdf=$(bash scripts/render.sh "$tmp/taishan.docx" "$tmp/render" 1 2>/dev/null | tail -1)
# The plan starts on the first page after the notice that does not hold its sign-off.
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
plan=""
for ((n = 2; n <= pages; n++)); do
  if pdftotext -f "$n" -l "$n" "$pdf" - | tr -d ' \n' | grep -q '一、'; then plan=$n; break; fi
done
[ -n "$plan" ] || { echo "no plan page found in $pdf" >&2; exit 1; }
pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$pdf" examples/taishan-notice
pdftoppm -png -r 70 -f "$plan" -l "$plan" -singlefile "$pdf" examples/taishan-plan
rm -f examples/taishan-page-1.png examples/taishan-page-2.png
echo "examples/ refreshed (notice page 1, plan page $plan)"
