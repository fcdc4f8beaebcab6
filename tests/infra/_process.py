"""Shared by the test servers that run as a child process (SeaweedFS, wsgidav): free ports, waiting
until a port answers, and stopping a process group by its PID."""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"


def free_ports(n: int, host: str = HOST) -> list[int]:
    """``n`` distinct unprivileged TCP ports that nothing listens on right now."""
    socks = []
    try:
        for _ in range(n):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind((host, 0))
            socks.append(sock)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    """Linux: the server gets SIGKILL when the pytest that started it dies (even by SIGKILL), so a
    crashed or timed-out test run never leaves a server behind."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def start_server(cmd: list[str], log_file: Path, cwd: Path, **kwargs: Any) -> subprocess.Popen[bytes]:
    """Start a test server in a session of its own (stopped by its process group), its output to
    ``log_file``, tied to this process's life on Linux."""
    with open(log_file, "ab") as out:
        return subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, cwd=cwd,
            start_new_session=True, preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            **kwargs,
        )


def listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.3):
            return True
    except OSError:
        return False


def stop_group(proc: subprocess.Popen[bytes] | None, *, grace: float = 0.0) -> None:
    """End ``proc`` (started with ``start_new_session=True``) and its children: SIGTERM, then SIGKILL
    after ``grace`` seconds (SeaweedFS ignores SIGTERM for a long while: grace 0 kills at once)."""
    if proc is None or proc.poll() is not None:
        return
    try:
        if grace > 0:
            os.killpg(proc.pid, signal.SIGTERM)
            deadline = time.monotonic() + grace
            while proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)
