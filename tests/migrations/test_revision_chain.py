"""Start-up reads the revision chain without importing Alembic: it must agree with Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pole_desktop.storage import migrate

ROOT = Path(__file__).resolve().parents[2]


def test_revision_chain_matches_alembic() -> None:
    script = migrate.script_directory()
    assert migrate.head_revision() == script.get_current_head()
    expected = {
        r.revision: tuple(sorted(r._all_down_revisions)) for r in script.walk_revisions()
    }
    assert {k: tuple(sorted(v)) for k, v in migrate.known_revisions().items()} == expected


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path: Path) -> None:
    from pole_desktop.paths import DataDir
    from pole_desktop.storage.database import Database

    Database.open(DataDir.at(tmp_path)).close()  # create and migrate
    code = (
        "import sys\n"
        "from pole_desktop.paths import DataDir\n"
        "from pole_desktop.storage.database import Database\n"
        f"Database.open(DataDir.at({str(tmp_path)!r})).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"
