#!/usr/bin/env bash
# Rebuild examples/: the golden Markdown of the seed counties and of the made-up example counties
# (tests compare fresh builds with it)
# and PNG renders of the 泰山区 draft's first two pages (needs LibreOffice and pdftoppm).
# usage: scripts/refresh_examples.sh [--md-only]
set -euo pipefail
cd "$(dirname "$0")/.."
python -m drafter build profiles/taishan.yaml profiles/rongcheng.yaml -o examples --format md
python -m drafter build examples/wangchuan.yaml examples/min-an.yaml -o examples --format md   # made-up counties
[ "${1:-}" = "--md-only" ] && exit 0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python -m drafter build profiles/taishan.yaml -o "$tmp" --format docx
bash scripts/render.sh "$tmp/taishan.docx" "$tmp/render" 2 >/dev/null
pages=("$tmp"/render/taishan-page-*.png)   # pdftoppm pads the page number to the page count's width
cp "${pages[0]}" examples/taishan-page-1.png
cp "${pages[1]}" examples/taishan-page-2.png
echo "examples/ refreshed"
