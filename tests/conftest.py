"""Fixtures shared by the whole suite.

- ``data_dir``: an empty application data folder (``tmp_path / "data"``).
- ``samba_server`` (session): a real smbd on 127.0.0.1 serving the share ``pole``; see
  :mod:`tests.infra.samba`. Tests using it are marked ``smb``.
- ``secret_service_keyring``: a ``keyring.backends.SecretService.Keyring`` on a real, unlocked,
  throwaway gnome-keyring, installed as the keyring for the test; see
  :mod:`tests.infra.keyring_service`. Tests using it are marked ``keyring_service``.
- ``memory_keyring``: an in-memory keyring installed for the test. Every other test also gets a
  fresh in-memory keyring (autouse ``_isolated_keyring``): the database key never goes to a
  developer's real keyring.

A missing system component skips the test on a developer's machine and fails it under
``CI=true`` (:func:`tests.infra.require`).

**The suite runs on a fixed day.** Before any test module is imported, the clock
(:mod:`pole_desktop.clock`) is fixed at ``SUITE_START`` — or at the day given in
``POLE_DESKTOP_CLOCK`` (``POLE_DESKTOP_CLOCK=2028-02-29 scripts/test.sh``; .ci/run does a second
pass on trap days) — and runs on from there; the variable is exported with its anchor so every
subprocess a test starts reads the same clock. After each test the suite clock is put back; a
test that wants another instant uses ``clock_at("2027-03-28T01:58")``.
"""

import os

# Before anything imports Qt: no display is needed, on a laptop or in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
import time  # noqa: E402

from pole_desktop import clock  # noqa: E402

SUITE_START = "2026-11-26T10:00"


def _fix_suite_clock() -> tuple[dt.datetime, float]:
    raw = os.environ.get(clock.ENV_VAR, "")
    text, _, epoch = raw.partition("@")
    start = clock.parse_instant(text or SUITE_START)
    anchor = float(epoch) if epoch else time.time()
    os.environ[clock.ENV_VAR] = clock.environment_value(start, anchor)
    clock.set_fixed(start, anchor)
    return start, anchor


_SUITE_CLOCK = _fix_suite_clock()

from collections.abc import Callable, Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import keyring  # noqa: E402
import keyring.core  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

from tests.infra import in_ci, require  # noqa: E402
from tests.infra import keyring_service as _keyring_service  # noqa: E402
from tests.infra import samba as _samba  # noqa: E402
from tests.infra.memory_keyring import MemoryKeyring  # noqa: E402

# Fixtures that need a system component, and the marker their tests get automatically.
_COMPONENT_MARKERS = {"samba_server": "smb", "secret_service_keyring": "keyring_service"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in _COMPONENT_MARKERS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)


def pytest_report_header(config: pytest.Config) -> str:
    return f"horloge des tests : {_SUITE_CLOCK[0].isoformat()} (Europe/Paris), puis elle avance"


# --------------------------------------------------------------------------------------- clock
@pytest.fixture(autouse=True)
def _suite_clock() -> Iterator[None]:
    """Every test starts on the suite's clock, whatever the previous test did to it."""
    yield
    start, anchor = _SUITE_CLOCK
    clock.set_fixed(start, anchor)
    os.environ[clock.ENV_VAR] = clock.environment_value(start, anchor)


@pytest.fixture
def clock_at(monkeypatch: pytest.MonkeyPatch) -> Callable[[str | dt.datetime], dt.datetime]:
    """``clock_at("2028-02-29")`` moves this test (and the subprocesses it starts) to that instant."""

    def move(instant: str | dt.datetime) -> dt.datetime:
        start = clock.parse_instant(instant) if isinstance(instant, str) else instant
        anchor = time.time()
        clock.set_fixed(start, anchor)
        monkeypatch.setenv(clock.ENV_VAR, clock.environment_value(start, anchor))
        return clock.now()

    return move


# ---------------------------------------------------------------------------------------- data
@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty application data folder for this test."""
    path = tmp_path / "data"
    path.mkdir()
    return path


# --------------------------------------------------------------------------------------- Samba
@pytest.fixture(scope="session")
def samba_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_samba.SambaServer]:
    """A real Samba server for the whole session (share ``pole``, user ``pole``).

    Use ``host``, ``port``, ``share``, ``user``, ``password``, ``root_dir``, ``unc(...)`` and
    ``client_kwargs``; ``stop()``/``start()`` simulate the connection dropping and coming back.
    The share is shared by every test of the session: work in a folder of your own.
    """
    reason = _samba.missing_requirements()
    if reason:
        require("Samba server (smbd)", reason)
    server = _samba.SambaServer(tmp_path_factory.mktemp("samba"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _samba_running_for_each_test(request: pytest.FixtureRequest) -> None:
    """A test that stopped the server and failed before ``start()`` must not break the next ones."""
    if "samba_server" in request.fixturenames:
        request.getfixturevalue("samba_server").start()


# ------------------------------------------------------------------------------------- keyring
@contextmanager
def _installed_keyring(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    """Make ``backend`` the process-wide keyring, then put back exactly what was there."""
    previous = keyring.core._keyring_backend  # None until keyring has chosen one: keep it lazy
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.core._keyring_backend = previous


@pytest.fixture(scope="session")
def _secret_service_bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a D-Bus session with a working Secret Service (see keyring_service)."""
    component = "Secret Service keyring (D-Bus + gnome-keyring)"
    existing = os.environ.get(_keyring_service.BUS_VARIABLE)
    reasons = []
    if existing and in_ci():  # .ci/run's throwaway session; never a developer's own keyring
        reason = _keyring_service.probe(existing)
        if reason is None:
            yield existing
            return
        reasons.append(f"session bus: {reason}")
    missing = _keyring_service.PrivateSecretService.missing_requirements()
    if missing:
        require(component, "; ".join([*reasons, missing]))
    service = _keyring_service.PrivateSecretService(tmp_path_factory.mktemp("secret-service"))
    try:
        service.start()
    except RuntimeError as error:
        require(component, "; ".join([*reasons, str(error)]))
    try:
        yield service.address
    finally:
        service.stop()


@pytest.fixture
def secret_service_keyring(
    _secret_service_bus: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[KeyringBackend]:
    """The real Secret Service backend, installed as the keyring for this test.

    Items the test creates are deleted afterwards.
    """
    from keyring.backends.SecretService import Keyring

    monkeypatch.setenv(_keyring_service.BUS_VARIABLE, _secret_service_bus)
    before = _keyring_service.default_collection_items()
    with _installed_keyring(Keyring()) as backend:
        yield backend
    _keyring_service.delete_items_except(before)


@pytest.fixture(autouse=True)
def _isolated_keyring(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test gets its own empty in-memory keyring unless it asks for a specific one.

    ``open_database`` stores the database key in the keyring: tests must never write into a
    developer's real keyring, and must not depend on whether the machine has one. A test that
    wants "no keyring" installs ``keyring.backends.fail.Keyring`` itself.
    """
    if {"secret_service_keyring", "memory_keyring"} & set(request.fixturenames):
        yield
        return
    with _installed_keyring(MemoryKeyring()):
        yield


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An in-memory keyring installed for this test (``.passwords`` holds what was stored)."""
    with _installed_keyring(MemoryKeyring()) as backend:
        yield backend


# ------------------------------------------------------------------------------------- sealed share
TEAM_PHRASE = "phrase d'équipe des tests, Dijon 2026"


@pytest.fixture(autouse=True)
def _team_phrase(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test's laptops know the team phrase of the sealed share (as the CLI reads it), with a
    cheaper scrypt for shares created in this process. Tests of a laptop without it delete the variable."""
    monkeypatch.setenv("POLE_DESKTOP_TEAM_PHRASE", TEAM_PHRASE)
    from pole_desktop.sync import sealing

    monkeypatch.setattr(sealing, "SCRYPT_N", 2**12)


# ------------------------------------------------------------------------------- GUI laptops
@pytest.fixture
def gui_laptops(tmp_path: Path, qapp: Any) -> Iterator[Callable[..., Any]]:
    """``make(name, synchronous=True)`` → a :class:`tests.gui.laptops.GuiLaptop` (an AppContext over
    its own data directory); everything is closed afterwards. Qt is imported only when used."""
    from PySide6.QtCore import QSettings

    from pole_desktop.domain import models as m
    from pole_desktop.gui.context import AppContext
    from pole_desktop.gui.tasks import TaskRunner
    from pole_desktop.safety.opening import open_database
    from pole_desktop.storage.database import USER_KEY
    from tests.gui.laptops import GuiLaptop, advisor_row

    made: list[GuiLaptop] = []

    def make(name: str, *, synchronous: bool = True) -> GuiLaptop:
        database = open_database(tmp_path / name)
        advisor = advisor_row(len(made))
        with database.session() as s:
            s.add(m.Accompagnateur(**advisor))
        database.set_state(USER_KEY, advisor["id"])
        settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
        context = AppContext(db=database, tasks=TaskRunner(synchronous=synchronous), settings=settings)
        laptop = GuiLaptop(name, database, context)
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.ctx.tasks.wait_idle()
        laptop.ctx.tasks.shutdown()
        laptop.db.close()
