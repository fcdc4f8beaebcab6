"""Reading real-world files: CSV encodings and separators, multi-line quoted fields, XLSX, ODS."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pole_desktop.importing import readers
from tests.unit.import_samples import HEADERS, ROWS, write_csv, write_ods, write_xlsx


@pytest.mark.parametrize(("encoding", "bom", "expected"), [
    ("utf-8", False, "utf-8"), ("utf-8", True, "utf-8-sig"), ("cp1252", False, "cp1252"), ("latin-1", False, "latin-1"),
])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_encoding_and_separator_detected(tmp_path: Path, encoding: str, bom: bool, expected: str,
                                             delimiter: str) -> None:
    rows = [r[:] for r in ROWS]
    if encoding == "latin-1":  # Latin-1 has no œ
        rows[2][7] = "Ça marche"
    path = write_csv(tmp_path / "f.csv", rows, encoding=encoding, delimiter=delimiter, bom=bom)
    src = readers.open_source(path)
    assert src.encoding == expected
    assert src.delimiter == delimiter
    assert src.headers == HEADERS
    got = list(src.rows())
    assert [n for n, _ in got] == [2, 4, 5]  # the user's line numbers: row 2 spans two lines
    assert got[0][1][0] == "LEFÈVRE-DUPONT Hélène"
    assert got[0][1][7] == "Projet d'épicerie ;\nligne 2"
    assert got[2][1][7] == rows[2][7]


def test_user_can_override_the_encoding(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", ROWS, encoding="cp1252")
    assert readers.open_source(path, encoding="cp1252").headers == HEADERS
    # Read as UTF-8 against the detection: unreadable bytes become U+FFFD, the file still opens.
    assert "\ufffd" in readers.open_source(path, encoding="utf-8").headers[0]
    with pytest.raises(readers.ReadError, match="Encodage inconnu"):
        readers.open_source(path, encoding="klingon")


def test_xlsx_streamed_with_sheets_and_date_cells(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "f.xlsx", {
        "2019": [["titre du classeur"], [], HEADERS, ["MARTIN Élodie", 380509047, None, dt.datetime(1985, 2, 3)]],
        "2020": [HEADERS, ["BERNARD Noël", None, None, 31000]],
    })
    src = readers.open_source(path)
    assert src.sheets == ["2019", "2020"] and src.sheet == "2019"
    assert src.headers == HEADERS  # the title line above the header row is skipped
    [(number, values)] = list(src.rows())
    assert number == 4 and values[:4] == ["MARTIN Élodie", 380509047, None, dt.datetime(1985, 2, 3)]
    src = readers.open_source(path, sheet="2020")
    assert src.headers == HEADERS
    assert [(n, v[:4]) for n, v in src.rows()] == [(2, ["BERNARD Noël", None, None, 31000])]
    with pytest.raises(readers.ReadError, match="Feuille « 2030 » introuvable"):
        readers.open_source(path, sheet="2030")


def test_ods_read(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "f.ods", [HEADERS[:4], ["MARTIN Élodie", "03 80 50 90 47", "e@exemple.fr",
                                                         dt.date(1985, 2, 3)]])
    src = readers.open_source(path)
    assert src.headers == HEADERS[:4]
    [(number, values)] = list(src.rows())
    assert number == 2 and values[0] == "MARTIN Élodie"
    assert values[3] in (dt.date(1985, 2, 3), dt.datetime(1985, 2, 3))


def test_unreadable_files_get_a_french_message(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    with pytest.raises(readers.ReadError, match="endommagé"):
        readers.open_source(tmp_path / "x.xlsx")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(readers.ReadError, match="non pris en charge"):
        readers.open_source(tmp_path / "x.pdf")
    (tmp_path / "vide.csv").write_bytes(b"")
    with pytest.raises(readers.ReadError, match="aucune ligne"):
        readers.open_source(tmp_path / "vide.csv")
    with pytest.raises(readers.ReadError, match="introuvable"):
        readers.open_source(tmp_path / "absent.csv")
