"""Map ORM rows to the plain views the templates print (French labels, euros from cents).

Every function takes a Session and an id and returns a frozen view; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.documents import views as v
from pole_desktop.documents.typography import elide_de
from pole_desktop.domain import models as m
from pole_desktop.domain.dispositifs import MOTIFS_CLOTURE, TYPES_DOSSIER, get_dispositif
from pole_desktop.formatting import format_phone
from pole_desktop.services.rendez_vous import LIEUX, STATUTS, TYPES_RDV
from pole_desktop.territory import get_territory

__all__ = [
    "LIEUX_DOCUMENT",
    "atelier_reference",
    "attestation_data",
    "compte_rendu_data",
    "convention_data",
    "emargement_data",
    "fiche_synthese_data",
    "signataire_for",
]

# In a document the place reads as a noun: "Sur site : 3 rue …", not "Au bureau".
LIEUX_DOCUMENT = {"bureau": "Bureau du Pôle", "sur_site": "Sur site", "visio": "Visioconférence",
                  "telephone": "Téléphone"}  # fmt: skip
_ROLES_BENEFICIAIRE = {
    "porteur": ("porteur de projet", "porteuse de projet", "porteur·se de projet"),
    "co-porteur": ("co-porteur", "co-porteuse", "co-porteur·se"),
    "contact": ("contact", "contact", "contact"),
}


def _gendered(role: str | None, sexe: str | None) -> str:
    forms = _ROLES_BENEFICIAIRE.get(role or "")
    if forms is None:
        return role or ""
    return forms[0] if sexe == "M" else forms[1] if sexe == "F" else forms[2]


def _euros(cents: int | None) -> Decimal:
    return Decimal(cents or 0).scaleb(-2)


def _dec(value: float | None) -> Decimal:
    return Decimal(str(round(value, 2))) if value is not None else Decimal(0)


def _commune_name(code: str | None) -> str:
    if not code:
        return ""
    c = get_territory().commune(code)
    return c.nom if c else code


def _adresse(adresse: str | None, code_postal: str | None, commune_insee: str | None) -> v.Adresse | None:
    commune = _commune_name(commune_insee)
    cp = code_postal or ""
    if not cp and commune_insee:
        c = get_territory().commune(commune_insee)
        cp = c.codes_postaux[0] if c and c.codes_postaux else ""
    if not (adresse or commune):
        return None
    lignes = (adresse or "").strip()
    if commune and lignes.lower().endswith(", " + commune.lower()):
        lignes = lignes[: -len(commune) - 2].rstrip()  # "12 avenue Eiffel, Dijon" + "21000 Dijon"
    return v.Adresse(lignes=lignes, code_postal=cp, commune=commune)


def _dispositif(code: str) -> v.Dispositif:
    return v.Dispositif(code)


def _dossier_ref(d: m.Dossier) -> v.DossierRef:
    return v.DossierRef(reference=d.reference, dispositif=_dispositif(d.dispositif), titre=d.titre or "")


def _personne(p: m.Personne, role: str = "") -> v.Personne:
    return v.Personne(
        nom=p.nom,
        prenom=p.prenom or "",
        civilite=p.civilite or "",
        role=role,
        email=p.email or "",
        telephone=format_phone(p.telephone) if p.telephone else "",
        adresse=_adresse(p.adresse, p.code_postal, p.commune_insee),
    )


def _beneficiaires(session: Session, d: m.Dossier) -> list[tuple[m.DossierBeneficiaire, m.Personne]]:
    rows = session.execute(
        select(m.DossierBeneficiaire, m.Personne)
        .join(m.Personne, m.Personne.id == m.DossierBeneficiaire.personne_id)
        .where(m.DossierBeneficiaire.dossier_id == d.id)
    ).all()
    order = {"porteur": 0, "co-porteur": 1}
    return sorted(((b, p) for b, p in rows), key=lambda bp: (order.get(bp[0].role, 2), bp[1].nom, bp[1].prenom))


def _people(session: Session, d: m.Dossier) -> tuple[v.Personne, ...]:
    return tuple(_personne(p, _gendered(b.role, p.sexe)) for b, p in _beneficiaires(session, d))


def _structure(session: Session, s: m.Structure | None, personnes: tuple[v.Personne, ...] = ()) -> v.Structure | None:
    if s is None:
        return None
    t = get_territory()
    forme = t.legal_form(s.forme_juridique) if s.forme_juridique else None
    fj = s.forme_juridique or ""
    commune = fj.startswith("721") or (s.collectivite and s.raison_sociale.lower().startswith("commune"))
    public_body = s.collectivite or fj.startswith("72") or fj.startswith("73")
    if public_body:
        forme = None  # "Commune de Vitteaux, commune et commune nouvelle" reads badly: the name says it
    naf = ""
    if s.naf:
        label = t.naf(s.naf)
        naf = f"{s.naf} — {label}" if label else s.naf
    rep = None
    roles = session.execute(
        select(m.StructureRole, m.Personne)
        .join(m.Personne, m.Personne.id == m.StructureRole.personne_id)
        .where(m.StructureRole.structure_id == s.id)
    ).all()
    wanted_roles = ("Maire",) if commune else ("Président",) if public_body else (
        "Président", "Directeur", "Gérant", "Co-président", "Coordinateur")
    for wanted in wanted_roles:
        for role, p in sorted(roles, key=lambda rp: (rp[1].nom, rp[1].prenom)):
            if role.role.startswith(wanted):
                rep = _personne(p, _role_label(role.role, p.sexe))
                break
        if rep:
            break
    representation = ""
    if commune:
        representation = "son maire"
    elif public_body:
        representation = "son président·e"
    return v.Structure(
        raison_sociale=elide_de(s.raison_sociale) if public_body else s.raison_sociale,
        representation=representation,
        sigle=s.sigle or "",
        forme_juridique=forme or "",
        siret=s.siret or "",
        rna=s.rna or "",
        naf=naf,
        date_creation=s.date_creation,
        adresse=_adresse(s.adresse, s.code_postal, s.commune_insee),
        salaries=s.salaries,
        etp=_dec(s.etp) if s.etp is not None else None,
        benevoles=s.benevoles,
        representant=rep,
    )


def _role_label(role: str, sexe: str | None) -> str:
    """``Président·e`` → ``présidente`` (F), ``président`` (M), ``président·e`` otherwise."""

    def word(w: str) -> str:
        if "·" not in w:
            return w
        stem, _, suffix = w.partition("·")
        if sexe == "M":
            return stem
        if sexe != "F":
            return w
        if suffix == "rice" and stem.endswith("eur"):
            return stem[:-3] + "rice"
        if suffix == "e" and stem.endswith("ier"):
            return stem[:-3] + "ière"
        return stem + suffix

    text = " ".join(word(w) for w in role.split(" "))
    return text[:1].lower() + text[1:]


def _advisor_name(a: m.Accompagnateur | None) -> str:
    return a.nom_complet if a else ""


def _territoire(d: m.Dossier) -> v.Territoire | None:
    if not d.commune_insee:
        return None
    t = get_territory()
    c = t.commune(d.commune_insee)
    rural = ""
    version = ""
    if d.zonage_version == "FRR-2025" or d.frr_code is not None:
        rural = {4: "FRR", 5: "FRR+", 1: "Commune bénéficiaire (ancienne ZRR)"}.get(d.frr_code or 0, "")
        version = "zonage FRR en vigueur depuis le 1er juillet 2024"
    elif d.zrr_statut:
        rural = {"C": "ZRR", "A": "ZRR (commune sortante, effets maintenus)"}.get(d.zrr_statut, "")
        version = "zonage ZRR de 2017, en vigueur à l'ouverture du dossier"
    qpv = ""
    if d.qpv_code:
        q = t.qpv(d.qpv_code)
        qpv = f"{q.nom} ({q.code})" if q else d.qpv_code
    return v.Territoire(
        commune=c.nom if c else d.commune_insee,
        code_insee=d.commune_insee,
        epci=c.epci_nom if c else "",
        zonage_rural=rural,
        qpv=qpv,
        version_zonage=version,
    )


#: Who represents the Pôle when the settings name nobody: its president (the association's statutes).
DEFAULT_REPRESENTATIVE = "président·e"


def signataire_for(d: m.Dossier | None, nom: str = "", qualite: str = "") -> v.Signataire:
    """Who signs for the Pôle: its legal representative from the settings, by default its
    president (name left blank to be written by hand) — never the advisor, who has no mandate."""
    return v.Signataire(nom=nom, qualite=qualite or DEFAULT_REPRESENTATIVE)


def _get(session: Session, model: type, row_id: str, label: str):  # noqa: ANN202
    obj = session.get(model, row_id)
    if obj is None:
        raise LookupError(f"{label} introuvable.")
    return obj


# --- compte-rendu -------------------------------------------------------------------------------


def _lines(text: str | None) -> tuple[str, ...]:
    out = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        for prefix in ("- ", "– ", "• ", "* "):
            if line.startswith(prefix):
                line = line[len(prefix) :].strip()
        if line:
            out.append(line)
    return tuple(out)


def compte_rendu_data(session: Session, rdv_id: str) -> v.CompteRenduData:
    r: m.RendezVous = _get(session, m.RendezVous, rdv_id, "Rendez-vous")
    d = r.dossier
    if d is None:
        raise LookupError("Ce rendez-vous n'est rattaché à aucun dossier : pas de compte-rendu à imprimer.")
    roles = {b.personne_id: (b.role, p.sexe) for b, p in _beneficiaires(session, d)}
    structure_name = d.structure.raison_sociale if d.structure else ""
    participants = []
    people = session.execute(
        select(m.Personne)
        .join(m.RendezVousParticipant, m.RendezVousParticipant.personne_id == m.Personne.id)
        .where(m.RendezVousParticipant.rendez_vous_id == r.id)
        .order_by(m.Personne.nom, m.Personne.prenom)
    ).scalars()
    for p in people:
        role, sexe = roles.get(p.id, (None, p.sexe))
        participants.append(
            v.Participant(nom=p.nom_complet, qualite=_gendered(role, sexe) if role else "",
                          structure=structure_name if role else "")
        )
    actions = session.scalars(
        select(m.Action).where(m.Action.rendez_vous_id == r.id).order_by(m.Action.echeance, m.Action.libelle)
    ).all()
    nxt = session.scalars(
        select(m.RendezVous)
        .where(m.RendezVous.dossier_id == d.id, m.RendezVous.debut > r.debut, m.RendezVous.statut != "annule")
        .order_by(m.RendezVous.debut, m.RendezVous.id)
        .limit(1)
    ).first()
    prochain = None
    if nxt is not None:
        place = LIEUX_DOCUMENT.get(nxt.lieu_type, nxt.lieu_type)
        addr = _adresse(nxt.adresse, None, nxt.commune_insee)
        if addr and nxt.lieu_type in ("sur_site", "bureau"):
            place = f"{place} : {addr.une_ligne()}"
        prochain = v.ProchainRendezVous(
            date=nxt.debut.date(), heure_debut=nxt.debut.time(), heure_fin=nxt.fin.time() if nxt.fin else None,
            lieu=place, objet=nxt.objet or "",
        )
    notes = r.compte_rendu or ""
    if r.prochaine_etape:
        notes = (notes + "\n\n" if notes else "") + f"Suite prévue : {r.prochaine_etape.strip()}"
    return v.CompteRenduData(
        dossier=_dossier_ref(d),
        date=r.debut.date(),
        heure_debut=r.debut.time(),
        heure_fin=r.fin.time() if r.fin else None,
        type_rdv=TYPES_RDV.get(r.type, r.type),
        lieu_type=LIEUX_DOCUMENT.get(r.lieu_type, LIEUX.get(r.lieu_type, r.lieu_type)),
        lieu_adresse=_adresse(r.adresse, None, r.commune_insee) if r.lieu_type in ("sur_site", "bureau") else None,
        accompagnateur=_advisor_name(r.accompagnateur),
        participants=tuple(participants),
        objet=r.objet or "",
        notes=notes,
        decisions=_lines(r.decisions),
        actions=tuple(
            v.ActionItem(description=a.libelle, responsable=a.responsable or "", echeance=a.echeance, fait=a.faite)
            for a in actions
        ),
        prochain_rdv=prochain,
        temps_passe_minutes=r.duree_minutes,
        statut=STATUTS.get(r.statut, r.statut),
    )


# --- fiche de synthèse ---------------------------------------------------------------------------


def time_spent(r: m.RendezVous) -> int | None:
    """Minutes spent on a rendez-vous: the duration recorded, else its slot (the bilan's rule too)."""
    if r.duree_minutes is not None:
        return r.duree_minutes
    if r.debut and r.fin and r.fin > r.debut:
        return int((r.fin - r.debut).total_seconds() // 60)
    return None


def fiche_synthese_data(session: Session, dossier_id: str) -> v.FicheSyntheseData:
    d: m.Dossier = _get(session, m.Dossier, dossier_id, "Dossier")
    disp = get_dispositif(d.dispositif)
    personnes = _people(session, d)
    history = sorted(d.historique, key=lambda h: (h.date, h.id))
    etapes = []
    for i, h in enumerate(history):
        # The last entry of a closed dossier ends on its closing date (never « en cours »).
        fin = history[i + 1].date if i + 1 < len(history) else d.date_cloture
        comment = h.commentaire or ""
        if h.motif_cloture:
            motif = MOTIFS_CLOTURE.get(h.motif_cloture, h.motif_cloture).rstrip("…")
            comment = f"{motif} — {comment}" if comment else motif
        etapes.append(v.EtapeHistorique(etape=disp.libelle_etape(h.etape), debut=h.date, fin=fin, commentaire=comment))
    rdvs = session.scalars(
        select(m.RendezVous).where(m.RendezVous.dossier_id == d.id).order_by(m.RendezVous.debut, m.RendezVous.id)
    ).all()
    crowdfunding = None
    if d.crowdfunding_objectif_centimes:
        crowdfunding = v.Crowdfunding(
            objectif=_euros(d.crowdfunding_objectif_centimes),
            collecte=_euros(d.crowdfunding_collecte_centimes),
            contributeurs=d.crowdfunding_contributeurs or 0,
        )
    motif = ""
    if d.motif_cloture:
        motif = MOTIFS_CLOTURE.get(d.motif_cloture, d.motif_cloture).rstrip("…")
        if d.motif_precision:
            motif = (f"{motif} {d.motif_precision}" if d.motif_cloture == "reorientation"
                     else f"{motif} ({d.motif_precision})")
    from pole_desktop.services.dossiers import PUBLICS

    return v.FicheSyntheseData(
        dossier=_dossier_ref(d),
        type_dossier=TYPES_DOSSIER.get(d.type, d.type),
        etape_actuelle=disp.libelle_etape(d.etape),
        date_ouverture=d.date_ouverture,
        date_cloture=d.date_cloture,
        motif_cloture=motif,
        referent=_advisor_name(d.referent),
        co_accompagnateurs=tuple(sorted(c.accompagnateur.nom_complet for c in d.conseillers)),
        personnes=personnes,
        structure=_structure(session, d.structure, personnes),
        description=d.description or "",
        besoins=d.besoins or "",
        objectifs=d.objectifs or "",
        utilite_sociale=d.utilite_sociale or "",
        public_specifique=tuple(PUBLICS.get(x, x) for x in (d.public_specifique or "").split("|") if x),
        territoire=_territoire(d),
        etapes=tuple(etapes),
        resultats=v.Resultats(
            structure_creee=bool(d.structure_creee),
            date_creation=d.date_structure_creee,
            emplois_crees_etp=_dec(d.emplois_crees_etp),
            emplois_consolides_etp=_dec(d.emplois_consolides_etp),
            fonds_mobilises=_euros(d.fonds_mobilises_centimes),
            crowdfunding=crowdfunding,
        ),
        rendez_vous=tuple(
            v.RendezVousResume(
                date=r.debut.date(),
                type_rdv=TYPES_RDV.get(r.type, r.type),
                objet=r.objet or "",
                accompagnateur=_advisor_name(r.accompagnateur),
                statut=STATUTS.get(r.statut, r.statut),
                duree_minutes=time_spent(r) if r.statut == "realise" else r.duree_minutes,
            )
            for r in rdvs
        ),
    )


# --- convention and attestation ------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for d in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def convention_data(
    session: Session, dossier_id: str, *, signataire: v.Signataire | None = None, duree_mois: int = 12
) -> v.ConventionData:
    d: m.Dossier = _get(session, m.Dossier, dossier_id, "Dossier")
    personnes = _people(session, d)
    objet = ""
    if d.objectifs:
        goals = d.objectifs.strip()
        if len(goals) > 1 and goals[0].isupper() and goals[1].islower():
            goals = goals[0].lower() + goals[1:]
        objet = f"L'accompagnement porte sur le projet « {d.titre} ». Objectifs : {goals}"
    start = d.date_ouverture
    return v.ConventionData(
        dossier=_dossier_ref(d),
        personnes=personnes,
        structure=_structure(session, d.structure, personnes),
        objet=objet,
        date_debut=start,
        date_fin=_add_months(start, duree_mois) - dt.timedelta(days=1),
        signataire_pole=signataire or signataire_for(d),
    )


def attestation_data(
    session: Session, dossier_id: str, *, signataire: v.Signataire | None = None, date_signature: dt.date | None = None
) -> v.AttestationData:
    d: m.Dossier = _get(session, m.Dossier, dossier_id, "Dossier")
    personnes = _people(session, d)
    done = session.scalars(
        select(m.RendezVous).where(m.RendezVous.dossier_id == d.id, m.RendezVous.statut == "realise")
    ).all()
    minutes = sum(r.duree_minutes or 0 for r in done)
    return v.AttestationData(
        dossier=_dossier_ref(d),
        personnes=personnes,
        structure=_structure(session, d.structure, personnes),
        date_debut=d.date_ouverture,
        date_fin=d.date_cloture,
        nombre_rendez_vous=len(done) or None,
        duree_totale_minutes=minutes or None,
        signataire_pole=signataire or signataire_for(d),
        date_signature=date_signature,
    )


# --- feuille d'émargement ------------------------------------------------------------------------


def atelier_reference(a: m.Atelier) -> str:
    """``ATELIER-20261203-1A2B``: atelier have no reference of their own."""
    return f"ATELIER-{a.debut:%Y%m%d}-{a.id[:4].upper()}"


def emargement_data(session: Session, atelier_id: str) -> v.EmargementData:
    a: m.Atelier = _get(session, m.Atelier, atelier_id, "Atelier")
    rows = session.execute(
        select(m.AtelierInscription, m.Personne)
        .join(m.Personne, m.Personne.id == m.AtelierInscription.personne_id)
        .where(m.AtelierInscription.atelier_id == a.id)
        .order_by(m.Personne.nom, m.Personne.prenom, m.Personne.id)
    ).all()
    person_ids = [p.id for _, p in rows]
    structures: dict[str, str] = {}
    if person_ids:
        for pid, name in session.execute(
            select(m.StructureRole.personne_id, m.Structure.raison_sociale)
            .join(m.Structure, m.Structure.id == m.StructureRole.structure_id)
            .where(m.StructureRole.personne_id.in_(person_ids))
            .order_by(m.Structure.raison_sociale)
        ):
            structures.setdefault(pid, name)
    participants = tuple(
        v.ParticipantAtelier(
            nom=p.nom, prenom=p.prenom or "", structure=structures.get(p.id, ""), commune=_commune_name(p.commune_insee)
        )
        for _, p in rows
    )
    return v.EmargementData(
        theme=a.theme or a.titre,
        date=a.debut.date(),
        heure_debut=a.debut.time(),
        heure_fin=a.fin.time() if a.fin else None,
        lieu=a.lieu or "",
        adresse=_adresse(None, None, a.commune_insee),
        animateur=_advisor_name(a.accompagnateur),
        dispositif=_dispositif(a.dispositif) if a.dispositif else None,
        participants=participants,
    )
