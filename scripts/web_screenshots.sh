#!/usr/bin/env bash
# Refresh README's screenshots of the web app (examples/web/*.png): they are the ones the browser
# test (tests/test_web_browser.py) takes while a clerk drafts a new county in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p examples/web
DRAFTER_SCREENSHOTS=examples/web python -m pytest tests/test_web_browser.py -q -p no:cacheprovider
ls -l examples/web/*.png
