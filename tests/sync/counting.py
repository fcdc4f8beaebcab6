"""A transport wrapper that counts round trips (and can add a network delay), and simulated peer laptops
written straight onto a sealed share — for the idle-sync tests and the benchmark (scripts/bench/idlesync.py)."""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from typing import Any

from pole_desktop.sync import sealing
from pole_desktop.sync import share_layout as L
from pole_desktop.sync.transport import Transport

ROUND_TRIPS = ("check", "list", "list_dirs", "versions", "exists", "size", "read", "write_atomic", "write_new")


class CountingTransport:
    """Every call of ``ROUND_TRIPS`` on the wrapped (real) transport is counted; ``delay_s`` is added to each."""

    def __init__(self, inner: Transport, delay_s: float = 0.0) -> None:
        self.inner = inner
        self.delay_s = delay_s
        self.calls: Counter[str] = Counter()
        self.log: list[tuple[str, str]] = []

    def reset(self) -> None:
        self.calls.clear()
        self.log.clear()

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    def describe(self) -> str:
        return self.inner.describe()

    def close(self) -> None:
        self.inner.close()

    def __getattr__(self, name: str) -> Any:
        target = getattr(self.inner, name)
        if name not in ROUND_TRIPS:
            return target

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            self.log.append((name, str(args[0]) if args else ""))
            if self.delay_s:
                time.sleep(self.delay_s)
            return target(*args, **kwargs)

        return call


def simulate_peers(transport: Transport, keys: sealing.ShareKeys, n: int, *, files: int = 1) -> list[Any]:
    """``n`` team laptops that each published ``files`` change files (one new person each), their device
    manifest and their head, sealed and signed with keys of their own — as the engine writes them."""
    peers = []
    for _ in range(n):
        peer = SimulatedPeer(transport, keys)
        for _ in range(files):
            peer.publish()
        peers.append(peer)
    return peers


class SimulatedPeer:
    def __init__(self, transport: Transport, keys: sealing.ShareKeys) -> None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        self.t = transport
        self.device = str(uuid.uuid4())
        signer = Ed25519PrivateKey.generate()
        self.keys = sealing.ShareKeys(share_id=keys.share_id, keys=keys.keys, current=keys.current,
                                      signer=signer, me=self.device, pub=sealing.public_hex(signer))
        self.seq = 0
        self.local = 0
        self.people: list[str] = []

    def publish(self, nom: str | None = None) -> str:
        """One more change file (a new person) and the head that announces it."""
        self.seq += 1
        rid = str(uuid.uuid4())
        nom = nom or f"Pair{self.device[:6]}-{self.seq}"
        hlc = f"{1764150000000 + self.seq:018d}.00001"
        entries = [[self.local + 1, "personne", rid, "nom", json.dumps(nom), hlc, None, None],
                   [self.local + 2, "personne", rid, "prenom", json.dumps("Léa"), hlc, None, None],
                   [self.local + 3, "personne", rid, "anonymise", "false", hlc, None, None]]
        head = {"schema": "x", "app": "0.1.0", "device": self.device, "seq": self.seq, "first": self.local + 1,
                "last": self.local + 3, "deps": {}, "written_hlc": hlc}
        self.local += 3
        plain = L.encode_change_file(head, entries)
        self.t.write_atomic(L.file_path(self.device, self.seq),
                            self.keys.seal("chg", plain, device=self.device, seq=self.seq))
        doc = {"format": L.FORMAT_VERSION, "device_id": self.device, "device_name": f"Poste {self.device[:6]}",
               "app_version": "0.1.0", "schema": "x", "last_seq": self.seq, "files": self.seq, "clock": hlc,
               "wall_ms": 1764150000000, "written_at": "2026-01-01T00:00:00+00:00", "public_key": self.keys.pub}
        sealed = self.keys.seal("man", L.dump_json(doc), device=self.device)
        self.t.write_atomic(L.device_manifest(self.device), sealed)
        self.t.write_atomic(L.device_head(self.device), sealed)
        self.people.append(nom)
        return nom
