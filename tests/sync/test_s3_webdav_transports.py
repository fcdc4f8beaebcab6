"""What only S3 and WebDAV shares have: a missing bucket, create-only writes, refused keys, a
server that stops answering, Nextcloud's 423 Locked — against the real SeaweedFS and wsgidav."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from pole_desktop.sync import s3 as s3_module
from pole_desktop.sync import webdav as webdav_module
from pole_desktop.sync.config import ShareConfig, open_transport
from pole_desktop.sync.s3 import AlreadyExists, S3Transport
from pole_desktop.sync.transport import TransportError
from pole_desktop.sync.webdav import WebDavTransport
from tests.sync.backends import BUCKET, make_backend


@pytest.fixture
def s3(request, tmp_path: Path):
    b = make_backend(request, "s3", tmp_path)
    yield b
    b.close()


@pytest.fixture
def dav(request, tmp_path: Path):
    b = make_backend(request, "webdav", tmp_path)
    yield b
    b.close()


def _frozen(server):  # noqa: ANN202
    """The server process stopped (SIGSTOP): connections stay open, nothing answers."""

    def all_stopped(pid: int) -> bool:
        for task in Path(f"/proc/{pid}/task").iterdir():
            stat = (task / "stat").read_bytes()
            if stat[stat.rfind(b")") + 2:][:1] not in (b"T", b"t"):
                return False
        return True

    class Frozen:
        def __enter__(self):  # noqa: ANN204
            os.killpg(server._proc.pid, signal.SIGSTOP)
            deadline = time.monotonic() + 5
            while not all_stopped(server._proc.pid) and time.monotonic() < deadline:
                time.sleep(0.01)  # every thread really stopped before the test goes on

        def __exit__(self, *exc):  # noqa: ANN204
            os.killpg(server._proc.pid, signal.SIGCONT)

    return Frozen()


# ----------------------------------------------------------------------------------------- S3
def test_missing_bucket_is_an_error_never_an_empty_share(s3) -> None:
    cfg = s3.config()
    cfg.bucket = "absent-bucket"
    t = open_transport(cfg, lambda _c: s3.secret)
    try:
        for op in (t.check, lambda: t.list(""), lambda: t.list_dirs("pole-desktop-v1/devices")):
            with pytest.raises(TransportError, match="compartiment « absent-bucket » n'existe pas"):
                op()
    finally:
        t.close()


def test_wrong_secret_is_refused_and_never_shown(s3) -> None:
    t = S3Transport(s3.config(), "clé-secrète-fausse")
    with pytest.raises(TransportError) as err:
        t.check()
    assert "refusé" in str(err.value)
    for text in (str(err.value), repr(t), t.describe(), repr(vars(t))):
        assert "clé-secrète-fausse" not in text and s3.secret not in text
    t.close()
    with pytest.raises(TransportError, match="clé secrète S3 manquant"):
        S3Transport(s3.config(), None).check()


def test_write_new_never_overwrites_and_one_of_two_racing_laptops_wins(s3) -> None:
    t1, t2 = s3.transport(), s3.transport()
    t1.write_new("devices/claim.json", b"premier")
    with pytest.raises(AlreadyExists):
        t2.write_new("devices/claim.json", b"second")
    assert s3.get("devices/claim.json") == b"premier"
    results: list[str] = []

    def claim(t: S3Transport, who: str) -> None:
        try:
            t.write_new("devices/race.json", who.encode())
            results.append(who)
        except AlreadyExists:
            results.append("refusé")

    threads = [threading.Thread(target=claim, args=(t, w)) for t, w in ((t1, "a"), (t2, "b"))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(results)[1] == "refusé" and sorted(results)[0] in ("a", "b"), results
    assert s3.get("devices/race.json") == sorted(results)[0].encode()


def test_s3_write_is_one_whole_object_without_temporary_names(s3) -> None:
    t = s3.transport()
    data = os.urandom(300_000)
    t.write_atomic("v1/devices/abc/00000001.chg", data)
    assert s3.get("v1/devices/abc/00000001.chg") == data
    assert s3.names("v1/devices/abc") == ["00000001.chg"]
    assert t.size("v1/devices/abc/00000001.chg") == len(data)


def test_s3_server_that_stops_answering_is_given_up_in_french(s3, monkeypatch) -> None:
    monkeypatch.setattr(s3_module, "READ_TIMEOUT_S", 1)
    monkeypatch.setattr(s3_module, "CONNECT_TIMEOUT_S", 1)
    monkeypatch.setattr(s3_module, "MAX_ATTEMPTS", 2)
    t = s3.transport()
    t.write_atomic("a.chg", b"1")
    started = time.monotonic()
    with _frozen(s3.server), pytest.raises(TransportError, match="ne répond pas"):
        t.read("a.chg")
    assert time.monotonic() - started < 15
    assert t.read("a.chg") == b"1"  # the same transport works again once the server answers


# ------------------------------------------------------------------------------------- WebDAV
def _lock(url: str, auth: tuple[str, str]) -> str:
    body = ('<?xml version="1.0" encoding="utf-8"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/>'
            '</D:lockscope><D:locktype><D:write/></D:locktype><D:owner>nextcloud-scan</D:owner></D:lockinfo>')
    r = httpx.request("LOCK", url, content=body, auth=auth, headers={"Timeout": "Second-60", "Depth": "0"})
    assert r.status_code in (200, 201), r.text
    return r.headers["Lock-Token"]


def _unlock(url: str, auth: tuple[str, str], token: str) -> None:
    r = httpx.request("UNLOCK", url, auth=auth, headers={"Lock-Token": token})
    assert r.status_code == 204, r.text


def test_locked_file_is_retried_then_written_once_unlocked(dav, monkeypatch) -> None:
    monkeypatch.setattr(webdav_module, "RETRY_PAUSES_S", (0.2, 0.2, 0.3, 0.5))
    t = dav.transport()
    t.write_atomic("manifest.json", b'{"v": 1}')
    url, auth = f"{dav.config().url}/manifest.json", (dav.server.user, dav.secret)
    token = _lock(url, auth)
    # Locked for longer than the retries: a French error, the file untouched, no temporary file left.
    with pytest.raises(TransportError, match="verrouillé"):
        t.write_atomic("manifest.json", b'{"v": 2}')
    assert dav.get("manifest.json") == b'{"v": 1}'
    assert dav.names() == ["manifest.json"]
    # Unlocked while we retry (Nextcloud's scan finishing): the write goes through.
    timer = threading.Timer(0.3, _unlock, (url, auth, token))
    timer.start()
    try:
        t.write_atomic("manifest.json", b'{"v": 3}')
    finally:
        timer.join()
    assert dav.get("manifest.json") == b'{"v": 3}'


def test_webdav_refuses_a_password_in_the_address_and_wrong_passwords(dav) -> None:
    server = dav.server
    inside = dav.config().url.replace("http://", f"http://{server.user}:{server.password}@")
    with pytest.raises(TransportError) as err:
        WebDavTransport(ShareConfig(kind="webdav", url=inside), None)
    assert server.password not in str(err.value)
    t = WebDavTransport(dav.config(), "mauvais")
    with pytest.raises(TransportError, match="mot de passe refusé"):
        t.check()
    assert "mauvais" not in repr(t) + t.describe() + repr(vars(t))
    with pytest.raises(TransportError, match="Aucun mot de passe"):
        WebDavTransport(dav.config(), None).check()


def test_webdav_server_that_stops_answering_is_given_up_in_french(dav, monkeypatch) -> None:
    monkeypatch.setattr(webdav_module, "READ_TIMEOUT_S", 1)
    monkeypatch.setattr(webdav_module, "CONNECT_TIMEOUT_S", 1)
    t = dav.transport()
    t.write_atomic("a.chg", b"1")
    started = time.monotonic()
    with _frozen(dav.server), pytest.raises(TransportError, match="ne répond plus"):
        t.read("a.chg")
    assert time.monotonic() - started < 10
    assert t.read("a.chg") == b"1"


def test_bucket_prefix_marker_is_what_makes_a_new_share_exist(s3) -> None:
    """A new S3 share is a « dossier » made in the console (an empty ``prefix/`` object): without
    it the prefix is refused, so a typo never starts a second, empty share."""
    t = s3.transport()
    t.check()
    s3.client.delete_object(Bucket=BUCKET, Key=s3.prefix + "/")
    with pytest.raises(TransportError, match="n'existe pas dans le compartiment"):
        t.check()


def test_secrets_come_from_the_keyring_by_default(s3, dav, memory_keyring) -> None:
    from pole_desktop.sync import credentials

    for backend in (s3, dav):
        cfg = backend.config()
        with pytest.raises(TransportError):  # nothing stored yet
            open_transport(cfg).check()
        credentials.set_password(cfg, backend.secret)
        t = open_transport(cfg)
        try:
            t.check()
        finally:
            t.close()
    assert {k[1] for k in memory_keyring.passwords if k[0] == credentials.SERVICE} == {
        credentials.account_name(s3.config()), credentials.account_name(dav.config())}
    assert credentials.account_name(s3.config()).startswith("s3:pole-test@127.0.0.1:")
    assert credentials.account_name(dav.config()).startswith("webdav:pole@127.0.0.1:")


def test_s3_secret_key_in_a_real_secret_service(s3, secret_service_keyring) -> None:
    from pole_desktop.sync import credentials

    cfg = s3.config()
    credentials.set_password(cfg, s3.secret)
    assert credentials.get_password(cfg) == s3.secret
    t = open_transport(cfg)
    try:
        t.check()
    finally:
        t.close()
    credentials.delete_password(cfg)
    assert credentials.get_password(cfg) is None


@pytest.mark.parametrize("code,status,expected", [
    ("PermanentRedirect", 301, "autre région"),
    ("AuthorizationHeaderMalformed", 400, "autre région"),
    ("SlowDown", 503, "ne répond pas correctement"),
    ("QuotaExceeded", 403, "plein"),
    ("AccessDenied", 403, "Accès refusé"),
])
def test_s3_answers_other_servers_give_are_explained_in_french(code: str, status: int, expected: str) -> None:
    """Answers the test server never gives (AWS regions, throttling, quotas), mapped like botocore raises them."""
    from botocore.exceptions import ClientError

    t = S3Transport(ShareConfig(kind="s3", bucket="pole-bfc", user="AKIA"), "secret")
    error = ClientError({"Error": {"Code": code, "Message": "x"}, "ResponseMetadata": {"HTTPStatusCode": status}},
                        "GetObject")
    assert expected in str(t._fail(error, "la lecture", "a.chg"))


def test_s3_listings_follow_every_page(s3, monkeypatch) -> None:
    monkeypatch.setattr(s3_module, "LIST_PAGE", 3)
    t = s3.transport()
    names = [f"{i:08d}.chg" for i in range(1, 9)]
    for n in names:
        s3.put(f"devices/abc/{n}", b"x")
    for d in ("d1", "d2", "d3", "d4"):
        s3.put(f"devices/{d}/manifest.json", b"{}")
    s3.put("devices/abc/00000009.chg.tmp-0a1b2c", b"half")
    assert t.list("devices/abc") == names
    assert t.list_dirs("devices") == ["abc", "d1", "d2", "d3", "d4"]


def test_webdav_upload_whose_stored_size_differs_is_not_moved_into_place(dav, monkeypatch) -> None:
    """A server that kept fewer bytes than sent (a full quota mid-upload, a proxy cutting the body):
    simulated by under-reporting the size of the temporary file only."""
    from types import SimpleNamespace

    t = dav.transport()
    t.write_atomic("manifest.json", b'{"v": 1}')
    real_stat = WebDavTransport._stat

    def short_stat(self, path: str):  # noqa: ANN202
        inner = real_stat(self, path)
        if ".tmp-" not in path:
            return inner
        return lambda c: SimpleNamespace(content_length=(inner(c).content_length or 0) - 1, collection=False)

    monkeypatch.setattr(WebDavTransport, "_stat", short_stat)
    with pytest.raises(TransportError, match="mal enregistré"):
        t.write_atomic("manifest.json", b'{"v": 2}')
    assert dav.get("manifest.json") == b'{"v": 1}'
    assert dav.names() == ["manifest.json"]  # the temporary file was removed
