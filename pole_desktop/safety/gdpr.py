"""GDPR: a person's data export (JSON, PDF), erasure everywhere, consent.

Erasure (:func:`erase_person`) — what is kept and why
    The bilan d'activité counts people by sex (women-entrepreneurship indicator), commune
    (EPCI, FRR/ZRR), QPV and age bracket. So an erased person keeps ``sexe``,
    ``commune_insee``, ``qpv_code``, ``cree_le`` and a birth year rounded down to 5 years
    (the age brackets stay right within a few years, the exact year is gone). Everything else
    that identifies or describes the person is cleared: name ("Personne effacée"), first name,
    civilité, e-mail, phone, address, postcode, situation, prescripteur, notes, consent.
    Dossiers keep their statistics (dispositif, dates, étapes, territory, results) but a dossier
    whose beneficiaries are all erased loses its free text (title, description, needs, goals),
    and so do the rendez-vous whose participants are all erased (objet, compte-rendu,
    decisions, next step) and their actions' wording; documents attached to the person or to
    such a dossier are deleted (row and local file) — a generated PDF carries the name.
    People merged into the erased person are erased too.

    An ``Effacement`` row records the erasure (who, when, why; no erased value) and travels
    through sync: every laptop's :func:`on_remote_changes` (registered in
    ``sync.hooks.after_apply``) applies the same anonymisation, and also re-applies it when a
    later change to an erased person arrives from a laptop that had not heard of the erasure.
    The journal keeps no readable old value: entries of the erased cells are nulled locally
    (``redact_local``) and each laptop rewrites its own published change files on the share
    (``redact_published``, :func:`redact_share`). See ARCHITECTURE.md, "Data safety".
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Engine, event, or_, select, text
from sqlalchemy.orm import Session

from pole_desktop import clock
from pole_desktop.domain import models as m
from pole_desktop.domain.labels import field_label, table_label
from pole_desktop.domain.local import Conflict, Draft, LocalState, RowVersion
from pole_desktop.services import history as history_mod
from pole_desktop.services.common import current_author, get_or_error
from pole_desktop.services.validation import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.engine import CursorResult

log = logging.getLogger(__name__)

Cell = tuple[str, str, str]

ERASED_NAME = "Personne effacée"
ANON_DOSSIER_TITLE = "Dossier anonymisé"
ANON_ACTION = "Action (anonymisée)"
KEPT_PERSON_FIELDS = {"id", "sexe", "commune_insee", "qpv_code", "cree_le", "anonymise", "fusionne_dans_id",
                      "annee_naissance"}
CLEARED_PERSON_FIELDS = [c.name for c in m.Personne.__table__.columns if c.name not in KEPT_PERSON_FIELDS]
DOSSIER_TEXT_FIELDS = ["titre", "description", "besoins", "objectifs", "utilite_sociale", "motif_precision", "tags"]
RDV_TEXT_FIELDS = ["objet", "compte_rendu", "decisions", "prochaine_etape", "adresse"]
PUBLISHED_KEY = "rgpd_effacements_publies"  # local_state: erasure ids whose share files this laptop redacted


# ------------------------------------------------------------------ consent


def record_consent(session: Session, personne_id: str, date: dt.date | None, portee: str | None,
                   moyen: str | None) -> m.Personne:
    p = get_or_error(session, m.Personne, personne_id, "Personne")
    if p.anonymise:
        raise ValidationError({"__all__": "Cette personne a été effacée."})
    if date is not None and date > clock.today():
        raise ValidationError({"consentement_date": "La date du consentement ne peut pas être dans le futur."})
    p.consentement_date = date
    p.consentement_portee = (portee or "").strip()[:300] or None
    p.consentement_moyen = (moyen or "").strip()[:100] or None
    session.flush()
    return p


# ------------------------------------------------------------------ export


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _row(obj: Any, skip: Iterable[str] = ()) -> dict[str, Any]:
    return {c.name: _plain(getattr(obj, c.key)) for c in obj.__table__.columns if c.name not in skip}


def export_person(session: Session, personne_id: str) -> dict[str, Any]:
    """Everything the app holds about a person, readable (right of access, article 15)."""
    p = get_or_error(session, m.Personne, personne_id, "Personne")
    advisors = {a.id: a.nom_complet for a in session.scalars(select(m.Accompagnateur))}
    out: dict[str, Any] = {
        "format": "pole-desktop/export-personne/1",
        "genere_le": _plain(clock.local_now()),
        "responsable_du_traitement": "Pôle d'Économie Solidaire 21",
        "informations": dict(ARTICLE_15),
        "personne": _row(p),
        "consentement": {"date": _plain(p.consentement_date), "portee": p.consentement_portee,
                         "moyen": p.consentement_moyen},
        "fiches_fusionnees": [_row(x) for x in session.scalars(
            select(m.Personne).where(m.Personne.fusionne_dans_id == p.id))],
        "dossiers": [],
        "rendez_vous": [],
        "ateliers": [],
        "structures": [],
        "documents": [],
        "brouillons": [],
        "conflits": [],
        "historique": [],
    }
    dossier_ids: list[str] = []
    for link in session.scalars(select(m.DossierBeneficiaire).where(m.DossierBeneficiaire.personne_id == p.id)):
        d = link.dossier
        dossier_ids.append(d.id)
        entry = _row(d)
        entry["lien_id"] = link.id
        entry["role_dans_le_dossier"] = link.role
        entry["referent"] = advisors.get(d.referent_id or "")
        entry["structure"] = d.structure.raison_sociale if d.structure else None
        entry["etapes"] = [_row(e) for e in d.historique]
        entry["actions"] = [_row(a) for a in d.actions]
        entry["rendez_vous"] = [{**_row(r), "accompagnateur": advisors.get(r.accompagnateur_id or "")}
                                for r in d.rendez_vous]
        out["dossiers"].append(entry)
    for part in session.scalars(select(m.RendezVousParticipant).where(m.RendezVousParticipant.personne_id == p.id)):
        r = part.rendez_vous
        out["rendez_vous"].append({
            **_row(r), "participation_id": part.id, "accompagnateur": advisors.get(r.accompagnateur_id or ""),
            "dossier": r.dossier.reference if r.dossier else None,
            "actions": [_row(a) for a in r.actions],
        })
    for ins in session.scalars(select(m.AtelierInscription).where(m.AtelierInscription.personne_id == p.id)):
        a = ins.atelier
        out["ateliers"].append({"inscription_id": ins.id, "atelier_id": a.id, "titre": a.titre, "theme": a.theme,
                                "debut": _plain(a.debut), "lieu": a.lieu, "inscrit_le": _plain(ins.inscrit_le),
                                "present": ins.present})
    for role in session.scalars(select(m.StructureRole).where(m.StructureRole.personne_id == p.id)):
        out["structures"].append({"role_id": role.id, "structure_id": role.structure_id,
                                  "raison_sociale": role.structure.raison_sociale, "role": role.role,
                                  "depuis": _plain(role.depuis)})
    docs = select(m.Document).where(m.Document.personne_id == p.id)
    if dossier_ids:
        docs = select(m.Document).where(
            (m.Document.personne_id == p.id) | m.Document.dossier_id.in_(dossier_ids))
    out["documents"] = [_row(doc, skip=("source_hlc",)) for doc in session.scalars(docs)]
    for h in history_mod.history(session, "personne", p.id):
        out["historique"].append({"quand": _plain(h.when), "qui": h.who, "quoi": h.what,
                                  "table": h.table, "ligne": h.row_id, "colonne": h.column, "hlc": h.hlc,
                                  "ancienne_valeur": _plain(h.old_value), "nouvelle_valeur": _plain(h.new_value)})
    # Unsaved form contents (drafts) and conflict-inbox entries about the person or their records.
    rows = {p.id, *linked_ids(session, p.id), *dossier_ids}
    rows |= {r["id"] for r in out["rendez_vous"]}
    rows |= {r["id"] for d in out["dossiers"] for r in d["rendez_vous"]}
    for draft in session.scalars(select(Draft).order_by(Draft.key)):
        if any(rid in draft.key for rid in rows) or p.id in draft.payload:
            try:
                payload = json.loads(draft.payload)
            except ValueError:
                payload = draft.payload
            out["brouillons"].append({"cle": draft.key, "modifie_le": _plain(draft.updated_at), "contenu": payload})
    ids = sorted(rows)
    for i in range(0, len(ids), 500):
        for c in session.scalars(select(Conflict).where(Conflict.row_id.in_(ids[i:i + 500])).order_by(Conflict.id)):
            out["conflits"].append({
                "table": c.tbl, "ligne": c.row_id, "colonne": c.col, "quoi": f"{table_label(c.tbl)} — "
                f"{field_label(c.col)}", "valeur_retenue": _json_value(c.winner_value),
                "valeur_ecartee": _json_value(c.loser_value), "detecte_le": _plain(c.detected_at),
                "resolu_le": _plain(c.resolved_at),
            })
    return out


def _json_value(raw: str | None) -> Any:
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


#: What article 15 of the GDPR requires besides the data themselves (printed in the PDF, in the JSON).
ARTICLE_15: dict[str, str] = {
    "finalites": "Accompagner votre projet (rendez-vous, comptes-rendus, actions, documents remis) et en assurer "
                 "le suivi ; rendre compte de l'activité aux financeurs des dispositifs, sous forme de "
                 "statistiques qui ne vous nomment pas.",
    "base_legale": "L'exécution de la convention d'accompagnement et l'intérêt légitime du Pôle à suivre ses "
                   "accompagnements ; votre consentement pour ce qui dépasse cet accompagnement.",
    "destinataires": "Les accompagnateur·rice·s du Pôle. Les financeurs (Union européenne — FSE+, État, Région "
                     "Bourgogne-Franche-Comté, collectivités) ne reçoivent que des statistiques, sauf les pièces "
                     "justificatives qu'ils exigent lors d'un contrôle (conventions, feuilles d'émargement). Aucune "
                     "donnée n'est vendue, cédée ni transférée hors de l'Union européenne.",
    "conservation": "Pendant l'accompagnement, puis 3 ans après le dernier contact (durée réglable par le Pôle), "
                    "après quoi les données sont effacées ou rendues anonymes ; les pièces justificatives d'une "
                    "action financée sont gardées le temps des contrôles (FSE+ : 5 ans à compter du 31 décembre de "
                    "l'année du dernier paiement).",
    "source": "Vous-même, lors des rendez-vous et des ateliers, et l'accompagnateur·rice qui les a consignés ; "
              "le cas échéant la personne ou l'organisme qui vous a orienté·e vers le Pôle (prescripteur).",
    "decision_automatisee": "Aucune décision n'est prise de manière automatisée ; aucun profilage.",
    "droits": "Vous pouvez demander l'accès à vos données, leur rectification, leur effacement, la limitation "
              "de leur traitement, vous opposer à celui-ci et recevoir vos données dans un format réutilisable "
              "(le fichier JSON joint à ce document). Adressez-vous à votre accompagnateur·rice ou au Pôle.",
    "reclamation": "Vous pouvez adresser une réclamation à la CNIL — Commission nationale de l'informatique et "
                   "des libertés, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, www.cnil.fr.",
}


def export_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)


def linked_ids(session: Session, personne_id: str) -> set[str]:
    """Ids of every row that points at the person (for checks: each must be in the export)."""
    from pole_desktop.services.fusion import PERSON_LINKS

    ids: set[str] = set()
    for model, col in PERSON_LINKS:
        ids |= set(session.scalars(select(model.id).where(getattr(model, col) == personne_id)))
    return ids


# ------------------------------------------------------------------ erasure


def _rounded_year(year: int | None) -> int | None:
    return None if year is None else year - year % 5


def _anonymise_person(p: m.Personne, cells: set[Cell]) -> None:
    for col in CLEARED_PERSON_FIELDS:
        cells.add(("personne", p.id, col))
    cells.add(("personne", p.id, "annee_naissance"))
    p.nom = ERASED_NAME
    p.prenom = ""
    for col in CLEARED_PERSON_FIELDS:
        if col not in ("nom", "prenom"):
            setattr(p, col, None)
    p.annee_naissance = _rounded_year(p.annee_naissance)
    p.anonymise = True


def _all_erased(people: Iterable[m.Personne]) -> bool:
    people = list(people)
    return bool(people) and all(x.anonymise for x in people)


def anonymise_everywhere(session: Session, personne_id: str, blobs: Any | None = None) -> set[Cell]:
    """Anonymise a person and what only describes them; returns the cells whose history must go.

    Idempotent: applying it again (another laptop, a late change) changes only what came back.
    """
    cells: set[Cell] = set()
    p = session.get(m.Personne, personne_id)
    if p is None:
        return cells
    people = [p, *session.scalars(select(m.Personne).where(m.Personne.fusionne_dans_id == p.id))]
    for x in people:
        _anonymise_person(x, cells)
    session.flush()
    ids = [x.id for x in people]
    dossiers = {link.dossier for link in session.scalars(
        select(m.DossierBeneficiaire).where(m.DossierBeneficiaire.personne_id.in_(ids)))}
    for d in dossiers:
        if _all_erased(b.personne for b in d.beneficiaires):
            _anonymise_dossier_text(session, d, cells)
    for link in list(session.scalars(
            select(m.RendezVousParticipant).where(m.RendezVousParticipant.personne_id.in_(ids)))):
        r = link.rendez_vous
        if _all_erased(x.personne for x in r.participants):
            _anonymise_rdv_text(r, cells)
    anon_dossiers = [d.id for d in dossiers if d.titre == ANON_DOSSIER_TITLE]
    docs = select(m.Document).where(m.Document.personne_id.in_(ids))
    if anon_dossiers:
        docs = select(m.Document).where(m.Document.personne_id.in_(ids) | m.Document.dossier_id.in_(anon_dossiers))
    for doc in list(session.scalars(docs)):
        _delete_document(session, doc, cells, blobs)
    _clear_import_lines(session, [*ids, *anon_dossiers], cells)
    session.flush()
    return cells


def _clear_import_lines(session: Session, row_ids: list[str], cells: set[Cell]) -> None:
    """An import's record of the values it replaced on these rows (kept for its undo) is erased too."""
    from pole_desktop.domain.imports import ImportLigne

    for ln in session.scalars(select(ImportLigne).where(ImportLigne.row_id.in_(row_ids))):
        if ln.anciennes_valeurs is not None or ln.nouvelles_valeurs is not None:
            ln.anciennes_valeurs = ln.nouvelles_valeurs = None
            cells.update({("import_ligne", ln.id, "anciennes_valeurs"), ("import_ligne", ln.id, "nouvelles_valeurs")})


def _anonymise_dossier_text(session: Session, d: m.Dossier, cells: set[Cell]) -> None:
    for col in DOSSIER_TEXT_FIELDS:
        cells.add(("dossier", d.id, col))
        setattr(d, col, ANON_DOSSIER_TITLE if col == "titre" else None)
    for e in d.historique:
        cells.add(("etape_historique", e.id, "commentaire"))
        e.commentaire = None
    for r in d.rendez_vous:
        _anonymise_rdv_text(r, cells)
    for a in d.actions:
        cells.add(("action", a.id, "libelle"))
        cells.add(("action", a.id, "responsable"))
        a.libelle = ANON_ACTION
        a.responsable = None


def _anonymise_rdv_text(r: m.RendezVous, cells: set[Cell]) -> None:
    for col in RDV_TEXT_FIELDS:
        cells.add(("rendez_vous", r.id, col))
        setattr(r, col, None)
    for a in r.actions:
        cells.add(("action", a.id, "libelle"))
        cells.add(("action", a.id, "responsable"))
        a.libelle = ANON_ACTION
        a.responsable = None


def _delete_document(session: Session, doc: m.Document, cells: set[Cell], blobs: Any | None) -> None:
    for c in doc.__table__.columns:
        if c.name != "id":
            cells.add(("document", doc.id, c.name))
    sha = doc.sha256
    session.delete(doc)
    session.flush()
    still_used = session.scalar(select(m.Document.id).where(m.Document.sha256 == sha).limit(1))
    if blobs is not None and not still_used:
        blobs.delete(sha)


def redact_local(session: Session, cells: set[Cell]) -> int:
    """Null the journal values of ``cells`` except the entry holding the current value.

    Same contract as ``sync.redact.redact_local``, kept here in one place because it must read
    compacted row versions (``"*"``) and tombstoned rows, whose every entry goes.
    """
    if not cells:
        return 0
    from pole_desktop.storage.journal import version_of

    n = 0
    versions: dict[tuple[str, str], dict[str, list[str]]] = {}
    for tbl, rid, col in sorted(cells):
        if (tbl, rid) not in versions:
            raw = session.scalar(select(RowVersion.versions).where(RowVersion.tbl == tbl, RowVersion.row_id == rid))
            versions[(tbl, rid)] = json.loads(raw) if raw else {}
        row = versions[(tbl, rid)]
        win = version_of(row, col) if col in row or "*" in row else None
        deleted_row = session.scalar(select(RowVersion.deleted).where(
            RowVersion.tbl == tbl, RowVersion.row_id == rid))
        h, d = (win if win and not deleted_row else ("", ""))
        res = session.execute(text(
            "UPDATE change_log SET value = NULL WHERE tbl = :t AND row_id = :r AND col = :c "
            "AND value IS NOT NULL AND NOT (hlc = :h AND device_id = :d)"),
            {"t": tbl, "r": rid, "c": col, "h": h, "d": d})
        n += cast("CursorResult[Any]", res).rowcount or 0  # an UPDATE's result is a cursor result
        same_cell = (Conflict.tbl == tbl, Conflict.row_id == rid, Conflict.col == col)
        for c in session.scalars(select(Conflict).where(*same_cell)):
            c.winner_value = None
            c.loser_value = None
            if c.resolved_at is None:
                c.resolved_at = clock.local_now()
                c.resolution = "erased"
    session.flush()
    return n


def _purge_drafts(session: Session, cells: set[Cell]) -> None:
    rdv_ids = {rid for t, rid, _ in cells if t == "rendez_vous"}
    for rid in rdv_ids:
        session.execute(text("DELETE FROM draft WHERE key LIKE :k"), {"k": f"%{rid}%"})


def _optimize_search(session: Session) -> None:
    """Merge the FTS segments so deleted index text does not linger in them."""
    try:
        session.execute(text("INSERT INTO search_index(search_index) VALUES('optimize')"))
    except Exception:  # noqa: BLE001 - no index in this schema
        pass


def erase_person(session: Session, personne_id: str, motif: str, blobs: Any | None = None) -> m.Effacement:
    """Erase a person everywhere on this laptop and record the erasure for the others.

    Through a session of a :class:`Database` (every one the application opens), the erasure is also
    written to the data directory's erasure ledger as soon as the transaction commits, so that
    restoring an older backup cannot bring the person back (:func:`reapply_erasures`) — whichever
    path erased (the privacy dialog, retention, the CLI)."""
    p = get_or_error(session, m.Personne, personne_id, "Personne")
    if p.fusionne_dans_id:
        raise ValidationError({"__all__": "Cette fiche a été fusionnée : effacez la fiche qui l'a absorbée."})
    motif = (motif or "").strip()
    if not motif:
        raise ValidationError({"motif": "Indiquez le motif de l'effacement."})
    cells = anonymise_everywhere(session, personne_id, blobs)
    eff = m.Effacement(personne_id=personne_id, date=clock.local_now(),
                       motif=motif[:200], auteur_id=current_author(session))
    session.add(eff)
    session.flush()
    database = session.info.get("database")
    if database is not None:
        ledger = ledger_of(database)
        entry = _ledger_entry(eff)
        event.listen(session, "after_commit", lambda _s: ledger.add([entry]), once=True)
    n = redact_local(session, cells)
    _purge_drafts(session, cells)
    _optimize_search(session)
    log.info("person erased: %d cells, %d journal values redacted", len(cells), n)
    return eff


def erased_cells(session: Session, personne_id: str) -> set[Cell]:
    """The cells an erasure covers, recomputed (for the share redaction after a sync)."""
    with session.no_autoflush:
        cells: set[Cell] = set()
        ids = [personne_id, *session.scalars(select(m.Personne.id).where(m.Personne.fusionne_dans_id == personne_id))]
        for pid in ids:
            for col in [*CLEARED_PERSON_FIELDS, "annee_naissance"]:
                cells.add(("personne", pid, col))
        for d_id in session.scalars(select(m.DossierBeneficiaire.dossier_id).where(
                m.DossierBeneficiaire.personne_id.in_(ids))):
            d = session.get(m.Dossier, d_id)
            if d is not None and d.titre == ANON_DOSSIER_TITLE:
                cells |= {("dossier", d.id, c) for c in DOSSIER_TEXT_FIELDS}
                cells |= {("rendez_vous", r.id, c) for r in d.rendez_vous for c in RDV_TEXT_FIELDS}
                cells |= {("action", a.id, c) for a in d.actions for c in ("libelle", "responsable")}
                cells |= {("etape_historique", e.id, "commentaire") for e in d.historique}
        for r_id in session.scalars(select(m.RendezVousParticipant.rendez_vous_id).where(
                m.RendezVousParticipant.personne_id.in_(ids))):
            r = session.get(m.RendezVous, r_id)
            if r is not None and r.compte_rendu is None and r.objet is None:
                cells |= {("rendez_vous", r.id, c) for c in RDV_TEXT_FIELDS}
        # Deleted documents: their journal entries still name the person's file.
        for rid in session.scalars(text(
                "SELECT DISTINCT row_id FROM change_log WHERE tbl = 'document' AND col = 'personne_id' "
                "AND value = :v").bindparams(v=json.dumps(personne_id))):
            cells |= {("document", rid, c.name) for c in m.Document.__table__.columns if c.name != "id"}
    return cells


def on_remote_changes(session: Session, pairs: list[tuple[str, str]]) -> None:
    """``sync.hooks.after_apply`` handler: apply erasures that arrive, and keep erased people erased."""
    erased_ids: set[str] = set()
    for tbl, rid in pairs:
        if tbl == "effacement":
            eff = session.get(m.Effacement, rid)
            if eff is not None:
                erased_ids.add(eff.personne_id)
    touched_people = {rid for tbl, rid in pairs if tbl == "personne"}
    if touched_people:
        erased_ids |= set(session.scalars(select(m.Effacement.personne_id).where(
            m.Effacement.personne_id.in_(touched_people))))
    blobs = _blobs_of(session)
    if blobs is not None:
        _drop_files_of_deleted_documents(session, [rid for tbl, rid in pairs if tbl == "document"], blobs)
    for pid in sorted(erased_ids):
        cells = anonymise_everywhere(session, pid, blobs)
        cells |= erased_cells(session, pid)
        redact_local(session, cells)
        _purge_drafts(session, cells)
    if erased_ids:
        _optimize_search(session)
        log.info("remote erasures applied: %d people", len(erased_ids))


def _drop_files_of_deleted_documents(session: Session, ids: list[str], blobs: Any) -> None:
    """A document deleted by another laptop (erasure, purge): remove its local file if unused."""
    for rid in ids:
        if session.get(m.Document, rid) is not None:
            continue
        raw = session.scalar(text(
            "SELECT value FROM change_log WHERE tbl = 'document' AND row_id = :r AND col = 'sha256' "
            "AND value IS NOT NULL ORDER BY hlc DESC LIMIT 1"), {"r": rid})
        sha = json.loads(raw) if raw else None
        if not isinstance(sha, str) or len(sha) != 64:
            continue
        if session.scalar(select(m.Document.id).where(m.Document.sha256 == sha).limit(1)) is None:
            blobs.delete(sha)


def _blobs_of(session: Session) -> Any | None:
    """The blob folder next to the session's database file (to delete erased documents' files)."""
    from pathlib import Path

    from pole_desktop.storage.blobs import BlobFolder

    try:
        bind = session.get_bind()
    except Exception:  # noqa: BLE001
        return None
    if not isinstance(bind, Engine):
        # A session on a connection (the sync's apply session): no file deleted inside its transaction;
        # the sync removes the files of deleted documents at its end (``sync_blobs_known``).
        return None
    path = bind.url.database
    return BlobFolder(Path(path).parent / "blobs") if path else None


def register_sync_hook() -> bool:
    """Register :func:`on_remote_changes` in ``sync.hooks.after_apply`` and :func:`redact_share` in
    ``sync.hooks.after_sync`` (once). False if no sync."""
    try:
        from pole_desktop.sync import hooks
    except ImportError:
        return False
    hooks.register(hooks.after_apply, on_remote_changes)
    hooks.register(hooks.after_sync, redact_share)
    return True


def redact_share(db: Any, transport: Any) -> int:
    """After a sync: rewrite this laptop's own published change files for every erasure not yet done.

    Returns the number of files rewritten. Run after each successful sync (``sync.hooks.after_sync``).
    """
    from pole_desktop.sync.redact import redact_published

    record_erasures(db)
    with db.read() as s:
        done = set(json.loads(s.scalar(select(LocalState.value).where(LocalState.key == PUBLISHED_KEY)) or "[]"))
        todo = [(e.id, e.personne_id) for e in s.scalars(select(m.Effacement)) if e.id not in done]
        cells: set[Cell] = set()
        for _eid, pid in todo:
            cells |= erased_cells(s, pid)
    if not todo:
        return 0
    n = redact_published(db, transport, cells)
    db.set_state(PUBLISHED_KEY, json.dumps(sorted(done | {eid for eid, _ in todo})))
    log.info("share redaction: %d files rewritten for %d erasures", n, len(todo))
    return n


def reapply_erasures(db: Any) -> int:
    """Re-apply every recorded erasure (after restoring a backup older than some of them).

    The erasures come from the restored database and from the data directory's erasure ledger
    (kept outside the backups): an erasure the restored backup does not know is recorded again
    (a new journaled ``Effacement`` row with the same id, so the sync carries it to every laptop)
    and applied. Returns the number of people erased again."""
    ledger = ledger_of(db)
    with db.read() as s:
        ledger.add([_ledger_entry(e) for e in s.scalars(select(m.Effacement))])
    entries = ledger.entries()
    blobs = db.blob_store() if hasattr(db, "blob_store") else None
    with db.session() as s:
        known = set(s.scalars(select(m.Effacement.id)))
        for e in entries:
            if e["id"] not in known:
                s.add(m.Effacement(id=e["id"], personne_id=e["personne_id"], motif=e.get("motif"),
                                   auteur_id=e.get("auteur_id"), date=_ledger_date(e.get("date"))))
                log.info("erasure %s recorded again from the erasure ledger", e["id"][:8])
        s.flush()
        ids = sorted(set(s.scalars(select(m.Effacement.personne_id))))
        for pid in ids:
            p = s.get(m.Personne, pid)
            cells = anonymise_everywhere(s, pid, blobs)
            if p is not None:
                cells |= erased_cells(s, pid)
            redact_local(s, cells)
            _purge_drafts(s, cells)
        if ids:
            _optimize_search(s)
    return len(ids)


# ------------------------------------------------------------------ free text naming the person


@dataclass(frozen=True)
class Mention:
    """A free text that still names the person after the erasure, for the advisor to review."""

    lieu: str  # where, in French: « Dossier DIJ-2026-0012 », « Rendez-vous du 03/02/2026 »…
    champ: str  # the field's French label
    extrait: str  # the text around the name
    table: str
    row_id: str


def _fold(text_: str) -> str:
    """Accent- and case-insensitive form, same length as ``text_`` (one folded char per char)."""
    out = []
    for ch in text_:
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)).casefold()
        out.append(base[:1] if len(base) >= 1 else " ")
    return "".join(out)


def _name_words(people: list[m.Personne]) -> list[str]:
    """The folded surnames to look for (longest first)."""
    words = {_fold(p.nom.strip()) for p in people if p.nom and p.nom != ERASED_NAME and len(p.nom.strip()) >= 2}
    return sorted(words, key=len, reverse=True)


def _like_pattern(folded: str) -> str:
    """A LIKE pattern matching at least every accented or capitalised spelling of ``folded``."""
    out = []
    for ch in folded:
        if ch in "aeiouycn" or not ch.isascii():
            out.append("_")
        elif ch in "%_\\":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "%" + "".join(out) + "%"


def _draft_text(payload: str) -> str:
    """The texts typed in a draft (its JSON may escape accents)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return payload
    texts: list[str] = []

    def walk(v: Any, depth: int = 0) -> None:
        if depth > 8:
            return
        if isinstance(v, str):
            texts.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x, depth + 1)
        elif isinstance(v, list):
            for x in v:
                walk(x, depth + 1)

    walk(data)
    return "\n".join(texts)


def _excerpt(text_: str, start: int, end: int, width: int = 40) -> str:
    a, b = max(0, start - width), min(len(text_), end + width)
    return ("…" if a else "") + " ".join(text_[a:b].split()) + ("…" if b < len(text_) else "")


def name_mentions(session: Session, personne_id: str) -> list[Mention]:
    """Free texts that will still contain the person's name once erased, accent-insensitive.

    Looks at what the erasure keeps: dossier texts (title, description, needs, goals…), rendez-vous
    texts (objet, compte-rendu, decisions, next step), actions, étape comments, drafts (unsaved
    forms) and documents' titles and file names — except the records the erasure clears anyway
    (those only about this person). Each with where it is, for the advisor to review before
    confirming. Nothing is changed."""
    from pole_desktop.formatting import format_date_short as _fr_date

    p = get_or_error(session, m.Personne, personne_id, "Personne")
    people = [p, *session.scalars(select(m.Personne).where(m.Personne.fusionne_dans_id == p.id))]
    words = _name_words(people)
    if not words:
        return []
    patterns = [re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)") for w in words]
    ids = {x.id for x in people}

    def only_erased(pids: Iterable[str | None]) -> bool:
        pids = list(pids)
        if not pids:
            return False
        erased = set(session.scalars(select(m.Personne.id).where(
            m.Personne.id.in_([x for x in pids if x]), m.Personne.anonymise.is_(True))))
        return all(x in ids or x in erased for x in pids)

    cleared_dossiers = {d for d in session.scalars(select(m.DossierBeneficiaire.dossier_id).where(
        m.DossierBeneficiaire.personne_id.in_(ids))) if only_erased(session.scalars(
            select(m.DossierBeneficiaire.personne_id).where(m.DossierBeneficiaire.dossier_id == d)))}
    cleared_rdv = {r for r in session.scalars(select(m.RendezVousParticipant.rendez_vous_id).where(
        m.RendezVousParticipant.personne_id.in_(ids))) if only_erased(session.scalars(
            select(m.RendezVousParticipant.personne_id).where(m.RendezVousParticipant.rendez_vous_id == r)))}
    cleared_rdv |= set(session.scalars(select(m.RendezVous.id).where(m.RendezVous.dossier_id.in_(cleared_dossiers))))
    out: list[Mention] = []

    def scan(lieu: str, table: str, row_id: str, column: str, value: Any, label: str | None = None) -> None:
        if not isinstance(value, str) or not value:
            return
        value = unicodedata.normalize("NFC", value)  # « e » + combining accent → « é »: one char, one fold
        folded = _fold(value)
        for pat in patterns:
            hit = pat.search(folded)
            if hit:
                out.append(Mention(lieu, label or field_label(column), _excerpt(value, hit.start(), hit.end()),
                                   table, row_id))
                return

    likes = [_like_pattern(w) for w in words]

    def maybe(model: Any, cols: Iterable[str]) -> Any:
        """SQL pre-filter (a superset: letters that may carry an accent match any character)."""
        return or_(*[getattr(model, c).like(p, escape="\\") for c in cols for p in likes])

    refs = dict(session.execute(select(m.Dossier.id, m.Dossier.reference)).all())
    for d in session.scalars(select(m.Dossier).where(m.Dossier.id.not_in(cleared_dossiers),
                                                      maybe(m.Dossier, DOSSIER_TEXT_FIELDS))
                             .order_by(m.Dossier.reference)):
        for col in DOSSIER_TEXT_FIELDS:
            scan(f"Dossier {d.reference}", "dossier", d.id, col, getattr(d, col))
    for e in session.scalars(select(m.EtapeHistorique).where(m.EtapeHistorique.dossier_id.not_in(cleared_dossiers),
                                                              maybe(m.EtapeHistorique, ["commentaire"]))
                             .order_by(m.EtapeHistorique.date)):
        scan(f"Dossier {refs.get(e.dossier_id, '?')} — étape du {_fr_date(e.date)}", "etape_historique",
             e.id, "commentaire", e.commentaire, "commentaire d'étape")
    for r in session.scalars(select(m.RendezVous).where(m.RendezVous.id.not_in(cleared_rdv),
                                                         maybe(m.RendezVous, RDV_TEXT_FIELDS))
                             .order_by(m.RendezVous.debut)):
        where = f"Rendez-vous du {_fr_date(r.debut.date())}" if r.debut else "Rendez-vous"
        if r.dossier_id:
            where += f" (dossier {refs.get(r.dossier_id, '?')})"
        for col in RDV_TEXT_FIELDS:
            scan(where, "rendez_vous", r.id, col, getattr(r, col))
    for a in session.scalars(select(m.Action).where(maybe(m.Action, ["libelle", "responsable"]))
                             .order_by(m.Action.echeance)):
        if a.dossier_id in cleared_dossiers or a.rendez_vous_id in cleared_rdv:
            continue
        where = f"Action du dossier {refs.get(a.dossier_id, '?')}" if a.dossier_id else "Action d'un rendez-vous"
        scan(where, "action", a.id, "libelle", a.libelle, "action")
        scan(where, "action", a.id, "responsable", a.responsable, "responsable de l'action")
    for doc in session.scalars(select(m.Document).where(maybe(m.Document, ["titre", "nom_fichier"]))
                               .order_by(m.Document.cree_le)):
        if doc.personne_id in ids or doc.dossier_id in cleared_dossiers:
            continue  # deleted by the erasure
        where = f"Document « {doc.titre} »" if doc.titre else "Document"
        if doc.dossier_id:
            where += f" (dossier {refs.get(doc.dossier_id, '?')})"
        scan(where, "document", doc.id, "titre", doc.titre, "titre du document")
        scan(where, "document", doc.id, "nom_fichier", doc.nom_fichier, "nom du fichier")
    for dr in session.scalars(select(Draft).order_by(Draft.key)):
        if any(r in dr.key for r in cleared_rdv):
            continue  # purged by the erasure
        scan(f"Brouillon non enregistré ({dr.key.split(':', 1)[0].replace('_', ' ')})", "draft", dr.key,
             "payload", _draft_text(dr.payload), "contenu du formulaire")
    return out


# ------------------------------------------------------------------ erasure ledger

LEDGER_NAME = "effacements.pdl"
_LEDGER_MAGIC = b"PDLEDG1\n"  # sealed with a key derived from the database key
_LEDGER_CLEAR = b"PDLEDG0\n"  # plaintext database (development tools and tests only)
_LEDGER_MAX = 16 * 1024 * 1024


def ledger_path(data_dir: Any) -> Path:
    """Where a data directory keeps its erasure ledger: beside the database, never in the backups."""
    return Path(data_dir.root) / LEDGER_NAME


def _ledger_entry(eff: m.Effacement) -> dict[str, Any]:
    return {"id": eff.id, "personne_id": eff.personne_id, "date": _plain(eff.date), "motif": eff.motif,
            "auteur_id": eff.auteur_id}


def _ledger_date(value: Any) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return clock.local_now()


class ErasureLedger:
    """The data directory's record of every erasure it knows: ids of erased people, when, why, who
    (no erased value), in one small file sealed with AES-256-GCM under a key derived (HKDF) from
    the database key, owner-only, rewritten atomically. It is not part of any backup, so a restore
    of an older backup can re-apply what was erased since. It only grows."""

    def __init__(self, path: Path, database_key: bytes | None) -> None:
        self.path = Path(path)
        self._aead = None
        if database_key is not None:
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
            from cryptography.hazmat.primitives.kdf.hkdf import HKDF

            k = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                     info=b"pole-desktop erasure ledger v1").derive(database_key)
            self._aead = AESGCM(k)

    def entries(self) -> list[dict[str, Any]]:
        """The recorded erasures (an unreadable ledger is set aside, never overwritten, and read as empty)."""
        if not self.path.exists():
            return []
        try:
            with open(self.path, "rb") as f:
                raw = f.read(_LEDGER_MAX + 64)
            if self._aead is not None and raw.startswith(_LEDGER_MAGIC):
                body = raw[len(_LEDGER_MAGIC):]
                plain = self._aead.decrypt(body[:12], body[12:], _LEDGER_MAGIC)
            elif self._aead is None and raw.startswith(_LEDGER_CLEAR):
                plain = raw[len(_LEDGER_CLEAR):]
            else:
                raise ValueError("unknown ledger format")
            data = json.loads(plain.decode("utf-8"))
            out = [e for e in data.get("effacements", []) if isinstance(e, dict)
                   and isinstance(e.get("id"), str) and isinstance(e.get("personne_id"), str)
                   and _UUID.fullmatch(e["id"]) and _UUID.fullmatch(e["personne_id"])]
        except Exception:  # noqa: BLE001 - damaged, or sealed with another key: keep it aside
            aside = self.path.with_name(f"{self.path.name}.illisible-{clock.stamp()}")
            os.replace(self.path, aside)
            log.warning("erasure ledger unreadable, set aside as %s", aside.name)
            return []
        return out

    def add(self, new: Iterable[dict[str, Any]]) -> int:
        """Record erasures not yet in the ledger; returns how many were added."""
        from pole_desktop.paths import write_private

        current = self.entries()
        ids = {e["id"] for e in current}
        added = [e for e in new if e["id"] not in ids]
        if not added:
            return 0
        plain = json.dumps({"format": 1, "effacements": [*current, *added]}, ensure_ascii=False,
                           separators=(",", ":")).encode("utf-8")
        if self._aead is None:
            data = _LEDGER_CLEAR + plain
        else:
            nonce = os.urandom(12)
            data = _LEDGER_MAGIC + nonce + self._aead.encrypt(nonce, plain, _LEDGER_MAGIC)
        write_private(self.path, data)
        return len(added)


def ledger_of(db: Any) -> ErasureLedger:
    """The erasure ledger of an open database's data directory."""
    return ErasureLedger(ledger_path(db.data_dir), db.key)


def record_erasures(db: Any) -> int:
    """Copy every ``Effacement`` of the database into the ledger (after a sync, before a restore)."""
    with db.read() as s:
        return ledger_of(db).add([_ledger_entry(e) for e in s.scalars(select(m.Effacement))])


def field_rows(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(French label, readable value) pairs of an exported record, for the PDF and the dialog:
    technical fields (ids, content hashes, internal flags) are left out."""
    out = []
    for k, v in record.items():
        if isinstance(v, list | dict) or k == "id" or k.endswith("_id") or k in TECHNICAL_FIELDS:
            continue
        if v in (None, "") or (isinstance(v, str) and _UUID.fullmatch(v)):
            continue
        out.append((EXTRA_LABELS.get(k) or field_label(k), readable(k, v)))
    return out


TECHNICAL_FIELDS = {"sha256", "source_hlc", "archive", "anonymise", "zonage_version", "lien_id",
                    "participation_id", "inscription_id", "role_id", "genere", "mime"}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


EXTRA_LABELS = {"frr_code": "zonage FRR", "zrr_statut": "zonage ZRR", "qpv_code": "quartier prioritaire",
                "public_specifique": "public spécifique",
                "cree_le": "fiche créée le", "inscrit_le": "inscription le", "role_dans_le_dossier": "rôle",
                "referent": "référent", "accompagnateur": "accompagnateur·rice", "nom_fichier": "fichier",
                "taille": "taille (octets)", "genere": "document généré", "mime": "format"}


_CODE_LABELS: dict[str, dict[str, str]] | None = None


def _code_labels() -> dict[str, dict[str, str]]:
    global _CODE_LABELS
    if _CODE_LABELS is None:
        from pole_desktop.domain.dispositifs import (
            DISPOSITIFS,
            INGENIERIE_TYPES,
            MOTIFS_CLOTURE,
            SUIVI_RESULTATS,
            TYPES_DOSSIER,
        )
        from pole_desktop.services.personnes import SEXES, SITUATIONS
        from pole_desktop.services.rendez_vous import LIEUX, STATUTS, TYPES_RDV

        etapes: dict[str, str] = {}
        for d in DISPOSITIFS.values():
            for e in d.etapes:
                etapes.setdefault(e.code, e.libelle)
        _CODE_LABELS = {
            "dispositif": {c: d.nom for c, d in DISPOSITIFS.items()},
            "etape": etapes,
            "type": {**TYPES_RDV, **TYPES_DOSSIER},
            "statut": dict(STATUTS),
            "lieu_type": dict(LIEUX),
            "sexe": dict(SEXES),
            "situation": dict(SITUATIONS),
            "motif_cloture": dict(MOTIFS_CLOTURE),
            "ingenierie_type": dict(INGENIERIE_TYPES),
            "suivi_6_resultat": dict(SUIVI_RESULTATS),
            "suivi_24_resultat": dict(SUIVI_RESULTATS),
        }
    return _CODE_LABELS


def readable(column: str, value: Any) -> str:
    """A stored value as an advisor reads it: French labels of codes, dates, commune names, oui/non."""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if column.endswith("_centimes") and isinstance(value, int | float):
        from pole_desktop.formatting import format_amount

        euros = Decimal(int(value)).scaleb(-2)
        return format_amount(euros, decimals=0 if euros == euros.to_integral_value() else 2)
    if column.endswith("_etp") and isinstance(value, int | float):
        from pole_desktop.documents.typography import format_etp

        return format_etp(Decimal(str(value)))
    if column == "frr_code" and isinstance(value, int):
        from pole_desktop.territory import FRR_LIBELLES

        return FRR_LIBELLES.get(value, str(value))
    if column == "public_specifique" and isinstance(value, str):
        from pole_desktop.services.dossiers import PUBLICS

        return ", ".join(PUBLICS.get(c, c) for c in value.split("|") if c)
    if isinstance(value, str) and _UUID.fullmatch(value):
        return "(lien vers une autre fiche)"
    if isinstance(value, str) and column == "qpv_code":
        from pole_desktop.territory import get_territory

        q = get_territory().qpv(value)
        return f"{q.nom} ({value})" if q else value
    if isinstance(value, str) and column == "telephone":
        from pole_desktop.formatting import format_phone

        return format_phone(value)
    if isinstance(value, str) and column in _code_labels():
        label = _code_labels()[column].get(value)
        if label:
            return label
    if isinstance(value, str) and column == "commune_insee":
        from pole_desktop.storage.search import commune_name

        name = commune_name(value)
        return f"{name} ({value})" if name else value
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            if len(value) == 10:
                return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
            return dt.datetime.fromisoformat(value).strftime("%d/%m/%Y à %H:%M")
        except ValueError:
            return value
    return str(value)
