"""Generate a document from the database and keep it, with the data state it came from.

    doc = generate_document(session, "compte_rendu", rdv_id, letterhead=lh, generated_at=now)
    row = store_generated(session, db.blob_store(), doc, rendez_vous_id=rdv_id)

Same data and same ``generated_at`` → same bytes. ``doc.source_hlc`` is the journal position
(latest HLC of ``local_state``) read *before* the Document row is written, i.e. the state of the
data the PDF shows: "what exactly did we hand over on 12 March?" has an answer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.documents import from_models as fm
from pole_desktop.documents.base import DocumentMeta, Letterhead
from pole_desktop.documents.settings import DocumentSettings
from pole_desktop.documents.templates.attestation import render_attestation
from pole_desktop.documents.templates.compte_rendu import render_compte_rendu
from pole_desktop.documents.templates.convention import render_convention
from pole_desktop.documents.templates.emargement import render_emargement
from pole_desktop.documents.templates.fiche_synthese import render_fiche_synthese
from pole_desktop.documents.views import Signataire
from pole_desktop.domain import models as m
from pole_desktop.domain.local import LocalState
from pole_desktop.storage.blobs import BlobStore
from pole_desktop.storage.journal import HLC_KEY

__all__ = [
    "KINDS",
    "KINDS_FOR",
    "GeneratedDocument",
    "current_hlc",
    "generate_document",
    "safe_filename",
    "store_generated",
]

# kind → (French label, Document.type, what the target id is)
KINDS: dict[str, tuple[str, str, str]] = {
    "compte_rendu": ("Compte-rendu d'entretien", "compte_rendu", "rendez_vous"),
    "fiche_synthese": ("Fiche de synthèse du dossier", "synthese", "dossier"),
    "convention": ("Convention d'accompagnement", "convention", "dossier"),
    "attestation": ("Attestation d'accompagnement", "attestation", "dossier"),
    "emargement": ("Feuille d'émargement", "emargement", "atelier"),
}
# What can be generated from where (dialog "Générer un document").
KINDS_FOR: dict[str, tuple[str, ...]] = {
    "dossier": ("fiche_synthese", "convention", "attestation"),
    "rendez_vous": ("compte_rendu",),
    "atelier": ("emargement",),
}


@dataclass(frozen=True, slots=True)
class GeneratedDocument:
    kind: str
    pdf: bytes
    title: str  # "Compte-rendu d'entretien du 26/11/2026"
    filename: str  # "compte-rendu-DLA-2026-K7QF-0042-2026-11-26.pdf"
    reference: str  # dossier reference (or atelier reference)
    source_hlc: str | None  # journal position the document was generated from
    generated_at: dt.datetime
    dossier_id: str | None = None
    rendez_vous_id: str | None = None
    atelier_id: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


def current_hlc(session: Session) -> str | None:
    """The latest HLC of this laptop's journal (the data state now)."""
    return session.scalar(select(LocalState.value).where(LocalState.key == HLC_KEY))


def safe_filename(text: str) -> str:
    """``Compte-rendu DLA/2026 é`` → ``compte-rendu-DLA-2026-e`` (portable on Windows)."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_ = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_).strip("-.")
    return ascii_ or "document"


def _signataire(settings: DocumentSettings | None, dossier: m.Dossier | None) -> Signataire:
    if settings is not None:
        return fm.signataire_for(dossier, settings.signataire_nom, settings.signataire_qualite)
    return fm.signataire_for(dossier)


def generate_document(
    session: Session,
    kind: str,
    target_id: str,
    *,
    letterhead: Letterhead | None = None,
    generated_at: dt.datetime,
    settings: DocumentSettings | None = None,
) -> GeneratedDocument:
    """Render one document of ``kind`` for its target (rendez-vous, dossier or atelier id)."""
    if kind not in KINDS:
        raise ValueError(f"Type de document inconnu : {kind}.")
    if letterhead is None:
        letterhead = settings.letterhead if settings is not None else Letterhead()
    label, _type, _target = KINDS[kind]
    hlc = current_hlc(session)
    generated_at = generated_at.replace(microsecond=0)
    dossier_id = rdv_id = atelier_id = None
    if kind == "compte_rendu":
        data = fm.compte_rendu_data(session, target_id)
        rdv = session.get(m.RendezVous, target_id)
        dossier_id, rdv_id = rdv.dossier_id, target_id
        reference = data.dossier.reference
        title = f"{label} du {data.date:%d/%m/%Y}"
        stem = f"compte-rendu-{reference}-{data.date:%Y-%m-%d}"
        pdf = render_compte_rendu(data, DocumentMeta(reference=reference, generated_at=generated_at,
                                                     letterhead=letterhead))
    elif kind == "emargement":
        edata = fm.emargement_data(session, target_id)
        atelier = session.get(m.Atelier, target_id)
        atelier_id = target_id
        reference = fm.atelier_reference(atelier)
        title = f"{label} — {edata.theme} — {edata.date:%d/%m/%Y}"
        stem = f"emargement-{edata.date:%Y-%m-%d}-{edata.theme[:40]}"
        pdf = render_emargement(edata, DocumentMeta(reference=reference, generated_at=generated_at,
                                                    letterhead=letterhead))
    else:
        dossier = session.get(m.Dossier, target_id)
        if dossier is None:
            raise LookupError("Dossier introuvable.")
        dossier_id = target_id
        reference = dossier.reference
        meta = DocumentMeta(reference=reference, generated_at=generated_at, letterhead=letterhead)
        day = generated_at.date()
        if kind == "fiche_synthese":
            pdf = render_fiche_synthese(fm.fiche_synthese_data(session, target_id), meta)
            stem = f"fiche-synthese-{reference}-{day:%Y-%m-%d}"
        elif kind == "convention":
            pdf = render_convention(
                fm.convention_data(session, target_id, signataire=_signataire(settings, dossier)), meta
            )
            stem = f"convention-{reference}"
        else:
            pdf = render_attestation(
                fm.attestation_data(session, target_id, signataire=_signataire(settings, dossier),
                                    date_signature=day),
                meta,
            )
            stem = f"attestation-{reference}-{day:%Y-%m-%d}"
        title = f"{label} — {reference}"
    return GeneratedDocument(
        kind=kind,
        pdf=pdf,
        title=title,
        filename=safe_filename(stem) + ".pdf",
        reference=reference,
        source_hlc=hlc,
        generated_at=generated_at,
        dossier_id=dossier_id,
        rendez_vous_id=rdv_id,
        atelier_id=atelier_id,
    )


def store_generated(
    session: Session,
    blobs: BlobStore,
    doc: GeneratedDocument,
    *,
    dossier_id: str | None = None,
    rendez_vous_id: str | None = None,
    atelier_id: str | None = None,
    auteur_id: str | None = None,
) -> m.Document:
    """Put the PDF in the blob store and record it as a Document (genere=True, source_hlc).

    Links default to the ones of the generated document; the author to the current advisor.
    """
    sha = blobs.put(doc.pdf)
    if auteur_id is None:
        ctx = session.info.get("journal")
        auteur_id = ctx.author_id if ctx else None
    row = m.Document(
        dossier_id=dossier_id or doc.dossier_id,
        rendez_vous_id=rendez_vous_id or doc.rendez_vous_id,
        atelier_id=atelier_id or doc.atelier_id,
        type=KINDS[doc.kind][1] if doc.kind in KINDS else doc.kind,
        titre=doc.title,
        nom_fichier=doc.filename,
        mime="application/pdf",
        sha256=sha,
        taille=len(doc.pdf),
        genere=True,
        source_hlc=doc.source_hlc,
        cree_le=doc.generated_at.replace(tzinfo=None),
        auteur_id=auteur_id,
    )
    session.add(row)
    session.flush()
    return row
