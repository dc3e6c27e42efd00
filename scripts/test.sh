#!/usr/bin/env bash
# Sets up what is missing, then builds and runs every test through ctest: the gtest binary of
# each stage, each tests/python/test_*.py, and the find_package(sameas) consumer.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"

cd "$ROOT"
cmake --preset dev -DSAMEAS_PYTHON="$PY" >/dev/null
cmake --build --preset dev
ctest --preset dev --parallel "$(nproc)" "$@"
