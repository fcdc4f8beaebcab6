"""The sealed share (format 2): team keys, encryption of every file, device signatures.

Threat model (see ARCHITECTURE.md "Sync" → "Sealed share"):

- **Team key**: 32 random bytes, never on the share in clear. The share manifest holds it
  *wrapped*: ``AES-256-GCM(scrypt(phrase d'équipe, salt), team key)``, with the key id and the
  share id as associated data. A laptop unwraps it once with the phrase, then keeps it in the
  OS keyring (service « Pôle Desktop — équipe », username ``<share id>:<data directory id>``)
  — or, on a laptop without a usable keyring, in its own encrypted database.
- **Key ids**: every sealed file names the key (``kid``) it was sealed with, so a later
  rotation (exclude a lost laptop: new key, new phrase, new files under the new kid) and
  per-office keys (``scope`` of a wrapped key) need no format change. Readers use any kid
  they hold; writers use the manifest's ``current_key``.
- **Envelope** of every change file, device manifest and blob on the share::

      b"PDSEAL2\\n" + header JSON (one line, clear) + b"\\n" + [64-byte Ed25519 signature] + AES-GCM ciphertext

  header: ``{"v": 2, "kind": "chg" | "man" | "blob" | "upg", "kid", "nonce", "device",
  "seq", "signer", "pub", "legacy"}``; the header is the AEAD's associated data, the signature
  covers magic + header + ciphertext. Blobs carry no signature (the receiver checks the
  SHA-256 it asked for). What a reader of the share sees: sizes, device ids, public keys,
  file numbers, key ids.
- **Device keys**: each laptop signs with its own Ed25519 key (in its encrypted database,
  ``local_state["sync_signing_key"]``; a restore gives a new identity and a new key). The
  first valid file of a device pins its public key on every laptop
  (``local_state["sync_pins"]``); afterwards a file of that device's folder signed by any
  other key is refused. Only the upgrade record's signer may sign *legacy* files of other
  devices (the copy of a format-1 share, see engine).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import dataclass, field
from typing import Any

from pole_desktop.storage.database import Database
from pole_desktop.sync.transport import TransportError

log = logging.getLogger(__name__)

MAGIC = b"PDSEAL2\n"
ENVELOPE_VERSION = 2
SIG_BYTES = 64
NONCE_BYTES = 12
MAX_HEADER_BYTES = 4096
KEYRING_SERVICE = "Pôle Desktop — équipe"
PHRASE_ENV = "POLE_DESKTOP_TEAM_PHRASE"
SIGNING_KEY = "sync_signing_key"  # local_state: this laptop's Ed25519 private key (hex)
PINS_KEY = "sync_pins"  # local_state: {device id: public key hex}
LOCAL_TEAM_KEYS = "sync_team_keys"  # local_state fallback when no keyring: {share id: {kid: hex}}
MIN_PHRASE_CHARS = 12

# scrypt for the team phrase: ~0.3 s and 128 MiB on an office laptop. The parameters are stored
# with each wrapped key, so they can be raised later without breaking older wraps.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1

KINDS = ("chg", "man", "blob", "upg")
_HEX = set("0123456789abcdef")

NEEDS_PHRASE_FR = (
    "ce partage est protégé par une phrase d'équipe : saisissez-la une fois sur cet ordinateur "
    "(elle vous a été communiquée par la personne qui gère le partage). Rien n'a été modifié."
)
NEW_PHRASE_FR = (
    "ce partage va être chiffré pour toute l'équipe : choisissez une phrase d'équipe (au moins "
    f"{MIN_PHRASE_CHARS} caractères) et communiquez-la à vos collègues. Rien n'a été modifié."
)
CHANGED_PHRASE_FR = (
    "la phrase d'équipe de ce partage a changé : saisissez la nouvelle phrase (demandez-la à la personne "
    "qui gère le partage). Rien n'a été modifié."
)
WRONG_PHRASE_FR = (
    "la phrase d'équipe saisie ne correspond pas à ce partage. Vérifiez-la (majuscules, accents, "
    "espaces) puis réessayez. Rien n'a été modifié."
)


class NeedTeamPhrase(Exception):
    """The team key is unknown here; ``str(e)`` is French. ``creating``: a new phrase is to be chosen."""

    def __init__(self, message: str, *, creating: bool = False, wrong: bool = False) -> None:
        super().__init__(message)
        self.creating = creating
        self.wrong = wrong


class SealError(Exception):
    """A sealed file cannot be opened or verified; ``str(e)`` is the French reason."""


# --------------------------------------------------------------------------- helpers


def _aead(key: bytes) -> Any:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _hkdf(key: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(key)


def derive_wrapping_key(phrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(normalise_phrase(phrase).encode("utf-8"))


def normalise_phrase(phrase: str) -> str:
    """Same phrase, same key: Unicode NFC, outer spaces removed, inner runs of spaces as one."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", phrase).split())


def check_new_phrase(phrase: str) -> str | None:
    """A French reason why ``phrase`` is too weak for a team phrase, or None."""
    p = normalise_phrase(phrase or "")
    if len(p) < MIN_PHRASE_CHARS:
        return f"La phrase d'équipe doit compter au moins {MIN_PHRASE_CHARS} caractères."
    if len(set(p)) < 5:
        return "La phrase d'équipe est trop simple : mélangez plusieurs mots."
    return None


def wrap_team_key(team_key: bytes, phrase: str, *, share_id: str, kid: str, scope: str = "equipe",
                  n: int | None = None) -> dict[str, Any]:
    salt = os.urandom(16)
    n = n or SCRYPT_N
    kek = derive_wrapping_key(phrase, salt, n, SCRYPT_R, SCRYPT_P)
    nonce = os.urandom(NONCE_BYTES)
    ct = _aead(kek).encrypt(nonce, team_key, f"pole-desktop team key|{share_id}|{kid}".encode())
    return {"scope": scope, "kdf": {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P, "salt": salt.hex()},
            "wrapped": (nonce + ct).hex()}


def unwrap_team_key(entry: Any, phrase: str, *, share_id: str, kid: str) -> bytes | None:
    """The team key, or None when the phrase is wrong (or the entry malformed)."""
    from cryptography.exceptions import InvalidTag

    try:
        kdf = entry["kdf"]
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if kdf.get("name") != "scrypt" or not (2**10 <= n <= 2**22 and 1 <= r <= 32 and 1 <= p <= 16):
            return None
        salt = bytes.fromhex(kdf["salt"])
        blob = bytes.fromhex(entry["wrapped"])
    except (KeyError, TypeError, ValueError):
        return None
    if len(blob) != NONCE_BYTES + 32 + 16:
        return None
    kek = derive_wrapping_key(phrase, salt, n, r, p)
    try:
        return _aead(kek).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:],
                                  f"pole-desktop team key|{share_id}|{kid}".encode())
    except InvalidTag:
        return None


# --------------------------------------------------------------------------- device keys


def signing_key(db: Database) -> Any:
    """This laptop's Ed25519 private key (made on first use, kept in the encrypted database)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    raw = db.state(SIGNING_KEY)
    if raw:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(raw))
    key = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives import serialization

    raw_bytes = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                  serialization.NoEncryption())
    db.set_state(SIGNING_KEY, raw_bytes.hex())
    return key


def public_hex(private_key: Any) -> str:
    from cryptography.hazmat.primitives import serialization

    return private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def public_of_private_hex(private_hex: str) -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return public_hex(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex)))


def pins(db: Database) -> dict[str, str]:
    raw = db.state(PINS_KEY)
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


def pin(db: Database, device: str, pub: str) -> None:
    current = pins(db)
    if current.get(device) == pub:
        return
    current[device] = pub
    db.set_state(PINS_KEY, json.dumps(current, sort_keys=True, separators=(",", ":")))


# --------------------------------------------------------------------------- the keys of one share


@dataclass
class ShareKeys:
    share_id: str
    keys: dict[str, bytes]  # kid -> team key
    current: str  # kid used to write
    signer: Any = None  # this laptop's Ed25519 private key
    me: str = ""
    pub: str = ""
    _file_aead: dict[str, Any] = field(default_factory=dict)

    def aead(self, kid: str) -> Any:
        if kid not in self._file_aead:
            self._file_aead[kid] = _aead(_hkdf(self.keys[kid], b"pole-desktop share v2 files"))
        return self._file_aead[kid]

    def blob_name(self, sha256: str, kid: str | None = None) -> str:
        """The name of a blob on the share: a keyed hash (the share never learns the content's hash)."""
        key = _hkdf(self.keys[kid or self.current], b"pole-desktop share v2 blob names")
        return hmac.new(key, sha256.encode(), hashlib.sha256).hexdigest()

    def blob_names(self, sha256: str) -> list[str]:
        """Its name under the current key first, then under older keys (blobs sent before a rotation)."""
        return [self.blob_name(sha256, k) for k in [self.current, *sorted(set(self.keys) - {self.current})]]

    # ------------------------------------------------------------------ seal
    def seal(self, kind: str, plaintext: bytes, *, device: str | None = None, seq: int | None = None,
             legacy: bool = False, sign: bool = True) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        head: dict[str, Any] = {"v": ENVELOPE_VERSION, "kind": kind, "kid": self.current, "nonce": nonce.hex()}
        if device is not None:
            head["device"] = device
        if seq is not None:
            head["seq"] = seq
        if sign:
            head["signer"] = self.me
            head["pub"] = self.pub
        if legacy:
            head["legacy"] = True
        line = json.dumps(head, sort_keys=True, separators=(",", ":")).encode()
        ct = self.aead(self.current).encrypt(nonce, plaintext, MAGIC + line)
        if not sign:
            return MAGIC + line + b"\n" + ct
        sig = self.signer.sign(MAGIC + line + b"\n" + ct)
        return MAGIC + line + b"\n" + sig + ct

    # ------------------------------------------------------------------ open
    def open(self, data: bytes, *, kind: str, device: str | None = None, seq: int | None = None,
             signed: bool = True) -> tuple[dict[str, Any], bytes]:
        """(header, plaintext) of a sealed file — or SealError (French). Checks the AEAD and, for signed
        kinds, that the signature matches the header's public key (pinning is the caller's)."""
        head, line, rest = parse_envelope(data)
        if head.get("kind") != kind:
            raise SealError("type de fichier inattendu à cet emplacement")
        if device is not None and head.get("device") != device:
            raise SealError("le fichier annonce un autre poste que le dossier où il se trouve")
        if seq is not None and head.get("seq") != seq:
            raise SealError("le numéro du fichier ne correspond pas à son nom")
        kid = head.get("kid")
        if kid not in self.keys:
            raise SealError("fichier chiffré avec une clé d'équipe que cet ordinateur ne possède pas "
                            "(la phrase d'équipe a-t-elle changé ?)")
        if signed:
            pub, signer = head.get("pub"), head.get("signer")
            if not isinstance(pub, str) or not isinstance(signer, str) or len(rest) < SIG_BYTES:
                raise SealError("fichier non signé : il n'a pas été écrit par un poste de l'équipe")
            sig, ct = rest[:SIG_BYTES], rest[SIG_BYTES:]
            if not verify(pub, sig, MAGIC + line + b"\n" + ct):
                raise SealError("signature invalide : fichier modifié ou écrit par un autre que son poste")
        else:
            ct = rest
        from cryptography.exceptions import InvalidTag

        try:
            plain = self.aead(kid).decrypt(bytes.fromhex(head["nonce"]), ct, MAGIC + line)
        except (InvalidTag, ValueError, KeyError, TypeError):
            raise SealError("déchiffrement impossible : fichier endommagé ou qui n'a pas été scellé "
                            "avec la clé de l'équipe") from None
        return head, plain


def verify(pub_hex: str, sig: bytes, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(pub_hex)).verify(sig, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def parse_envelope(data: bytes) -> tuple[dict[str, Any], bytes, bytes]:
    """(header dict, header line, rest) — strictly validated; SealError (French) otherwise."""
    if not data.startswith(MAGIC):
        raise SealError("ce n'est pas un fichier scellé de Pôle Desktop (en-tête absent)")
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER_BYTES + 1)
    if end < 0:
        raise SealError("en-tête illisible (fichier tronqué ou endommagé)")
    line = data[len(MAGIC):end]
    try:
        head = json.loads(line.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SealError("en-tête illisible (fichier endommagé)") from None
    if not isinstance(head, dict):
        raise SealError("en-tête illisible (fichier endommagé)")
    v = head.get("v")
    if not isinstance(v, int) or isinstance(v, bool):
        raise SealError("version de format absente")
    if v > ENVELOPE_VERSION:
        raise SealError(f"fichier écrit par une version plus récente de l'application (format {v}) : "
                        "mettez Pôle Desktop à jour pour le recevoir")
    allowed = {"v", "kind", "kid", "nonce", "device", "seq", "signer", "pub", "legacy"}
    if v != ENVELOPE_VERSION or set(head) - allowed or head.get("kind") not in KINDS:
        raise SealError("en-tête invalide")
    for k in ("kid", "nonce", "device", "signer", "pub"):
        if k in head and not (isinstance(head[k], str) and len(head[k]) <= 128):
            raise SealError("en-tête invalide")
    if not isinstance(head.get("nonce"), str) or len(head["nonce"]) != 2 * NONCE_BYTES or set(head["nonce"]) - _HEX:
        raise SealError("en-tête invalide (nonce)")
    if "pub" in head and (len(head["pub"]) != 64 or set(head["pub"]) - _HEX):
        raise SealError("en-tête invalide (clé publique)")
    seq = head.get("seq")
    if seq is not None and (not isinstance(seq, int) or isinstance(seq, bool) or not 0 < seq < 10**10):
        raise SealError("en-tête invalide (numéro)")
    return head, line, data[end + 1:]


def _no_constant(name: str) -> Any:
    raise ValueError(f"constante JSON refusée : {name}")


def new_kid() -> str:
    return secrets.token_hex(8)


# --------------------------------------------------------------------------- where the team key is kept


def _data_dir_id(db: Database) -> str:
    """The id of this data directory (``cle.json``'s, written by ``safety.keys``), else the device id."""
    try:
        info = json.loads(db.data_dir.key_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # absent or unreadable cle.json: fall back on the device id
        info = None
    return str(info["id"]) if isinstance(info, dict) and info.get("id") else db.device_id


def _keyring_user(db: Database, share_id: str) -> str:
    return f"{share_id}:{_data_dir_id(db)}"


def stored_keys(db: Database, share_id: str) -> dict[str, bytes]:
    """The team keys of ``share_id`` this laptop holds (keyring first, then its encrypted database)."""
    out: dict[str, bytes] = {}
    raw = None
    try:
        from pole_desktop.sync.credentials import _backend

        raw = _backend().get_password(KEYRING_SERVICE, _keyring_user(db, share_id))
    except Exception as e:  # noqa: BLE001 - no keyring: the local fallback below
        log.info("team key not read from the keyring (%s)", type(e).__name__)
    local = db.state(LOCAL_TEAM_KEYS)
    for text in (raw, (json.loads(local).get(share_id) if local else None)):
        if not text:
            continue
        try:
            doc = json.loads(text) if isinstance(text, str) else text
            out.update({k: bytes.fromhex(v) for k, v in doc.items() if isinstance(v, str) and len(v) == 64})
        except (ValueError, AttributeError):
            continue
    return out


def store_keys(db: Database, share_id: str, keys: dict[str, bytes]) -> str:
    """Keep the team keys: in the OS keyring (returns "trousseau"), or, without a usable keyring,
    in this laptop's encrypted database (returns "base")."""
    doc = {k: v.hex() for k, v in sorted(keys.items())}
    try:
        from pole_desktop.sync.credentials import _backend

        backend = _backend()
        backend.set_password(KEYRING_SERVICE, _keyring_user(db, share_id), json.dumps(doc, sort_keys=True))
        return "trousseau"
    except Exception as e:  # noqa: BLE001
        log.info("team key kept in the encrypted database (no keyring: %s)", type(e).__name__)
    raw = db.state(LOCAL_TEAM_KEYS)
    data = json.loads(raw) if raw else {}
    data[share_id] = doc
    db.set_state(LOCAL_TEAM_KEYS, json.dumps(data, sort_keys=True))
    return "base"


def forget_keys(db: Database, share_id: str) -> None:
    try:
        from pole_desktop.sync.credentials import _backend

        _backend().delete_password(KEYRING_SERVICE, _keyring_user(db, share_id))
    except Exception:  # noqa: BLE001
        pass
    raw = db.state(LOCAL_TEAM_KEYS)
    if raw:
        data = json.loads(raw)
        data.pop(share_id, None)
        db.set_state(LOCAL_TEAM_KEYS, json.dumps(data, sort_keys=True))


def phrase_from_env() -> str | None:
    value = os.environ.get(PHRASE_ENV)
    return value if value and value.strip() else None


def share_keys(db: Database, manifest: dict[str, Any], phrase: str | None = None) -> ShareKeys:
    """The keys of a format-2 share for this laptop: from the keyring, else by unwrapping with the
    phrase (then stored). NeedTeamPhrase (French) when neither works."""
    share_id = str(manifest.get("share_id") or "")
    wrapped = manifest.get("keys")
    current = manifest.get("current_key")
    if not share_id or not isinstance(wrapped, dict) or not isinstance(current, str) or current not in wrapped:
        raise TransportError("Le fichier de description du partage est illisible (clés d'équipe). Rien n'a été "
                             "modifié ; prévenez la personne qui gère le partage.")
    held = stored_keys(db, share_id)
    phrase = phrase or phrase_from_env()
    if current not in held:
        if not phrase:
            raise NeedTeamPhrase(CHANGED_PHRASE_FR if held else NEEDS_PHRASE_FR)
        key = unwrap_team_key(wrapped[current], phrase, share_id=share_id, kid=current)
        if key is None:
            raise NeedTeamPhrase(WRONG_PHRASE_FR, wrong=True)
        held[current] = key
        for kid, entry in wrapped.items():  # older keys wrapped with the same phrase: old files stay readable
            if kid not in held:
                old = unwrap_team_key(entry, phrase, share_id=share_id, kid=kid)
                if old is not None:
                    held[kid] = old
        store_keys(db, share_id, held)
    signer = signing_key(db)
    return ShareKeys(share_id=share_id, keys=held, current=current, signer=signer, me=db.device_id,
                     pub=public_hex(signer))


# --------------------------------------------------------------------------- administration


def _write_manifest(transport: Any, manifest: dict[str, Any]) -> None:
    from pole_desktop.sync import share_layout as L

    transport.write_atomic(L.SHARE_MANIFEST, L.dump_json(manifest))
    again = L.read_json(transport.read(L.SHARE_MANIFEST, L.MAX_MANIFEST_BYTES))
    if again != json.loads(L.dump_json(manifest)):
        raise TransportError("Le fichier de description du partage a changé pendant l'opération : réessayez.")


def _read_manifest(transport: Any) -> dict[str, Any]:
    from pole_desktop.sync import share_layout as L

    manifest = L.read_json(transport.read(L.SHARE_MANIFEST, L.MAX_MANIFEST_BYTES)) if transport.exists(
        L.SHARE_MANIFEST) else None
    if not manifest or manifest.get("format") != L.FORMAT_VERSION:
        raise TransportError("Ce partage n'est pas (encore) un partage chiffré : synchronisez une première fois.")
    return manifest


def change_team_phrase(db: Database, transport: Any, new_phrase: str, *, old_phrase: str | None = None,
                       rotate: bool = False) -> str:
    """Head office: give the team a new phrase (every key this laptop holds re-wrapped with it).
    ``rotate``: also a new team key, used for every file written from now on — a laptop that only
    knew the old phrase (a lost laptop) reads nothing new. Returns the current key id."""
    weak = check_new_phrase(new_phrase)
    if weak:
        raise ValueError(weak)
    manifest = _read_manifest(transport)
    keys = share_keys(db, manifest, old_phrase)
    share_id = keys.share_id
    held = dict(keys.keys)
    current = keys.current
    if rotate:
        current = new_kid()
        held[current] = os.urandom(32)
    wrapped = dict(manifest["keys"])
    for kid, key in held.items():
        entry = wrap_team_key(key, new_phrase, share_id=share_id, kid=kid,
                              scope=(wrapped.get(kid) or {}).get("scope", "equipe"))
        wrapped[kid] = entry
    manifest.update(keys=wrapped, current_key=current)
    store_keys(db, share_id, held)
    _write_manifest(transport, manifest)
    return current
