"""Applying an import as ONE journaled batch, and undoing it through the journal.

The import runs in one write transaction (``Database.session()``): new rows through
``journal.bulk_insert`` (journaled field by field, indexed for search), updates through the ORM
(journaled by the flush hook), the batch record (:class:`ImportLot`) and one
:class:`ImportLigne` per created/updated row. A cancel or an error rolls everything back.

Undo is an ordinary journaled transaction too, so it syncs: created rows are deleted
(tombstones) unless something made since the import refers to them (a dossier, a role…: then
they are kept and counted), updated fields get their old value back unless someone changed them
again since (their edit is kept).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pole_desktop import clock
from pole_desktop.domain import Base
from pole_desktop.domain.imports import ImportLigne, ImportLot
from pole_desktop.importing import plan as p
from pole_desktop.importing.mapping import Mapping
from pole_desktop.importing.readers import Source, as_text
from pole_desktop.storage import journal

# New rows are inserted 2,000 at a time. Not inside journal.bulk_load: dropping and rebuilding the
# indexes sorts the whole journal in memory (temp_store = MEMORY, kept so no plaintext temporary file is
# written) — 264 MB of RSS at 50,000 rows against 131 MB without, for no gain in time (measured).
CHUNK = 2000


class UndoError(ValueError):
    """The batch cannot be undone (French message)."""


@dataclass
class ImportResult:
    batch_id: str
    dry: p.DryRun
    report_path: Path | None = None

    def counts(self) -> dict[str, Any]:
        return {**self.dry.counts(), "batch": self.batch_id,
                "report": str(self.report_path) if self.report_path else None}


@dataclass
class UndoResult:
    batch_id: str
    deleted: int = 0
    restored: int = 0
    kept: list[str] = field(default_factory=list)  # French lines: what was left and why


def _defaults(model: type[Base]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in model.__table__.columns:
        d = c.default
        if d is not None and getattr(d, "is_scalar", False):
            out[c.name] = d.arg
        elif not c.nullable and c.name != "id":
            out[c.name] = ""
    return out


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def apply_import(
    db: Any,
    source: Source,
    mapping: Mapping,
    decisions: dict[int, str] | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    write_report: bool = True,
) -> ImportResult:
    """Import ``source`` with ``mapping`` in one transaction; returns the batch id and the counts."""
    kind = mapping.kind
    model = p.MODELS[kind]
    defaults = _defaults(model)
    today = clock.today()
    dry = p.DryRun(kind)
    rejected: list[p.Outcome] = []
    with db.session() as s:
        lot = ImportLot(fichier=source.path.name[:260], sha256=source.sha256(), type=kind,
                        feuille=source.sheet, correspondance=mapping.to_json(),
                        auteur_id=db.current_user_id(), cree_le=clock.local_now())
        s.add(lot)
        s.flush()
        pending: list[dict[str, Any]] = []
        lines: list[dict[str, Any]] = []

        def flush_creates() -> None:
            if pending:
                journal.bulk_insert(s, model, pending)
                pending.clear()
            if lines:
                journal.bulk_insert(s, ImportLigne, lines)
                lines.clear()

        writer: Any = None

        def line(tbl: str, rid: str) -> None:
            lines.append({"id": journal_new_id(), "lot_id": lot.id, "tbl": tbl, "row_id": rid, "action": "creation"})

        if kind == "rendez_vous":
            from pole_desktop.importing import rendez_vous as rdv_import

            author = db.current_user_id()

            class _RdvWriter:
                def create(self, v: dict[str, Any], _today: dt.date) -> str:
                    return rdv_import.create(s, v, author, line)

            writer = _RdvWriter()
        if kind == "ateliers":
            from pole_desktop.importing import ateliers as ateliers_import

            writer = ateliers_import.Writer(s, ateliers_import.AtelierLinks(s), db.current_user_id(), line)
        if kind == "dossiers":
            from pole_desktop.importing import dossiers as dossiers_import

            writer = dossiers_import.Writer(s, dossiers_import.Links(s), lot.id, db.current_user_id(), line)
        for out in p.analyse(s, source, mapping, decisions, progress=progress, cancel=cancel):
            p.tally(dry, out)
            if out.action == p.REJECT:
                rejected.append(_light(out))
            elif out.action == p.CREATE and writer is not None:
                writer.create(out.values, today)
                if len(s.new) > 500:
                    s.flush()
                    flush_creates()
            elif out.action == p.CREATE:
                rid = journal_new_id()
                row = {**defaults, **p.stored_values(kind, out.values), "id": rid}
                if kind == "personnes":
                    row["cree_le"] = today
                pending.append(row)
                lines.append({"id": journal_new_id(), "lot_id": lot.id, "tbl": model.__tablename__,
                              "row_id": rid, "action": "creation"})
                if len(pending) >= CHUNK:
                    flush_creates()
            elif out.action == p.UPDATE and out.changes:
                obj = s.get(model, out.record_id)
                for col, (_old, new) in out.changes.items():
                    setattr(obj, col, new)
                s.add(ImportLigne(lot_id=lot.id, tbl=model.__tablename__, row_id=obj.id, action="modification",
                                  anciennes_valeurs=json.dumps({c: _json_value(o) for c, (o, _n) in
                                                                out.changes.items()}, ensure_ascii=False),
                                  nouvelles_valeurs=json.dumps({c: _json_value(n_) for c, (_o, n_) in
                                                                out.changes.items()}, ensure_ascii=False)))
                if len(s.new) + len(s.dirty) > 500:
                    s.flush()
        s.flush()
        flush_creates()
        s.flush()
        if cancel is not None and cancel():
            raise p.ImportCancelled()
        lot.nb_crees, lot.nb_modifies = dry.created, dry.updated
        lot.nb_doublons, lot.nb_rejetes = len(dry.duplicates), dry.rejected
        batch_id = lot.id
        if kind == "dossiers":
            dry.linked = {"personnes": writer.created_people, "structures": writer.created_structures}
        elif kind == "ateliers":
            dry.linked = {"personnes": writer.created_people, "ateliers": writer.created_ateliers}
    report = write_rejects(source, rejected) if write_report and rejected else None
    return ImportResult(batch_id, dry, report)


def journal_new_id() -> str:
    from pole_desktop.domain.base import new_id

    return new_id()


def _light(out: p.Outcome) -> p.Outcome:
    return p.Outcome(out.row, out.action, problems=out.problems, raw=out.raw)


def report_path_for(source: Source) -> Path:
    stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
    return source.path.with_name(f"{source.path.stem}-rejets-{stamp}.csv")


def write_rejects(source: Source, rejected: list[p.Outcome]) -> Path:
    """The rejected rows beside the original: one row per problem, then the row's own cells, so
    the user can fix them there and import that file again (UTF-8 with BOM, « ; »: Excel opens it)."""
    path = report_path_for(source)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(["Ligne", "Colonne", "Valeur", "Problème", *source.headers])
        for out in rejected:
            cells = [as_text(c) for c in (out.raw or [])]
            for prob in out.problems:
                w.writerow([out.row, prob.column, prob.value, prob.message, *cells])
    tmp.replace(path)
    return path


# --------------------------------------------------------------------------- undo


def _kept_rows(session: Any, created: dict[str, set[str]]) -> dict[str, set[str]]:
    """Rows of the batch that must stay: those something made since refers to, and, transitively,
    the batch's rows linked to them (a kept dossier keeps its beneficiaries, their people, its structure)."""
    keep: dict[str, set[str]] = {t: set() for t in created}
    edges: list[tuple[tuple[str, str], tuple[str, str]]] = []
    for other in Base.metadata.sorted_tables:
        if other.name in ("import_ligne", "import_lot") or "id" not in other.c:
            continue
        mine = created.get(other.name, set())
        for fk in other.foreign_keys:
            target = fk.column.table.name
            if target not in created:
                continue
            col = fk.parent
            ids = list(created[target])
            for i in range(0, len(ids), 500):
                for row_id, ref in session.execute(select(other.c.id, col).where(col.in_(ids[i : i + 500]))):
                    if row_id in mine:
                        edges.append(((other.name, row_id), (target, ref)))
                    else:
                        keep[target].add(ref)  # referred to by a row the import did not make
    changed = True
    while changed:
        changed = False
        for (ta, a), (tb, b) in edges:
            if a in keep[ta] and b not in keep[tb]:
                keep[tb].add(b)
                changed = True
            elif b in keep[tb] and a not in keep[ta]:
                keep[ta].add(a)
                changed = True
    return keep


def list_batches(session: Any, limit: int = 50) -> list[ImportLot]:
    return list(session.scalars(select(ImportLot).order_by(ImportLot.cree_le.desc()).limit(limit)))


def batches_db(db: Any, limit: int = 50) -> list[dict[str, Any]]:
    """The latest imports of the team (any laptop), newest first, as plain rows for a screen."""
    from pole_desktop.domain.models import Accompagnateur

    with db.read() as s:
        out = []
        for lot in list_batches(s, limit):
            author = s.get(Accompagnateur, lot.auteur_id) if lot.auteur_id else None
            out.append({"id": lot.id, "fichier": lot.fichier, "type": lot.type, "cree_le": lot.cree_le,
                        "auteur": author.nom_complet if author else "", "crees": lot.nb_crees,
                        "modifies": lot.nb_modifies, "rejetes": lot.nb_rejetes, "annule_le": lot.annule_le})
        return out


def undo_import(db: Any, batch_id: str, *, progress: Callable[[int], None] | None = None) -> UndoResult:
    """« Annuler cet import »: one journaled transaction, synced like any edit."""
    from pole_desktop.domain import synced_tables

    result = UndoResult(batch_id)
    with db.session() as s:
        lot = s.get(ImportLot, batch_id)
        if lot is None:
            raise UndoError(f"Import introuvable : {batch_id}.")
        if lot.annule_le is not None:
            raise UndoError(f"Cet import a déjà été annulé le {lot.annule_le:%d/%m/%Y à %H:%M}.")
        lines = list(s.scalars(select(ImportLigne).where(ImportLigne.lot_id == batch_id)))
        tables = synced_tables()
        created: dict[str, list[str]] = {}
        done = 0
        for ln in lines:
            if ln.action == "creation":
                created.setdefault(ln.tbl, []).append(ln.row_id)
                continue
            model = tables.get(ln.tbl)
            obj = s.get(model, ln.row_id) if model is not None else None
            if obj is None:
                continue
            old = json.loads(ln.anciennes_valeurs or "{}")
            new = json.loads(ln.nouvelles_valeurs or "{}")
            kept_fields = []
            for col, value in old.items():
                column = model.__table__.c[col]
                if _json_value(getattr(obj, col)) == new.get(col):
                    setattr(obj, col, journal.decode_value(column, json.dumps(value)))
                else:
                    kept_fields.append(col)
            result.restored += 1
            if kept_fields:
                from pole_desktop.domain.labels import FIELDS

                names = ", ".join(FIELDS.get(c, c) for c in kept_fields)
                result.kept.append(f"{_name(obj)} : {names} modifié(s) depuis l'import, conservé(s).")
        s.flush()
        keep = _kept_rows(s, {t: set(ids) for t, ids in created.items()})
        order = [t.name for t in reversed(Base.metadata.sorted_tables) if t.name in created]  # children first
        for tbl in order:
            model = tables[tbl]
            ids = [x for x in created[tbl] if x not in keep[tbl]]
            for i in range(0, len(ids), 500):
                for obj in s.scalars(select(model).where(model.id.in_(ids[i : i + 500]))):
                    s.delete(obj)
                    result.deleted += 1
                s.flush()
                done += len(ids[i : i + 500])
                if progress is not None:
                    progress(done)
            for rid in sorted(keep[tbl]):
                obj = s.get(model, rid)
                if obj is not None and tbl in ("personne", "structure", "dossier"):
                    result.kept.append(f"{_name(obj)} : utilisé·e depuis l'import (dossier, rendez-vous, rôle…), "
                                       "conservé·e.")
        lot.annule_le = clock.local_now()
        lot.annule_par_id = db.current_user_id()
    return result


def _name(obj: Any) -> str:
    if hasattr(obj, "raison_sociale"):
        return obj.raison_sociale
    if hasattr(obj, "reference"):
        return f"{obj.reference} « {obj.titre} »"
    return f"{(obj.nom or '').upper()} {obj.prenom or ''}".strip()
