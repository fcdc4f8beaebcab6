"""The sync: publish this laptop's new changes, receive the others', exchange attachments.

    receipt = sync(db, transport, progress=..., cancel=...)

Never raises for an expected failure (share unreachable, fail-safe, newer share, cancel): the
receipt says ``ok=False`` with a French ``error``. Every attempt is recorded in ``sync_run``.

Order of a run:
1. check the share; read (or, on a brand-new share, write) the share manifest; refuse a share
   that needs a newer app version — before writing anything; get the team key (keyring, else the
   team phrase: ``team_phrase=``, ``POLE_DESKTOP_TEAM_PHRASE``; none → ``receipt.needs_team_phrase``);
   a format-1 share is upgraded once (copied sealed, then its manifest marked as moved);
2. fail-safe: a share we synced with before that now has no manifest, fewer device folders, or
   far fewer files looks unmounted/emptied: stop, change nothing;
3. push: new local journal entries → ``devices/<me>/<seq>.chg`` (one local_state mark per file);
4. pull: for each other laptop, files above its mark (by number, never by date), each validated
   completely then applied in one transaction with its mark; a bad file is quarantined and stops
   that laptop's stream only (see ARCHITECTURE.md "Sync");
   every file is opened with the team key and its signature checked against the device's pinned
   key (``sync.sealing``); a batch that would delete/overwrite much of this laptop stops and asks;
5. attachments (blobs) both ways through ``db.blob_store()``; files of deleted documents erased
   (locally, and overwritten on the share); a second push if applying created local fix-ups;
6. remember what the share looked like (for the fail-safe) and write our manifest.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import signal
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, select

from pole_desktop import __version__, clock
from pole_desktop.domain.local import ChangeLog, LocalState, SyncPeer, SyncQuarantine, SyncRun
from pole_desktop.services.info import PUSHED_KEY
from pole_desktop.storage.database import DEVICE_NAME_KEY, USER_KEY, Database
from pole_desktop.storage.hlc import Timestamp, now_ms
from pole_desktop.storage.journal import JournaledSession
from pole_desktop.sync import hooks, sealing
from pole_desktop.sync import share_layout as L
from pole_desktop.sync.merge import Applier
from pole_desktop.sync.receipt import Receipt
from pole_desktop.sync.transport import AlreadyExists, Transport, TransportError

log = logging.getLogger(__name__)

FILE_SEQ_KEY = "sync_file_seq"  # highest change-file number this laptop wrote
PUBLISHED_KEY = "sync_published"  # {file number: [first, last local seq]} of this laptop's files
SEEN_KEY = "sync_seen"  # per share: what it looked like after the last successful sync
ERASED_BLOBS_KEY = "sync_blobs_known"  # SHA-256 of the live documents' files at the end of the last sync
HEADS_KEY = "sync_heads"  # per share: {device: {token, last, files, name, wall_ms, clock}} of the heads last read
FULL_KEY = "sync_full_at"  # per share: when every device folder was last listed (a full survey)
UPGRADE_CACHE_KEY = "sync_upgrade_record"  # per share id: the upgrade record once read and verified
BLOBS_SETTLED_KEY = "sync_blobs_settled"  # digest of the documents' files all in place after the last sync
UPGRADE_DONE_KEY = "sync_upgrade_done"  # share ids whose format-1 copy this laptop (the upgrader) completed
OWN_HEAD_KEY = "sync_own_head"  # what this laptop's head said last time (name, app, schema, last seq)
FULL_EVERY_S = 6 * 3600  # a full survey (every folder listed) at least this often, whatever the heads say
MAX_FILES_PER_RUN = 10_000  # files taken from one laptop in one run (the rest at the next run)
EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
SKEW_MS = 5 * 60 * 1000
BACKUP_THRESHOLD = 1000  # entries applied in one run before a backup is taken
KILL_ENV = "POLE_DESKTOP_SYNC_KILL_AT"  # tests only: "<checkpoint>:<n>" → SIGKILL at the n-th pass
# A batch that deletes, or overwrites what another laptop wrote, in more than this share of the
# rows this laptop holds (and at least MASS_MIN_ROWS rows) stops and asks (backup first).
MASS_SHARE = 0.3
MASS_MIN_ROWS = 25
V1_CLEAR_FR = (
    "l'ancien dossier « pole-desktop-v1 » du partage contient encore les données d'avant le chiffrement, "
    "en clair : une fois tous les ordinateurs de l'équipe mis à jour, demandez à la personne qui gère le "
    "partage de le supprimer."
)

Progress = Callable[[int, int, str], None]


class SyncStop(Exception):
    """Stop the run; ``str(e)`` is the French message for the receipt."""


class ClaimLost(Exception):
    """Another laptop writes under this laptop's device id (a copied data folder): it published a number
    this laptop had not written. This laptop then takes a new identity (see ``_take_new_identity``)."""

    def __init__(self, seq: int) -> None:
        super().__init__(seq)
        self.seq = seq


CLONE_FR = (
    "cet ordinateur portait le même identifiant de synchronisation qu'un autre (son dossier de données a "
    "sans doute été copié depuis un autre ordinateur) : l'autre avait déjà publié le fichier n° {seq} de cet "
    "identifiant. Cet ordinateur a pris une nouvelle identité ; ses modifications non encore envoyées sont "
    "publiées sous ce nouvel identifiant et celles de l'autre ordinateur sont reçues normalement. Rien n'a été "
    "perdu."
)


_passes: dict[str, int] = {}


def _checkpoint(name: str) -> None:
    spec = os.environ.get(KILL_ENV)
    if not spec:
        return
    target, _, n = spec.partition(":")
    if target != name:
        return
    _passes[name] = _passes.get(name, 0) + 1
    if _passes[name] >= int(n or 1):
        os.kill(os.getpid(), signal.SIGKILL)


# --------------------------------------------------------------------------- entry points


def sync(
    db: Database,
    transport: Transport,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    team_phrase: str | None = None,
    allow_mass_changes: bool = False,
) -> Receipt:
    """``team_phrase``: typed once on a new laptop (else the keyring, else ``POLE_DESKTOP_TEAM_PHRASE``).
    ``allow_mass_changes``: the advisor confirmed a batch that the mass-change guard stopped."""
    started = time.monotonic()
    receipt = Receipt(share=_describe(transport))
    run_id = _start_run(db, receipt.share)
    try:
        try:
            _Run(db, transport, receipt, progress, cancel, team_phrase=team_phrase,
                 allow_mass_changes=allow_mass_changes).run()
        except ClaimLost as claim:
            _take_new_identity(db, receipt, claim.seq)
            _Run(db, transport, receipt, progress, cancel, team_phrase=team_phrase,
                 allow_mass_changes=allow_mass_changes).run()
        receipt.ok = True
        _after_sync(db, transport, receipt)
    except sealing.NeedTeamPhrase as e:
        receipt.ok, receipt.error = False, str(e)[:1].upper() + str(e)[1:]
        receipt.needs_team_phrase = "choisir" if e.creating else "saisir"
    except SyncStop as e:
        receipt.ok, receipt.error = False, str(e)
    except TransportError as e:
        receipt.ok = False
        receipt.error = f"{e} Ce qui a déjà été échangé est conservé ; la prochaine synchronisation reprendra."
    except Exception as e:  # never crash the app: report in French, keep the details in the log
        log.exception("sync failed")
        receipt.ok = False
        receipt.error = f"erreur inattendue ({e.__class__.__name__} : {e}). Rien n'a été perdu ; réessayez."
    receipt.duration_ms = int((time.monotonic() - started) * 1000)
    try:
        _finish_run(db, run_id, receipt)
    except Exception:
        log.exception("could not record the sync run")
    return receipt


def _take_new_identity(db: Database, receipt: Receipt, seq: int) -> None:
    """Two laptops under one device id: this one (the second to write a number) becomes a new device, like
    after a restore (``sync.identity``): its unpublished journal entries are re-labelled with the new id and
    published under it, the old id's folder is read like any other laptop's (so the other one's edits come
    in), and its signing key is replaced (the old public key stays pinned for the old folder)."""
    from pole_desktop.sync.identity import renew_device_identity

    old = db.device_id
    with db.engine.begin() as conn:
        new = renew_device_identity(conn)
    db.journal.device_id = new
    log.warning("device id %s claimed by another laptop (file %s): this one is now %s", old, seq, new)
    receipt.warnings.append(CLONE_FR.format(seq=seq))


def _after_sync(db: Database, transport: Transport, receipt: Receipt) -> None:
    """The ``sync.hooks.after_sync`` handlers (GDPR: rewrite this laptop's own published files for erasures
    not yet done on the share). A share error there is a warning: the handler runs again next time."""
    for hook in hooks.after_sync:
        try:
            hook(db, transport)
        except TransportError as e:
            receipt.warnings.append(f"l'effacement de données personnelles sur le partage reprendra à la prochaine "
                                    f"synchronisation ({e}).")


def _backup_before(db: Database, reason: str) -> None:
    """A verified backup through the ``sync.hooks.backup`` handler the safety layer registers; none: stop."""
    if not hooks.backup:
        raise SyncStop("Aucune sauvegarde de sécurité n'a pu être faite avant d'appliquer ce lot : rien n'a été "
                       "appliqué. Rouvrez l'application puis synchronisez à nouveau.")
    for hook in hooks.backup:
        hook(db, reason)


def bootstrap(db: Database, transport: Transport, *, progress: Progress | None = None,
              cancel: Callable[[], bool] | None = None) -> Receipt:
    """A new laptop: receive the whole team's data (it is just a sync on an empty database)."""
    return sync(db, transport, progress=progress, cancel=cancel)


def _describe(transport: Transport) -> str:
    try:
        return transport.describe()
    except Exception:
        return "partage"


def _start_run(db: Database, share: str) -> int:
    with db.session() as s:
        run = SyncRun(started_at=clock.local_now(), share=share, ok=False)
        s.add(run)
        s.flush()
        return run.id


def _finish_run(db: Database, run_id: int, r: Receipt) -> None:
    with db.session() as s:
        run = s.get(SyncRun, run_id)
        if run is None:
            return
        run.finished_at = clock.local_now()
        run.ok, run.sent, run.received, run.conflicts = r.ok, r.sent, r.received, r.conflicts
        run.quarantined, run.duration_ms, run.message = len(r.quarantined), r.duration_ms, r.summary_fr()


def last_success(db: Database) -> dt.datetime | None:
    """When the last successful sync finished (for « dernière synchro hier 18:04 »)."""
    with db.read() as s:
        return s.scalar(select(SyncRun.finished_at).where(SyncRun.ok.is_(True)).order_by(SyncRun.id.desc()).limit(1))


@contextmanager
def apply_session(db: Database) -> Iterator[JournaledSession]:
    """A write transaction with foreign-key checks off: a row may arrive before the row it references."""
    conn = db.engine.connect()
    raw = conn.connection.dbapi_connection
    if raw is None:  # a connection just checked out always has one
        conn.close()
        raise RuntimeError("connexion à la base fermée")
    raw.execute("PRAGMA foreign_keys = OFF")
    session = JournaledSession(bind=conn, info={"journal": db.journal}, expire_on_commit=False)
    try:
        with session.begin():
            yield session
    finally:
        session.close()
        try:
            raw.execute("PRAGMA foreign_keys = ON")
        finally:
            conn.close()


def wall_now(db: Database) -> int:
    """This laptop's wall clock in ms, as its HLC reads it (tests inject a fake one there)."""
    return int(getattr(db.journal.clock, "_clock", now_ms)())


def device_name(db: Database) -> str:
    """« Prénom Nom (poste) » — shown to the other laptops."""
    name = db.state(DEVICE_NAME_KEY)
    if name:
        return name
    host = socket.gethostname() or "poste"
    user = db.state(USER_KEY)
    if user:
        from pole_desktop.domain.models import Accompagnateur

        with db.read() as s:
            a = s.get(Accompagnateur, user)
            if a is not None:
                return f"{a.nom_complet} ({host})"
    return host


# --------------------------------------------------------------------------- one run


class _Run:
    def __init__(self, db: Database, t: Transport, receipt: Receipt, progress: Progress | None,
                 cancel: Callable[[], bool] | None, *, team_phrase: str | None = None,
                 allow_mass_changes: bool = False) -> None:
        self.db, self.t, self.r = db, t, receipt
        self.phrase = team_phrase or sealing.phrase_from_env()
        self.allow_mass = allow_mass_changes
        self.keys: sealing.ShareKeys | None = None
        self.upgrade: dict[str, Any] | None = None  # the upgrade record (who copied the format-1 share)
        self.held_rows: int | None = None
        self.mass_this_run = 0
        self.mass_stopped = False
        self._progress = progress
        self._cancel = cancel
        self.me = db.device_id
        self.done = 0
        self.total = 0
        self.applied_this_run = 0
        self.backed_up = False
        self.had_local_data = False
        self.names: dict[str, str] = {}
        self.full = True  # every device folder listed this run (see needs_full_survey)
        self.legacy_peers: list[str] = []
        self.heads_seen: dict[str, dict[str, Any]] = {}
        self.own_count = 0
        self.peer_docs: dict[str, dict[str, Any]] = {}

    # ------------------------------------------------------------------ helpers
    def progress(self, text: str, step: int = 0) -> None:
        self.done += step
        if self._progress is not None:
            self._progress(min(self.done, self.total), max(self.total, self.done), text)

    def check_cancel(self) -> None:
        if self._cancel is not None and self._cancel():
            raise SyncStop(
                "synchronisation interrompue à votre demande. Ce qui a été échangé est conservé ; "
                "la prochaine synchronisation reprendra là où elle s'est arrêtée."
            )

    def state(self, key: str) -> str | None:
        return self.db.state(key)

    # ------------------------------------------------------------------ run
    def run(self) -> None:
        self.progress("Connexion au partage…")
        manifest = self.share_manifest()
        if self.keys is None:
            self.keys = sealing.share_keys(self.db, manifest, self.phrase)
        self.finish_upgrade(manifest)
        self.full = self.needs_full_survey()
        if (manifest.get("upgraded_from") or self.full) and self.t.exists(L.V1_SHARE_MANIFEST):
            self.r.warnings.append(V1_CLEAR_FR)
        if manifest.get("upgraded_from") or self.full:
            self.read_upgrade_record(str(manifest.get("share_id")))
        heads = self.t.versions(L.INDEX) if hasattr(self.t, "versions") else {}  # before the folders: never newer
        devices = [d for d in self.t.list_dirs(L.DEVICES)]
        with self.db.read() as s:
            self.had_local_data = s.scalar(select(ChangeLog.seq).limit(1)) is not None
            marks = {p.device_id: p.applied_seq for p in s.scalars(select(SyncPeer))}
            for p in s.scalars(select(SyncPeer)):
                if p.device_name:
                    self.names.setdefault(p.device_id, p.device_name)
        to_push = self.count_to_push()
        listing = self.survey(devices, heads)
        self.fail_safe(manifest, listing)
        pulls = {d: self.pending_seqs(d, seqs, marks.get(d, 0)) for d, seqs in listing.items() if d != self.me}
        push_files = -(-to_push // L.ENTRIES_PER_FILE)
        self.total = sum(len(v) for v in pulls.values()) + push_files + 1
        self.push(listing.get(self.me, []))
        self.read_peer_manifests(self.legacy_peers)
        self.pull(pulls)
        self.blobs()
        if self.count_to_push():  # fix-ups made while applying (unique keys), conflict choices…
            self.push(self.own_seqs())
        self.write_device_manifest(heads)
        listing[self.me] = range(1, max(self.own_count, int(self.state(FILE_SEQ_KEY) or 0)) + 1)
        self.remember_share(manifest, listing)
        self.progress("Synchronisation terminée.", 1)
        self.clock_warnings()

    def count_to_push(self) -> int:
        with self.db.read() as s:
            pushed = int(s.scalar(select(LocalState.value).where(LocalState.key == PUSHED_KEY)) or 0)
            return int(s.scalar(
                select(func.count()).select_from(ChangeLog).where(
                    ChangeLog.seq > pushed, ChangeLog.device_id == self.me, ChangeLog.remote_seq.is_(None)
                )
            ) or 0)

    # ------------------------------------------------------------------ survey: who has something new
    def per_share(self, key: str) -> dict[str, Any]:
        raw = self.state(key)
        data = json.loads(raw) if raw else {}
        value = data.get(self.r.share)
        return value if isinstance(value, dict) else {}

    def set_per_share(self, key: str, value: Any) -> None:
        raw = self.state(key)
        data = json.loads(raw) if raw else {}
        data[self.r.share] = value
        self.db.set_state(key, json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))

    def needs_full_survey(self) -> bool:
        """Every device folder is listed (the format-2 way) on the first sync with a share, then at least
        every FULL_EVERY_S: a safety net under the heads (a laptop that wrote files but crashed before its
        head, a transport whose tokens missed a change, a laptop running an app that writes no head)."""
        if getattr(self.t, "versions", None) is None:
            return True
        at = self.per_share(FULL_KEY).get("at")
        if not isinstance(at, str):
            return True
        try:
            last = dt.datetime.fromisoformat(at)
        except ValueError:
            return True
        age = (clock.utc_now() - last).total_seconds()
        return not 0 <= age < FULL_EVERY_S

    def survey(self, devices: list[str], heads: dict[str, str]) -> dict[str, Any]:
        """For each laptop, the numbers of its files on the share (a list, or a range read from its head).

        Idle cost: one listing of ``index/`` says which heads changed since the last sync; a laptop whose
        head is unchanged costs nothing, one that moved costs one read (its head: last file number, name,
        clocks), a laptop without a head (or every laptop, in a full survey) one listing of its folder."""
        self.legacy_peers = []
        self.heads_seen = {}
        self.own_count = 0
        cache = {} if self.full else self.per_share(HEADS_KEY)
        out: dict[str, Any] = {}
        for d in devices:
            if not L.UUID_RE.match(d):
                self.quarantine(None, f"{L.DEVICES}/{d}", "nom de dossier de poste invalide (ignoré)", None)
                continue
            token = heads.get(f"{d}.pdm")
            if d == self.me:  # always listed: a file of ours missing (republish) or foreign (report, replace)
                out[d] = self.list_device(d)
                self.own_count = len(out[d])
                continue
            if self.full or token is None:
                out[d] = self.list_device(d)
                self.legacy_peers.append(d)
                if token is not None:  # its head's token stands for at most what the listing shows
                    self.heads_seen[d] = {"token": token, "last": max(out[d], default=0), "files": len(out[d])}
                continue
            known = cache.get(d)
            if isinstance(known, dict) and known.get("token") == token:
                self.heads_seen[d] = known
                if known.get("name"):
                    self.names[d] = str(known["name"])[:200]
                self.peer_clock_warnings(d, known.get("wall_ms"), known.get("clock"))
                out[d] = range(1, int(known["last"]) + 1)
                continue
            doc = self.read_head(d)
            if doc is None:  # unreadable or refused: fall back to listing the folder
                out[d] = self.list_device(d)
                self.legacy_peers.append(d)
                continue
            last = doc.get("last_seq")
            files = doc.get("files")
            if (not isinstance(last, int) or isinstance(last, bool) or not 0 <= last < L.MAX_LOCAL_SEQ
                    or not isinstance(files, int) or isinstance(files, bool) or not 0 <= files <= last):
                self.quarantine(d, L.device_head(d), "fiche d'index du poste invalide (numéros)", None)
                out[d] = self.list_device(d)
                self.legacy_peers.append(d)
                continue
            self.heads_seen[d] = {"token": token, "last": last, "files": files, "name": self.names.get(d, ""),
                                  "wall_ms": doc.get("wall_ms"), "clock": doc.get("clock")}
            out[d] = range(1, last + 1)
        return out

    def list_device(self, d: str) -> list[int]:
        seqs = []
        try:
            names = self.t.list(L.device_folder(d))
        except TransportError as e:
            self.unreachable(d, L.device_folder(d), e)
            return []
        for name in names:
            m = L.FILE_RE.match(name)
            if m:
                seqs.append(int(m.group(1)))
            elif name != L.DEVICE_MANIFEST:
                self.quarantine(d, f"{L.device_folder(d)}/{name}", "nom de fichier inattendu (ignoré)", None)
        return sorted(seqs)

    def read_head(self, d: str) -> dict[str, Any] | None:
        """The head of laptop ``d`` in ``index/``: its device manifest, sealed and signed by it."""
        try:
            raw = self.t.read(L.device_head(d), L.MAX_MANIFEST_BYTES)
        except TransportError as e:
            if self.t.exists(L.device_head(d)):
                self.unreachable(d, L.device_head(d), e)
            return None
        return self.open_peer_manifest(d, raw, L.device_head(d))

    # ------------------------------------------------------------------ share manifest + fail-safe
    def share_manifest(self) -> dict[str, Any]:
        seen = self.seen()
        try:  # read first: when it is there (the usual case) the share answered, one round trip
            data = self.t.read(L.SHARE_MANIFEST, L.MAX_MANIFEST_BYTES)
        except TransportError:
            self.t.check()  # unreachable share, missing bucket or folder: its own French message
            if self.t.exists(L.SHARE_MANIFEST):
                raise
            data = None
        if data is None:
            if self.t.exists(L.V1_SHARE_MANIFEST):
                old = self.read_manifest(L.V1_SHARE_MANIFEST)
                return self.upgrade_v1(old)
            if seen is not None or self.t.list_dirs(L.DEVICES) or self.t.list_dirs(L.V1_DEVICES):
                raise SyncStop(
                    "Le partage semble vide ou démonté (le fichier de description de la synchronisation est "
                    f"absent de « {self.r.share} »). Rien n'a été modifié sur cet ordinateur. Vérifiez que le "
                    "partage est bien connecté, puis réessayez."
                )
            import uuid

            return self.create_share(str(uuid.uuid4()), {})
        manifest = self.read_manifest(L.SHARE_MANIFEST, data)
        if seen is not None and seen.get("share_id") and manifest.get("share_id") != seen.get("share_id"):
            raise SyncStop(
                "Le partage a été réinitialisé ou remplacé depuis la dernière synchronisation. Rien n'a été "
                "modifié sur cet ordinateur ; demandez conseil avant de continuer."
            )
        return manifest

    def read_manifest(self, path: str, data: bytes | None = None) -> dict[str, Any]:
        if data is None:
            data = self.t.read(path, L.MAX_MANIFEST_BYTES)
        manifest = L.read_json(data)
        if manifest is None or not isinstance(manifest.get("format"), int):
            raise SyncStop(
                "Le fichier de description du partage est illisible. Rien n'a été modifié ; "
                "prévenez la personne qui gère le partage."
            )
        if manifest["format"] > L.FORMAT_VERSION or L.version_tuple(
            str(manifest.get("min_app_version", "0"))
        ) > L.version_tuple(__version__):
            raise SyncStop(
                f"Ce partage demande une version plus récente de Pôle Desktop "
                f"({manifest.get('min_app_version', '?')} au minimum ; vous avez la version {__version__}). "
                "Mettez l'application à jour : rien n'a été envoyé ni modifié."
            )
        return manifest

    def create_share(self, share_id: str, extra: dict[str, Any]) -> dict[str, Any]:
        """A new sealed share (or the sealed copy of a format-1 one): a random team key, wrapped with the
        team phrase; the manifest is written last-but-verified so two laptops racing cannot both win."""
        if not self.phrase:
            raise sealing.NeedTeamPhrase(sealing.NEW_PHRASE_FR, creating=True)
        weak = sealing.check_new_phrase(self.phrase)
        if weak:
            raise sealing.NeedTeamPhrase(weak + " Rien n'a été modifié.", creating=True)
        team_key, kid = os.urandom(32), sealing.new_kid()
        manifest = {
            "format": L.FORMAT_VERSION,
            "min_app_version": __version__,
            "share_id": share_id,
            "created_at": clock.utc_now().replace(microsecond=0).isoformat(),
            "created_by": self.me,
            "keys": {kid: sealing.wrap_team_key(team_key, self.phrase, share_id=share_id, kid=kid)},
            "current_key": kid,
            **extra,
        }
        self.t.write_atomic(L.SHARE_MANIFEST, L.dump_json(manifest))
        again = self.read_manifest(L.SHARE_MANIFEST)
        if again.get("current_key") != kid:
            raise SyncStop("Un autre ordinateur prépare ce partage au même moment : réessayez dans une minute.")
        sealing.store_keys(self.db, share_id, {kid: team_key})
        return manifest

    # ------------------------------------------------------------------ upgrade of a format-1 share
    def upgrade_v1(self, old: dict[str, Any]) -> dict[str, Any]:
        share_id = str(old.get("share_id") or "")
        if not L.UUID_RE.match(share_id):
            raise SyncStop("Le fichier de description du partage est illisible. Rien n'a été modifié ; "
                           "prévenez la personne qui gère le partage.")
        seen = self.seen()
        if seen is not None and seen.get("share_id") and share_id != seen.get("share_id"):
            raise SyncStop(
                "Le partage a été réinitialisé ou remplacé depuis la dernière synchronisation. Rien n'a été "
                "modifié sur cet ordinateur ; demandez conseil avant de continuer."
            )
        if not self.phrase:
            raise sealing.NeedTeamPhrase(
                "ce partage va être chiffré (nouvelle version du format) : choisissez une phrase d'équipe "
                f"(au moins {sealing.MIN_PHRASE_CHARS} caractères) et communiquez-la à vos collègues. "
                "Rien n'a été modifié.", creating=True)
        manifest = self.create_share(share_id, {"upgraded_from": 1, "upgraded_by": self.me})
        self.keys = sealing.share_keys(self.db, manifest, self.phrase)
        return manifest

    def finish_upgrade(self, manifest: dict[str, Any]) -> None:
        """Copy the format-1 share into the sealed one (resumable), then mark the old one as moved."""
        share_id = str(manifest.get("share_id"))
        if manifest.get("upgraded_by") != self.me or share_id in json.loads(self.state(UPGRADE_DONE_KEY) or "[]"):
            return
        if not self.t.exists(L.V1_SHARE_MANIFEST):
            return
        old = L.read_json(self.t.read(L.V1_SHARE_MANIFEST, L.MAX_MANIFEST_BYTES)) or {}
        if old.get("moved_to") == L.ROOT:
            self.upgrade_done(share_id)
            return
        assert self.keys is not None
        self.progress("Chiffrement du partage (nouvelle version du format)…")
        legacy: dict[str, int] = {}
        for d in self.t.list_dirs(L.V1_DEVICES):
            if not L.UUID_RE.match(d):
                continue
            for name in self.t.list(f"{L.V1_DEVICES}/{d}"):
                m = L.FILE_RE.match(name)
                if not m:
                    continue
                self.check_cancel()
                seq = int(m.group(1))
                target = L.file_path(d, seq)
                if self.t.exists(target):
                    try:
                        self.keys.open(self.t.read(target, L.MAX_FILE_BYTES), kind="chg", device=d, seq=seq)
                        legacy[d] = max(legacy.get(d, 0), seq)
                        continue
                    except sealing.SealError:
                        pass  # sealed by a rival upgrade that lost: overwrite
                try:
                    data = self.t.read(f"{L.V1_DEVICES}/{d}/{name}", L.MAX_FILE_BYTES)
                    L.decode_change_file(data, device_id=d, seq=seq)
                except (L.BadFile, TransportError) as e:
                    self.r.warnings.append(f"fichier « {L.safe_name(name)} » du poste {d[:8]} non recopié "
                                           f"lors du chiffrement du partage ({e}).")
                    continue
                self.t.write_atomic(target, self.keys.seal("chg", data, device=d, seq=seq, legacy=True))
                legacy[d] = max(legacy.get(d, 0), seq)
        for name in self.t.list(L.V1_BLOBS):
            if not L.SHA_RE.match(name):
                continue
            self.check_cancel()
            target = L.blob_path(self.keys.blob_name(name))
            if self.t.exists(target):
                continue
            try:
                data = self.t.read(f"{L.V1_BLOBS}/{name}", L.MAX_BLOB_BYTES)
            except TransportError:
                continue
            import hashlib

            if hashlib.sha256(data).hexdigest() == name:
                self.t.write_atomic(target, self.keys.seal("blob", data, sign=False))
        record = {"upgraded_by": self.me, "legacy": legacy, "from_format": 1,
                  "at": clock.utc_now().replace(microsecond=0).isoformat()}
        self.t.write_atomic(L.UPGRADE_RECORD, self.keys.seal("upg", L.dump_json(record)))
        old.update(format=L.FORMAT_VERSION, min_app_version=__version__, moved_to=L.ROOT)
        self.t.write_atomic(L.V1_SHARE_MANIFEST, L.dump_json(old))
        self.upgrade_done(share_id)

    def upgrade_done(self, share_id: str) -> None:
        """The copy of the format-1 share is complete: the upgrading laptop stops looking at it."""
        done = set(json.loads(self.state(UPGRADE_DONE_KEY) or "[]")) | {share_id}
        self.db.set_state(UPGRADE_DONE_KEY, json.dumps(sorted(done)))

    def read_upgrade_record(self, share_id: str) -> None:
        assert self.keys is not None
        cached = json.loads(self.state(UPGRADE_CACHE_KEY) or "{}").get(share_id)
        if isinstance(cached, dict) and not self.full:
            self.upgrade = cached
            return
        if not self.t.exists(L.UPGRADE_RECORD):
            return
        try:
            head, plain = self.keys.open(self.t.read(L.UPGRADE_RECORD, L.MAX_MANIFEST_BYTES), kind="upg")
            doc = L.read_json(plain)
            if not doc or doc.get("upgraded_by") != head.get("signer") or not isinstance(doc.get("legacy"), dict):
                raise sealing.SealError("contenu invalide")
            self.check_pin(str(head["signer"]), str(head["pub"]))
        except (sealing.SealError, TransportError) as e:
            self.quarantine(None, L.UPGRADE_RECORD, f"registre de mise à niveau du partage refusé ({e})", None)
            return
        self.upgrade = doc
        cache = json.loads(self.state(UPGRADE_CACHE_KEY) or "{}")
        cache[share_id] = doc
        self.db.set_state(UPGRADE_CACHE_KEY, json.dumps(cache, sort_keys=True, separators=(",", ":")))

    def check_pin(self, device: str, pub: str) -> None:
        """The first valid file of a device pins its public key; afterwards any other key is refused."""
        if not L.UUID_RE.match(device):
            raise sealing.SealError("signataire invalide")
        if device == self.me and self.keys is not None and pub != self.keys.pub:
            raise sealing.SealError("fichier signé au nom de cet ordinateur par un autre que lui")
        pinned = sealing.pins(self.db).get(device)
        if pinned is None:
            if device != self.me:
                sealing.pin(self.db, device, pub)
        elif pinned != pub:
            raise sealing.SealError("signé par une autre clé que celle connue de ce poste : fichier falsifié "
                                    "ou écrit par un autre ordinateur")

    def open_change_file(self, device: str, seq: int, data: bytes) -> bytes:
        assert self.keys is not None
        head, plain = self.keys.open(data, kind="chg", device=device, seq=seq)
        signer, pub = str(head["signer"]), str(head["pub"])
        if signer != device:
            up = self.upgrade or {}
            if not (head.get("legacy") and signer == up.get("upgraded_by")
                    and isinstance(up["legacy"].get(device), int) and seq <= up["legacy"][device]):
                raise sealing.SealError("fichier signé par un autre poste que celui dont il porte le nom")
        self.check_pin(signer, pub)
        return plain

    def seen(self) -> dict[str, Any] | None:
        raw = self.state(SEEN_KEY)
        data = json.loads(raw) if raw else {}
        return data.get(self.r.share)

    def unreachable(self, device: str | None, path: str, e: TransportError) -> None:
        """One file or folder of the share cannot be read: only its laptop's stream stops — unless the
        share itself is gone (then the whole run stops, as any lost connection)."""
        self.t.check()
        self.quarantine(device, path, f"illisible sur le partage ({e}) ; les fichiers de ce poste attendront", None)

    def fail_safe(self, manifest: dict[str, Any], listing: dict[str, list[int]]) -> None:
        seen = self.seen()
        if not seen:
            return
        devices, files = len(listing), sum(len(v) for v in listing.values())
        if devices < int(seen.get("devices", 0)) or files < 0.8 * int(seen.get("files", 0)):
            raise SyncStop(
                "Le partage semble vide ou démonté : il montre beaucoup moins de fichiers que lors de la "
                f"dernière synchronisation ({files} au lieu de {seen.get('files')}, {devices} poste(s) au lieu "
                f"de {seen.get('devices')}). Rien n'a été modifié sur cet ordinateur. Vérifiez la connexion au "
                "partage puis réessayez."
            )

    def remember_share(self, manifest: dict[str, Any], listing: dict[str, Any]) -> None:
        raw = self.state(SEEN_KEY)
        data = json.loads(raw) if raw else {}
        data[self.r.share] = {
            "share_id": manifest.get("share_id"),
            "devices": len(listing),
            "files": sum(len(v) for v in listing.values()),
            "at": clock.utc_now().isoformat(),
        }
        self.db.set_state(SEEN_KEY, json.dumps(data, ensure_ascii=False, sort_keys=True))
        for d, entry in self.heads_seen.items():
            doc = self.peer_docs.get(d, {})
            entry.setdefault("name", self.names.get(d, ""))
            entry.setdefault("wall_ms", doc.get("wall_ms"))
            entry.setdefault("clock", doc.get("clock"))
        self.set_per_share(HEADS_KEY, self.heads_seen)
        if self.full:
            self.set_per_share(FULL_KEY, {"at": clock.utc_now().isoformat()})

    # ------------------------------------------------------------------ push
    def own_seqs(self) -> list[int]:
        return sorted(
            int(m.group(1)) for n in self.t.list(L.device_folder(self.me)) if (m := L.FILE_RE.match(n))
        )

    def genuine_own(self, share_seqs: Any) -> list[int]:
        """Our files on the share above our own count that really are ours (a crash between writing a file
        and recording it: signed with our key AND holding exactly our journal entries of those numbers);
        a file someone else put in our folder is reported and will be overwritten; a file signed with our
        key that holds other entries was written by a copy of this laptop (ClaimLost)."""
        known = int(self.state(FILE_SEQ_KEY) or 0)
        out = [s for s in share_seqs if s <= known]
        assert self.keys is not None
        for seq in (s for s in share_seqs if s > known):
            try:
                head, plain = self.keys.open(self.t.read(L.file_path(self.me, seq), L.MAX_FILE_BYTES), kind="chg",
                                             device=self.me, seq=seq)
                if head.get("pub") != self.keys.pub:
                    raise sealing.SealError("fichier signé au nom de cet ordinateur par un autre que lui")
                cf = L.decode_change_file(plain, device_id=self.me, seq=seq)
            except (sealing.SealError, L.BadFile, TransportError) as e:
                self.quarantine(self.me, L.file_path(self.me, seq),
                                f"fichier étranger dans le dossier de cet ordinateur ({e}) : il ne sera jamais "
                                "appliqué et sera remplacé", None)
                continue
            if not self.holds_entries(cf):
                raise ClaimLost(seq)
            out.append(seq)
        return out

    def holds_entries(self, cf: L.ChangeFile) -> bool:
        """True when every entry of ``cf`` is in this laptop's own journal (same number, cell and HLC)."""
        if not cf.entries:
            return True
        with self.db.read() as s:
            ours = {tuple(r) for r in s.connection().exec_driver_sql(
                "SELECT seq, tbl, row_id, col, hlc FROM change_log WHERE device_id = ? AND remote_seq IS NULL "
                "AND seq BETWEEN ? AND ?", (self.me, cf.entries[0][0], cf.entries[-1][0]))}
        return all((e[0], e[1], e[2], e[3], e[5]) in ours for e in cf.entries)

    def write_own(self, seq: int, data: bytes) -> None:
        """A change file of ours under a number nobody holds: create-only (``write_new``), so a copy of
        this laptop that wrote that number first is found out, never overwritten."""
        path = L.file_path(self.me, seq)
        write_new = getattr(self.t, "write_new", None)
        if write_new is None:
            self.t.write_atomic(path, data)
            return
        try:
            write_new(path, data)
        except AlreadyExists:
            try:
                existing = self.t.read(path, L.MAX_FILE_BYTES)
                head, plain = self.keys.open(existing, kind="chg", device=self.me, seq=seq)  # type: ignore[union-attr]
                cf = L.decode_change_file(plain, device_id=self.me, seq=seq)
            except (sealing.SealError, L.BadFile):
                head, cf = {}, None
            if cf is None or head.get("pub") != self.keys.pub:  # type: ignore[union-attr]
                self.quarantine(self.me, path, "fichier étranger dans le dossier de cet ordinateur : il ne sera "
                                "jamais appliqué et a été remplacé", None)
                self.t.write_atomic(path, data)
                return
            if self.holds_entries(cf):
                return  # our own write, retried after a lost answer
            raise ClaimLost(seq) from None

    def published(self) -> dict[str, list[int]]:
        raw = self.state(PUBLISHED_KEY)
        return json.loads(raw) if raw else {}

    def repair_own(self, share_seqs: list[int]) -> None:
        """Republish, from the journal, any of our files missing from the share (deleted because
        damaged, lost in a restore of the NAS…): the other laptops' streams wait on it."""
        present = set(share_seqs)
        missing = sorted(int(k) for k in self.published() if int(k) not in present)
        if not missing:
            return
        published = self.published()
        with self.db.read() as s:
            deps = {p.device_id: p.applied_seq for p in s.scalars(select(SyncPeer)) if p.applied_seq > 0}
            schema = self.db.schema_version()
            conn = s.connection()
            for seq in missing:
                first, last = published[str(seq)]
                rows = [list(r) for r in conn.exec_driver_sql(
                    "SELECT seq, tbl, row_id, col, value, hlc, base_hlc, author_id FROM change_log "
                    "WHERE device_id = ? AND remote_seq IS NULL AND seq BETWEEN ? AND ? ORDER BY seq",
                    (self.me, first, last),
                )]
                if not rows:
                    continue
                header = {"schema": schema, "app": __version__, "device": self.me, "seq": seq, "first": rows[0][0],
                          "last": rows[-1][0], "deps": deps, "written_hlc": self.db.journal.clock.last,
                          "republished": True}
                self.write_own(seq, self.seal_change_file(seq, header, rows))
                self.r.warnings.append(
                    f"le fichier n° {seq} de cet ordinateur manquait sur le partage : il a été republié."
                )

    def push(self, share_seqs: list[int]) -> None:
        self.check_cancel()
        self.repair_own(share_seqs)
        pushed = int(self.state(PUSHED_KEY) or 0)
        counter = max(int(self.state(FILE_SEQ_KEY) or 0), max(self.genuine_own(share_seqs), default=0))
        with self.db.read() as s:
            deps = {p.device_id: p.applied_seq for p in s.scalars(select(SyncPeer)) if p.applied_seq > 0}
            schema = self.db.schema_version()
            conn = s.connection()
            result = conn.exec_driver_sql(
                "SELECT seq, tbl, row_id, col, value, hlc, base_hlc, author_id FROM change_log "
                "WHERE device_id = ? AND remote_seq IS NULL AND seq > ? ORDER BY seq",
                (self.me, pushed),
            )
            chunk: list[list[Any]] = []
            for row in result:
                if len(chunk) >= L.ENTRIES_PER_FILE and (row[1], row[2], row[5]) != (
                    chunk[-1][1], chunk[-1][2], chunk[-1][5]
                ):
                    counter = self.write_change_file(counter + 1, chunk, deps, schema)
                    chunk = []
                chunk.append(list(row))
            if chunk:
                self.write_change_file(counter + 1, chunk, deps, schema)

    def write_change_file(self, seq: int, entries: list[list[Any]], deps: dict[str, int], schema: str | None) -> int:
        self.check_cancel()
        header = {
            "schema": schema,
            "app": __version__,
            "device": self.me,
            "seq": seq,
            "first": entries[0][0],
            "last": entries[-1][0],
            "deps": deps,
            "written_hlc": self.db.journal.clock.last,
        }
        self.write_own(seq, self.seal_change_file(seq, header, entries))
        _checkpoint("push-written")
        published = self.published()
        published[str(seq)] = [entries[0][0], entries[-1][0]]
        with self.db.session() as s:
            for key, value in ((PUSHED_KEY, entries[-1][0]), (FILE_SEQ_KEY, seq),
                               (PUBLISHED_KEY, json.dumps(published, separators=(",", ":")))):
                s.merge(LocalState(key=key, value=str(value)))
        _checkpoint("push-marked")
        self.r.sent += len(entries)
        self.progress(f"Envoi de vos modifications ({self.r.sent})…", 1 if len(entries) else 0)
        return seq

    def seal_change_file(self, seq: int, header: dict[str, Any], entries: list[list[Any]]) -> bytes:
        assert self.keys is not None
        return self.keys.seal("chg", L.encode_change_file(header, entries), device=self.me, seq=seq)

    def write_device_manifest(self, heads: dict[str, str]) -> None:
        """This laptop's device manifest, and the same sealed document as its head in ``index/`` — only
        when it says something new (files published, another name or version) or on a full survey: an
        idle sync writes nothing."""
        assert self.keys is not None
        last = int(self.state(FILE_SEQ_KEY) or 0)
        if self.full:
            last = max(last, max(self.own_seqs(), default=0))
        says = {"device_name": device_name(self.db), "app_version": __version__,
                "schema": self.db.schema_version(), "last_seq": last, "public_key": self.keys.pub}
        if (not self.full and f"{self.me}.pdm" in heads and self.state(OWN_HEAD_KEY)
                and json.loads(self.state(OWN_HEAD_KEY) or "{}") == says):
            return
        doc = {
            "format": L.FORMAT_VERSION,
            "device_id": self.me,
            **says,
            "files": last,
            "clock": self.db.journal.clock.last,
            "wall_ms": wall_now(self.db),
            "written_at": clock.utc_now().isoformat(),
        }
        sealed = self.keys.seal("man", L.dump_json(doc), device=self.me)
        self.t.write_atomic(L.device_manifest(self.me), sealed)
        self.t.write_atomic(L.device_head(self.me), sealed)
        self.db.set_state(OWN_HEAD_KEY, json.dumps(says, sort_keys=True))

    # ------------------------------------------------------------------ peers
    def read_peer_manifests(self, devices: list[str]) -> None:
        """Device manifests of the laptops surveyed by listing their folder (their heads were not read)."""
        for d in devices:
            try:
                raw = self.t.read(L.device_manifest(d), L.MAX_MANIFEST_BYTES)
            except TransportError as e:
                if self.t.exists(L.device_manifest(d)):  # there but unreadable (else: not written yet)
                    self.unreachable(d, L.device_manifest(d), e)
                continue
            self.open_peer_manifest(d, raw, L.device_manifest(d))

    def open_peer_manifest(self, d: str, raw: bytes, path: str) -> dict[str, Any] | None:
        """A device manifest (or head) of laptop ``d``: opened, signature checked against its pinned key,
        name and clocks taken; None (quarantined) when refused."""
        assert self.keys is not None
        wall = wall_now(self.db)
        try:
            head, plain = self.keys.open(raw, kind="man", device=d)
            if head.get("signer") != d:
                raise sealing.SealError("fiche du poste signée par un autre poste")
            self.check_pin(d, str(head["pub"]))
            doc = L.read_json(plain)
        except sealing.SealError as e:
            self.quarantine(d, path, str(e), None)
            return None
        if not doc:
            return None
        name = doc.get("device_name")
        if isinstance(name, str) and name.strip():
            self.names[d] = name.strip()[:200]
        self.peer_docs[d] = doc
        self.peer_clock_warnings(d, doc.get("wall_ms"), doc.get("clock"), wall)
        return doc

    def peer_clock_warnings(self, d: str, wall_ms: Any, clock: Any, wall: int | None = None) -> None:
        """Clock warnings about laptop ``d`` from what its manifest (or cached head) says."""
        wall = wall_now(self.db) if wall is None else wall
        if isinstance(wall_ms, int) and not isinstance(wall_ms, bool) and wall_ms - wall > SKEW_MS:
            minutes = (wall_ms - wall) // 60000
            self.r.warnings.append(
                f"l'horloge du poste « {self.label(d)} » est en avance d'environ {_duration(minutes)} sur "
                "celle de cet ordinateur (ou la vôtre est en retard). Les modifications restent bien "
                "ordonnées, mais vérifiez la date et l'heure des deux ordinateurs."
            )
        if isinstance(wall_ms, int) and isinstance(clock, str) and L.HLC_RE.match(clock):
            behind = Timestamp.parse(clock).wall_ms - wall_ms  # its HLC follows what it saw from others
            if behind > SKEW_MS:
                self.r.warnings.append(
                    f"l'horloge du poste « {self.label(d)} » semble en retard d'environ "
                    f"{_duration(behind // 60000)} sur celle de ses collègues : faites-la vérifier."
                )

    def label(self, device: str) -> str:
        return self.names.get(device) or f"poste {device[:8]}"

    def pending_seqs(self, device: str, seqs: Any, mark: int) -> list[int]:
        if isinstance(seqs, range):  # announced by its head: files mark+1 … last (a missing one is a gap)
            return list(range(mark + 1, min(seqs.stop, mark + 1 + MAX_FILES_PER_RUN)))
        out: list[int] = []
        expected = mark + 1
        for s in seqs:
            if s < expected:
                continue
            if s != expected:
                self.r.warnings.append(
                    f"un fichier manque dans la série du poste {device[:8]} (n° {expected}) : ses modifications "
                    "suivantes attendront qu'il soit publié."
                )
                break
            out.append(s)
            expected += 1
        return out

    # ------------------------------------------------------------------ pull
    def pull(self, pulls: dict[str, list[int]]) -> None:
        pulls = {d: list(s) for d, s in pulls.items() if s}
        loaded: dict[tuple[str, int], L.ChangeFile] = {}
        strict = True
        while any(pulls.values()):
            progressed = False
            for device in sorted(pulls):
                while pulls[device]:
                    self.check_cancel()
                    seq = pulls[device][0]
                    cf = loaded.get((device, seq))
                    if cf is None:
                        cf = self.load(device, seq)
                        if cf is None:  # quarantined: this laptop's stream waits for a repaired file
                            pulls[device] = []
                            break
                        loaded[(device, seq)] = cf
                    if strict and not self.deps_ready(cf, pulls):
                        break
                    if not self.mass_ok(device, seq, cf):
                        pulls[device] = []
                        break
                    self.apply(device, seq, cf)
                    loaded.pop((device, seq), None)
                    pulls[device].pop(0)
                    progressed = True
            if not progressed:
                if not strict:
                    break
                strict = False  # a dependency that cannot be met (missing/quarantined): apply anyway
            else:
                strict = True

    def deps_ready(self, cf: L.ChangeFile, pulls: dict[str, list[int]]) -> bool:
        with self.db.read() as s:
            marks = {p.device_id: p.applied_seq for p in s.scalars(select(SyncPeer))}
        for dev, needed in cf.header.get("deps", {}).items():
            if dev == self.me or dev == cf.header.get("device"):
                continue
            if marks.get(dev, 0) < needed and pulls.get(dev):
                return False
        return True

    def load(self, device: str, seq: int) -> L.ChangeFile | None:
        path = L.file_path(device, seq)
        data = None
        try:
            try:
                data = self.t.read(path, L.MAX_FILE_BYTES)  # one round trip (the size cap is the read's)
            except TransportError as e:
                if "trop volumineux" not in str(e):
                    raise
                raise L.BadFile(f"fichier trop volumineux (plus de {L.MAX_FILE_BYTES // (1024 * 1024)} Mo)") from None
            plain = self.open_change_file(device, seq, data)
            return L.decode_change_file(plain, device_id=device, seq=seq)
        except (L.BadFile, sealing.SealError) as e:
            import hashlib

            sha = hashlib.sha256(data).hexdigest() if data is not None else None
            self.quarantine(device, path, str(e), sha)
            return None
        except TransportError as e:
            if data is None and not self.t.exists(path):  # announced by its head but not there: a gap
                self.r.warnings.append(
                    f"un fichier manque dans la série du poste {device[:8]} (n° {seq}) : ses modifications "
                    "suivantes attendront qu'il soit publié."
                )
                return None
            self.unreachable(device, path, e)
            return None

    def quarantine(self, device: str | None, name: str, reason: str, sha: str | None) -> None:
        name, reason = L.safe_name(name), L.safe_name(reason)[:1000]
        if (name, reason) in self.r.quarantined:
            return
        self.r.quarantined.append((name, reason))
        with self.db.session() as s:
            exists = s.scalar(
                select(SyncQuarantine.id).where(
                    SyncQuarantine.name == name, SyncQuarantine.reason == reason,
                    (SyncQuarantine.sha256 == sha) if sha else SyncQuarantine.sha256.is_(None),
                )
            )
            if exists is None:
                s.add(SyncQuarantine(device_id=device, name=name[:500], reason=reason,
                                     detected_at=clock.local_now(), sha256=sha))

    def mass_ok(self, device: str, seq: int, cf: L.ChangeFile) -> bool:
        """False (after a backup, with a French message) when this file would delete, or overwrite what
        another laptop wrote, in too large a share of the rows this laptop holds."""
        from pole_desktop.storage.journal import TOMBSTONE, version_of

        if self.allow_mass or not self.had_local_data:
            return True
        rows: dict[tuple[str, str], set[str]] = {}
        for e in cf.entries:
            rows.setdefault((e[1], e[2]), set()).add(e[3])
        hit = 0
        # Undoing a spreadsheet import (« Annuler cet import ») deletes what the batch created and
        # restores what it changed: expected, recorded, signed — not an unusual batch to stop.
        undone_lots = [e[2] for e in cf.entries if e[1] == "import_lot" and e[3] == "annule_le" and e[4] not in
                       (None, "null")]
        with self.db.read() as s:
            conn = s.connection()
            if self.held_rows is None:
                self.held_rows = int(conn.exec_driver_sql("SELECT count(*) FROM row_version WHERE deleted = 0")
                                     .scalar() or 0)
            for lot in undone_lots:
                for tbl, rid in conn.exec_driver_sql(
                    "SELECT tbl, row_id FROM import_ligne WHERE lot_id = ?", (lot,)
                ):
                    rows.pop((tbl, rid), None)
                for (rid,) in conn.exec_driver_sql("SELECT id FROM import_ligne WHERE lot_id = ?", (lot,)):
                    rows.pop(("import_ligne", rid), None)
            keys = list(rows)
            for i in range(0, len(keys), 400):
                chunk = keys[i:i + 400]
                where = " OR ".join("(tbl = ? AND row_id = ?)" for _ in chunk)
                params = tuple(x for k in chunk for x in k)
                for tbl, rid, versions in conn.exec_driver_sql(
                    f"SELECT tbl, row_id, versions FROM row_version WHERE deleted = 0 AND ({where})", params
                ):
                    cols = rows[(tbl, rid)]
                    if TOMBSTONE in cols:
                        hit += 1
                        continue
                    v = json.loads(versions)
                    if any((w := version_of(v, c)) is not None and w[1] != device for c in cols):
                        hit += 1
        if hit == 0:
            return True
        total = self.mass_this_run + hit
        if total < MASS_MIN_ROWS or total <= MASS_SHARE * (self.held_rows or 0):
            self.mass_this_run = total
            return True
        if not self.backed_up:
            self.progress("Sauvegarde de sécurité avant un lot inhabituel…")
            _backup_before(self.db, "avant-synchro")
            self.backed_up = True
        self.r.needs_confirmation = True
        self.r.warnings.append(
            f"le poste « {self.label(device)} » envoie un lot qui supprimerait ou remplacerait {hit} fiche(s) sur "
            f"les {self.held_rows} que contient cet ordinateur (fichier n° {seq}). Rien de ce lot n'a été appliqué "
            "et une sauvegarde a été faite. Vérifiez avec ce collègue, puis confirmez pour l'appliquer "
            "(« Synchroniser en acceptant ce lot », ou pole-desktop-cli sync --accepter-lot)."
        )
        return False

    def apply(self, device: str, seq: int, cf: L.ChangeFile) -> None:
        count = len(cf.entries)
        if (
            not self.backed_up
            and self.had_local_data
            and self.applied_this_run + count > BACKUP_THRESHOLD
        ):
            self.progress("Sauvegarde de sécurité avant d'appliquer un gros lot…")
            _backup_before(self.db, "avant-synchro")
            self.backed_up = True
        with apply_session(self.db) as s:
            res = Applier(s, self.db.journal, device).apply(cf)
            for hook in hooks.after_apply:
                hook(s, res.touched)
            s.flush()
            peer = s.get(SyncPeer, device) or SyncPeer(device_id=device, applied_seq=0)
            peer.applied_seq = max(peer.applied_seq or 0, seq)
            peer.device_name = self.names.get(device, peer.device_name)
            peer.last_seen_at = clock.local_now()
            s.add(peer)
            s.flush()
            _checkpoint("pull-before-commit")
        _checkpoint("pull-committed")
        self.applied_this_run += count
        self.r.received += res.received
        self.r.conflicts += res.conflicts
        if res.future_hlc:
            when = clock.from_epoch_ms(Timestamp.parse(res.future_hlc).wall_ms)
            self.r.warnings.append(
                f"une modification datée du {when:%d/%m/%Y à %H:%M} (dans le futur) a été reçue du poste "
                f"« {self.label(device)} » et acceptée : l'horloge de cet ordinateur-là est sans doute fausse."
            )
        self.progress(f"Réception des modifications de {self.label(device)}…", 1)

    # ------------------------------------------------------------------ blobs
    def blobs(self) -> None:
        """Attachments both ways, through this laptop's keyed store (plain bytes in memory only): sealed
        with the team key on the share, with this laptop's key on disk. A blob that cannot be moved is
        said in the receipt, never skipped silently."""
        import hashlib

        self.check_cancel()
        from pole_desktop.domain.models import Document

        assert self.keys is not None
        store = self.db.blob_store()
        with self.db.read() as s:
            wanted = set(s.scalars(select(Document.sha256).distinct()))
        wanted = {w for w in wanted if w and L.SHA_RE.match(w)}
        erased = self.erased_shas(wanted)
        if not wanted and not erased:
            return
        settled = hashlib.sha256(json.dumps(sorted(wanted)).encode()).hexdigest()
        if not erased and not self.full and self.state(BLOBS_SETTLED_KEY) == settled:
            return  # every file was in place at the end of the last sync, and no document changed since
        failures = len(self.r.blob_failures)
        on_share = {n for n in self.t.list(L.BLOBS) if L.SHA_RE.match(n)}
        self.erase_blobs(erased, on_share)
        # New here since the last sync: if the share holds the "erased" marker under its name (the same
        # content erased elsewhere meanwhile), this live document needs it uploaded again.
        new = wanted - set(json.loads(self.state(ERASED_BLOBS_KEY) or "[]"))
        for sha in sorted(wanted):
            self.check_cancel()
            name = self.keys.blob_name(sha)
            if name not in on_share and not store.has(sha):  # sent before a key rotation?
                name = next((n for n in self.keys.blob_names(sha) if n in on_share), name)
            if store.has(sha) and (name not in on_share or (
                    sha in new and sha != EMPTY_SHA and self.t.size(L.blob_path(name)) <= self.marker_size())):
                try:
                    data = store.get(sha)
                except (OSError, ValueError) as e:
                    self.r.blob_failures.append(
                        f"le fichier {sha[:12]}… de cet ordinateur est illisible ({e}) : il n'a pas été envoyé.")
                    continue
                self.t.write_atomic(L.blob_path(name), self.keys.seal("blob", data, sign=False))
            elif not store.has(sha) and name in on_share:
                try:
                    raw = self.t.read(L.blob_path(name), L.MAX_BLOB_BYTES + 4096)
                    _, data = self.keys.open(raw, kind="blob", signed=False)
                    if not data and sha != EMPTY_SHA:
                        self.r.warnings.append(f"le fichier {sha[:12]}… a été effacé du partage (RGPD) : il ne "
                                               "sera pas reçu.")
                        continue
                except TransportError as e:
                    self.t.check()
                    self.quarantine(None, L.blob_path(name), f"pièce jointe illisible sur le partage ({e})", None)
                    self.r.blob_failures.append(f"le fichier {sha[:12]}… n'a pas pu être reçu ({e}).")
                    continue
                except sealing.SealError as e:
                    self.quarantine(None, L.blob_path(name), f"pièce jointe refusée ({e})", None)
                    self.r.blob_failures.append(f"le fichier {sha[:12]}… reçu est endommagé : il n'a pas été gardé.")
                    continue
                if hashlib.sha256(data).hexdigest() != sha:
                    self.quarantine(None, L.blob_path(name), "pièce jointe endommagée sur le partage "
                                    "(son contenu ne correspond pas à son empreinte)", None)
                    self.r.blob_failures.append(f"le fichier {sha[:12]}… reçu est endommagé : il n'a pas été gardé.")
                    continue
                store.put(data)
            elif not store.has(sha):
                self.r.blob_failures.append(
                    f"le fichier {sha[:12]}… n'est encore ni sur cet ordinateur ni sur le partage (il arrivera "
                    "quand son ordinateur d'origine se synchronisera).")
        if wanted != set(json.loads(self.state(ERASED_BLOBS_KEY) or "[]")):
            self.db.set_state(ERASED_BLOBS_KEY, json.dumps(sorted(wanted), separators=(",", ":")))
        if len(self.r.blob_failures) == failures and not any("effacé du partage" in w for w in self.r.warnings):
            self.db.set_state(BLOBS_SETTLED_KEY, settled)

    def erased_shas(self, wanted: set[str]) -> set[str]:
        """Files of documents that were here at the last sync and no live document uses any more
        (erased, purged or deleted: the journal's copy of their hash is redacted by the erasure)."""
        known = set(json.loads(self.state(ERASED_BLOBS_KEY) or "[]"))
        return known - wanted

    def marker_size(self) -> int:
        """Size of the "erased" marker: a sealed empty content (any other blob but the empty file is larger)."""
        assert self.keys is not None
        return len(self.keys.seal("blob", b"", sign=False))

    def erase_blobs(self, erased: set[str], on_share: set[str]) -> None:
        """Files of deleted documents: removed from this laptop (a second net behind the erasure's own
        handler), and — the Transport has no delete — overwritten on the share by a sealed empty content
        under the same name, so their bytes are gone from the share's current files."""
        if not erased:
            return
        assert self.keys is not None
        store = self.db.blob_store()
        for sha in sorted(erased):
            self.check_cancel()
            if store.has(sha):
                delete = getattr(store, "delete", None)
                if delete is not None:
                    delete(sha)
                else:
                    (store.root / sha[:2] / sha).unlink(missing_ok=True)
            for name in self.keys.blob_names(sha):
                if name in on_share and self.t.size(L.blob_path(name)) > self.marker_size():
                    self.t.write_atomic(L.blob_path(name), self.keys.seal("blob", b"", sign=False))

    # ------------------------------------------------------------------ clocks
    def clock_warnings(self) -> None:
        ahead = Timestamp.parse(self.db.journal.clock.last).wall_ms - wall_now(self.db)
        if ahead > SKEW_MS and not any("horloge" in w or "futur" in w for w in self.r.warnings):
            self.r.warnings.append(
                f"l'horloge de cet ordinateur semble en retard d'environ {_duration(ahead // 60000)} sur celle "
                "de vos collègues : vérifiez sa date et son heure."
            )


def _duration(minutes: int) -> str:
    if minutes < 120:
        return f"{minutes} minutes"
    if minutes < 48 * 60:
        return f"{minutes // 60} heures"
    return f"{minutes // (24 * 60)} jours"
