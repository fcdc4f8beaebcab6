"""The dossiers list at 20,000 rows: the filter, the SQL returning the matching ids in display order
(sorted on raw values, never display strings), and pages of display rows — for
``gui/models/dossier_table.py``, run on the GUI's ``db`` queue."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from pole_desktop.domain.dispositifs import DISPOSITIFS
from pole_desktop.formatting import format_date_short
from pole_desktop.services.queries.common import commune_nom
from pole_desktop.storage.search import fts_query, match_subquery
from pole_desktop.territory import get_territory

PAGE = 200
ANY = None


@dataclass(frozen=True)
class DossierFilter:
    text: str = ""
    dispositif: str | None = None
    etape: str | None = None
    referent_id: str | None = None
    frr: bool = False  # rural: FRR/FRR+ (or ZRR for dossiers opened before July 2024)
    qpv: bool = False
    year: int | None = None
    status: str = "ouverts"  # ouverts | clos | tous | archives


STATUSES = {"ouverts": "Ouverts", "clos": "Clos", "tous": "Ouverts et clos", "archives": "Archivés"}


def _ascii_key(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def _sql_literal(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _ensure_commune_sort_table(session: Any) -> None:
    """A TEMP table (code INSEE → accent-free sortable name) on the reading connection, so
    sorting by commune is alphabetical by name, still inside the query (indexed join)."""
    session.execute(text("CREATE TEMP TABLE IF NOT EXISTS communes_tri (code TEXT PRIMARY KEY, cle TEXT)"))
    if session.scalar(text("SELECT count(*) FROM temp.communes_tri")):
        return
    session.execute(
        text("INSERT OR IGNORE INTO temp.communes_tri (code, cle) VALUES (:c, :k)"),
        [{"c": c.code_insee, "k": _ascii_key(c.nom)} for c in get_territory().communes()],
    )


def _etape_rank_sql() -> str:
    """The étape's position in its dispositif's path: sorting by étape follows the path."""
    whens = " ".join(
        f"WHEN {_sql_literal(d.code + ':' + e.code)} THEN {i}"
        for d in DISPOSITIFS.values()
        for i, e in enumerate(d.etapes)
    )
    return f"(CASE d.dispositif || ':' || d.etape {whens} ELSE 99 END)"


# (header, SQL sort expression) — raw values, never display strings.
COLUMNS: list[tuple[str, str]] = [
    ("Référence", "d.reference"),
    ("Titre", "d.titre COLLATE NOCASE"),
    ("Bénéficiaires", "(SELECT min(p.nom || ' ' || p.prenom) FROM dossier_beneficiaire b "
                      "JOIN personne p ON p.id = b.personne_id WHERE b.dossier_id = d.id) COLLATE NOCASE"),
    ("Structure", "s.raison_sociale COLLATE NOCASE"),
    ("Commune", "ct.cle"),
    ("Dispositif", "d.dispositif"),
    ("Étape", "d.dispositif, " + "__ETAPE__"),
    ("Référent", "a.nom COLLATE NOCASE, a.prenom COLLATE NOCASE"),
    ("Ouverture", "d.date_ouverture"),
]
(
    COL_REFERENCE,
    COL_TITRE,
    COL_BENEF,
    COL_STRUCTURE,
    COL_COMMUNE,
    COL_DISPOSITIF,
    COL_ETAPE,
    COL_REFERENT,
    COL_OUVERTURE,
) = range(9)


def build_id_query(f: DossierFilter, sort_column: int, descending: bool) -> tuple[str, dict[str, Any]]:
    """The SQL (and parameters) returning the matching dossier ids in display order."""
    where = []
    params: dict[str, Any] = {}
    q = fts_query(f.text)
    if q:
        where.append(f"d.id IN ({match_subquery('dossier')})")
        params["q"] = q
    if f.dispositif:
        where.append("d.dispositif = :dispositif")
        params["dispositif"] = f.dispositif
    if f.etape:
        where.append("d.etape = :etape")
        params["etape"] = f.etape
    if f.referent_id:
        where.append("d.referent_id = :referent")
        params["referent"] = f.referent_id
    if f.frr:
        where.append("(d.frr_code IN (4, 5) OR d.zrr_statut IN ('C', 'A'))")
    if f.qpv:
        where.append("d.qpv_code IS NOT NULL")
    if f.year:
        where.append("d.date_ouverture >= :y0 AND d.date_ouverture < :y1")
        params["y0"], params["y1"] = f"{f.year:04d}-01-01", f"{f.year + 1:04d}-01-01"
    status_sql = {
        "ouverts": "d.archive = 0 AND d.date_cloture IS NULL",
        "clos": "d.archive = 0 AND d.date_cloture IS NOT NULL",
        "tous": "d.archive = 0",
        "archives": "d.archive = 1",
    }[f.status]
    where.append(status_sql)
    direction = "DESC" if descending else "ASC"
    sort = COLUMNS[sort_column][1].replace("__ETAPE__", _etape_rank_sql())
    order = ", ".join(f"{part.strip()} {direction}" for part in sort.split(", "))
    joins = "LEFT JOIN structure s ON s.id = d.structure_id LEFT JOIN accompagnateur a ON a.id = d.referent_id"
    if sort_column == COL_COMMUNE:
        joins += " LEFT JOIN temp.communes_tri ct ON ct.code = d.commune_insee"
    sql = f"SELECT d.id FROM dossier d {joins} WHERE {' AND '.join(where)} ORDER BY {order}, d.reference {direction}"
    return sql, params


ROW_SQL = """
SELECT d.id, d.reference, d.titre, d.dispositif, d.etape, d.date_ouverture, d.commune_insee,
       s.raison_sociale, a.prenom, a.nom, d.date_cloture,
       (SELECT group_concat(p.prenom || ' ' || p.nom, ', ') FROM dossier_beneficiaire b
          JOIN personne p ON p.id = b.personne_id WHERE b.dossier_id = d.id)
FROM dossier d
LEFT JOIN structure s ON s.id = d.structure_id
LEFT JOIN accompagnateur a ON a.id = d.referent_id
WHERE d.id IN ({marks})
"""


def _display_row(r: Any) -> list[str]:
    (_id, ref, titre, disp, etape, ouverture, commune, rs, a_prenom, a_nom, cloture, benef) = r
    d = DISPOSITIFS.get(disp)
    opened = ouverture if isinstance(ouverture, dt.date) else dt.date.fromisoformat(str(ouverture)[:10])
    return [
        ref,
        titre or "",
        benef or "",
        rs or "",
        commune_nom(commune),
        d.nom if d else disp,
        d.libelle_etape(etape) if d else etape,
        f"{a_prenom or ''} {a_nom or ''}".strip(),
        format_date_short(opened),
    ]


def dossier_ids(s: Session, f: DossierFilter, sort_column: int, descending: bool) -> list[str]:
    """The ids of the dossiers matching ``f``, in display order."""
    sql, params = build_id_query(f, sort_column, descending)
    if "communes_tri" in sql:
        _ensure_commune_sort_table(s)
    return [r[0] for r in s.execute(text(sql), params)]


def dossier_rows(s: Session, ids: list[str]) -> dict[str, list[str]]:
    """{id: display values of the list's columns} for one page of ids."""
    marks = ",".join(f":i{k}" for k in range(len(ids)))
    result = s.execute(text(ROW_SQL.format(marks=marks)), {f"i{k}": v for k, v in enumerate(ids)})
    return {r[0]: _display_row(r) for r in result}
