#!/usr/bin/env bash
# Try the application on generated demo data: sets up ./.venv when needed, creates ./demo-data
# the first time (small, reproducible: seed 1), then starts the application on it.
set -euo pipefail
# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
pole_venv_ready
cd "$POLE_ROOT"

data_dir=./demo-data
has_database() {
    # Any SQLite/SQLCipher database file at the top of the data folder counts.
    compgen -G "$data_dir/*.db" >/dev/null || compgen -G "$data_dir/*.sqlite" >/dev/null ||
        compgen -G "$data_dir/*.sqlite3" >/dev/null
}

if ! has_database; then
    echo "Creating demo data in $data_dir ..." >&2
    # The head-office share is a local folder beside it: « Synchroniser maintenant » works at once.
    pole-desktop-cli demo --data-dir "$data_dir" --scale small --seed 1 --share ./demo-share
fi
exec pole-desktop --data-dir "$data_dir" "$@"
