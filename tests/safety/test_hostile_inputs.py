"""Issue 16, obs. 9 — a catalogue of hostile inputs through the services: each one is refused with a
French message on the right field, nothing is half-saved, nothing crashes (no UnicodeEncodeError,
OverflowError, MemoryError); attachments refuse links, devices, pipes and folders, never hang, and
get a safe stored name."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pole_desktop.demo import generate
from pole_desktop.domain import models as m
from pole_desktop.paths import DataDir
from pole_desktop.services import dossiers, personnes, rendez_vous, structures
from pole_desktop.services.ateliers import save_atelier
from pole_desktop.services.validation import ValidationError
from pole_desktop.storage.database import Database
from pole_desktop.storage.digest import content_digest

MB = "x" * 1_000_000
BIDI = "Jean\u202eneJ"
ZW = "Du\u200bpont"
NUL = "Du\x00pont"
CTRL = "Du\x1bpont"
SURR = "Du\ud800pont"
BOM = "\ufeffDupont"
RLI = "Dupont\u2067"
LF = "Du\npont"


@pytest.fixture(scope="module")
def db(tmp_path_factory):  # noqa: ANN001, ANN201
    database = Database.open(DataDir.at(tmp_path_factory.mktemp("hostile") / "data"))
    generate(database, "tiny", seed=1)
    yield database
    database.close()


def _ids(db):  # noqa: ANN001, ANN202
    with db.read() as s:
        return {
            "personne": s.scalars(select(m.Personne.id).order_by(m.Personne.id)).first(),
            "dossier": s.scalars(select(m.Dossier.id).order_by(m.Dossier.id)).first(),
            "structure": s.scalars(select(m.Structure.id).order_by(m.Structure.id)).first(),
            "rdv": s.scalars(select(m.RendezVous.id).order_by(m.RendezVous.id)).first(),
        }


def P(**values):  # noqa: ANN003, ANN202, N802
    return lambda s, ids: personnes.save_personne(s, {"nom": "Martin", **values})


def P_EDIT(**values):  # noqa: ANN003, ANN202, N802
    return lambda s, ids: personnes.save_personne(s, values, ids["personne"])


def S(**values):  # noqa: ANN003, ANN202, N802
    return lambda s, ids: structures.save_structure(s, {"raison_sociale": "Association Test", **values})


def RDV(**values):  # noqa: ANN003, ANN202, N802
    return lambda s, ids: rendez_vous.plan_rendez_vous(
        s, {"dossier_id": ids["dossier"], "debut": dt.datetime(2026, 11, 26, 10), **values})


def DOS(**values):  # noqa: ANN003, ANN202, N802
    return lambda s, ids: dossiers.update_dossier(s, ids["dossier"], values)


def AT(**values):  # noqa: ANN003, ANN202, N802
    return lambda s, ids: save_atelier(s, {"titre": "Atelier", "debut": dt.datetime(2026, 11, 26, 14), **values})


CATALOGUE = {
    # names and identity fields: invisible, control, NUL, bidi, lone surrogates
    "nom-bidi-override": (P(nom=BIDI), "nom"),
    "nom-zero-width": (P(nom=ZW), "nom"),
    "nom-nul": (P(nom=NUL), "nom"),
    "nom-escape": (P(nom=CTRL), "nom"),
    "nom-lone-surrogate": (P(nom=SURR), "nom"),
    "nom-bom": (P(nom=BOM), "nom"),
    "nom-rli": (P(nom=RLI), "nom"),
    "nom-newline": (P(nom=LF), "nom"),
    "nom-1mb": (P(nom=MB), "nom"),
    "prenom-bidi": (P(prenom=BIDI), "prenom"),
    "prenom-surrogate": (P(prenom=SURR), "prenom"),
    "prenom-1mb": (P(prenom=MB), "prenom"),
    "email-surrogate": (P(email="a\ud800@b.fr"), "email"),
    "email-nul": (P(email="a\x00@b.fr"), "email"),
    "email-1mb": (P(email=MB + "@b.fr"), "email"),
    "telephone-surrogate": (P(telephone="06\ud80012"), "telephone"),
    "telephone-1mb": (P(telephone="0" * 1_000_000), "telephone"),
    "adresse-bidi": (P(adresse="1 rue " + BIDI), "adresse"),
    "adresse-1mb": (P(adresse=MB), "adresse"),
    "prescripteur-nul": (P(prescripteur=NUL), "prescripteur"),
    "notes-nul": (P(notes="ok\x00"), "notes"),
    "notes-surrogate": (P(notes="note " + SURR), "notes"),
    "notes-bidi": (P(notes="note " + BIDI), "notes"),
    "notes-over-limit": (P(notes="x" * 100_001), "notes"),
    "edit-nom-surrogate": (P_EDIT(nom=SURR), "nom"),
    "consentement-year-1": (P(consentement_date=dt.date(1, 1, 1)), "consentement_date"),
    "consentement-9999": (P(consentement_date="9999-12-31"), "consentement_date"),
    "annee-naissance-0": (P(annee_naissance=0), "annee_naissance"),
    # structures
    "raison-sociale-bidi": (S(raison_sociale="Asso " + BIDI), "raison_sociale"),
    "raison-sociale-1mb": (S(raison_sociale=MB), "raison_sociale"),
    "sigle-zero-width": (S(sigle="A\u200dB"), "sigle"),
    "structure-date-1": (S(date_creation=dt.date(1, 1, 1)), "date_creation"),
    "structure-date-2101": (S(date_creation="2101-01-01"), "date_creation"),
    "role-1mb": (lambda s, ids: structures.add_role(s, ids["structure"], ids["personne"], MB), "role"),
    "role-nul": (lambda s, ids: structures.add_role(s, ids["structure"], ids["personne"], NUL), "role"),
    # rendez-vous
    "rdv-9999-12-31": (RDV(debut=dt.datetime(9999, 12, 31, 23, 30)), "debut"),
    "rdv-9999-text": (RDV(debut="9999-12-31T23:30"), "debut"),
    "rdv-year-1": (RDV(debut=dt.datetime(1, 1, 1, 10)), "debut"),
    "rdv-objet-bidi": (RDV(objet="RDV " + BIDI), "objet"),
    "rdv-objet-1mb": (RDV(objet=MB), "objet"),
    "rdv-move-9999": (lambda s, ids: rendez_vous.move_rendez_vous(s, ids["rdv"], dt.datetime(9999, 12, 31, 23, 30)),
                      "debut"),
    "compte-rendu-nul": (lambda s, ids: rendez_vous.record_compte_rendu(s, ids["rdv"], {"compte_rendu": NUL}),
                         "compte_rendu"),
    "action-echeance-9999": (lambda s, ids: rendez_vous.add_action(
        s, {"libelle": "Envoyer", "dossier_id": ids["dossier"], "echeance": "9999-12-31"}), "echeance"),
    "action-libelle-surrogate": (lambda s, ids: rendez_vous.add_action(
        s, {"libelle": SURR, "dossier_id": ids["dossier"]}), "libelle"),
    # dossiers and ateliers
    "dossier-titre-bidi": (DOS(titre="Projet " + BIDI), "titre"),
    "dossier-titre-1mb": (DOS(titre=MB), "titre"),
    "dossier-description-surrogate": (DOS(description=SURR), "description"),
    "dossier-date-structure-1": (DOS(date_structure_creee=dt.date(1, 1, 1)), "date_structure_creee"),
    "etape-commentaire-1mb": (lambda s, ids: dossiers.change_etape(s, ids["dossier"], "x", commentaire=MB),
                              "commentaire"),
    "atelier-titre-zero-width": (AT(titre="Ate\u200blier"), "titre"),
    "atelier-debut-9999": (AT(debut=dt.datetime(9999, 12, 31, 23)), "debut"),
}


def test_catalogue_has_at_least_forty_inputs():
    assert len(CATALOGUE) >= 40


@pytest.mark.parametrize("case", sorted(CATALOGUE))
def test_hostile_input_is_refused_in_french_and_nothing_is_saved(db, case):  # noqa: ANN001
    call, field = CATALOGUE[case]
    ids = _ids(db)
    with db.read() as s:
        before = content_digest(s)
    with pytest.raises(ValidationError) as info, db.session() as s:
        call(s, ids)
    assert field in info.value.errors, info.value.errors
    message = info.value.errors[field]
    assert message and message.isprintable() and "Error" not in message
    message.encode("utf-8")  # a French message, itself safe to show and log
    with db.read() as s:
        assert content_digest(s) == before


# ------------------------------------------------------------------ attachments


def _attach(db, path):  # noqa: ANN001, ANN202
    from pole_desktop.documents.attach import attach_file

    ids = _ids(db)
    with db.session() as s:
        return attach_file(s, db.blob_store(), Path(path), dossier_id=ids["dossier"])


def _documents(db) -> int:  # noqa: ANN001
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(m.Document))


@pytest.fixture
def keyed(data_dir, memory_keyring):  # noqa: ANN001, ANN201
    from pole_desktop.safety.opening import open_database

    database = open_database(data_dir)
    generate(database, "tiny", seed=1)
    yield database
    database.close()


@pytest.mark.skipif(os.name == "nt", reason="POSIX links, FIFOs and devices")
def test_attachments_refuse_links_devices_fifos_and_folders(keyed, tmp_path):  # noqa: ANN001
    from pole_desktop.documents.attach import AttachmentError

    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe")
    link = tmp_path / "lien.txt"
    link.symlink_to(secret)
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    folder = tmp_path / "dossier"
    folder.mkdir()
    n = _documents(keyed)
    for path, word in ((link, "lien"), (fifo, "tube"), (Path("/dev/zero"), "périphérique"), (folder, "dossier"),
                       (tmp_path / "absent.txt", "introuvable")):
        result: list[BaseException | None] = []

        def run(p=path, result=result) -> None:  # noqa: ANN001
            try:
                _attach(keyed, p)
                result.append(None)
            except BaseException as e:  # noqa: BLE001
                result.append(e)

        t = threading.Thread(target=run, daemon=True)
        t.start()
        t.join(10)
        assert not t.is_alive(), f"{path} hangs"
        assert isinstance(result[0], AttachmentError) and word in str(result[0]), (path, result)
    assert _documents(keyed) == n


@pytest.mark.skipif(os.name == "nt", reason="names Windows itself refuses")
def test_attachment_names_are_made_safe_and_kept_as_a_label(keyed, tmp_path):  # noqa: ANN001
    cases = {
        "a\\..\\..\\evil.bat": ("evil.bat", "evil"),
        "facture\u202etxt.exe": ("facturetxt.exe", "facturetxt"),
        "CON.txt": ("_CON.txt", "CON"),
        ".bashrc": ("bashrc", ".bashrc"),
        "statuts signés.pdf": ("statuts signés.pdf", "statuts signés"),
        "\u200bnote\x07.txt": ("note.txt", "note"),
    }
    for given, (name, title) in cases.items():
        source = tmp_path / given
        source.write_bytes(b"contenu")
        doc = _attach(keyed, source)
        assert (doc.nom_fichier, doc.titre) == (name, title), given


def test_a_large_attachment_is_streamed(keyed, tmp_path):  # noqa: ANN001
    """199 MB must not take 679 MB of RAM: the peak of Python allocations stays a few MB."""
    import tracemalloc

    big = tmp_path / "scan.bin"
    with open(big, "wb") as f:
        block = os.urandom(1 << 20)
        for _ in range(199):
            f.write(block)
    tracemalloc.start()
    doc = _attach(keyed, big)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert doc.taille == 199 << 20
    assert peak < 16 << 20, peak
    assert keyed.blob_store().has(doc.sha256)


def test_an_attachment_over_the_limit_is_refused_without_reading_it(keyed, tmp_path):  # noqa: ANN001
    from pole_desktop.documents.attach import MAX_ATTACHMENT_BYTES, AttachmentError

    sparse = tmp_path / "enorme.bin"
    with open(sparse, "wb") as f:
        f.truncate(MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(AttachmentError, match="trop volumineux"):
        _attach(keyed, sparse)
