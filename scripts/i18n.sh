#!/usr/bin/env bash
# Message catalogues: extract the English ids from drafter/, merge them into each .po, compile .mo.
# Translate new entries in drafter/locale/<lang>/LC_MESSAGES/drafter.po between update and compile.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel extract -k _ -k ngettext:1,2 --no-default-keywords --sort-by-file --project=drafter \
  -F babel.cfg -o drafter/locale/drafter.pot .
pybabel update -D drafter -i drafter/locale/drafter.pot -d drafter/locale --no-fuzzy-matching
pybabel compile -D drafter -d drafter/locale --statistics
