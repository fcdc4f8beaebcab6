#!/usr/bin/env bash
# The benchmark from a fresh clone: sets up ./.venv when needed (like scripts/test.sh), then runs
# scripts/bench.py with the arguments given:  scripts/bench.sh [--quick] [--json FICHIER]
set -euo pipefail
# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
pole_venv_ready
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
cd "$POLE_ROOT"
exec python scripts/bench.py "$@"
