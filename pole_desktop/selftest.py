"""``pole-desktop --self-test``: prove that an installed copy (or a PyInstaller bundle) works.

On a fresh temporary data directory, one step after the other, each timed:

1. ``base``     create the database and bring it to the head of the migrations;
2. ``dossier``  a person, a dossier, a rendez-vous and its compte-rendu, through the services;
3. ``pdf``      the compte-rendu as a PDF (``%PDF``, every font embedded);
4. ``sync``     publish to a temporary folder share, then sync a second fresh data directory
                from it: both content digests must be equal;
5. ``fenetre``  the main window opened offscreen, every page of the navigation loaded (a page
                that fails to load is an error, not a placeholder), the dossier opened, then the
                window closed (Qt is imported in this step only).

A step whose part of the application is not in this version yet (no documents module, no sync
engine) is reported as « non testé » in the summary instead of failing.

Success prints one French line on stdout and returns 0; the first failing step prints
« Auto-test échoué à l'étape « … » : <raison> » and returns 1. Details (timings, the running
executable) go to stderr. Nothing outside the temporary folder is touched: the OS keyring is
replaced by a throwaway in-memory one for the whole run.

Environment:
- ``POLE_SELFTEST_FAIL=<step>``: make that step fail on purpose (tests of the failure path);
- ``POLE_SELFTEST_SCREENSHOT=<file.png>``: save a screenshot of the main window;
- ``POLE_SELFTEST_KEEP=1``: keep the temporary folder and print where it is.

A windowed Windows executable has no console: the result is then also written to
``%TEMP%\\pole-desktop-selftest.txt``.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import inspect
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pole_desktop import clock

FAIL_VARIABLE = "POLE_SELFTEST_FAIL"
SCREENSHOT_VARIABLE = "POLE_SELFTEST_SCREENSHOT"
KEEP_VARIABLE = "POLE_SELFTEST_KEEP"
REPORT_FILE_NAME = "pole-desktop-selftest.txt"


class SelfTestError(Exception):
    """A step did not do what it should; ``str(e)`` is French."""


class StepSkipped(Exception):
    """The part of the application a step exercises is not in this version (French reason)."""


@dataclass
class StepResult:
    key: str
    label: str
    seconds: float
    skipped: str | None = None  # French reason when the step could not run


@dataclass
class SelfTestState:
    """What the steps hand to each other."""

    root: Path
    db: Any = None
    dossier_id: str | None = None
    rdv_id: str | None = None
    pdf_pages: int = 0
    synced_changes: int = 0
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------- helpers


def _seconds_fr(seconds: float) -> str:
    return f"{seconds:.1f}".replace(".", ",") + " s"


@contextmanager
def _throwaway_keyring() -> Iterator[None]:
    """Every secret the run creates (database key…) goes to memory, never to the user's keyring.

    The previous choice of keyring is put back afterwards (the self-test also runs in-process).
    """
    import keyring
    import keyring.core
    from keyring.backend import KeyringBackend

    class _ThrowawayKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self._items: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self._items.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self._items[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            from keyring.errors import PasswordDeleteError

            if self._items.pop((service, username), None) is None:
                raise PasswordDeleteError("absent")

    previous = getattr(keyring.core, "_keyring_backend", None)  # None until keyring chose one
    keyring.set_keyring(_ThrowawayKeyring())
    try:
        yield
    finally:
        keyring.core._keyring_backend = previous


def _open(path: Path) -> Any:
    """Open a fresh data directory the way the application does, with secrets kept in memory.

    With encryption at rest, the key of the throwaway directory goes to the throwaway keyring
    installed by :func:`_throwaway_keyring` (passed explicitly when ``open_database`` accepts it);
    no passphrase is ever asked and no daily backup is made.
    """
    import keyring

    from pole_desktop.safety.opening import open_database

    accepted = inspect.signature(open_database).parameters
    options: dict[str, Any] = {}
    if "keyring_backend" in accepted:
        options["keyring_backend"] = keyring.get_keyring()
    if "passphrase_provider" in accepted:
        options["passphrase_provider"] = _no_passphrase
    if "daily_backup" in accepted:
        options["daily_backup"] = False
    return open_database(path, **options)


def _no_passphrase(message: str, new: bool) -> None:
    raise SelfTestError(
        f"une phrase de passe a été demandée alors que le trousseau temporaire est actif ({message})"
    )


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


# ------------------------------------------------------------------------------------ steps


def step_database(st: SelfTestState) -> None:
    from pole_desktop.storage import migrate

    st.db = _open(st.root / "donnees")
    if not st.db.data_dir.database.exists():
        raise SelfTestError(f"le fichier de la base n'a pas été créé ({st.db.data_dir.database})")
    current = migrate.current_revision(st.db.engine)
    head = migrate.head_revision()
    if current != head:
        raise SelfTestError(f"schéma « {current} » au lieu de « {head} » après migration")
    if getattr(st.db, "key", None):  # encryption at rest: the file must not be readable as SQLite
        with open(st.db.data_dir.database, "rb") as f:
            if f.read(16) == b"SQLite format 3\x00":
                raise SelfTestError("la base devait être chiffrée mais le fichier est lisible en clair")
        st.notes.append("base chiffrée (SQLCipher)")
    _check_time_zone()


def _check_time_zone() -> None:
    """Rendez-vous are exported to agendas in Europe/Paris: the zone must be found (tzdata on Windows)."""
    import zoneinfo

    try:
        paris = zoneinfo.ZoneInfo("Europe/Paris")
    except zoneinfo.ZoneInfoNotFoundError:
        raise SelfTestError("fuseau horaire « Europe/Paris » introuvable (données tzdata absentes)") from None
    winter = dt.datetime(2026, 1, 15, 12, tzinfo=paris).utcoffset()
    if winter != dt.timedelta(hours=1):
        raise SelfTestError(f"fuseau horaire « Europe/Paris » incorrect (décalage {winter} en hiver)")
    if _has_module("tzdata"):
        import importlib.resources

        if not importlib.resources.files("tzdata.zoneinfo.Europe").joinpath("Paris").is_file():
            raise SelfTestError("données tzdata incomplètes : Europe/Paris absent")


def step_dossier(st: SelfTestState) -> None:
    from pole_desktop.domain.models import Dossier, RendezVous
    from pole_desktop.services.dossiers import create_dossier
    from pole_desktop.services.personnes import save_personne
    from pole_desktop.services.rendez_vous import plan_rendez_vous, record_compte_rendu

    debut = clock.local_now().replace(second=0) - dt.timedelta(hours=2)
    with st.db.session() as s:
        personne = save_personne(s, {"civilite": "Mme", "nom": "Lefèvre", "prenom": "Élise",
                                     "commune_insee": "21231"})
        dossier = create_dossier(s, {
            "dispositif": "dla",
            "titre": "Auto-test : épicerie solidaire « Le Panier d'Œuvres »",
            "commune_insee": "21231",
            "beneficiaires": [personne.id],
        })
        rdv = plan_rendez_vous(s, {"dossier_id": dossier.id, "debut": debut,
                                   "objet": "Premier entretien (auto-test)", "type": "premier_accueil"})
        record_compte_rendu(s, rdv.id, {
            "compte_rendu": "Présentation du projet ; budget prévisionnel de 12 500 € à consolider.",
            "decisions": "Diagnostic partagé avec le bureau.",
            "duree_minutes": 60,
            "actions": [{"libelle": "Envoyer le budget prévisionnel", "responsable": "Élise Lefèvre",
                         "echeance": clock.today() + dt.timedelta(days=14)}],
        })
        st.dossier_id, st.rdv_id = dossier.id, rdv.id
    with st.db.read() as s:
        d = s.get(Dossier, st.dossier_id)
        r = s.get(RendezVous, st.rdv_id)
        if d is None or r is None:
            raise SelfTestError("le dossier ou le rendez-vous n'a pas été relu depuis la base")
        if r.statut != "realise" or not r.compte_rendu:
            raise SelfTestError("le compte-rendu n'a pas été enregistré")


_PAGE_RE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_FONT_RE = re.compile(rb"/Type\s*/Font\b")
_EMBEDDED_RE = re.compile(rb"/FontFile[23]?\b")


def check_pdf(pdf: bytes) -> int:
    """Check a PDF made by reportlab: header, pages, every font embedded. Returns the page count.

    reportlab writes its object dictionaries uncompressed, so plain byte patterns suffice (the
    bundle has no PDF parser).
    """
    if not pdf.startswith(b"%PDF"):
        raise SelfTestError("le fichier produit n'est pas un PDF")
    pages = len(_PAGE_RE.findall(pdf))
    if pages == 0:
        raise SelfTestError("le PDF n'a aucune page")
    if _FONT_RE.search(pdf) is None:
        raise SelfTestError("le PDF ne contient aucune police")
    # Base-14 fonts (Helvetica…) are never embedded: any reference to one is a missing font.
    base14 = re.search(rb"/BaseFont\s*/(Helvetica|Times|Courier|Symbol|ZapfDingbats)", pdf)
    if base14 is not None:
        raise SelfTestError(f"police non incorporée dans le PDF : {base14.group(1).decode()}")
    if _EMBEDDED_RE.search(pdf) is None:
        raise SelfTestError("les polices ne sont pas incorporées dans le PDF")
    return pages


def _compte_rendu_pdf(st: SelfTestState) -> bytes:
    from pole_desktop import documents as docs
    from pole_desktop.domain.models import Action, Dossier, RendezVous
    from pole_desktop.services.rendez_vous import LIEUX, TYPES_RDV

    with st.db.read() as s:
        d = s.get(Dossier, st.dossier_id)
        r = s.get(RendezVous, st.rdv_id)
        assert d is not None and r is not None
        actions = s.query(Action).filter(Action.rendez_vous_id == r.id).all()
        participants = tuple(
            docs.Participant(nom=f"{p.personne.prenom or ''} {p.personne.nom}".strip(),
                             qualite="porteuse de projet")
            for p in r.participants
        )
        data = docs.CompteRenduData(
            dossier=docs.DossierRef(reference=d.reference, dispositif=docs.Dispositif(d.dispositif),
                                    titre=d.titre),
            date=r.debut.date(),
            heure_debut=r.debut.time(),
            heure_fin=r.fin.time() if r.fin else None,
            type_rdv=TYPES_RDV.get(r.type, r.type),
            lieu_type=LIEUX.get(r.lieu_type, r.lieu_type),
            participants=participants,
            objet=r.objet or "",
            notes=r.compte_rendu or "",
            decisions=tuple(x for x in (r.decisions or "").splitlines() if x),
            actions=tuple(docs.ActionItem(description=a.libelle, responsable=a.responsable or "",
                                          echeance=a.echeance) for a in actions),
            temps_passe_minutes=r.duree_minutes,
            statut="Réalisé",
        )
        reference = d.reference
    meta = docs.DocumentMeta(reference=reference, generated_at=clock.local_now())
    return docs.render_compte_rendu(data, meta)


def step_pdf(st: SelfTestState) -> None:
    if not _has_module("pole_desktop.documents"):
        raise StepSkipped("module des documents absent de cette version")
    pdf = _compte_rendu_pdf(st)
    st.pdf_pages = check_pdf(pdf)
    (st.root / "compte-rendu.pdf").write_bytes(pdf)


def step_sync(st: SelfTestState) -> None:
    if not _has_module("pole_desktop.sync.engine") or not _has_module("pole_desktop.sync.folder"):
        raise StepSkipped("moteur de synchronisation absent de cette version")
    import secrets

    from pole_desktop.storage.digest import content_digest
    from pole_desktop.sync.engine import sync
    from pole_desktop.sync.folder import FolderTransport

    share = st.root / "partage"
    share.mkdir()
    phrase = f"autotest {secrets.token_hex(12)}"  # a throwaway sealed share
    sent = sync(st.db, FolderTransport(share), team_phrase=phrase)
    if not sent.ok:
        raise SelfTestError(f"envoi vers le partage : {sent.error or 'erreur inconnue'}")
    other = _open(st.root / "donnees-2")
    try:
        received = sync(other, FolderTransport(share), team_phrase=phrase)
        if not received.ok:
            raise SelfTestError(f"réception depuis le partage : {received.error or 'erreur inconnue'}")
        with st.db.read() as s:
            mine = content_digest(s)
        with other.read() as s:
            theirs = content_digest(s)
    finally:
        other.close()
    if mine != theirs:
        raise SelfTestError("les données reçues diffèrent des données envoyées (empreintes différentes)")
    st.synced_changes = sent.sent
    _check_network_share_clients()


def _check_network_share_clients() -> None:
    """The S3 and WebDAV clients can be built (their modules and botocore's S3 model are bundled);
    nothing is contacted."""
    try:
        import boto3
        import webdav4.client  # noqa: F401 - the import is the check

        boto3.session.Session(aws_access_key_id="autotest", aws_secret_access_key="autotest",
                              region_name="us-east-1").client("s3", endpoint_url="http://127.0.0.1:9")
    except Exception as e:  # noqa: BLE001 - any failure here is a broken installation
        raise SelfTestError(f"partages S3 et WebDAV inutilisables dans cette installation : {e}") from e


def step_window(st: SelfTestState) -> None:
    """The main window opened and closed offscreen (Qt lives in pole_desktop.gui)."""
    from pole_desktop.gui.selftest_window import open_and_close_main_window

    open_and_close_main_window(st)


@dataclass(frozen=True)
class Step:
    key: str
    label: str  # French, used in the failure message
    run: Callable[[SelfTestState], None]


STEPS: tuple[Step, ...] = (
    Step("base", "création et migration de la base", step_database),
    Step("dossier", "dossier, rendez-vous et compte-rendu", step_dossier),
    Step("pdf", "génération du PDF", step_pdf),
    Step("sync", "synchronisation vers un partage temporaire", step_sync),
    Step("fenetre", "ouverture de la fenêtre principale", step_window),
)


# ------------------------------------------------------------------------------------- run


def _summary(st: SelfTestState, results: list[StepResult], total: float) -> str:
    skipped = {r.key: r.skipped for r in results if r.skipped}
    pages = f"{st.pdf_pages} page{'s' if st.pdf_pages > 1 else ''}"
    parts = [
        "base créée et migrée",
        "dossier et rendez-vous enregistrés",
        f"PDF non testé ({skipped['pdf']})" if "pdf" in skipped else f"PDF généré ({pages})",
        f"synchronisation non testée ({skipped['sync']})" if "sync" in skipped
        else "synchronisation vers un partage temporaire",
        "fenêtre ouverte et fermée",
    ]
    return f"Auto-test réussi : {', '.join(parts)} — {_seconds_fr(total)}."


@contextmanager
def _workspace() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="pole-desktop-autotest-"))
    try:
        yield root
    finally:
        if os.environ.get(KEEP_VARIABLE):
            _err(f"Dossier de l'auto-test conservé : {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def _err(line: str) -> None:
    if sys.stderr is not None:
        print(line, file=sys.stderr, flush=True)


def _report(line: str) -> None:
    """The result line: stdout, and a file when there is no console (windowed Windows build)."""
    if sys.stdout is not None:
        print(line, flush=True)
    else:  # pragma: no cover - windowed executable on Windows
        try:
            (Path(tempfile.gettempdir()) / REPORT_FILE_NAME).write_text(line + "\n", encoding="utf-8")
        except OSError:
            pass


def run() -> int:
    """Run every step; 0 and a success line, or 1 and the failing step with its reason."""
    t0 = time.perf_counter()
    frozen = bool(getattr(sys, "frozen", False))
    _err(f"Exécutable : {sys.executable} ({'application empaquetée' if frozen else 'Python'}"
         f" {sys.version.split()[0]})")
    force_fail = os.environ.get(FAIL_VARIABLE, "").strip()
    if force_fail and force_fail not in {s.key for s in STEPS}:
        _report(f"Auto-test échoué : étape inconnue dans {FAIL_VARIABLE} : « {force_fail} » "
                f"(étapes : {', '.join(s.key for s in STEPS)}).")
        return 2
    results: list[StepResult] = []
    with _workspace() as root, _throwaway_keyring():
        st = SelfTestState(root=root)
        try:
            for step in STEPS:
                t = time.perf_counter()
                try:
                    if force_fail == step.key:
                        raise SelfTestError(f"échec provoqué par {FAIL_VARIABLE}={step.key}")
                    step.run(st)
                    results.append(StepResult(step.key, step.label, time.perf_counter() - t))
                    notes = "".join(f", {n}" for n in st.notes)
                    st.notes.clear()
                    _err(f"  ✓ {step.label} ({_seconds_fr(results[-1].seconds)}{notes})")
                except StepSkipped as e:
                    results.append(StepResult(step.key, step.label, time.perf_counter() - t, str(e)))
                    _err(f"  – {step.label} : non testé, {e}")
                except Exception as e:  # noqa: BLE001 - every failure becomes a French report
                    _err(traceback.format_exc().rstrip())
                    reason = str(e) or type(e).__name__
                    if not isinstance(e, SelfTestError):
                        reason = f"{type(e).__name__} : {reason}"
                    _report(f"Auto-test échoué à l'étape « {step.label} » : {reason}")
                    return 1
        finally:
            if st.db is not None:
                st.db.close()
    _report(_summary(st, results, time.perf_counter() - t0))
    return 0
