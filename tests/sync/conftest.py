from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.infra import require
from tests.infra.seaweedfs import SeaweedServer
from tests.infra.webdav_server import WebDavServer
from tests.sync.backends import BUCKET, KINDS, Backend, make_backend
from tests.sync.helpers import Laptop, advisor


@pytest.fixture
def share(tmp_path: Path) -> Path:
    p = tmp_path / "partage"
    p.mkdir()
    return p


@pytest.fixture
def laptops(tmp_path: Path, share: Path) -> Iterator[Callable[[int], list[Laptop]]]:
    made: list[Laptop] = []

    def make(n: int) -> list[Laptop]:
        out = [Laptop(tmp_path, f"poste{len(made) + i}", share, advisor(len(made) + i)) for i in range(n)]
        made.extend(out)
        return out

    yield make
    for lp in made:
        lp.close()


# ------------------------------------------------------------------ S3 (SeaweedFS) and WebDAV (wsgidav)
# Real servers on 127.0.0.1, one per session, started on first use. A missing one skips the test on a
# laptop and fails it under CI=true (tests.infra.require), like Samba.
_SERVER_MARKERS = {"seaweedfs_server": "s3", "webdav_server": "webdav"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in _SERVER_MARKERS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


@pytest.fixture(scope="session")
def seaweedfs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeaweedServer]:
    """SeaweedFS with its S3 gateway; the bucket ``BUCKET`` exists. Work under a prefix of your own."""
    from tests.infra import seaweedfs

    reason = seaweedfs.missing_requirements()
    if reason:
        require("SeaweedFS S3 server (weed)", reason)
    server = seaweedfs.SeaweedServer(tmp_path_factory.mktemp("seaweedfs"))
    try:
        server.start()
    except RuntimeError as e:
        require("SeaweedFS S3 server (weed)", str(e))
    try:
        server.client().create_bucket(Bucket=BUCKET)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def webdav_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDavServer]:
    """wsgidav with one user; ``root_dir`` is the folder behind ``url``. Work in a folder of your own."""
    from tests.infra import webdav_server as wd

    reason = wd.missing_requirements()
    if reason:
        require("WebDAV server (wsgidav)", reason)
    server = wd.WebDavServer(tmp_path_factory.mktemp("webdav"))
    try:
        server.start()
    except RuntimeError as e:
        require("WebDAV server (wsgidav)", str(e))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _servers_running_for_each_test(request: pytest.FixtureRequest) -> None:
    """A test that stopped a server and failed before restarting it must not break the next ones."""
    for name in _SERVER_MARKERS:
        if name in request.fixturenames:
            request.getfixturevalue(name).start()


@pytest.fixture(params=KINDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """A share of each kind (folder, SMB, S3, WebDAV), empty, of this test's own; see tests.sync.backends."""
    b = make_backend(request, request.param, tmp_path)
    try:
        yield b
    finally:
        b.close()
