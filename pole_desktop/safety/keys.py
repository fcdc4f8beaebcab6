"""The key of a data directory: in the OS keyring, or derived from a passphrase.

- ``cle.json`` (in the data directory, not secret) holds the directory's id (the keyring
  username), the mode (``trousseau`` or ``phrase``), the KDF salt and parameters for the
  passphrase mode, and a short *key check* (HMAC of a constant) that tells a wrong passphrase
  from a damaged database. It never holds the key.
- Keyring mode (default): a random 32-byte key, stored as hex in the OS keyring (Windows
  Credential Manager, macOS Keychain, Secret Service) under the service
  ``Pôle Desktop — base de données`` and the directory id.
- Passphrase mode (no usable keyring): the key is ``scrypt(passphrase, salt, n=2**17, r=8, p=1)``.
  scrypt is in the standard library (no extra native dependency to ship on three OSes) and is
  memory-hard; these are OWASP's recommended parameters (128 MiB, about 0.5 s on a laptop).

The key is raw bytes handed to SQLCipher as ``x'<hex>'`` (no second KDF inside SQLCipher).
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
import logging
import os
import secrets
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pole_desktop.paths import DataDir

log = logging.getLogger(__name__)

SERVICE = "Pôle Desktop — base de données"
KEY_FILE_NAME = "cle.json"
KEY_BYTES = 32
PASSPHRASE_ENV = "POLE_DESKTOP_PASSPHRASE"
MIN_PASSPHRASE = 10
MAX_ATTEMPTS = 3

# scrypt parameters for new passphrase-mode directories (stored in cle.json with the salt).
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1

MODE_KEYRING = "trousseau"
MODE_PASSPHRASE = "phrase"

SQLITE_HEADER = b"SQLite format 3\x00"

# provider(message_fr, new) -> passphrase or None (cancelled). ``new``: the user chooses one
# (the dialog asks twice); otherwise the user types the existing one.
PassphraseProvider = Callable[[str, bool], str | None]


class SafetyError(RuntimeError):
    """A data-safety failure whose ``str()`` is a French message for the advisor."""


class KeyringUnavailable(SafetyError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Aucun trousseau sécurisé n'est utilisable sur cet ordinateur (gestionnaire "
            "d'identification Windows, trousseau macOS ou service de secrets). " + detail
        )


class KeyMissing(SafetyError):
    def __init__(self) -> None:
        super().__init__(
            "La clé de chiffrement de ces données n'est pas dans le trousseau de cet ordinateur : "
            "elles ne peuvent pas être ouvertes ici. Si ce poste a été réinstallé, récupérez les "
            "données depuis le dossier partagé (synchronisation)."
        )


class WrongPassphrase(SafetyError):
    def __init__(self) -> None:
        super().__init__("Phrase de passe incorrecte : les données n'ont pas été ouvertes (rien n'a été modifié).")


class PassphraseRequired(SafetyError):
    def __init__(self) -> None:
        super().__init__(
            "Une phrase de passe est nécessaire pour ouvrir les données et aucune n'a été saisie. "
            f"En ligne de commande, vous pouvez la fournir dans la variable {PASSPHRASE_ENV}."
        )


NO_KEYRING_MESSAGE = (
    "Cet ordinateur n'a pas de trousseau sécurisé utilisable pour garder la clé de chiffrement "
    f"des données. Choisissez une phrase de passe (au moins {MIN_PASSPHRASE} caractères) : elle vous sera "
    "demandée à chaque ouverture. Sans elle, les données sont illisibles — notez-la en lieu sûr."
)
ASK_MESSAGE = "Saisissez la phrase de passe qui protège les données de ce poste."


@dataclass
class KeyResult:
    key: bytes
    mode: str
    created: bool  # a new key was made (new or plaintext database)
    data_dir_id: str


# ------------------------------------------------------------------ the non-secret key file


def key_file(dd: DataDir) -> Path:
    return dd.key_file


def read_key_file(dd: DataDir) -> dict[str, Any] | None:
    path = key_file(dd)
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "id" not in data or "mode" not in data:
        raise SafetyError(f"Le fichier « {KEY_FILE_NAME} » des données est illisible.")
    return data


def write_key_file(dd: DataDir, data: dict[str, Any]) -> None:
    from pole_desktop.paths import write_private

    write_private(key_file(dd), json.dumps(data, indent=2, sort_keys=True).encode("utf-8"))


def key_check(key: bytes) -> str:
    """A short value that tells whether ``key`` is the right one (HMAC of a constant)."""
    return hmac.new(key, b"pole-desktop key check v1", hashlib.sha256).hexdigest()[:32]


def database_state(path: Path) -> str:
    """``absent`` (missing or empty), ``plain`` (ordinary SQLite) or ``encrypted``."""
    if not path.exists() or path.stat().st_size == 0:
        return "absent"
    with open(path, "rb") as f:
        head = f.read(len(SQLITE_HEADER))
    return "plain" if head == SQLITE_HEADER else "encrypted"


# ------------------------------------------------------------------ keyring


def _backend(backend: Any | None) -> Any:
    if backend is not None:
        return backend
    import keyring

    return keyring.get_keyring()


def keyring_usable(backend: Any | None = None) -> bool:
    """True when the keyring answers (a read of a missing entry is enough)."""
    try:
        kr = _backend(backend)
        from keyring.backends import fail

        if isinstance(kr, fail.Keyring):
            return False
        kr.get_password(SERVICE, "verification")
        return True
    except Exception as e:  # NoKeyringError, D-Bus errors, locked collection…
        log.info("keyring not usable (%s)", type(e).__name__)
        return False


def _keyring_get(backend: Any, data_dir_id: str) -> bytes | None:
    value = backend.get_password(SERVICE, data_dir_id)
    if not value:
        return None
    try:
        key = bytes.fromhex(value)
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES else None


def _keyring_store_new(backend: Any, data_dir_id: str) -> bytes:
    key = secrets.token_bytes(KEY_BYTES)
    try:
        backend.set_password(SERVICE, data_dir_id, key.hex())
        stored = _keyring_get(backend, data_dir_id)
    except Exception as e:  # noqa: BLE001 - D-Bus, locked keychain, size limits…
        log.info("keyring refused the key (%s)", type(e).__name__)
        raise KeyringUnavailable("La clé n'a pas pu y être enregistrée.") from None
    if stored != key:  # read back before any data depends on it
        raise KeyringUnavailable("La clé n'a pas pu être enregistrée dans le trousseau.")
    return key


# ------------------------------------------------------------------ passphrase


def derive_key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=n * r * 256, dklen=KEY_BYTES
    )


def env_or_tty_passphrase(message: str, new: bool) -> str | None:
    """The default provider (CLI): ``POLE_DESKTOP_PASSPHRASE``, else a prompt on a terminal."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        return None
    print(message, file=sys.stderr)
    first = getpass.getpass("Phrase de passe : ")
    if new:
        again = getpass.getpass("Confirmez la phrase de passe : ")
        if again != first:
            print("Les deux saisies diffèrent.", file=sys.stderr)
            return None
    return first


def _ask(provider: PassphraseProvider | None, message: str, new: bool) -> str:
    if provider is None:
        raise PassphraseRequired()
    value = provider(message, new)
    if value is None:
        raise PassphraseRequired()
    return value


def _new_passphrase_key(dd: DataDir, provider: PassphraseProvider | None, data_dir_id: str,
                        message: str) -> bytes:
    text = message
    for _ in range(MAX_ATTEMPTS):
        phrase = _ask(provider, text, True)
        if len(phrase) >= MIN_PASSPHRASE:
            break
        text = f"La phrase de passe doit compter au moins {MIN_PASSPHRASE} caractères.\n\n{message}"
    else:
        raise SafetyError(f"La phrase de passe doit compter au moins {MIN_PASSPHRASE} caractères.")
    salt = secrets.token_bytes(16)
    key = derive_key(phrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    write_key_file(dd, {
        "version": 1,
        "id": data_dir_id,
        "mode": MODE_PASSPHRASE,
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": salt.hex()},
        "verification": key_check(key),
    })
    return key


def _existing_passphrase_key(info: dict[str, Any], provider: PassphraseProvider | None) -> bytes:
    kdf = info.get("kdf") or {}
    if kdf.get("name") != "scrypt":
        raise SafetyError(f"Le fichier « {KEY_FILE_NAME} » décrit une dérivation de clé inconnue.")
    salt = bytes.fromhex(kdf["salt"])
    text = ASK_MESSAGE
    for _ in range(MAX_ATTEMPTS):
        phrase = _ask(provider, text, False)
        key = derive_key(phrase, salt, int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
        if hmac.compare_digest(key_check(key), info.get("verification", "")):
            return key
        log.info("wrong passphrase")
        text = "Phrase de passe incorrecte. " + ASK_MESSAGE
    raise WrongPassphrase()


# ------------------------------------------------------------------ the one entry point


def obtain_key(
    dd: DataDir,
    *,
    passphrase_provider: PassphraseProvider | None = None,
    keyring_backend: Any | None = None,
) -> KeyResult:
    """The key of ``dd``'s database, creating one when the database is new or not encrypted yet.

    Never writes the key anywhere but the keyring. Raises a :class:`SafetyError` (French).
    """
    dd.root.mkdir(parents=True, exist_ok=True)
    state = database_state(dd.database)
    info = read_key_file(dd)
    # A missing, empty or damaged pole.db does not free the key: backups still depend on it.
    depends = state == "encrypted" or backups_exist(dd)
    if info is not None and info["mode"] == MODE_PASSPHRASE:
        if depends:
            return KeyResult(_existing_passphrase_key(info, passphrase_provider), MODE_PASSPHRASE, False,
                             info["id"])
        info = None  # no encrypted data depends on the old passphrase: start afresh
    if info is not None and info["mode"] == MODE_KEYRING:
        if not keyring_usable(keyring_backend):
            if depends:
                raise KeyringUnavailable("La clé de ces données y est rangée : elles ne peuvent pas être ouvertes.")
            info = None
        else:
            backend = _backend(keyring_backend)
            key = _keyring_get(backend, info["id"])
            if key is not None:
                if info.get("verification") and not hmac.compare_digest(key_check(key), info["verification"]):
                    raise KeyMissing()
                return KeyResult(key, MODE_KEYRING, False, info["id"])
            if depends:  # the database or its backups were sealed with the key that is gone
                raise KeyMissing()
            key = _keyring_store_new(backend, info["id"])
            info["verification"] = key_check(key)
            write_key_file(dd, info)
            log.info("new database key stored in the keyring")
            return KeyResult(key, MODE_KEYRING, True, info["id"])
    if info is None and state == "encrypted":
        raise SafetyError(
            f"Ces données sont chiffrées mais le fichier « {KEY_FILE_NAME} » qui décrit leur clé manque."
        )
    # No usable description of a key: make one (the database is absent or still plaintext).
    data_dir_id = str(uuid.uuid4())
    if keyring_usable(keyring_backend):
        backend = _backend(keyring_backend)
        try:
            key = _keyring_store_new(backend, data_dir_id)
        except Exception as e:  # a keyring that answers reads but refuses writes
            log.info("keyring refused the key (%s): passphrase mode", type(e).__name__)
        else:
            write_key_file(dd, {"version": 1, "id": data_dir_id, "mode": MODE_KEYRING,
                                "verification": key_check(key)})
            log.info("new database key stored in the keyring")
            return KeyResult(key, MODE_KEYRING, True, data_dir_id)
    log.info("no keyring: passphrase mode")
    key = _new_passphrase_key(dd, passphrase_provider, data_dir_id, NO_KEYRING_MESSAGE)
    return KeyResult(key, MODE_PASSPHRASE, True, data_dir_id)


def backups_exist(dd: DataDir) -> bool:
    """True when an encrypted backup (or a raw copy of a damaged database) is in ``sauvegardes/``."""
    if not dd.backups.exists():
        return False
    return any(database_state(p) == "encrypted" for p in dd.backups.iterdir()
               if p.name.endswith((".db", ".db.endommagee")) and p.is_file())


def key_for_backup(
    dd: DataDir,
    backup: Path,
    *,
    passphrase_provider: PassphraseProvider | None = None,
    keyring_backend: Any | None = None,
    current_key: bytes | None = None,
) -> tuple[bytes, dict[str, Any] | None]:
    """The key that opens ``backup``, from the key description copied beside it.

    Returns (key, description); the description is None when it is the current ``cle.json``'s
    key, else the backup's own (the caller writes it as ``cle.json`` once the backup is restored).
    """
    from pole_desktop.safety.backups import key_sidecar

    current = read_key_file(dd)
    side = key_sidecar(backup)
    info = None
    if side.exists():
        try:
            info = json.loads(side.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = None
        if not isinstance(info, dict) or "id" not in info or "mode" not in info:
            info = None
    same = info is None or (current is not None and info.get("id") == current.get("id")
                            and info.get("verification") == current.get("verification"))
    if same and current_key is not None:
        return current_key, None
    if info is None or same:
        return obtain_key(dd, passphrase_provider=passphrase_provider, keyring_backend=keyring_backend).key, None
    if info["mode"] == MODE_PASSPHRASE:
        return _existing_passphrase_key(info, passphrase_provider), info
    if not keyring_usable(keyring_backend):
        raise KeyringUnavailable("La clé de cette sauvegarde y est rangée : elle ne peut pas être restaurée.")
    key = _keyring_get(_backend(keyring_backend), info["id"])
    if key is None or (info.get("verification") and not hmac.compare_digest(key_check(key), info["verification"])):
        raise KeyMissing()
    return key, info


def forget_key(dd: DataDir, keyring_backend: Any | None = None) -> None:
    """Remove the directory's key from the keyring (tests, decommissioning a laptop)."""
    info = read_key_file(dd)
    if info and info["mode"] == MODE_KEYRING and keyring_usable(keyring_backend):
        try:
            _backend(keyring_backend).delete_password(SERVICE, info["id"])
        except Exception:
            pass
