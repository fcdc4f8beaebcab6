"""``pole-desktop-cli report``: PDF, CSV or XLSX by extension; French errors and exit codes."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pypdf
import pytest

from pole_desktop.cli import main
from pole_desktop.demo import generate
from pole_desktop.paths import DataDir
from pole_desktop.storage.database import Database
from tests.infra.encrypted import passphrase_mode


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    """The module's data directory is shared by its tests, each with a fresh in-memory keyring:
    a passphrase (the same for all) keeps the encrypted data readable from one test to the next."""
    passphrase_mode(monkeypatch)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli") / "data"
    db = Database.open(DataDir.at(root))
    generate(db, "tiny", seed=1, today=dt.date(2026, 11, 26))
    db.close()
    return root


def run(demo_dir: Path, out: Path, *extra: str) -> int:
    return main(["report", "--data-dir", str(demo_dir), "--from", "2026-01-01", "--to", "2026-12-31",
                 "--out", str(out), *extra])


def test_pdf_csv_xlsx_by_extension(demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(demo_dir, tmp_path / "bilan.pdf") == 0
    pdf = (tmp_path / "bilan.pdf").read_bytes()
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Bilan d'activité" in text and "1er janvier 2026" in text
    assert run(demo_dir, tmp_path / "bilan.csv") == 0
    csv_text = (tmp_path / "bilan.csv").read_bytes()
    assert csv_text.startswith(b"\xef\xbb\xbf") and "Personnes accompagnées;".encode() in csv_text
    assert run(demo_dir, tmp_path / "bilan.xlsx", "--dispositif", "graines") == 0
    wb = openpyxl.load_workbook(tmp_path / "bilan.xlsx")
    values = {r[0]: r[1] for r in wb["Synthèse"].iter_rows(values_only=True) if r[0]}
    assert values["Dispositif"] == "Graines d'Actions"
    assert "écrit dans" in capsys.readouterr().out


def test_dispositif_by_name_accent_insensitive(demo_dir: Path, tmp_path: Path) -> None:
    assert run(demo_dir, tmp_path / "a.csv", "--dispositif", "generateur bfc") == 0
    assert "Générateur BFC".encode() in (tmp_path / "a.csv").read_bytes()


def test_bad_dispositif_is_a_french_error(demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(demo_dir, tmp_path / "a.pdf", "--dispositif", "inconnu") == 2
    err = capsys.readouterr().err
    assert "dispositif inconnu « inconnu »" in err and "Puls'Actions" in err
    assert not (tmp_path / "a.pdf").exists()


def test_bad_extension_and_dates(demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(demo_dir, tmp_path / "a.docx") == 2
    assert "choisissez .pdf, .csv ou .xlsx" in capsys.readouterr().err
    code = main(["report", "--data-dir", str(demo_dir), "--from", "2026-13-01", "--to", "2026-12-31",
                 "--out", str(tmp_path / "a.pdf")])
    assert code == 2
    assert "AAAA-MM-JJ" in capsys.readouterr().err
    code = main(["report", "--data-dir", str(demo_dir), "--from", "2026-12-31", "--to", "2026-01-01",
                 "--out", str(tmp_path / "a.pdf")])
    assert code == 2
    assert "précède" in capsys.readouterr().err
    assert run(demo_dir, tmp_path / "a.csv", "--epci", "123") == 2
    assert "EPCI inconnu" in capsys.readouterr().err
