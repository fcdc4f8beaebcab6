"""A real Secret Service (gnome-keyring) for the keyring tests.

Where the tests find one:

1. In CI (``CI=true``), the D-Bus session that ``.ci/run`` starts with an unlocked, throwaway
   gnome-keyring (``DBUS_SESSION_BUS_ADDRESS`` is set for the whole run).
2. Otherwise, when ``dbus-daemon`` and ``gnome-keyring-daemon`` are installed, a private pair of
   them started for the test session, with HOME/XDG folders in a temporary folder and a throwaway
   password. A developer's own session keyring is deliberately *not* used: tests would write into
   (and could overwrite) the developer's real secrets.
3. Otherwise the tests that need it are skipped — or fail, under ``CI=true``.

The probe that decides whether a Secret Service answers runs a set/get/delete in a subprocess
with a time limit, because a locked collection could otherwise wait forever on an unlock prompt.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

BUS_VARIABLE = "DBUS_SESSION_BUS_ADDRESS"

_PROBE = """
import sys
from keyring.backends.SecretService import Keyring
k = Keyring()
k.priority  # raises when no Secret Service answers on the bus
service, user = "pole-desktop-tests-probe", "probe"
k.set_password(service, user, "probe-secret")
ok = k.get_password(service, user) == "probe-secret"
k.delete_password(service, user)
sys.exit(0 if ok and k.get_password(service, user) is None else 3)
"""


def probe(bus_address: str | None, timeout: float = 20.0) -> str | None:
    """None when a Secret Service on ``bus_address`` stores, returns and deletes a secret;
    otherwise why not."""
    if not bus_address:
        return f"{BUS_VARIABLE} is not set (no D-Bus session)"
    env = dict(os.environ, **{BUS_VARIABLE: bus_address})
    try:
        result = subprocess.run(
            [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return f"the Secret Service did not answer within {timeout:.0f} s (locked collection?)"
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or [f"exit code {result.returncode}"])[-1]
        return f"set/get/delete through the Secret Service failed: {last}"
    return None


class PrivateSecretService:
    """A private ``dbus-daemon --session`` and an unlocked ``gnome-keyring-daemon`` on it."""

    PASSWORD = "throwaway-test-password"

    def __init__(self, workdir: Path):
        self.workdir = Path(workdir)
        self.address: str | None = None
        self.env: dict[str, str] = {}  # what gnome-keyring-daemon prints, e.g. GNOME_KEYRING_CONTROL
        self._bus: subprocess.Popen[str] | None = None
        self._keyring: subprocess.Popen[str] | None = None

    @staticmethod
    def missing_requirements() -> str | None:
        for program in ("dbus-daemon", "gnome-keyring-daemon"):
            if shutil.which(program) is None:
                return f"'{program}' not found (apt-get install dbus gnome-keyring)"
        return None

    def start(self, timeout: float = 15.0) -> None:
        home = self.workdir / "home"
        runtime = self.workdir / "run"
        for folder in (home, runtime, home / ".local/share", home / ".config", home / ".cache"):
            folder.mkdir(parents=True, exist_ok=True)
        runtime.chmod(0o700)
        self._bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.address = self._bus.stdout.readline().strip()  # dbus-daemon prints it at once
        if not self.address:
            self.stop()
            raise RuntimeError("dbus-daemon did not print its address")
        env = dict(
            os.environ,
            HOME=str(home),
            XDG_DATA_HOME=str(home / ".local/share"),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_RUNTIME_DIR=str(runtime),
            **{BUS_VARIABLE: self.address},
        )
        self._keyring = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        # --unlock reads the password (which also creates the login keyring) from stdin.
        self._keyring.stdin.write(self.PASSWORD)
        self._keyring.stdin.close()
        deadline = time.monotonic() + timeout
        reason = "not probed"
        while time.monotonic() < deadline:
            if self._keyring.poll() is not None:
                reason = f"gnome-keyring-daemon exited with code {self._keyring.returncode}"
                break
            reason = probe(self.address, timeout=max(1.0, deadline - time.monotonic()))
            if reason is None:
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"private Secret Service not usable: {reason}")

    def stop(self) -> None:
        for proc in (self._keyring, self._bus):
            if proc is None:
                continue
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)
            for stream in (proc.stdin, proc.stdout):
                if stream is not None and not stream.closed:
                    stream.close()
        self._keyring = self._bus = None


def default_collection_items() -> set[str]:
    """D-Bus paths of the items in the default collection of the current session bus."""
    import secretstorage

    with closing(secretstorage.dbus_init()) as connection:
        collection = secretstorage.get_default_collection(connection)
        return {item.item_path for item in collection.get_all_items()}


def delete_items_except(keep: set[str]) -> None:
    """Delete every item of the default collection whose path is not in ``keep``."""
    import secretstorage

    with closing(secretstorage.dbus_init()) as connection:
        collection = secretstorage.get_default_collection(connection)
        for item in collection.get_all_items():
            if item.item_path not in keep:
                item.delete()
