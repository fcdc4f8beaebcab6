"""The right-of-access PDF is intelligible (GDPR art. 12) and complete (art. 15): French labels and
formatted values, no identifiers, history grouped by event, the art. 15 information, drafts and
conflict-inbox entries — read back from the real PDF."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pypdf

from pole_desktop.domain.local import Conflict
from pole_desktop.safety import gdpr
from pole_desktop.safety.gdpr_pdf import export_pdf
from pole_desktop.services import dossiers as dossier_service
from pole_desktop.services import drafts as draft_service
from pole_desktop.services import personnes as personne_service
from pole_desktop.services import rendez_vous as rdv_service
from pole_desktop.storage.database import Database

NOW = dt.datetime(2026, 1, 5, 9, 0)


def _text(pdf: bytes) -> str:
    raw = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(raw.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_access_export_is_intelligible_and_complete(db: Database) -> None:
    with db.session() as s:
        p = personne_service.save_personne(s, {"nom": "Durand", "prenom": "Léa", "sexe": "F",
                                               "telephone": "0612345678", "situation": "rsa"})
        d = dossier_service.create_dossier(s, {"dispositif": "dla", "titre": "Ressourcerie",
                                               "date_ouverture": dt.date(2025, 3, 1), "beneficiaires": [p.id],
                                               "fonds_mobilises": "19000", "emplois_consolides_etp": "1,5"})
        pid, did = p.id, d.id
        s.flush()
    with db.session() as s:
        personne_service.save_personne(s, {"prenom": "Léa-Marie"}, p.id)
        r = rdv_service.plan_rendez_vous(s, {"dossier_id": did, "debut": dt.datetime(2025, 4, 2, 14, 0)})
        draft_service.save_draft(s, f"compte_rendu:{r.id}", {"compte_rendu": "Brouillon en cours sur le local"})
        s.add(Conflict(tbl="personne", row_id=pid, col="telephone", winner_value='"0612345678"',
                       winner_hlc="1", winner_device="a", loser_value='"0698765432"', loser_hlc="0",
                       loser_device="b", detected_at=dt.datetime(2025, 5, 1, 10, 0)))
        s.flush()
        data = gdpr.export_person(s, pid)
    parsed = json.loads(gdpr.export_json(data))
    assert parsed["brouillons"] and parsed["conflits"] and parsed["informations"]["reclamation"]
    text = _text(export_pdf(data, NOW))
    # Formatted values, French labels, no raw storage forms.
    assert "19 000 €" in text and "1900000" not in text
    assert "1,5 ETP" in text and "Allocataire du RSA" in text and "06 12 34 56 78" in text
    assert "False" not in text and "True" not in text and "None" not in text
    assert pid not in text and did not in text
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)  # dates are French
    assert "01/03/2025" in text
    # Article 15 information.
    for words in ("Pourquoi ces données sont traitées", "Qui les reçoit", "Combien de temps", "Vos droits",
                  "CNIL", "www.cnil.fr", "Décision automatisée"):
        assert words in text, words
    # Drafts and conflicts.
    assert "Brouillon en cours sur le local" in text
    assert "Modifications concurrentes" in text and "06 98 76 54 32" in text
    # History grouped by event: fewer events than journal entries, each event says what changed.
    events = re.search(r"Historique des modifications \((\d+) événements\)", text)
    assert events and 0 < int(events.group(1)) < len(data["historique"])
    assert "Création — Personne" in text and "Création — Bénéficiaire du dossier rôle : porteur" in text
    assert "Modification — Personne prénom : Léa-Marie (avant : Léa)" in text
