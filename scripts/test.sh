#!/usr/bin/env bash
# The test command: sets up ./.venv when needed, then runs pytest from the repository root.
# Extra arguments go to pytest:  scripts/test.sh tests/unit -q
# Exit code: pytest's. "No tests collected" (pytest's 5) is a failure too.
set -euo pipefail
# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
pole_venv_ready

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
cd "$POLE_ROOT"

rc=0
python -m pytest "$@" || rc=$?
if [ "$rc" -eq 5 ]; then
    echo "error: pytest collected no tests (exit code 5) — treated as a failure." >&2
fi
exit "$rc"
