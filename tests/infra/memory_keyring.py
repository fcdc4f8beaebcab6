"""An in-memory keyring backend for tests that need a working keyring but not a real one."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.credentials import SimpleCredential
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Keeps secrets in a dict; install it with ``keyring.set_keyring(MemoryKeyring())``.

    ``passwords`` maps ``(service, username)`` to the secret, for assertions.
    """

    @properties.classproperty
    def priority(cls) -> float:
        # keyring registers every backend class it sees: never let it pick this one by itself.
        raise RuntimeError("test-only backend: install it explicitly with keyring.set_keyring")

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.passwords[(service, username)]
        except KeyError:
            raise PasswordDeleteError(f"no password for {username!r} on {service!r}") from None

    def get_credential(self, service: str, username: str | None) -> SimpleCredential | None:
        if username is not None:
            password = self.get_password(service, username)
            return None if password is None else SimpleCredential(username, password)
        for (svc, user), password in self.passwords.items():
            if svc == service:
                return SimpleCredential(user, password)
        return None
