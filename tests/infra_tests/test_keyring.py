"""Keyring fixtures: the real Secret Service, the in-memory backend, and their clean-up."""

import keyring
import keyring.core
import pytest
from keyring.errors import PasswordDeleteError

from tests.infra.memory_keyring import MemoryKeyring

SERVICE = "pole-desktop-tests"


def _round_trip():
    keyring.set_password(SERVICE, "alice", "clé secrète €")
    assert keyring.get_password(SERVICE, "alice") == "clé secrète €"
    keyring.set_password(SERVICE, "alice", "autre")
    assert keyring.get_password(SERVICE, "alice") == "autre"
    keyring.delete_password(SERVICE, "alice")
    assert keyring.get_password(SERVICE, "alice") is None
    with pytest.raises(PasswordDeleteError):
        keyring.delete_password(SERVICE, "alice")


def test_secret_service_round_trip(secret_service_keyring):
    from keyring.backends.SecretService import Keyring

    assert isinstance(secret_service_keyring, Keyring)
    assert keyring.get_keyring() is secret_service_keyring
    _round_trip()


def test_secret_service_items_left_by_a_test_are_removed_1(secret_service_keyring):
    keyring.set_password(SERVICE, "leftover", "x")


def test_secret_service_items_left_by_a_test_are_removed_2(secret_service_keyring):
    assert keyring.get_password(SERVICE, "leftover") is None


def test_memory_keyring_round_trip(memory_keyring):
    assert keyring.get_keyring() is memory_keyring
    _round_trip()
    keyring.set_password(SERVICE, "bob", "pw")
    assert memory_keyring.passwords == {(SERVICE, "bob"): "pw"}
    assert keyring.get_credential(SERVICE, None).username == "bob"


_installed_during_previous_test = []


def test_memory_keyring_is_installed_for_the_test(memory_keyring):
    _installed_during_previous_test.append(memory_keyring)
    assert keyring.core._keyring_backend is memory_keyring


def test_memory_keyring_is_uninstalled_after_the_test():
    # Runs after the test above (file order): whatever was there before is back.
    assert _installed_during_previous_test
    assert keyring.core._keyring_backend is not _installed_during_previous_test[0]


def test_memory_keyring_is_never_chosen_automatically():
    assert not MemoryKeyring.viable
    assert all(not isinstance(k, MemoryKeyring) for k in keyring.backend.get_all_keyring())
