"""What lives on the share, and the change-file format (encode, decode, validate).

Layout under the chosen share folder (format 2, the sealed share — see ``sync.sealing``)::

    pole-desktop-v2/manifest.json                      share manifest, clear: format, minimum app version,
                                                       share id, wrapped team keys (kid, scope, scrypt), current kid
    pole-desktop-v2/upgrade.pdm                        who copied the format-1 share here (sealed, signed)
    pole-desktop-v2/devices/<device-id>/manifest.pdm   device manifest = its entry in the device registry
                                                       (name, public key, last seq, app version, clock), sealed, signed
    pole-desktop-v2/devices/<device-id>/<seq:010d>.chg change files, sealed and signed by their owner only
    pole-desktop-v2/devices/<device-id>/snapshots/     reserved: compacted snapshots for bootstrap (issue 13)
    pole-desktop-v2/index/<device-id>.pdm              the device's head: a copy of its device manifest, rewritten
                                                       after every publication; one listing of index/ (with
                                                       change tokens) tells an idle sync which laptops moved
    pole-desktop-v2/blobs/<keyed hash>                 attachments and documents, sealed; name = HMAC(team key, sha256)

Every file but the share manifest is a sealed envelope (AES-256-GCM under the team key, Ed25519
signature of the writing laptop). ``pole-desktop-v1/`` is the format-1 share (clear files), read
once by the laptop that upgrades it; its manifest then says format 2 so older apps refuse it.

The plaintext of a sealed change file is the change file below:

A change file::

    b"PDCHG\\n" + header (one line of JSON) + b"\\n" + zlib(body JSON)

header: ``{"format": 2 (1 in files copied from a format-1 share),
"schema": <alembic revision>, "app": <version>, "device": <id>, "seq": n,
"count": entries, "first": first local seq, "last": last local seq, "deps": {device: applied seq},
"body_sha256": hex, "body_size": decompressed bytes, "written_hlc": hlc}``.
body: ``{"entries": [[local seq, table, row id, column, value JSON text | null, hlc, base hlc | null,
author | null], ...]}`` — a ``null`` value is a value redacted after a GDPR erasure.

:func:`decode_change_file` validates everything before the caller applies anything and raises
:class:`BadFile` with a French reason.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import zlib
from dataclasses import dataclass, field
from typing import Any

ROOT = "pole-desktop-v2"
SHARE_MANIFEST = f"{ROOT}/manifest.json"
DEVICES = f"{ROOT}/devices"
BLOBS = f"{ROOT}/blobs"
UPGRADE_RECORD = f"{ROOT}/upgrade.pdm"  # who copied a format-1 share into this one (sealed, signed)
DEVICE_MANIFEST = "manifest.pdm"
INDEX = f"{ROOT}/index"  # device heads: index/<device-id>.pdm (same sealed document as the device manifest)
HEAD_RE = re.compile(r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.pdm$")

# The format-1 share (clear files), read once to upgrade it.
V1_ROOT = "pole-desktop-v1"
V1_SHARE_MANIFEST = f"{V1_ROOT}/manifest.json"
V1_DEVICES = f"{V1_ROOT}/devices"
V1_BLOBS = f"{V1_ROOT}/blobs"

FORMAT_VERSION = 2  # 2: sealed share (encrypted + signed envelopes, see sync.sealing); inner change file unchanged
MAGIC = b"PDCHG\n"
ENTRIES_PER_FILE = 5_000  # a file is closed at this count (rows are never split, see engine.push)
MAX_ENTRIES = 50_000  # refused above (a row of a synced table has < 40 columns)
MAX_FILE_BYTES = 32 * 1024 * 1024  # compressed
MAX_BODY_BYTES = 256 * 1024 * 1024  # decompressed
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_BLOB_BYTES = 512 * 1024 * 1024
MAX_JSON_DEPTH = 32
MAX_LOCAL_SEQ = 10**10  # a laptop never writes ten billion journal entries
MAX_INT = 2**63 - 1  # SQLite INTEGER
# Largest wall clock accepted in an HLC (2200-01-01): past it a clock bump would overflow the
# fixed-width text form and leave the receiver's clock unreadable.
MAX_HLC_WALL_MS = 7_258_118_400_000

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
FILE_RE = re.compile(r"^(\d{10})\.chg$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
HLC_RE = re.compile(r"^\d{18}\.\d{5}$")  # storage.hlc's fixed-width text form


def device_folder(device_id: str) -> str:
    return f"{DEVICES}/{device_id}"


def device_manifest(device_id: str) -> str:
    return f"{DEVICES}/{device_id}/{DEVICE_MANIFEST}"


def device_head(device_id: str) -> str:
    return f"{INDEX}/{device_id}.pdm"


def file_name(seq: int) -> str:
    return f"{seq:010d}.chg"


def file_path(device_id: str, seq: int) -> str:
    return f"{DEVICES}/{device_id}/{file_name(seq)}"


def blob_path(name: str) -> str:
    """``name``: on a sealed share, ``ShareKeys.blob_name(sha256)`` (a keyed hash), never the SHA-256."""
    if not SHA_RE.match(name):
        raise ValueError("empreinte SHA-256 invalide")
    return f"{BLOBS}/{name}"


def safe_name(name: str) -> str:
    """A name read from the share, printable and storable (undecodable bytes and controls escaped)."""
    text = str(name).encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)[:300]


def version_tuple(text: str) -> tuple[int, ...]:
    out = []
    for part in str(text).split("."):
        digits = re.match(r"\d+", part)
        out.append(int(digits.group()) if digits else 0)
    return tuple(out)


class BadFile(Exception):
    """An incoming file failed validation; ``str(e)`` is the French reason."""

    def __init__(self, reason: str, *, newer: bool = False) -> None:
        super().__init__(reason)
        self.newer = newer  # written by a newer version of the app (not damage)


@dataclass
class ChangeFile:
    header: dict[str, Any]
    # (local seq, table, row id, column, value JSON text | None, hlc, base hlc | None, author | None)
    entries: list[tuple[int, str, str, str, str | None, str, str | None, str | None]] = field(default_factory=list)
    sha256: str = ""  # of the whole file
    # Python values of the entries, decoded during validation (same order as ``entries``).
    values: list[Any] = field(default_factory=list)


# --------------------------------------------------------------------------- encode


def encode_change_file(header: dict[str, Any], entries: list[list[Any]]) -> bytes:
    body = json.dumps({"entries": entries}, ensure_ascii=False, separators=(",", ":")).encode()
    packed = zlib.compress(body, 6)
    head = dict(header)
    head.update(
        format=FORMAT_VERSION,
        count=len(entries),
        body_sha256=hashlib.sha256(packed).hexdigest(),
        body_size=len(body),
    )
    return MAGIC + json.dumps(head, sort_keys=True, separators=(",", ":")).encode() + b"\n" + packed


def read_header(data: bytes) -> dict[str, Any]:
    """The header of a change file (BadFile when it cannot be read)."""
    if not data.startswith(MAGIC):
        raise BadFile("ce n'est pas un fichier de modifications de Pôle Desktop (en-tête absent)")
    end = data.find(b"\n", len(MAGIC))
    if end < 0 or end - len(MAGIC) > 64 * 1024:
        raise BadFile("en-tête illisible (fichier tronqué ?)")
    try:
        header = strict_json(data[len(MAGIC) : end].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadFile("en-tête illisible (fichier endommagé)") from None
    if not isinstance(header, dict):
        raise BadFile("en-tête illisible (fichier endommagé)")
    fmt = header.get("format")
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        raise BadFile("version de format absente")
    if fmt > FORMAT_VERSION:
        raise BadFile(
            f"fichier écrit par une version plus récente de l'application (format {fmt}) : "
            "mettez Pôle Desktop à jour pour le recevoir",
            newer=True,
        )
    if fmt < 1 or fmt > FORMAT_VERSION:
        raise BadFile(f"version de format inconnue ({fmt})")
    return header


def split_body(data: bytes) -> bytes:
    end = data.find(b"\n", len(MAGIC))
    return data[end + 1 :]


# --------------------------------------------------------------------------- decode + validate


def decode_change_file(data: bytes, *, device_id: str, seq: int) -> ChangeFile:
    """Parse and validate a whole change file of ``device_id`` named ``seq`` — or raise BadFile."""
    from pole_desktop.domain import synced_tables
    from pole_desktop.storage.journal import TOMBSTONE, decode_value

    if len(data) > MAX_FILE_BYTES:
        raise BadFile("fichier trop volumineux")
    header = read_header(data)
    if header.get("device") != device_id:
        raise BadFile("le fichier annonce un autre poste que le dossier où il se trouve")
    if header.get("seq") != seq:
        raise BadFile("le numéro du fichier ne correspond pas à son nom")
    count, body_size = header.get("count"), header.get("body_size")
    if not isinstance(count, int) or not 0 <= count <= MAX_ENTRIES:
        raise BadFile("nombre de modifications absent ou trop grand")
    if not isinstance(body_size, int) or not 0 <= body_size <= MAX_BODY_BYTES:
        raise BadFile("taille annoncée absente ou trop grande")
    deps = header.get("deps", {})
    if not isinstance(deps, dict) or not all(
        isinstance(k, str) and UUID_RE.match(k) and isinstance(v, int) and not isinstance(v, bool)
        for k, v in deps.items()
    ):
        raise BadFile("en-tête invalide (dépendances)")
    packed = split_body(data)
    if hashlib.sha256(packed).hexdigest() != header.get("body_sha256"):
        raise BadFile("somme de contrôle incorrecte (fichier tronqué ou endommagé)")
    try:
        d = zlib.decompressobj()
        body = d.decompress(packed, MAX_BODY_BYTES + 1)
        if len(body) > MAX_BODY_BYTES or d.unconsumed_tail:
            raise BadFile("contenu décompressé trop volumineux")
        body += d.flush()
    except zlib.error:
        raise BadFile("contenu compressé illisible") from None
    if len(body) != body_size:
        raise BadFile("taille du contenu incorrecte")
    try:
        doc = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadFile("contenu illisible (JSON invalide)") from None
    raw_entries = doc.get("entries") if isinstance(doc, dict) else None
    if not isinstance(raw_entries, list) or len(raw_entries) != count:
        raise BadFile("liste des modifications absente ou incomplète")

    tables = synced_tables()
    columns: dict[str, dict[str, Any]] = {
        name: {c.name: c for c in model.__table__.columns if c.name != "id"} for name, model in tables.items()
    }
    entries = []
    values: list[Any] = []
    last_seq = 0
    for i, e in enumerate(raw_entries, 1):
        where = f"modification n° {i}"
        if not isinstance(e, list) or len(e) != 8:
            raise BadFile(f"{where} : forme invalide")
        lseq, tbl, rid, col, value, hlc, base, author = e
        if not isinstance(lseq, int) or isinstance(lseq, bool) or lseq <= last_seq or lseq > MAX_LOCAL_SEQ:
            raise BadFile(f"{where} : numéro d'ordre invalide")
        last_seq = lseq
        if not isinstance(tbl, str) or tbl not in columns:
            raise BadFile(f"{where} : table inconnue « {str(tbl)[:40]} »")
        if not isinstance(rid, str) or not UUID_RE.match(rid):
            raise BadFile(f"{where} : identifiant de ligne invalide")
        if not isinstance(col, str) or (col != TOMBSTONE and col not in columns[tbl]):
            raise BadFile(f"{where} : colonne inconnue « {str(col)[:60]} » dans « {tbl} »")
        if not isinstance(hlc, str) or not HLC_RE.match(hlc) or int(hlc[:18]) > MAX_HLC_WALL_MS:
            raise BadFile(f"{where} : horodatage invalide")
        if base is not None and (not isinstance(base, str) or not HLC_RE.match(base)
                                 or int(base[:18]) > MAX_HLC_WALL_MS):
            raise BadFile(f"{where} : horodatage de base invalide")
        if author is not None and (not isinstance(author, str) or not UUID_RE.match(author)):
            raise BadFile(f"{where} : auteur invalide")
        decoded: Any = None
        if value is not None:
            if not isinstance(value, str) or len(value) > 2_000_000:
                raise BadFile(f"{where} : valeur invalide")
            if col == TOMBSTONE:
                if value != "true":
                    raise BadFile(f"{where} : suppression invalide")
            else:
                try:
                    if _SUSPECT.search(value):  # the full check only where it can matter (it parses twice)
                        strict_json(value)  # NaN, depth, lone surrogate or control character
                    decoded = decode_value(columns[tbl][col], value)
                    if isinstance(decoded, int) and not isinstance(decoded, bool):
                        if not -MAX_INT - 1 <= decoded <= MAX_INT:
                            raise ValueError("entier hors limites")
                    elif isinstance(decoded, float) and not math.isfinite(decoded):
                        raise ValueError("nombre invalide")
                except (ValueError, TypeError, OverflowError, RecursionError) as err:
                    raise BadFile(f"{where} : type de valeur incorrect ({err})") from None
                if col.endswith("_id") and decoded is not None and not UUID_RE.match(decoded):
                    raise BadFile(f"{where} : référence invalide dans « {col} »")
        entries.append((lseq, tbl, rid, col, value, hlc, base, author))
        values.append(decoded)
    return ChangeFile(header=header, entries=entries, sha256=hashlib.sha256(data).hexdigest(), values=values)


# Value texts that need strict_json: escapes of control characters or surrogates, raw surrogates,
# NaN/Infinity tokens, nesting. Anything else is a plain scalar: json itself refuses raw controls.
_SUSPECT = re.compile(r"\\[bf]|\\u00[01]|\\u007|\\u[dD][89abAB]|[\ud800-\udfff]|NaN|Infinity|[\[{]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _no_constant(name: str) -> Any:
    raise ValueError(f"valeur non numérique refusée ({name})")


def _check_value(value: Any, depth: int) -> None:
    if depth > MAX_JSON_DEPTH:
        raise ValueError("structure trop profonde")
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        if not -MAX_INT - 1 <= value <= MAX_INT:
            raise ValueError("entier hors limites")
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("nombre invalide")
    elif isinstance(value, str):
        if _CONTROL.search(value):
            raise ValueError("caractère de contrôle ou invalide dans un texte")
    elif isinstance(value, list):
        for v in value:
            _check_value(v, depth + 1)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_value(k, depth + 1)
            _check_value(v, depth + 1)


def strict_json(text: str) -> Any:
    """JSON from the share: no NaN/Infinity, depth ≤ MAX_JSON_DEPTH, integers in SQLite's range,
    no control character (but tab and newlines) nor lone surrogate — ValueError otherwise."""
    value = json.loads(text, parse_constant=_no_constant)
    _check_value(value, 0)
    return value


def read_json(data: bytes) -> dict[str, Any] | None:
    try:
        doc = strict_json(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return doc if isinstance(doc, dict) else None


def dump_json(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode()
