"""The synced domain: every entity of PRODUCT.md as a SQLAlchemy 2 typed model.

Conventions
- Every table here is synced (``SyncedMixin``): UUID text key, writes journaled.
- Links between entities that carry meaning (roles, beneficiaries, participants,
  registrations) are association *objects* with their own UUID, so the journal
  covers them like any row.
- Amounts are integer cents (``*_centimes``), ETP are floats, dates are ``date``,
  times of day are naive local ``datetime``.
- Dossiers are archived (``archive``), never deleted.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pole_desktop.domain.base import Base, SyncedMixin


class Accompagnateur(SyncedMixin, Base):
    __tablename__ = "accompagnateur"

    nom: Mapped[str] = mapped_column(String(100))
    prenom: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))
    telephone: Mapped[str | None] = mapped_column(String(30))
    initiales: Mapped[str | None] = mapped_column(String(5))
    actif: Mapped[bool] = mapped_column(Boolean, default=True)

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}".strip()


class Personne(SyncedMixin, Base):
    __tablename__ = "personne"

    civilite: Mapped[str | None] = mapped_column(String(10))  # "Mme", "M.", None
    nom: Mapped[str] = mapped_column(String(100), index=True)
    prenom: Mapped[str] = mapped_column(String(100), default="")
    sexe: Mapped[str | None] = mapped_column(String(1))  # "F", "M", "X" (women-entrepreneurship indicator)
    annee_naissance: Mapped[int | None] = mapped_column(Integer)
    email: Mapped[str | None] = mapped_column(String(200), index=True)
    telephone: Mapped[str | None] = mapped_column(String(30), index=True)
    adresse: Mapped[str | None] = mapped_column(String(300))
    code_postal: Mapped[str | None] = mapped_column(String(5))
    commune_insee: Mapped[str | None] = mapped_column(String(5), index=True)
    qpv_code: Mapped[str | None] = mapped_column(String(10))  # confirmed by the advisor for the address
    situation: Mapped[str | None] = mapped_column(String(40))
    prescripteur: Mapped[str | None] = mapped_column(String(200))
    consentement_date: Mapped[dt.date | None] = mapped_column(Date)
    consentement_portee: Mapped[str | None] = mapped_column(String(300))
    consentement_moyen: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    cree_le: Mapped[dt.date | None] = mapped_column(Date)
    anonymise: Mapped[bool] = mapped_column(Boolean, default=False)
    fusionne_dans_id: Mapped[str | None] = mapped_column(ForeignKey("personne.id"), index=True)

    roles: Mapped[list[StructureRole]] = relationship(back_populates="personne")

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}".strip()


class Structure(SyncedMixin, Base):
    __tablename__ = "structure"

    raison_sociale: Mapped[str] = mapped_column(String(200), index=True)
    sigle: Mapped[str | None] = mapped_column(String(50))
    forme_juridique: Mapped[str | None] = mapped_column(String(4))  # INSEE catégorie juridique niveau 3
    siret: Mapped[str | None] = mapped_column(String(14), index=True)
    rna: Mapped[str | None] = mapped_column(String(10), index=True)
    naf: Mapped[str | None] = mapped_column(String(6))
    date_creation: Mapped[dt.date | None] = mapped_column(Date)
    adresse: Mapped[str | None] = mapped_column(String(300))
    code_postal: Mapped[str | None] = mapped_column(String(5))
    commune_insee: Mapped[str | None] = mapped_column(String(5), index=True)
    email: Mapped[str | None] = mapped_column(String(200))
    telephone: Mapped[str | None] = mapped_column(String(30))
    salaries: Mapped[int | None] = mapped_column(Integer)
    etp: Mapped[float | None] = mapped_column(Float)
    benevoles: Mapped[int | None] = mapped_column(Integer)
    budget_centimes: Mapped[int | None] = mapped_column(Integer)
    esus: Mapped[bool] = mapped_column(Boolean, default=False)
    collectivite: Mapped[bool] = mapped_column(Boolean, default=False)  # local authority / EPCI
    notes: Mapped[str | None] = mapped_column(Text)
    fusionne_dans_id: Mapped[str | None] = mapped_column(ForeignKey("structure.id"), index=True)

    roles: Mapped[list[StructureRole]] = relationship(back_populates="structure")


class StructureRole(SyncedMixin, Base):
    """A person's role in a structure (président·e, trésorier·e, directeur·rice…)."""

    __tablename__ = "structure_role"

    structure_id: Mapped[str] = mapped_column(ForeignKey("structure.id"), index=True)
    personne_id: Mapped[str] = mapped_column(ForeignKey("personne.id"), index=True)
    role: Mapped[str] = mapped_column(String(60))
    depuis: Mapped[dt.date | None] = mapped_column(Date)

    structure: Mapped[Structure] = relationship(back_populates="roles")
    personne: Mapped[Personne] = relationship(back_populates="roles")


class Dossier(SyncedMixin, Base):
    __tablename__ = "dossier"

    reference: Mapped[str] = mapped_column(String(40), unique=True)
    dispositif: Mapped[str] = mapped_column(String(30), index=True)
    type: Mapped[str] = mapped_column(String(30))
    titre: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    besoins: Mapped[str | None] = mapped_column(Text)
    objectifs: Mapped[str | None] = mapped_column(Text)
    utilite_sociale: Mapped[str | None] = mapped_column(Text)
    structure_id: Mapped[str | None] = mapped_column(ForeignKey("structure.id"), index=True)
    referent_id: Mapped[str | None] = mapped_column(ForeignKey("accompagnateur.id"), index=True)
    etape: Mapped[str] = mapped_column(String(40), index=True)
    date_ouverture: Mapped[dt.date] = mapped_column(Date, index=True)
    date_cloture: Mapped[dt.date | None] = mapped_column(Date)
    motif_cloture: Mapped[str | None] = mapped_column(String(30))
    motif_precision: Mapped[str | None] = mapped_column(String(200))  # e.g. the partner of a réorientation
    # Territory, stored as of the opening date with the zoning version used.
    commune_insee: Mapped[str | None] = mapped_column(String(5), index=True)
    zonage_version: Mapped[str | None] = mapped_column(String(20))
    frr_code: Mapped[int | None] = mapped_column(Integer)
    zrr_statut: Mapped[str | None] = mapped_column(String(2))
    qpv_code: Mapped[str | None] = mapped_column(String(10))
    public_specifique: Mapped[str | None] = mapped_column(String(200))  # "femmes|qpv|precarite|handicap"
    tags: Mapped[str | None] = mapped_column(String(300))
    # Results.
    structure_creee: Mapped[bool] = mapped_column(Boolean, default=False)
    date_structure_creee: Mapped[dt.date | None] = mapped_column(Date)
    emplois_crees_etp: Mapped[float | None] = mapped_column(Float)
    emplois_consolides_etp: Mapped[float | None] = mapped_column(Float)
    fonds_mobilises_centimes: Mapped[int | None] = mapped_column(Integer)
    # When each result was obtained: a bilan counts the results dated within its period (flows, not
    # stocks). Rule for values recorded before these dates existed (migration 0003, and the bilan
    # for rows still without a date): the structure's creation date for jobs created, else the
    # dossier's closing date, else its opening date.
    date_emplois_crees: Mapped[dt.date | None] = mapped_column(Date)
    date_emplois_consolides: Mapped[dt.date | None] = mapped_column(Date)
    date_fonds_mobilises: Mapped[dt.date | None] = mapped_column(Date)
    # DLA only: the ingénierie (type, budget; dated by the dossier's entry into the « ingenierie »
    # étape) and the follow-ups 6 and 24 months after it (date, result, comment). Codes in
    # domain/dispositifs.py (INGENIERIE_TYPES, SUIVI_RESULTATS); migration 0006.
    ingenierie_type: Mapped[str | None] = mapped_column(String(20))
    ingenierie_budget_centimes: Mapped[int | None] = mapped_column(Integer)
    suivi_6_date: Mapped[dt.date | None] = mapped_column(Date)
    suivi_6_resultat: Mapped[str | None] = mapped_column(String(30))
    suivi_6_commentaire: Mapped[str | None] = mapped_column(String(500))
    suivi_24_date: Mapped[dt.date | None] = mapped_column(Date)
    suivi_24_resultat: Mapped[str | None] = mapped_column(String(30))
    suivi_24_commentaire: Mapped[str | None] = mapped_column(String(500))
    crowdfunding_objectif_centimes: Mapped[int | None] = mapped_column(Integer)
    crowdfunding_collecte_centimes: Mapped[int | None] = mapped_column(Integer)
    crowdfunding_contributeurs: Mapped[int | None] = mapped_column(Integer)
    archive: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    structure: Mapped[Structure | None] = relationship()
    referent: Mapped[Accompagnateur | None] = relationship()
    beneficiaires: Mapped[list[DossierBeneficiaire]] = relationship(back_populates="dossier")
    conseillers: Mapped[list[DossierConseiller]] = relationship(back_populates="dossier")
    historique: Mapped[list[EtapeHistorique]] = relationship(
        back_populates="dossier", order_by="EtapeHistorique.date"
    )
    rendez_vous: Mapped[list[RendezVous]] = relationship(back_populates="dossier", order_by="RendezVous.debut")
    actions: Mapped[list[Action]] = relationship(back_populates="dossier", order_by="Action.echeance")

    @property
    def ouvert(self) -> bool:
        return self.date_cloture is None


class DossierBeneficiaire(SyncedMixin, Base):
    __tablename__ = "dossier_beneficiaire"
    __table_args__ = (UniqueConstraint("dossier_id", "personne_id"),)

    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    personne_id: Mapped[str] = mapped_column(ForeignKey("personne.id"), index=True)
    role: Mapped[str] = mapped_column(String(30), default="porteur")  # porteur, co-porteur, contact

    dossier: Mapped[Dossier] = relationship(back_populates="beneficiaires")
    personne: Mapped[Personne] = relationship()


class DossierConseiller(SyncedMixin, Base):
    """A co-advisor on a dossier (the référent is ``Dossier.referent_id``)."""

    __tablename__ = "dossier_conseiller"
    __table_args__ = (UniqueConstraint("dossier_id", "accompagnateur_id"),)

    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    accompagnateur_id: Mapped[str] = mapped_column(ForeignKey("accompagnateur.id"))

    dossier: Mapped[Dossier] = relationship(back_populates="conseillers")
    accompagnateur: Mapped[Accompagnateur] = relationship()


class EtapeHistorique(SyncedMixin, Base):
    """One dated entry of a dossier's étape history."""

    __tablename__ = "etape_historique"

    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossier.id"), index=True)
    etape: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date] = mapped_column(Date)
    accompagnateur_id: Mapped[str | None] = mapped_column(ForeignKey("accompagnateur.id"))
    motif_cloture: Mapped[str | None] = mapped_column(String(30))
    commentaire: Mapped[str | None] = mapped_column(Text)

    dossier: Mapped[Dossier] = relationship(back_populates="historique")
    accompagnateur: Mapped[Accompagnateur | None] = relationship()


class RendezVous(SyncedMixin, Base):
    __tablename__ = "rendez_vous"

    dossier_id: Mapped[str | None] = mapped_column(ForeignKey("dossier.id"), index=True)
    accompagnateur_id: Mapped[str | None] = mapped_column(ForeignKey("accompagnateur.id"), index=True)
    debut: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    fin: Mapped[dt.datetime] = mapped_column(DateTime)
    lieu_type: Mapped[str] = mapped_column(String(20), default="bureau")  # bureau, sur_site, visio, telephone
    adresse: Mapped[str | None] = mapped_column(String(300))
    commune_insee: Mapped[str | None] = mapped_column(String(5))
    type: Mapped[str] = mapped_column(String(30), default="suivi")
    objet: Mapped[str | None] = mapped_column(String(300))
    compte_rendu: Mapped[str | None] = mapped_column(Text)
    decisions: Mapped[str | None] = mapped_column(Text)
    prochaine_etape: Mapped[str | None] = mapped_column(Text)
    duree_minutes: Mapped[int | None] = mapped_column(Integer)  # time spent
    statut: Mapped[str] = mapped_column(String(20), default="prevu", index=True)  # prevu, realise, annule, absent

    dossier: Mapped[Dossier | None] = relationship(back_populates="rendez_vous")
    accompagnateur: Mapped[Accompagnateur | None] = relationship()
    participants: Mapped[list[RendezVousParticipant]] = relationship(back_populates="rendez_vous")
    actions: Mapped[list[Action]] = relationship(back_populates="rendez_vous")


class RendezVousParticipant(SyncedMixin, Base):
    __tablename__ = "rendez_vous_participant"
    __table_args__ = (UniqueConstraint("rendez_vous_id", "personne_id"),)

    rendez_vous_id: Mapped[str] = mapped_column(ForeignKey("rendez_vous.id"), index=True)
    personne_id: Mapped[str] = mapped_column(ForeignKey("personne.id"), index=True)

    rendez_vous: Mapped[RendezVous] = relationship(back_populates="participants")
    personne: Mapped[Personne] = relationship()


class Action(SyncedMixin, Base):
    __tablename__ = "action"

    dossier_id: Mapped[str | None] = mapped_column(ForeignKey("dossier.id"), index=True)
    rendez_vous_id: Mapped[str | None] = mapped_column(ForeignKey("rendez_vous.id"), index=True)
    libelle: Mapped[str] = mapped_column(String(300))
    responsable: Mapped[str | None] = mapped_column(String(150))  # who: free text (porteur, partner…)
    responsable_id: Mapped[str | None] = mapped_column(ForeignKey("accompagnateur.id"))  # or an advisor
    echeance: Mapped[dt.date | None] = mapped_column(Date, index=True)
    faite: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    faite_le: Mapped[dt.date | None] = mapped_column(Date)

    dossier: Mapped[Dossier | None] = relationship(back_populates="actions")
    rendez_vous: Mapped[RendezVous | None] = relationship(back_populates="actions")


class Atelier(SyncedMixin, Base):
    __tablename__ = "atelier"

    titre: Mapped[str] = mapped_column(String(200))
    theme: Mapped[str | None] = mapped_column(String(200))
    debut: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    fin: Mapped[dt.datetime] = mapped_column(DateTime)
    lieu: Mapped[str | None] = mapped_column(String(300))
    commune_insee: Mapped[str | None] = mapped_column(String(5))
    accompagnateur_id: Mapped[str | None] = mapped_column(ForeignKey("accompagnateur.id"))
    dispositif: Mapped[str | None] = mapped_column(String(30))
    capacite: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)

    inscriptions: Mapped[list[AtelierInscription]] = relationship(back_populates="atelier")
    accompagnateur: Mapped[Accompagnateur | None] = relationship()


class AtelierInscription(SyncedMixin, Base):
    __tablename__ = "atelier_inscription"
    __table_args__ = (UniqueConstraint("atelier_id", "personne_id"),)

    atelier_id: Mapped[str] = mapped_column(ForeignKey("atelier.id"), index=True)
    personne_id: Mapped[str] = mapped_column(ForeignKey("personne.id"), index=True)
    present: Mapped[bool | None] = mapped_column(Boolean)  # None = not marked yet
    inscrit_le: Mapped[dt.date | None] = mapped_column(Date)

    atelier: Mapped[Atelier] = relationship(back_populates="inscriptions")
    personne: Mapped[Personne] = relationship()


class Document(SyncedMixin, Base):
    """A generated PDF or an attached file, stored by content hash (see storage.blobs)."""

    __tablename__ = "document"

    dossier_id: Mapped[str | None] = mapped_column(ForeignKey("dossier.id"), index=True)
    rendez_vous_id: Mapped[str | None] = mapped_column(ForeignKey("rendez_vous.id"))
    atelier_id: Mapped[str | None] = mapped_column(ForeignKey("atelier.id"))
    personne_id: Mapped[str | None] = mapped_column(ForeignKey("personne.id"))
    # compte_rendu, synthese, convention, attestation, emargement, bilan, piece_jointe
    type: Mapped[str] = mapped_column(String(30))
    titre: Mapped[str] = mapped_column(String(300))
    nom_fichier: Mapped[str] = mapped_column(String(300))
    mime: Mapped[str] = mapped_column(String(100), default="application/pdf")
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    taille: Mapped[int] = mapped_column(Integer)
    genere: Mapped[bool] = mapped_column(Boolean, default=False)
    source_hlc: Mapped[str | None] = mapped_column(String(40))  # data state the document was generated from
    cree_le: Mapped[dt.datetime] = mapped_column(DateTime)
    auteur_id: Mapped[str | None] = mapped_column(ForeignKey("accompagnateur.id"))

    dossier: Mapped[Dossier | None] = relationship()


class Fusion(SyncedMixin, Base):
    """A recorded merge of two people or two structures; ``details`` lists the moved links for undo."""

    __tablename__ = "fusion"

    kind: Mapped[str] = mapped_column(String(20))  # personne | structure
    survivant_id: Mapped[str] = mapped_column(String(36))
    absorbe_id: Mapped[str] = mapped_column(String(36))
    date: Mapped[dt.datetime] = mapped_column(DateTime)
    details: Mapped[str] = mapped_column(Text)  # JSON
    annulee: Mapped[bool] = mapped_column(Boolean, default=False)


class Effacement(SyncedMixin, Base):
    """A GDPR erasure of a person: travels to every laptop, which anonymises the person and
    redacts the erased values from its journal (and from the change files it published)."""

    __tablename__ = "effacement"

    personne_id: Mapped[str] = mapped_column(String(36), index=True)
    date: Mapped[dt.datetime] = mapped_column(DateTime)
    motif: Mapped[str | None] = mapped_column(String(200))  # "demande de la personne", "durée de conservation"
    auteur_id: Mapped[str | None] = mapped_column(String(36))
