"""French display of values for screens: people, advisors, communes, codes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pole_desktop.formatting import (
    format_date_long,
    format_date_short,
    format_time,
)
from pole_desktop.services.queries.common import commune_nom  # noqa: F401 - re-exported for screens


def relative_day(day: dt.date, today: dt.date) -> str:
    if day == today:
        return "aujourd'hui"
    if day == today - dt.timedelta(days=1):
        return "hier"
    if day == today + dt.timedelta(days=1):
        return "demain"
    return f"le {format_date_short(day)}"


def when_text(moment: dt.datetime, now: dt.datetime) -> str:
    """``"hier 18:04"``, ``"aujourd'hui 09:12"``, ``"le 24/11/2026 à 18:04"``."""
    day = relative_day(moment.date(), now.date())
    return f"{day} à {format_time(moment)}" if day.startswith("le ") else f"{day} {format_time(moment)}"


def date_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return f"{format_date_short(value)} {format_time(value)}"
    if isinstance(value, dt.date):
        return format_date_short(value)
    return "" if value is None else str(value)


def long_date(value: dt.date | None) -> str:
    return format_date_long(value) if value else ""


