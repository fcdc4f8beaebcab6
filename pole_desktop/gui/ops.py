"""The one way a screen reads or writes the database (after Anki's ``aqt/operations``).

- :func:`run_read` runs ``fn(session)`` — a query of ``pole_desktop.services.queries`` (or any core
  function returning plain data: dataclasses, tuples, never ORM objects) — on the ``db`` queue
  with a read-only session, and hands the result to ``on_done`` on the GUI thread.
- :func:`run_write` runs ``fn(session)`` — a service function — on the ``db`` queue inside one
  journaled transaction. On success it tells exactly the screens that show the tables the
  transaction touched (``ctx.events.changed``, from the journal's ``touched_tables``), then calls
  ``on_done(result)``. On failure nothing is saved; a :class:`ValidationError`'s French messages
  go next to their fields (``errors_to``), any other error is shown in French.

Only this module (and the modules still listed in ``tests/unit/test_no_sessions_in_gui.py``)
opens database sessions under ``gui/``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from sqlalchemy.orm import Session

from pole_desktop.errors import user_message
from pole_desktop.gui.helpers import set_error
from pole_desktop.gui.tasks import CancelToken
from pole_desktop.services.validation import ValidationError
from pole_desktop.storage.journal import touched_tables

T = TypeVar("T")

# Where a write's errors go: {field name: its error label} (the "" label takes messages of
# fields without one and errors that are not about a field), or a callable taking the exception.
ErrorTarget = Mapping[str, QLabel] | Callable[[BaseException], Any]


class Changed(set[str]):
    """The tables a write touched, as ``ctx.events.changed`` carries them; ``origin`` is the screen
    that made the change and already shows it in place (it is not refreshed)."""

    origin: object = None


@dataclass
class Write:
    """A write handed to the ``db`` queue: ``ok`` is None while it runs, then True (committed) or
    False (refused, nothing saved). With the tests' synchronous runner it is known at once."""

    token: CancelToken | None = None
    ok: bool | None = None
    _then: list[Callable[[bool], Any]] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.ok is False

    def then(self, fn: Callable[[bool], Any]) -> None:
        """``fn(ok)`` once the write is done (now if it already is), after its ``on_done``."""
        if self.ok is None:
            self._then.append(fn)
        else:
            fn(self.ok)

    def _finish(self, ok: bool) -> None:
        self.ok = ok
        waiting, self._then = self._then, []
        for fn in waiting:
            fn(ok)


def run_read(
    ctx: Any,
    fn: Callable[[Session], T],
    on_done: Callable[[T], Any],
    *,
    on_error: Callable[[BaseException], Any] | None = None,
    parent: QWidget | None = None,
) -> CancelToken:
    """Run the query ``fn(session)`` in the background; ``on_done(result)`` on the GUI thread.

    With the tests' ``TaskRunner(synchronous=True)`` ``on_done`` has run when this returns.
    """
    db = ctx.db

    def job(_token: object, _report: object) -> T:
        with db.read() as s:
            return fn(s)

    def failed(error: BaseException) -> None:
        if on_error is not None:
            on_error(error)
        else:
            QMessageBox.warning(parent, "Lecture impossible", user_message(error))

    return ctx.tasks.run(job, on_done, failed)


def run_write(
    ctx: Any,
    fn: Callable[[Session], T],
    on_done: Callable[[T], Any] | None = None,
    errors_to: ErrorTarget | None = None,
    *,
    parent: QWidget | None = None,
    title: str = "Enregistrement impossible",
    origin: object = None,
) -> Write:
    """Run the service call ``fn(session)`` in one journaled transaction in the background.

    Success: screens showing a touched table refresh (visible ones now, hidden ones when shown),
    then ``on_done(result)``. Failure: nothing saved, French messages next to the fields.
    ``origin``: the screen that updates itself in place (e.g. a presence ticked) — not refreshed.
    """
    db = ctx.db
    write = Write()
    if isinstance(errors_to, Mapping):
        for label in errors_to.values():
            set_error(label, None)

    def job(_token: object, _report: object) -> tuple[T, set[str]]:
        with db.session() as s:
            touched = touched_tables(s)  # filled by every flush, the commit's included
            result = fn(s)
        return result, set(touched)

    def done(out: tuple[T, set[str]]) -> None:
        result, tables = out
        write.ok = True
        if tables:
            changed = Changed(tables)
            changed.origin = origin
            ctx.events.changed.emit(changed)
        if on_done is not None:
            on_done(result)
        write._finish(True)

    def failed(error: BaseException) -> None:
        write.ok = False
        show_error(error, errors_to, parent=parent, title=title)
        write._finish(False)

    write.token = ctx.tasks.run(job, done, failed)
    return write


def show_error(
    error: BaseException, errors_to: ErrorTarget | None, *, parent: QWidget | None = None,
    title: str = "Enregistrement impossible",
) -> None:
    """Show ``error`` in French: per field in ``errors_to`` labels, else in a message box."""
    if errors_to is not None and not isinstance(errors_to, Mapping):
        errors_to(error)
        return
    labels = dict(errors_to or {})
    rest: list[str] = []
    if isinstance(error, ValidationError):
        for name, message in error.errors.items():
            if name in labels and name != "":
                set_error(labels[name], message)
            else:
                rest.append(message)
    else:
        rest.append(user_message(error))
    if not rest:
        return
    if "" in labels:
        set_error(labels[""], "\n".join(rest))
    else:
        QMessageBox.warning(parent, title, "\n".join(rest))
