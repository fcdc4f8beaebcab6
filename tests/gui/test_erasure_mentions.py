"""Before an erasure, the dialog lists the free texts that will still name the person (accent-insensitive)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from pole_desktop import clock
from pole_desktop.domain import models as m
from pole_desktop.domain.local import Draft
from pole_desktop.safety import gdpr

SHOTS = Path(__file__).resolve().parents[2] / ".screenshots"


def _setup(db) -> tuple[str, dict[str, str]]:
    """Person « Zéphyrin » on a dossier shared with someone else; their name written in free texts."""
    with db.session() as s:
        link = s.scalar(select(m.DossierBeneficiaire).order_by(m.DossierBeneficiaire.id).limit(1))
        p, d = link.personne, link.dossier
        other = s.scalar(select(m.Personne).where(m.Personne.id != p.id, m.Personne.anonymise.is_(False))
                         .order_by(m.Personne.id).limit(1))
        if not any(b.personne_id == other.id for b in d.beneficiaires):
            s.add(m.DossierBeneficiaire(dossier_id=d.id, personne_id=other.id))
        p.nom, p.prenom = "Zéphyrin", "Odile"
        d.description = "Projet porté avec M. ZEPHYRIN et sa sœur."
        d.besoins = "La Zéphyrinette (boutique) cherche un local."  # another word: not the name
        start = clock.local_now().replace(hour=10, minute=0, second=0)
        rdv = m.RendezVous(dossier_id=d.id, debut=start, fin=start + dt.timedelta(hours=1), duree_minutes=60,
                           type="suivi", statut="realise", lieu_type="locaux",
                           compte_rendu="Échange avec Mme zéphyrin sur le prévisionnel.")
        s.add(rdv)
        s.flush()
        action = m.Action(dossier_id=d.id, libelle="Envoyer le devis à Zephyrin", faite=False)
        s.add(action)
        etape = s.scalar(select(m.EtapeHistorique).where(m.EtapeHistorique.dossier_id == d.id).limit(1))
        etape.commentaire = "Avis favorable (Zéphyrin présente)"
        doc = m.Document(dossier_id=d.id, type="autre", titre="Attestation Zéphyrin", nom_fichier="attestation.pdf",
                         sha256="0" * 64, taille=1, cree_le=clock.local_now())
        s.add(doc)
        s.add(Draft(key=f"compte_rendu:{rdv.id}x", payload=json.dumps({"texte": "Rappeler Zéphyrin"}),
                    updated_at=clock.local_now()))
        s.flush()
        return p.id, {"dossier": d.id, "rdv": rdv.id, "action": action.id, "etape": etape.id, "doc": doc.id,
                      "reference": d.reference}


def test_name_mentions_core(db):
    pid, ids = _setup(db)
    with db.read() as s:
        found = gdpr.name_mentions(s, pid)
    where = {(x.table, x.row_id, x.champ) for x in found}
    assert ("dossier", ids["dossier"], "description") in {(t, r, c.casefold()) for t, r, c in where}
    tables = {(x.table, x.row_id) for x in found}
    for key in ("rdv", "action", "etape", "doc"):
        table = {"rdv": "rendez_vous", "action": "action", "etape": "etape_historique", "doc": "document"}[key]
        assert (table, ids[key]) in tables, key
    assert any(x.table == "draft" for x in found)
    assert not any("Zéphyrinette" in x.extrait and x.champ.casefold().startswith("besoin") for x in found)
    assert all(ids["reference"] in x.lieu for x in found if x.table in ("dossier", "etape_historique", "action"))
    # Nothing changed by looking, and nothing listed once the person is erased (the name is gone).
    with db.session() as s:
        gdpr.erase_person(s, pid, "demande de la personne")
    with db.read() as s:
        assert s.get(m.Dossier, ids["dossier"]).description == "Projet porté avec M. ZEPHYRIN et sa sœur."


def test_erasure_dialog_lists_texts_and_needs_review(qtbot, ctx):
    from pole_desktop.gui.dialogs.safety_menu import open_person_privacy

    pid, ids = _setup(ctx.db)
    dialog = open_person_privacy(ctx, pid)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(2)
    rows = [[dialog.mentions.topLevelItem(i).text(c) for c in range(3)]
            for i in range(dialog.mentions.topLevelItemCount())]
    assert len(rows) >= 6 and dialog.mentions.isVisible()
    assert any(r[0] == f"Dossier {ids['reference']}" and "ZEPHYRIN" in r[2] for r in rows)
    assert any(r[0].startswith("Rendez-vous du") and "zéphyrin" in r[2] for r in rows)
    assert any(r[0].startswith("Brouillon") for r in rows)
    assert "6" in dialog.mentions_label.text() or str(len(rows)) in dialog.mentions_label.text()
    dialog.erase_confirm.setText("Zéphyrin")  # keyClicks aborts on non-ASCII keys offscreen
    assert not dialog.erase_button.isEnabled()  # the texts were not reviewed yet
    dialog.mentions_reviewed.setChecked(True)
    assert dialog.erase_button.isEnabled()
    dialog.resize(1366, 768)
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "effacement-textes-a-relire.png"))
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    with ctx.db.read() as s:
        assert s.get(m.Personne, pid).anonymise
    assert not dialog.mentions.isVisible()
    # The dialog's erasure is in the data directory's erasure ledger (outside the backups).
    assert [e["personne_id"] for e in gdpr.ledger_of(ctx.db).entries()] == [pid]
