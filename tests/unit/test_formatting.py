"""French formatting helpers (independent of the system locale)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from pole_desktop.formatting import (
    format_amount,
    format_cents,
    format_date_long,
    format_date_short,
    format_datetime,
    format_number,
    format_phone,
    format_siret,
    format_time,
    prefix_de,
)

NNBSP = "\u202f"  # narrow no-break space: thousands
NBSP = "\u00a0"  # no-break space: before €


def test_dates() -> None:
    assert format_date_long(datetime.date(2026, 11, 26)) == "jeudi 26 novembre 2026"
    assert format_date_long(datetime.date(2026, 2, 1)) == "dimanche 1er février 2026"
    assert format_date_long(datetime.date(2026, 8, 15)) == "samedi 15 août 2026"
    assert format_date_short(datetime.date(2026, 11, 26)) == "26/11/2026"
    assert format_date_short(datetime.date(2026, 1, 5)) == "05/01/2026"


def test_times() -> None:
    assert format_time(datetime.time(14, 30)) == "14:30"
    assert format_time(datetime.time(9, 5, 59)) == "09:05"
    moment = datetime.datetime(2026, 11, 26, 14, 30)
    assert format_datetime(moment) == "26/11/2026 14:30"
    assert format_datetime(moment, long=True) == "jeudi 26 novembre 2026 à 14:30"


def test_amounts() -> None:
    assert format_amount(Decimal("1234.5")) == f"1{NNBSP}234,50{NBSP}€"
    assert format_amount(1234567) == f"1{NNBSP}234{NNBSP}567,00{NBSP}€"
    assert format_amount(Decimal("0")) == f"0,00{NBSP}€"
    assert format_amount(Decimal("999.995")) == f"1{NNBSP}000,00{NBSP}€"
    assert format_amount(Decimal("-42.1")) == f"-42,10{NBSP}€"
    assert format_amount(Decimal("15000"), decimals=0) == f"15{NNBSP}000{NBSP}€"
    assert format_amount(Decimal("12.3"), currency=False) == "12,30"
    assert format_cents(123450) == f"1{NNBSP}234,50{NBSP}€"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234, None, f"1{NNBSP}234"),
        (123, None, "123"),
        (Decimal("2.50"), None, "2,50"),
        (2.5, None, "2,5"),
        (Decimal("1234567.891"), 1, f"1{NNBSP}234{NNBSP}567,9"),
        (-1234, None, f"-1{NNBSP}234"),
    ],
)
def test_numbers(value, decimals, expected: str) -> None:
    assert format_number(value, decimals) == expected


def test_phone_and_siret() -> None:
    assert format_phone("+33380509047") == "03 80 50 90 47"
    assert format_phone("0380509047") == "03 80 50 90 47"
    assert format_phone("+3225551212") == "+32 2 555 12 12"
    assert format_phone(" pas de téléphone ") == "pas de téléphone"
    assert format_siret("35600000000048") == "356 000 000 00048"
    assert format_siret("123") == "123"


def test_prefix_de() -> None:
    assert prefix_de("Beaune") == "de Beaune"
    assert prefix_de("Is-sur-Tille") == "d'Is-sur-Tille"
    assert prefix_de("Échalot") == "d'Échalot"
    assert prefix_de("Le Val-Larrey") == "du Val-Larrey"
    assert prefix_de("Les Maillys") == "des Maillys"
    assert prefix_de("La Rochepot") == "de La Rochepot"
