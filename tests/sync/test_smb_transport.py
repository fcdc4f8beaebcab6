"""SmbTransport against a real Samba server: French errors, credentials, reconnection, secrecy."""

from __future__ import annotations

import logging
import os
import signal
import traceback
from pathlib import Path

import pytest

from pole_desktop.sync.smb import SmbTransport
from pole_desktop.sync.transport import TransportError
from tests.infra.samba import free_port
from tests.sync.smb_helpers import own_folder, smb_config

REFUSED = "Identifiant ou mot de passe refusé par le partage."


def _all_text(error: BaseException) -> str:
    return str(error) + repr(error) + "".join(traceback.format_exception(error))


def test_wrong_password_is_refused_in_french(samba_server) -> None:
    folder = own_folder(samba_server)
    t = SmbTransport(smb_config(samba_server, folder), "not-the-password")
    with pytest.raises(TransportError) as err:
        t.check()
    assert str(err.value) == REFUSED
    assert "not-the-password" not in _all_text(err.value)
    t.close()


def test_a_good_session_does_not_let_a_wrong_password_in(samba_server) -> None:
    """register_session reuses a cached session: each transport keeps its own connections."""
    folder = own_folder(samba_server)
    good = SmbTransport(smb_config(samba_server, folder), samba_server.password)
    good.check()
    bad = SmbTransport(smb_config(samba_server, folder), "wrong")
    with pytest.raises(TransportError, match="mot de passe refusé"):
        bad.check()
    good.check()  # still connected and working
    good.close()
    bad.close()


def test_unknown_user_is_refused(samba_server) -> None:
    folder = own_folder(samba_server)
    t = SmbTransport(smb_config(samba_server, folder, user="personne"), samba_server.password)
    with pytest.raises(TransportError) as err:
        t.list("")
    assert str(err.value) == REFUSED


def test_no_password_stored_is_explained(samba_server) -> None:
    t = SmbTransport(smb_config(samba_server, own_folder(samba_server)), None)
    with pytest.raises(TransportError, match="Aucun mot de passe enregistré"):
        t.check()


def test_unreachable_server_in_french(samba_server) -> None:
    t = SmbTransport(smb_config(samba_server, "x", port=free_port()), samba_server.password)
    with pytest.raises(TransportError) as err:
        t.check()
    assert str(err.value) == "Impossible de joindre le serveur 127.0.0.1 : vérifiez le réseau ou le VPN."


def test_unknown_host_in_french(samba_server) -> None:
    t = SmbTransport(smb_config(samba_server, "x", server="nas.invalid"), samba_server.password)
    with pytest.raises(TransportError, match="Impossible de joindre le serveur nas.invalid"):
        t.list("")


def test_unknown_share_is_not_an_empty_folder(samba_server) -> None:
    t = SmbTransport(smb_config(samba_server, "", share="inconnu"), samba_server.password)
    with pytest.raises(TransportError, match="Le partage « inconnu » n'existe pas"):
        t.check()
    # Listing must fail too: an unknown share looking empty would defeat the empty-share fail-safe.
    with pytest.raises(TransportError, match="n'existe pas"):
        t.list_dirs("")


def test_missing_base_folder_in_french(samba_server) -> None:
    t = SmbTransport(smb_config(samba_server, "Pôle Desktop/synchro-absente"), samba_server.password)
    with pytest.raises(TransportError) as err:
        t.check()
    assert str(err.value) == (
        "Le dossier « Pôle Desktop/synchro-absente » n'existe pas sur le partage pole."
    )


def test_base_folder_with_accents_spaces_and_backslashes(samba_server) -> None:
    base = Path(samba_server.root_dir) / own_folder(samba_server) / "Pôle Desktop"
    base.mkdir()
    folder = "\\".join(base.relative_to(samba_server.root_dir).parts)
    t = SmbTransport(smb_config(samba_server, folder), samba_server.password)
    t.check()
    t.write_atomic("v1/m.json", b"{}")
    assert (base / "v1" / "m.json").read_bytes() == b"{}"
    assert "Pôle Desktop" in t.describe()


def test_base_folder_cannot_climb_out_of_the_share(samba_server) -> None:
    with pytest.raises(TransportError, match="refusé"):
        SmbTransport(smb_config(samba_server, "a/../.."), samba_server.password)


def test_password_never_shown(samba_server, caplog: pytest.LogCaptureFixture) -> None:
    secret = samba_server.password
    caplog.set_level(logging.DEBUG)
    folder = own_folder(samba_server)
    t = SmbTransport(smb_config(samba_server, folder), secret)
    t.write_atomic("a.chg", b"x")
    t.read("a.chg")
    wrong = SmbTransport(smb_config(samba_server, folder), secret + "-faux")
    with pytest.raises(TransportError) as err:
        wrong.list("")
    for text in (t.describe(), repr(t), str(vars(t)), wrong.describe(), repr(wrong), _all_text(err.value)):
        assert secret not in text
    assert secret not in caplog.text
    t.close()


def test_connection_dropped_then_back(samba_server) -> None:
    folder = own_folder(samba_server)
    t = SmbTransport(smb_config(samba_server, folder), samba_server.password)
    t.write_atomic("a.chg", b"avant")
    samba_server.stop()
    try:
        with pytest.raises(TransportError, match="Impossible de joindre le serveur"):
            t.write_atomic("b.chg", b"pendant")
        with pytest.raises(TransportError, match="Impossible de joindre le serveur"):
            t.read("a.chg")
    finally:
        samba_server.start()
    # The same transport connects again by itself.
    assert t.read("a.chg") == b"avant"
    t.write_atomic("b.chg", "après".encode())
    assert t.list("") == ["a.chg", "b.chg"]
    t.close()


def test_default_receive_timeout_is_short(samba_server, monkeypatch) -> None:
    from pole_desktop.sync import smb

    monkeypatch.delenv(smb.RECEIVE_TIMEOUT_ENV, raising=False)
    SmbTransport(smb_config(samba_server, "x"), samba_server.password)
    assert int(os.environ[smb.RECEIVE_TIMEOUT_ENV]) <= 30


def test_server_that_stops_answering_is_given_up(samba_server, monkeypatch) -> None:
    """A frozen server (no RST, like a VPN that vanished): the call fails instead of hanging."""
    from pole_desktop.sync import smb

    monkeypatch.setenv(smb.RECEIVE_TIMEOUT_ENV, "1")  # read by smbprotocol for each new connection
    folder = own_folder(samba_server)
    t = SmbTransport(smb_config(samba_server, folder), samba_server.password)
    t.write_atomic("a.chg", b"x")
    os.killpg(samba_server.pid, signal.SIGSTOP)
    try:
        with pytest.raises(TransportError) as err:
            t.read("a.chg")
    finally:
        os.killpg(samba_server.pid, signal.SIGCONT)
    assert str(err.value) == "Impossible de joindre le serveur 127.0.0.1 : vérifiez le réseau ou le VPN."
    assert t.read("a.chg") == b"x"  # a new connection once the server answers again
    t.close()
