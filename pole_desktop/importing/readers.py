"""Reading spreadsheet rows as streams: CSV (encoding and separator detected), XLSX, XLS, ODS.

XLSX is read with openpyxl in read-only mode (rows streamed from the zip, flat memory); ODS and
XLS with python-calamine (a Rust reader; it loads one sheet at a time). CSV: UTF-8 with or
without BOM, Windows-1252 or Latin-1 (detected, overridable), ``;`` ``,`` or tab (sniffed),
quoted fields with line breaks.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")
ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (avec BOM)", "cp1252": "Windows-1252", "latin-1": "Latin-1"}
_SAMPLE = 256 * 1024


class ReadError(Exception):
    """The file cannot be read at all (French message)."""


@dataclass
class Source:
    """One sheet of one file: its headers and a way to stream its data rows again."""

    path: Path
    kind: str  # "csv", "xlsx", "calamine"
    sheets: list[str]
    sheet: str | None
    headers: list[str]
    encoding: str | None = None
    delimiter: str | None = None
    _sha256: str | None = field(default=None, repr=False)

    @property
    def encoding_label(self) -> str:
        return ENCODINGS.get(self.encoding or "", self.encoding or "")

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(row number as the user sees it in the spreadsheet, values) for every non-empty data row."""
        for number, values in _raw_rows(self):
            if number <= self._header_row:
                continue
            if any(v not in (None, "") and not (isinstance(v, str) and not v.strip()) for v in values):
                yield number, values

    _header_row: int = 1

    def sha256(self) -> str:
        if self._sha256 is None:
            h = hashlib.sha256()
            with self.path.open("rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            self._sha256 = h.hexdigest()
        return self._sha256

    def count_rows(self) -> int:
        """Number of data rows (a pass over the file)."""
        return sum(1 for _ in self.rows())

    def estimate_rows(self) -> int:
        """Data rows for a progress bar: the sheet's recorded size for a workbook (no pass over the
        cells), a count of records for a CSV (fast)."""
        if self.kind == "xlsx":
            import openpyxl

            wb = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
            try:
                max_row = wb[self.sheet].max_row
            finally:
                wb.close()
            if max_row:
                return max(0, max_row - self._header_row)
        elif self.kind == "calamine":
            import python_calamine

            sheet = python_calamine.CalamineWorkbook.from_path(str(self.path)).get_sheet_by_name(self.sheet)
            return max(0, sheet.height - self._header_row)
        return self.count_rows()


def detect_encoding(sample: bytes) -> str:
    """``utf-8-sig`` (BOM), ``utf-8``, ``cp1252`` (bytes 0x80–0x9F that mean € ’ œ…) or ``latin-1``."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)  # a cut last character is fine
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if any(0x80 <= b <= 0x9F for b in sample):
        try:
            sample.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return "latin-1"


def sniff_delimiter(text: str) -> str:
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if not lines:
        return ";"
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=";,\t").delimiter
    except csv.Error:
        first = lines[0]
        return max(";,\t", key=first.count)


def _normalise_encoding(name: str) -> str:
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        raise ReadError(f"Encodage inconnu « {name} » (essayez utf-8, cp1252 ou latin-1).") from None
    return {"iso8859-1": "latin-1", "windows-1252": "cp1252", "utf-8": "utf-8"}.get(canonical, canonical)


def open_source(path: str | Path, sheet: str | None = None, encoding: str | None = None) -> Source:
    """Open ``path`` and read its header row (the first non-empty row); raises ReadError in French."""
    path = Path(path)
    if not path.is_file():
        raise ReadError(f"Le fichier « {path.name} » est introuvable.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(f"Format « {path.suffix or '(aucun)'} » non pris en charge : choisissez un fichier "
                        ".xlsx, .xls, .ods ou .csv.")
    try:
        if suffix in (".csv", ".txt"):
            with path.open("rb") as f:
                sample = f.read(_SAMPLE)
            enc = _normalise_encoding(encoding) if encoding else detect_encoding(sample)
            if enc == "utf-8" and sample.startswith(codecs.BOM_UTF8):
                enc = "utf-8-sig"
            text = sample.decode(enc, errors="replace")
            src = Source(path, "csv", [], None, [], encoding=enc, delimiter=sniff_delimiter(text))
        elif suffix in (".xlsx", ".xlsm"):
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                names = list(wb.sheetnames)
            finally:
                wb.close()
            src = Source(path, "xlsx", names, _pick_sheet(names, sheet), [])
        else:
            import python_calamine

            wb = python_calamine.CalamineWorkbook.from_path(str(path))
            names = list(wb.sheet_names)
            src = Source(path, "calamine", names, _pick_sheet(names, sheet), [])
        # The header row: the first with two filled cells or more (a title line above is skipped).
        first: tuple[int, list[Any]] | None = None
        chosen: tuple[int, list[Any]] | None = None
        for count, (number, values) in enumerate(_raw_rows(src)):
            filled = sum(1 for v in values if v is not None and str(v).strip())
            if filled and first is None:
                first = (number, values)
            if filled >= 2:
                chosen = (number, values)
                break
            if count > 50:
                break
        chosen = chosen or first
        if chosen is not None:
            number, values = chosen[0], list(chosen[1])
            while values and (values[-1] is None or not str(values[-1]).strip()):
                values.pop()
            src._header_row = number
            src.headers = [_header_text(v, i) for i, v in enumerate(values)]
    except ReadError:
        raise
    except Exception as e:  # openpyxl/calamine/zip errors: the file is damaged or not what it says
        raise ReadError(f"Impossible de lire « {path.name} » : le fichier est endommagé ou n'est pas un "
                        f"tableur ({type(e).__name__}).") from e
    if not src.headers:
        raise ReadError(f"« {path.name} » ne contient aucune ligne (la feuille est vide).")
    return src


def _pick_sheet(names: list[str], sheet: str | None) -> str:
    if not names:
        raise ReadError("Le classeur ne contient aucune feuille.")
    if sheet is None:
        return names[0]
    if sheet in names:
        return sheet
    folded = {n.strip().casefold(): n for n in names}
    if sheet.strip().casefold() in folded:
        return folded[sheet.strip().casefold()]
    raise ReadError(f"Feuille « {sheet} » introuvable. Feuilles du classeur : {', '.join(names)}.")


def _header_text(value: Any, index: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text or f"Colonne {index + 1}"


def _raw_rows(src: Source) -> Iterator[tuple[int, list[Any]]]:
    if src.kind == "csv":
        with src.path.open("r", encoding=src.encoding, errors="replace", newline="") as f:
            reader = csv.reader(f, delimiter=src.delimiter or ";")
            number = 0
            for values in reader:
                number = reader.line_num  # the physical line where the record ends; fields may span lines
                yield _start_line(number, values), values
    elif src.kind == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(src.path, read_only=True, data_only=True)
        try:
            ws = wb[src.sheet]
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                yield number, list(values)
        finally:
            wb.close()
    else:
        import python_calamine

        wb = python_calamine.CalamineWorkbook.from_path(str(src.path))
        sheet = wb.get_sheet_by_name(src.sheet)
        start = (sheet.start or (0, 0))[0] if hasattr(sheet, "start") else 0
        for number, values in enumerate(sheet.iter_rows(), start=start + 1):
            yield number, [None if v == "" else v for v in values]


def _start_line(end_line: int, values: list[str]) -> int:
    extra = sum(v.count("\n") for v in values)
    return end_line - extra


def as_text(value: Any) -> str:
    """A cell value as the user would read it (numbers without a spurious ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def write_sample_csv(rows: list[list[Any]], encoding: str = "utf-8", delimiter: str = ";") -> bytes:
    """CSV bytes of ``rows`` (tests and the rejected-rows report use it)."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)
