"""Printed documents handed to people: A4 PDFs in French, built with reportlab (no Qt here).

Each template takes a plain view of the data (:mod:`pole_desktop.documents.views`) and a
:class:`DocumentMeta` (reference, generation time, letterhead) and returns the PDF bytes::

    pdf = render_compte_rendu(data, DocumentMeta(reference="DLA-2026-K7QF-0042", generated_at=now))

The same inputs always give the same bytes. Importing this package registers the embedded fonts.
"""

from pole_desktop.documents.base import DocumentMeta, Letterhead, build_pdf
from pole_desktop.documents.templates.attestation import render_attestation
from pole_desktop.documents.templates.compte_rendu import render_compte_rendu
from pole_desktop.documents.templates.convention import render_convention
from pole_desktop.documents.templates.emargement import render_emargement
from pole_desktop.documents.templates.fiche_synthese import render_fiche_synthese
from pole_desktop.documents.views import (
    ActionItem,
    Adresse,
    AttestationData,
    CompteRenduData,
    ConventionData,
    Crowdfunding,
    Dispositif,
    DossierRef,
    EmargementData,
    EtapeHistorique,
    FicheSyntheseData,
    Participant,
    ParticipantAtelier,
    Personne,
    ProchainRendezVous,
    RendezVousResume,
    Resultats,
    Signataire,
    Structure,
    Territoire,
)

__all__ = [
    "ActionItem",
    "Adresse",
    "AttestationData",
    "CompteRenduData",
    "ConventionData",
    "Crowdfunding",
    "Dispositif",
    "DocumentMeta",
    "DossierRef",
    "EmargementData",
    "EtapeHistorique",
    "FicheSyntheseData",
    "Letterhead",
    "Participant",
    "ParticipantAtelier",
    "Personne",
    "ProchainRendezVous",
    "RendezVousResume",
    "Resultats",
    "Signataire",
    "Structure",
    "Territoire",
    "build_pdf",
    "render_attestation",
    "render_compte_rendu",
    "render_convention",
    "render_emargement",
    "render_fiche_synthese",
]
