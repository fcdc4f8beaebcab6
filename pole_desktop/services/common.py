"""Shared helpers of the services: the current advisor, form checking (dates come from ``pole_desktop.clock``).

A service takes a Session opened by ``Database.session()`` (one transaction), validates
everything first, and only then writes: invalid input raises ``ValidationError`` with a
French message per field and nothing is saved (the caller's transaction rolls back).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from pole_desktop.services.validation import FieldError, ValidationError

T = TypeVar("T")

def current_author(session: Session) -> str | None:
    ctx = session.info.get("journal")
    return ctx.author_id if ctx else None


def get_or_error(session: Session, model: type[T], row_id: str | None, label: str) -> T:
    obj = session.get(model, row_id) if row_id else None
    if obj is None:
        raise ValidationError({"__all__": f"{label} introuvable (il a peut-être été supprimé ou fusionné)."})
    return obj


class Form:
    """Collects field errors while reading a dict of submitted values."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = values
        self.errors: dict[str, str] = {}
        self.clean: dict[str, Any] = {}

    def has(self, name: str) -> bool:
        return name in self.values

    def raw(self, name: str) -> Any:
        v = self.values.get(name)
        if isinstance(v, str):
            v = v.strip()
            if v == "":
                return None
        return v

    def field(
        self,
        name: str,
        check: Callable[..., Any] | None = None,
        *args: Any,
        required: str | None = None,
    ) -> Any:
        """Read ``name``; ``required`` is the French message when it is missing."""
        value = self.raw(name)
        if value is None:
            if required:
                self.errors[name] = required
            self.clean[name] = None
            return None
        if check is not None:
            try:
                value = check(value, *args)
            except FieldError as e:
                self.errors[name] = e.message
                value = None
            except ValidationError as e:
                self.errors.update(e.errors)
                value = None
        self.clean[name] = value
        return value

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ValidationError(dict(self.errors))

    def apply(self, obj: Any, names: list[str] | None = None) -> None:
        """Copy cleaned values present in the submission onto ``obj``."""
        for name, value in self.clean.items():
            if (names is None or name in names) and self.has(name):
                setattr(obj, name, value)


def as_date(value: Any) -> dt.date:
    """A date between 1900 and 2100 (``check_year_range``)."""
    from pole_desktop.services.validation import check_year_range

    if isinstance(value, dt.datetime):
        return check_year_range(value.date())
    if isinstance(value, dt.date):
        return check_year_range(value)
    try:
        return check_year_range(dt.date.fromisoformat(str(value)))
    except ValueError:
        try:
            return check_year_range(dt.datetime.strptime(str(value), "%d/%m/%Y").date())
        except ValueError:
            raise FieldError("date", "Date invalide : utilisez le format JJ/MM/AAAA.") from None


def as_datetime(value: Any) -> dt.datetime:
    """A date-time between 1900 and 2100 (a rendez-vous on 9999-12-31 is refused, never overflows)."""
    from pole_desktop.services.validation import check_year_range

    if isinstance(value, dt.datetime):
        return check_year_range(value.replace(microsecond=0))
    try:
        parsed = dt.datetime.fromisoformat(str(value)).replace(microsecond=0)
    except ValueError:
        raise FieldError("date", "Date et heure invalides.") from None
    return check_year_range(parsed)


def as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in {"1", "true", "oui", "vrai", "x"}
    return bool(value)


def as_text(value: Any, max_len: int = 300, *, multiline: bool = False) -> str:
    """Trimmed text of at most ``max_len`` characters, without invisible or control characters."""
    from pole_desktop.services.validation import check_characters

    text = str(value).strip()
    if len(text) > max_len:
        raise FieldError("texte", f"Ce texte est trop long ({len(text)} caractères, {max_len} au maximum).")
    return check_characters(text, multiline=multiline)


def as_long_text(value: Any) -> str:
    return as_text(value, 100_000, multiline=True)


def one_of(choices: Mapping[str, object], label: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in choices:
            raise FieldError(label, f"Valeur inconnue pour « {label} » : {value}.")
        return str(value)

    return check
