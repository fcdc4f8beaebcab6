"""Sample spreadsheets made by the import tests themselves (invented people, no personal data)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl

HEADERS = ["NOM Prénom", "Tél.", "Courriel", "Date de naissance", "CP", "Ville", "Situation", "Observations"]
ROWS = [
    ["LEFÈVRE-DUPONT Hélène", "03 80 50 90 47", "helene.lefevre@exemple.fr", "03/04/1980", "21000", "Dijon",
     "Demandeur d'emploi", "Projet d'épicerie ;\nligne 2"],
    ["MARTIN Élodie", "+33 6 12 34 56 78", "elodie.martin@exemple.fr", "1985", "21160", "Marsannay-la-Côte",
     "RSA", ""],
    ["BERNARD Noël", "0612345679", "", "12/01/92", "", "Beaune", "Salarié", "Ça marche, œuvre"],
]


def write_csv(path: Path, rows: list[list[Any]], *, encoding: str = "utf-8", delimiter: str = ";",
              headers: list[str] = HEADERS, bom: bool = False) -> Path:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(headers)
    w.writerows(rows)
    data = buf.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def write_ods(path: Path, rows: list[list[Any]], sheet: str = "Feuille1") -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice writes, without styles)."""
    def cell(v: Any) -> str:
        if isinstance(v, dt.date):
            return (f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
                    f"<text:p>{v:%d/%m/%Y}</text:p></table:table-cell>")
        if isinstance(v, int | float):
            return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                    f"<text:p>{v}</text:p></table:table-cell>")
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content)
    return path


def people_rows(n: int, start: int = 0, invalid_every: int = 0) -> list[list[Any]]:
    """``n`` invented people; every ``invalid_every``-th row has an unreadable phone."""
    out = []
    for i in range(start, start + n):
        phone = f"03 80 {i // 10000 % 100:02d} {i // 100 % 100:02d} {i % 100:02d}"
        if invalid_every and i % invalid_every == invalid_every - 1:
            phone = "12-34"
        out.append([f"NOM{i:06d} Prénom{i}", phone, f"personne{i}@exemple.fr", 1950 + i % 50, "21000", "Dijon",
                    "", ""])
    return out
