"""A real WebDAV server (wsgidav on cheroot) on 127.0.0.1 for the WebDAV tests.

It serves ``root_dir`` at ``/dav`` with one user and password (HTTP Basic, as Nextcloud accepts
app passwords), and a lock manager (so 423 Locked is real). Ready in well under a second. Tests
may put files in ``root_dir`` directly and see them over WebDAV.
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.infra._process import HOST, free_ports, listening, start_server, stop_group

USER = "pole"
MOUNT = "/dav"


def find_wsgidav() -> str | None:
    here = Path(sys.executable).parent / "wsgidav"
    return str(here) if here.exists() else shutil.which("wsgidav")


def missing_requirements() -> str | None:
    if find_wsgidav() is None:
        return "'wsgidav' not found (pip install wsgidav cheroot, from the test extra)"
    try:
        import cheroot  # noqa: F401
    except ImportError:
        return "cheroot is not installed (pip install cheroot)"
    return None


class WebDavServer:
    """wsgidav serving ``root_dir`` at ``url`` (``http://127.0.0.1:<port>/dav``) for ``user``/``password``."""

    host = HOST
    user = USER

    def __init__(self, workdir: Path) -> None:
        reason = missing_requirements()
        if reason:
            raise RuntimeError(f"cannot run a WebDAV server here: {reason}")
        self.workdir = Path(workdir)
        self.root_dir = self.workdir / "share"
        self.root_dir.mkdir(parents=True, exist_ok=True)
        self.password = "pw-" + secrets.token_hex(8)
        (self.port,) = free_ports(1)
        self.url = f"http://{self.host}:{self.port}{MOUNT}"
        self.config = self.workdir / "wsgidav.json"
        self.config.write_text(json.dumps({
            "host": self.host,
            "port": self.port,
            "provider_mapping": {MOUNT: str(self.root_dir)},
            "http_authenticator": {"domain_controller": None, "accept_basic": True, "accept_digest": False,
                                   "default_to_digest": False, "trusted_auth_header": None},
            "simple_dc": {"user_mapping": {"*": {self.user: {"password": self.password}}}},
            "lock_storage": True,
            "verbose": 1,
            "logging": {"enable_loggers": []},
            "dir_browser": {"enable": False},
        }))
        self.log_file = self.workdir / "wsgidav.log"
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self, timeout: float = 20.0) -> None:
        if self.running:
            return
        self._proc = start_server([find_wsgidav(), "-c", str(self.config)], self.log_file, self.workdir)
        deadline = time.monotonic() + timeout
        while not listening(self.host, self.port):
            if self._proc.poll() is not None:
                code, self._proc = self._proc.returncode, None
                raise RuntimeError(f"wsgidav exited with code {code} while starting:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"wsgidav did not listen on {self.host}:{self.port}:\n{self.log_tail()}")
            time.sleep(0.05)

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        stop_group(proc, grace=3.0)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def __repr__(self) -> str:
        return f"<WebDavServer {self.url} running={self.running}>"
