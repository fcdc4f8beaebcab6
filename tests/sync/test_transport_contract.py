"""The Transport contract, checked on every transport: a folder, and real SMB (Samba), S3 (SeaweedFS)
and WebDAV (wsgidav) servers on loopback."""

from __future__ import annotations

import pytest

from pole_desktop.sync.transport import AlreadyExists, Transport, TransportError
from tests.sync.backends import Backend


class Share:
    """A transport over an empty share of its own, and a side door to what is really stored."""

    def __init__(self, transport: Transport, backend: Backend) -> None:
        self.t = transport
        self.b = backend


@pytest.fixture
def under_test(backend: Backend):
    transport = backend.transport()
    try:
        yield Share(transport, backend)
    finally:
        transport.close()


def test_is_a_transport_and_checks_an_existing_root(under_test: Share) -> None:
    assert isinstance(under_test.t, Transport)
    under_test.t.check()
    assert under_test.t.describe()


def test_missing_root_fails_check_in_french(under_test: Share) -> None:
    under_test.b.remove_root()
    with pytest.raises(TransportError) as err:
        under_test.t.check()
    assert "introuvable" in str(err.value) or "n'existe pas" in str(err.value)


def test_missing_folder_lists_nothing(under_test: Share) -> None:
    assert under_test.t.list("pole-desktop-v1/devices") == []
    assert under_test.t.list_dirs("pole-desktop-v1/devices") == []
    assert under_test.t.exists("pole-desktop-v1/manifest.json") is False


def test_write_creates_folders_and_reads_back(under_test: Share) -> None:
    under_test.t.write_atomic("v1/devices/abc/00000001.chg", b"premier")
    under_test.t.write_atomic("v1/devices/abc/00000002.chg", b"second!")
    under_test.t.write_atomic("v1/devices/def/00000001.chg", b"x")
    under_test.t.write_atomic("v1/manifest.json", b"{}")

    assert under_test.b.get("v1/devices/abc/00000001.chg") == b"premier"
    assert under_test.t.read("v1/devices/abc/00000002.chg") == b"second!"
    assert under_test.t.exists("v1/devices/abc/00000001.chg")
    assert under_test.t.size("v1/devices/abc/00000002.chg") == 7
    assert under_test.t.list("v1/devices/abc") == ["00000001.chg", "00000002.chg"]
    assert under_test.t.list("v1") == ["manifest.json"]
    assert under_test.t.list_dirs("v1/devices") == ["abc", "def"]
    assert under_test.t.list_dirs("v1") == ["devices"]
    assert under_test.t.list_dirs("") == ["v1"]
    # No temporary file is left behind.
    assert [n for n in under_test.b.names("v1/devices/abc") if ".tmp-" in n] == []


def test_write_replaces_an_existing_file(under_test: Share) -> None:
    under_test.t.write_atomic("manifest.json", b'{"seq": 1}')
    under_test.t.write_atomic("manifest.json", b'{"seq": 2, "more": true}')
    assert under_test.t.read("manifest.json") == b'{"seq": 2, "more": true}'
    assert under_test.b.get("manifest.json") == b'{"seq": 2, "more": true}'
    assert under_test.t.list("") == ["manifest.json"]


def test_temporary_names_are_not_listed(under_test: Share) -> None:
    under_test.b.put("d/00000003.chg.tmp-0a1b2c", b"half written")
    under_test.b.put("d/00000002.chg", b"done")
    assert under_test.t.list("d") == ["00000002.chg"]


def test_size_limit_on_read(under_test: Share) -> None:
    under_test.t.write_atomic("big.chg", b"0123456789")
    assert under_test.t.read("big.chg", max_bytes=10) == b"0123456789"
    with pytest.raises(TransportError, match="trop volumineux"):
        under_test.t.read("big.chg", max_bytes=9)


def test_missing_file_read_and_size_fail_in_french(under_test: Share) -> None:
    with pytest.raises(TransportError, match="introuvable"):
        under_test.t.read("absent.chg")
    with pytest.raises(TransportError, match="introuvable"):
        under_test.t.size("absent.chg")


def test_versions_lists_files_with_a_token_that_changes_on_every_rewrite(under_test: Share) -> None:
    t = under_test.t
    assert t.versions("index") == {}
    t.write_atomic("index/a.pdm", b"head 1")
    t.write_atomic("index/b.pdm", b"other")
    t.write_atomic("index/sub/c.pdm", b"deeper")
    under_test.b.put("index/a.pdm.tmp-0a1b2c", b"half written")
    first = t.versions("index")
    assert sorted(first) == ["a.pdm", "b.pdm"]
    assert t.versions("index") == first  # stable while nothing changes
    t.write_atomic("index/a.pdm", b"head 2")  # same size, written right away
    second = t.versions("index")
    assert second["a.pdm"] != first["a.pdm"]
    assert second["b.pdm"] == first["b.pdm"]


def test_write_new_creates_once_and_never_overwrites(under_test: Share) -> None:
    t = under_test.t
    t.write_new("d/dev/0000000001.chg", b"premier")
    assert t.read("d/dev/0000000001.chg") == b"premier"
    with pytest.raises(AlreadyExists):
        t.write_new("d/dev/0000000001.chg", b"le clone")
    assert t.read("d/dev/0000000001.chg") == b"premier"
    assert under_test.b.get("d/dev/0000000001.chg") == b"premier"
    assert [n for n in under_test.b.names("d/dev") if ".tmp-" in n] == []
    t.write_atomic("d/dev/0000000002.chg", b"x")
    with pytest.raises(AlreadyExists):
        t.write_new("d/dev/0000000002.chg", b"y")


def test_write_new_race_has_exactly_one_winner(under_test: Share, backend: Backend) -> None:
    """Two laptops (two transports) creating the same name at the same time: one wins, the other is told."""
    from concurrent.futures import ThreadPoolExecutor

    other = backend.transport()
    try:
        other.check()

        def attempt(args: tuple[Transport, bytes]) -> str:
            tr, data = args
            try:
                tr.write_new("race/0000000007.chg", data)
                return "won"
            except AlreadyExists:
                return "lost"

        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(attempt, [(under_test.t, b"A" * 2000), (other, b"B" * 2000)]))
        assert sorted(results) == ["lost", "won"]
        stored = under_test.b.get("race/0000000007.chg")
        assert stored == (b"A" * 2000 if results[0] == "won" else b"B" * 2000)
    finally:
        other.close()


TRICKS = ["..", "../x", "a/../../x", "/etc/passwd", "a\\..\\b", "C:/x", "c:x", "a//b", "./a", "a/", ""]


@pytest.mark.parametrize("path", TRICKS)
def test_path_tricks_are_refused(under_test: Share, path: str) -> None:
    before = under_test.b.outside()
    for op in (
        lambda: under_test.t.write_atomic(path, b"evil"),
        lambda: under_test.t.read(path),
        lambda: under_test.t.exists(path),
        lambda: under_test.t.size(path),
        lambda: under_test.t.write_new(path, b"evil"),
    ):
        with pytest.raises(TransportError, match="refusé"):
            op()
    if path:  # "" is the root itself for listings
        with pytest.raises(TransportError, match="refusé"):
            under_test.t.list(path)
        with pytest.raises(TransportError, match="refusé"):
            under_test.t.list_dirs(path)
    assert under_test.b.outside() == before
    assert under_test.b.is_empty()


def test_close_then_use_again(under_test: Share) -> None:
    under_test.t.write_atomic("a.chg", b"1")
    under_test.t.close()
    assert under_test.t.read("a.chg") == b"1"
