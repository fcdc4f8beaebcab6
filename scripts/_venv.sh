# shellcheck shell=bash
# Shared set-up of the project's virtual environment, sourced by scripts/test.sh and
# scripts/run-demo.sh (not meant to be run on its own).
#
#   source "$(dirname "$0")/_venv.sh"; pole_venv_ready
#
# Creates ./.venv with `python3 -m venv` if it is missing, and runs
# `pip install -e ".[test,build]"` only when pyproject.toml (or the checkout's path) changed
# since the last successful install: a stamp file inside .venv remembers what was installed.
# Afterwards $POLE_ROOT is the repository, $POLE_VENV the venv, and its bin/ is first on PATH.

POLE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POLE_VENV="$POLE_ROOT/.venv"

pole_venv_ready() {
    local python="${PYTHON:-python3}"
    local stamp="$POLE_VENV/.pole-install-stamp"

    if [ ! -x "$POLE_VENV/bin/python" ]; then
        if ! command -v "$python" >/dev/null 2>&1; then
            echo "error: $python not found; Python 3.11 or newer is needed." >&2
            return 1
        fi
        echo "Creating the virtual environment in $POLE_VENV ..." >&2
        if ! "$python" -m venv "$POLE_VENV"; then
            rm -rf "$POLE_VENV"  # never leave a half-made venv behind: the next run would trust it
            echo "error: '$python -m venv' failed (on Debian/Ubuntu: apt-get install python3-venv)." >&2
            return 1
        fi
    fi

    # What the install depends on: the dependency list and where the editable checkout lives.
    local wanted
    wanted="$(sha256sum "$POLE_ROOT/pyproject.toml" | cut -d' ' -f1) $POLE_ROOT"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
        echo "Installing pole-desktop and its dependencies into $POLE_VENV (pyproject.toml changed) ..." >&2
        rm -f "$stamp"
        PIP_DISABLE_PIP_VERSION_CHECK=1 "$POLE_VENV/bin/python" -m pip install --quiet \
            -e "${POLE_ROOT}[test,build]" || {
            echo "error: pip install failed; nothing was marked as installed." >&2
            return 1
        }
        printf '%s\n' "$wanted" >"$stamp"
    fi

    export VIRTUAL_ENV="$POLE_VENV"
    export PATH="$POLE_VENV/bin:$PATH"
}
