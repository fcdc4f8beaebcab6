#!/usr/bin/env bash
# Build the Linux desktop bundle dist/pole-desktop/ (pole-desktop + pole-desktop-cli) from this
# checkout, in a fresh virtual environment, then run its self-test and print its size.
#
#   ./scripts/build_bundle.sh            # Python 3.11+ as python3; PYTHON=python3.12 to choose
#
# The bundle is built from a clean installed tree: `pip install ".[build]"` (not editable) into
# build/bundle-venv, which is recreated every time, so nothing from a development venv (test tools,
# extra packages) ends up in the bundle. PyInstaller's work files go to build/pyinstaller.
# Needs the network or a local wheel mirror for pip, and the system libraries Qt needs (see
# README "Construire l'installateur").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

python="${PYTHON:-python3}"
venv="$ROOT/build/bundle-venv"
t0=$SECONDS

echo "==> Fresh virtual environment in $venv" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$venv/bin/python" -m pip install --quiet ".[build]"
# pip's build of the non-editable install leaves build/lib* behind: not needed any more.
rm -rf "$ROOT"/build/lib "$ROOT"/build/bdist.* "$ROOT"/*.egg-info

echo "==> PyInstaller (build_installer.spec)" >&2
rm -rf "$ROOT/dist/pole-desktop"
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --workpath "$ROOT/build/pyinstaller" --distpath "$ROOT/dist" build_installer.spec

bundle="$ROOT/dist/pole-desktop"
echo "==> Self-test of the bundle (no Python on PATH)" >&2
env -i PATH=/usr/bin:/bin HOME="${HOME:-/tmp}" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    "$bundle/pole-desktop" --self-test
"$bundle/pole-desktop-cli" --version

size_mb=$(du -sm "$bundle" | cut -f1)
echo "Bundle: $bundle — ${size_mb} Mo, construit en $((SECONDS - t0)) s."
