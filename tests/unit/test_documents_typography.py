"""French typography and formatting helpers of the printed documents."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from pole_desktop.documents.typography import (
    NBSP,
    NNBSP,
    format_amount,
    format_date,
    format_date_long,
    format_date_short,
    format_datetime_long,
    format_duration,
    format_etp,
    format_number,
    format_siret,
    format_time_range,
    french_typography,
    markup,
)

N = NNBSP


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bonjour !", f"Bonjour{N}!"),
        ("Bonjour!", f"Bonjour{N}!"),
        ("Vraiment ?!", f"Vraiment{N}?!"),
        ("Objet : budget ; suite", f"Objet{N}: budget{N}; suite"),
        (f"déjà{NBSP}: fait", f"déjà{N}: fait"),
        (f"déjà{N}: fait", f"déjà{N}: fait"),
        ("«bonjour»", f"«{N}bonjour{N}»"),
        ("« bonjour »", f"«{N}bonjour{N}»"),
        ("rendez-vous à 14:30 ; merci", f"rendez-vous à 14:30{N}; merci"),
        ("ratio 1:2", "ratio 1:2"),
        ("voir https://exemple.fr/a?b=1&c=2 ?", f"voir https://exemple.fr/a?b=1&c=2{N}?"),
        ("http://exemple.fr:8080/x", "http://exemple.fr:8080/x"),
        ("écrire à contact@exemple.org : merci", f"écrire à contact@exemple.org{N}: merci"),
        ("(?)", "(?)"),
        ("ligne 1\n: ligne 2", "ligne 1\n: ligne 2"),
        ("12 000 €, soit 30 %", f"12{N}000{NBSP}€, soit 30{NBSP}%"),
        ("en 2018 140 foyers", "en 2018 140 foyers"),
        ("03 80 50 90 47", "03 80 50 90 47"),
        ("", ""),
    ],
)
def test_french_typography(text: str, expected: str) -> None:
    assert french_typography(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour ! Ça va ? « Oui » : 12 000 € ; https://x.fr/?a=1 ; a@b.fr ! 14:30",
        "«\u202fdéjà\u202f»\n\nfin ?",
    ],
)
def test_french_typography_is_idempotent(text: str) -> None:
    once = french_typography(text)
    assert french_typography(once) == once
    assert NNBSP + NNBSP not in once


def test_markup_escapes_and_keeps_line_breaks() -> None:
    assert markup("a < b & c > d\nsuite") == "a &lt; b &amp; c &gt; d<br/>suite"
    assert markup(None) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234.5"), f"1{N}234,50{NBSP}€"),
        (Decimal(0), f"0,00{NBSP}€"),
        (1234567, f"1{N}234{N}567,00{NBSP}€"),
        (Decimal("-15.005"), f"-15,01{NBSP}€"),
        (999.999, f"1{N}000,00{NBSP}€"),
    ],
)
def test_format_amount(value: Decimal | float, expected: str) -> None:
    assert format_amount(value) == expected


def test_format_numbers() -> None:
    assert format_amount(Decimal("1234.5"), cents=False) == f"1{N}235{NBSP}€"
    assert format_number(Decimal("12345.678"), 1) == f"12{N}345,7"
    assert format_etp(Decimal("2.5")) == f"2,5{NBSP}ETP"
    assert format_etp(Decimal("3.00")) == f"3{NBSP}ETP"
    assert format_etp(10) == f"10{NBSP}ETP"
    assert format_etp(Decimal("0.75")) == f"0,75{NBSP}ETP"


def test_format_dates_and_times() -> None:
    assert format_date(date(2026, 11, 26)) == "26 novembre 2026"
    assert format_date(date(2026, 2, 1)) == "1er février 2026"
    assert format_date_long(date(2026, 11, 26)) == "jeudi 26 novembre 2026"
    assert format_date_short(date(2026, 8, 3)) == "03/08/2026"
    assert format_datetime_long(datetime(2026, 11, 26, 14, 30)) == "jeudi 26 novembre 2026 à 14:30"
    assert format_time_range(time(9, 5), time(11, 0)) == "de 09:05 à 11:00"
    assert format_time_range(time(9, 5), None) == "à 09:05"
    assert format_time_range(None, None) == ""


def test_format_duration() -> None:
    assert format_duration(90) == f"1{NBSP}h{NBSP}30"
    assert format_duration(120) == f"2{NBSP}h"
    assert format_duration(45) == f"45{NBSP}min"


def test_format_siret() -> None:
    assert format_siret("83250317400027") == f"832{NBSP}503{NBSP}174{NBSP}00027"
    assert format_siret("832 503 174") == f"832{NBSP}503{NBSP}174"
    assert format_siret("inconnu") == "inconnu"
