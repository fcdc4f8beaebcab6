"""French display formatting (dates, times, amounts, numbers, phone numbers), independent of the OS locale.

Conventions: times are written ``14:30`` (as in the sync status line "dernière synchro hier 18:04");
thousands are separated by a narrow no-break space (U+202F), the decimal separator is a comma and a
no-break space (U+00A0) precedes the euro sign: ``1 234,50 €``. Negative numbers use "-".
phonenumbers and stdnum are imported on first use (they take tens of ms to import).
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "DAYS",
    "MONTHS",
    "NARROW_NBSP",
    "NBSP",
    "format_amount",
    "format_cents",
    "format_date_long",
    "format_date_short",
    "format_datetime",
    "format_number",
    "format_phone",
    "format_siret",
    "format_time",
    "prefix_de",
]

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def format_date_long(value: datetime.date) -> str:
    """``"jeudi 26 novembre 2026"`` (``"1er"`` for the first day of a month)."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{DAYS[value.weekday()]} {day} {MONTHS[value.month - 1]} {value.year}"


def format_date_short(value: datetime.date) -> str:
    """``"26/11/2026"``."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_time(value: datetime.time | datetime.datetime) -> str:
    """``"14:30"`` (24-hour clock, seconds dropped)."""
    return f"{value.hour:02d}:{value.minute:02d}"


def format_datetime(value: datetime.datetime, *, long: bool = False) -> str:
    """``"26/11/2026 14:30"``, or with ``long=True`` ``"jeudi 26 novembre 2026 à 14:30"``."""
    if long:
        return f"{format_date_long(value)} à {format_time(value)}"
    return f"{format_date_short(value)} {format_time(value)}"


def format_number(value: Decimal | int | float, decimals: int | None = None) -> str:
    """``1234.5`` → ``"1 234,5"`` (U+202F between thousands).

    ``decimals`` rounds half up to that many digits; by default an int has none and a Decimal
    keeps its own (``Decimal("2.50")`` → ``"2,50"``).
    """
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    integer, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(integer) > 3:
        integer, tail = integer[:-3], integer[-3:]
        groups.insert(0, tail)
    grouped = NARROW_NBSP.join([integer, *groups])
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"



def plural(n: int, singular: str, plural_: str | None = None) -> str:
    """``plural(53922, "modification")`` → ``"53 922 modifications"``; French: 0 and 1 take the singular."""
    word = singular if n <= 1 else (plural_ or singular + "s")
    return f"{format_number(n)} {word}"

def format_amount(value: Decimal | int | float, *, decimals: int = 2, currency: bool = True) -> str:
    """An amount in euros: ``Decimal("1234.5")`` → ``"1 234,50 €"``; ints are euros, not cents."""
    text = format_number(value, decimals)
    return f"{text}{NBSP}€" if currency else text


def format_cents(cents: int, *, currency: bool = True) -> str:
    """An amount stored in cents: ``123450`` → ``"1 234,50 €"``."""
    return format_amount(Decimal(cents).scaleb(-2), currency=currency)


def format_phone(value: str) -> str:
    """``"+33380509047"`` → ``"03 80 50 90 47"``; foreign numbers in international format.

    Text that is not a phone number is returned stripped but otherwise unchanged.
    """
    import phonenumbers

    text = value.strip()
    try:
        number = phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_possible_number(number):
        return text
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def format_siret(value: str) -> str:
    """``"35600000000048"`` → ``"356 000 000 00048"`` (unchanged if not 14 digits)."""
    compact = "".join(value.split())
    if len(compact) != 14 or not compact.isdigit():
        return value.strip()
    from stdnum.fr import siret

    return siret.format(compact)


_VOWELS = frozenset("AEIOUYÂÀÄÉÈÊËÎÏÔÖÛÙÜŒ")


def prefix_de(name: str) -> str:
    """The preposition "de" before a place name, with elision and contraction.

    ``"Beaune"`` → ``"de Beaune"``; ``"Is-sur-Tille"`` → ``"d'Is-sur-Tille"``;
    ``"Le Val-Larrey"`` → ``"du Val-Larrey"``; ``"Les Maillys"`` → ``"des Maillys"``;
    ``"La Rochepot"`` → ``"de La Rochepot"``.
    """
    if name.startswith("Le "):
        return f"du {name[3:]}"
    if name.startswith("Les "):
        return f"des {name[4:]}"
    if name[:1].upper() in _VOWELS:
        return f"d'{name}"
    return f"de {name}"
