"""The Samba fixture really serves files over SMB, refuses bad passwords, and can drop and come back."""

import uuid

import pytest
import smbclient
from smbprotocol.exceptions import LogonFailure, SMBException


@pytest.fixture
def smb(samba_server):
    """smbclient keyword arguments with a connection cache of this test's own."""
    cache = {}
    yield dict(samba_server.client_kwargs, connection_cache=cache)
    smbclient.reset_connection_cache(fail_on_error=False, connection_cache=cache)


@pytest.fixture
def folder(samba_server, smb):
    """A folder of this test's own on the share: (UNC path, local path)."""
    name = f"t-{uuid.uuid4().hex[:8]}"
    smbclient.mkdir(samba_server.unc(name), **smb)
    return samba_server.unc(name), samba_server.root_dir / name


def test_write_list_rename_read(samba_server, smb, folder):
    unc, local = folder
    with smbclient.open_file(f"{unc}\\brouillon.txt", mode="w", encoding="utf-8", **smb) as f:
        f.write("Compte-rendu : réunion à Dijon, 1 234,50 €\n")

    assert smbclient.listdir(unc, **smb) == ["brouillon.txt"]
    smbclient.rename(f"{unc}\\brouillon.txt", f"{unc}\\final.txt", **smb)
    # Not entry.stat(): it reconnects without the port (to 445). smbclient.stat(entry.path, port=…) works.
    entries = {e.name: smbclient.stat(e.path, **smb).st_size for e in smbclient.scandir(unc, **smb)}
    assert set(entries) == {"final.txt"}

    with smbclient.open_file(f"{unc}\\final.txt", encoding="utf-8", **smb) as f:
        assert f.read() == "Compte-rendu : réunion à Dijon, 1 234,50 €\n"
    # The share is the local root_dir.
    assert (local / "final.txt").read_text(encoding="utf-8").startswith("Compte-rendu")
    assert entries["final.txt"] == (local / "final.txt").stat().st_size


def test_replace_existing_file_and_edit_locally_seeded_file(samba_server, smb, folder):
    unc, local = folder
    (local / "seeded.txt").write_text("from the test, as root")  # files put there locally are usable
    with smbclient.open_file(f"{unc}\\seeded.txt", mode="a", **smb) as f:
        f.write(" + over SMB")
    with smbclient.open_file(f"{unc}\\new.txt", mode="w", **smb) as f:
        f.write("new version")
    smbclient.replace(f"{unc}\\new.txt", f"{unc}\\seeded.txt", **smb)
    assert (local / "seeded.txt").read_text() == "new version"
    assert sorted(p.name for p in local.iterdir()) == ["seeded.txt"]


def test_wrong_password_is_refused(samba_server):
    cache = {}
    try:
        with pytest.raises((LogonFailure, SMBException)):
            smbclient.register_session(
                samba_server.host,
                username=samba_server.user,
                password="not-the-password",
                port=samba_server.port,
                connection_cache=cache,
            )
    finally:
        smbclient.reset_connection_cache(fail_on_error=False, connection_cache=cache)
    cache = {}
    try:  # and the right one is accepted, on a fresh connection
        smbclient.register_session(
            samba_server.host,
            username=samba_server.user,
            password=samba_server.password,
            port=samba_server.port,
            connection_cache=cache,
        )
    finally:
        smbclient.reset_connection_cache(fail_on_error=False, connection_cache=cache)


def test_stop_drops_clients_and_start_brings_back_same_port_and_data(samba_server, smb, folder):
    unc, _ = folder
    with smbclient.open_file(f"{unc}\\avant.txt", mode="w", **smb) as f:
        f.write("written before the drop")
    port, pid = samba_server.port, samba_server.pid

    samba_server.stop()
    try:
        assert not samba_server.running
        with pytest.raises(Exception):  # noqa: B017 - the connection is gone: any error of smbprotocol's will do
            smbclient.listdir(unc, **smb)
    finally:
        samba_server.start()

    assert samba_server.running and samba_server.port == port and samba_server.pid != pid
    # The same client reconnects by itself (its cached connection is seen as closed).
    assert smbclient.listdir(unc, **smb) == ["avant.txt"]
    with smbclient.open_file(f"{unc}\\avant.txt", **smb) as f:
        assert f.read() == "written before the drop"
