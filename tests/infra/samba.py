"""A real Samba server (smbd) on 127.0.0.1 for the SMB tests.

Everything it needs lives in one working folder: its configuration, passdb, lock/state/cache/
private/pid/ncalrpc directories, log, and the shared folder itself. No system account is created:
the SMB user ``pole`` is mapped to the existing ``nobody`` account by a ``username map`` and
``force user = root`` makes every file operation on the share succeed, so tests may also put files
in ``root_dir`` directly (as root) and change them over SMB.

smbd must run as root. It is started as ``smbd --foreground`` and puts itself in a new session
(``setsid``) — so it is *not* started with ``start_new_session=True``: being a session leader
already, its own ``setsid`` would fail ("Failed to create session") — and never with
``--no-process-group``, with which stopping it would kill the whole process group, pytest included.
It is stopped by signalling its own process group (its PID), which also ends the per-connection
children, so connected clients really lose their connection.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

HOST = "127.0.0.1"
SHARE = "pole"
USER = "pole"
UNIX_ACCOUNT = "nobody"  # the existing account that the SMB user is mapped to

_SBIN = os.pathsep.join(["/usr/local/sbin", "/usr/sbin", "/sbin"])


def find_program(name: str) -> str | None:
    """Find a program on PATH or in the sbin folders (often missing from a user's PATH)."""
    return shutil.which(name) or shutil.which(name, path=_SBIN)


def missing_requirements() -> str | None:
    """Why a Samba server cannot be started here, or None when it can."""
    for program in ("smbd", "smbpasswd"):
        if find_program(program) is None:
            return f"'{program}' not found (apt-get install samba)"
    if os.geteuid() != 0:
        return "smbd must run as root"
    try:
        pwd.getpwnam(UNIX_ACCOUNT)
    except KeyError:
        return f"no '{UNIX_ACCOUNT}' account to map the SMB user to"
    return None


def free_port(host: str = HOST) -> int:
    """An unprivileged TCP port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _group_alive(pgid: int) -> bool:
    """Whether any non-zombie process is still in process group ``pgid`` (Linux /proc)."""
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may contain spaces, so split after the last ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != b"Z":
            return True
    return False


class SambaServer:
    """One smbd serving the share ``pole`` on ``host:port``.

    Attributes for clients: ``host``, ``port``, ``share``, ``user``, ``password``;
    ``root_dir`` is the local folder behind the share. ``unc(*parts)`` builds ``\\\\host\\share\\…``
    paths; ``client_kwargs`` is ``dict(username=, password=, port=)`` for smbprotocol's smbclient.
    ``stop()``/``start()`` drop and bring back the server on the same port with the same data.
    """

    host = HOST
    share = SHARE
    user = USER

    def __init__(self, workdir: Path, *, port: int | None = None, password: str | None = None):
        reason = missing_requirements()
        if reason:
            raise RuntimeError(f"cannot run a Samba server here: {reason}")
        self.workdir = Path(workdir)
        self.port = port or free_port()
        self.password = password or "pw-" + secrets.token_hex(8)
        self.root_dir = self.workdir / "share"
        self.conf = self.workdir / "smb.conf"
        self.log_file = self.workdir / "log.smbd"
        self._proc: subprocess.Popen[bytes] | None = None
        self._configure()

    # ----------------------------------------------------------------- set-up
    def _configure(self) -> None:
        for sub in ("share", "lock", "state", "cache", "private", "pid", "ncalrpc"):
            (self.workdir / sub).mkdir(parents=True, exist_ok=True)
        usermap = self.workdir / "users.map"
        usermap.write_text(f"{UNIX_ACCOUNT} = {self.user}\n")
        w = self.workdir
        self.conf.write_text(
            f"""[global]
    server role = standalone server
    interfaces = {self.host}
    bind interfaces only = yes
    smb ports = {self.port}
    disable netbios = yes
    lock directory = {w / "lock"}
    state directory = {w / "state"}
    cache directory = {w / "cache"}
    private dir = {w / "private"}
    pid directory = {w / "pid"}
    ncalrpc dir = {w / "ncalrpc"}
    log file = {self.log_file}
    max log size = 0
    passdb backend = tdbsam:{w / "private" / "passdb.tdb"}
    username map = {usermap}
    load printers = no
    printing = bsd
    printcap name = /dev/null
    disable spoolss = yes

[{self.share}]
    path = {self.root_dir}
    read only = no
    force user = root
    # smbprotocol's rename/replace opens the destination with execute access.
    acl allow execute always = yes
"""
        )
        # The passdb entry is for the unix account; the username map turns "pole" into it.
        subprocess.run(
            [find_program("smbpasswd"), "-c", str(self.conf), "-a", "-s", UNIX_ACCOUNT],
            input=f"{self.password}\n{self.password}\n".encode(),
            check=True,
            capture_output=True,
            timeout=30,
        )

    # ------------------------------------------------------------- client side
    def unc(self, *parts: str) -> str:
        """``\\\\127.0.0.1\\pole\\a\\b`` for ``unc("a", "b")`` (forward slashes also accepted)."""
        path = "\\".join(p.replace("/", "\\").strip("\\") for p in parts if p)
        return f"\\\\{self.host}\\{self.share}" + (f"\\{path}" if path else "")

    @property
    def client_kwargs(self) -> dict[str, object]:
        """Keyword arguments for every smbprotocol ``smbclient`` call (the port must be explicit)."""
        return {"username": self.user, "password": self.password, "port": self.port}

    # --------------------------------------------------------------- lifecycle
    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self, timeout: float = 10.0) -> None:
        """Start smbd (again: same port, same data) and wait until it accepts connections."""
        if self.running:
            return
        with open(self.log_file, "ab") as out:
            self._proc = subprocess.Popen(
                [find_program("smbd"), "--foreground", "-s", str(self.conf)],
                # In the foreground smbd exits when its stdin ends: give it /dev/null.
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=self.workdir,
            )
        deadline = time.monotonic() + timeout
        while True:
            if self._proc.poll() is not None:
                code = self._proc.returncode
                self._proc = None
                raise RuntimeError(f"smbd exited with code {code} while starting:\n{self.log_tail()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"smbd did not listen on {self.host}:{self.port} "
                                   f"within {timeout:.0f} s:\n{self.log_tail()}")
            time.sleep(0.05)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop smbd and every per-connection child: connected clients lose their connection."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        pid = proc.pid
        # smbd leads its own process group once it has called setsid(); before that, only itself.
        try:
            pgid = os.getpgid(pid)
        except ProcessLookupError:
            pgid = None
        own_group = pgid == pid

        def signal_all(sig: int) -> None:
            try:
                if own_group:
                    os.killpg(pid, sig)
                elif proc.poll() is None:
                    proc.send_signal(sig)
            except ProcessLookupError:
                pass

        signal_all(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while (proc.poll() is None or (own_group and _group_alive(pid))) and time.monotonic() < deadline:
            time.sleep(0.05)
        if proc.poll() is None or (own_group and _group_alive(pid)):
            signal_all(signal.SIGKILL)
            proc.wait(timeout=5)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def __enter__(self) -> SambaServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<SambaServer {self.unc()} port={self.port} running={self.running}>"
