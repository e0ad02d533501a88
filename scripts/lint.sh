#!/usr/bin/env bash
# Static checks CI runs before the tests: ruff (lint and format) and mypy; config in pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check drafter tests bench scripts
ruff format --check drafter tests bench scripts
mypy drafter
