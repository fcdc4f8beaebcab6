"""The SMB password in the OS keyring: in memory, with no keyring at all, and a real Secret Service."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.core
import pytest
from keyring.backends import fail, null

from pole_desktop.sync import credentials
from pole_desktop.sync.credentials import (
    SERVICE,
    UNAVAILABLE_FR,
    CredentialStoreUnavailable,
    delete_password,
    get_password,
    set_password,
)
from pole_desktop.sync.transport import TransportError
from tests.sync.smb_helpers import share_config_class


def _cfg(user: str = "marie.dupont", server: str = "NAS-Pole"):
    return share_config_class()(kind="smb", server=server, share="pole", user=user)


@pytest.fixture(params=[fail.Keyring, null.Keyring], ids=["fail", "null"])
def no_keyring(request: pytest.FixtureRequest) -> Iterator[None]:
    previous = keyring.core._keyring_backend
    keyring.set_keyring(request.param())
    try:
        yield
    finally:
        keyring.core._keyring_backend = previous


def test_round_trip_in_memory(memory_keyring) -> None:
    cfg = _cfg()
    assert get_password(cfg) is None
    set_password(cfg, "s3cret-é")
    assert memory_keyring.passwords == {(SERVICE, "marie.dupont@nas-pole"): "s3cret-é"}
    assert get_password(cfg) == "s3cret-é"
    set_password(cfg, "nouveau")
    assert get_password(cfg) == "nouveau"
    delete_password(cfg)
    assert get_password(cfg) is None
    delete_password(cfg)  # nothing stored: no error


def test_one_entry_per_account_and_server(memory_keyring) -> None:
    set_password(_cfg("a", "nas1"), "pa")
    set_password(_cfg("b", "nas1"), "pb")
    set_password(_cfg("a", "nas2"), "pc")
    assert get_password(_cfg("a", "nas1")) == "pa"
    assert get_password(_cfg("b", "nas1")) == "pb"
    assert get_password(_cfg("a", "NAS2")) == "pc"


def test_empty_password_is_not_stored(memory_keyring) -> None:
    with pytest.raises(ValueError):
        set_password(_cfg(), "")
    assert memory_keyring.passwords == {}


def test_no_keyring_is_said_in_french(no_keyring, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert credentials.available() is False
    for op in (lambda: set_password(_cfg(), "pw"), lambda: get_password(_cfg()), lambda: delete_password(_cfg())):
        with pytest.raises(CredentialStoreUnavailable) as err:
            op()
        assert str(err.value) == UNAVAILABLE_FR
        assert isinstance(err.value, TransportError)  # a sync reports it like any share problem
    assert list(tmp_path.iterdir()) == []  # and nothing was written anywhere instead


def test_a_plain_file_backend_is_refused(tmp_path) -> None:
    """A backend from keyrings.alt (secrets in a file) must never receive the password."""
    from keyring.backend import KeyringBackend
    from keyring.compat import properties

    stored: dict = {}

    class PlaintextKeyring(KeyringBackend):
        @properties.classproperty
        def priority(cls) -> float:
            # keyring registers every backend class: never let its automatic choice pick this one.
            raise RuntimeError("test-only backend")

        def get_password(self, service, username):
            return stored.get((service, username))

        def set_password(self, service, username, password):
            stored[(service, username)] = password

        def delete_password(self, service, username):
            stored.pop((service, username), None)

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    previous = keyring.core._keyring_backend
    keyring.set_keyring(PlaintextKeyring())
    try:
        with pytest.raises(CredentialStoreUnavailable):
            set_password(_cfg(), "pw")
    finally:
        keyring.core._keyring_backend = previous
    assert stored == {}


def test_real_secret_service(secret_service_keyring) -> None:
    from keyring.backends.SecretService import Keyring

    assert isinstance(keyring.get_keyring(), Keyring)
    cfg = _cfg("pole", "127.0.0.1")
    assert credentials.available()
    assert get_password(cfg) is None
    set_password(cfg, "mot-de-passe-été")
    # Read back through a fresh backend object: it really is in the Secret Service.
    assert Keyring().get_password(SERVICE, "pole@127.0.0.1") == "mot-de-passe-été"
    assert get_password(cfg) == "mot-de-passe-été"
    delete_password(cfg)
    assert Keyring().get_password(SERVICE, "pole@127.0.0.1") is None
    delete_password(cfg)


def test_open_transport_takes_the_password_from_the_keyring(samba_server, memory_keyring) -> None:
    from pole_desktop.sync import config
    from tests.sync.smb_helpers import own_folder, smb_config

    cfg = smb_config(samba_server, own_folder(samba_server))
    set_password(cfg, samba_server.password)
    transport = config.open_transport(cfg)
    try:
        transport.check()
        transport.write_atomic("x.chg", b"ok")
        assert transport.read("x.chg") == b"ok"
    finally:
        transport.close()
    delete_password(cfg)
    with pytest.raises(TransportError, match="Aucun mot de passe"):
        config.open_transport(cfg).check()
