"""French typography and formatting for printed documents (no reportlab import here).

- :func:`french_typography` puts a narrow no-break space (U+202F) before ``; : ! ?`` and inside
  ``« »``, without doubling existing spaces and without touching URLs, e-mail addresses or times.
- :func:`markup` = typography + escaping for reportlab's Paragraph mini-markup.
- ``format_*`` helpers give the French forms users expect: ``1 234,50 €``, ``jeudi 26 novembre
  2026``, ``14:30``, ``1 h 30``, ``2,5 ETP``, ``123 456 789 00012``.

Numbers, amounts, dates and times delegate to :mod:`pole_desktop.formatting` (one source of truth
for the app and the documents); what is print-specific stays here: typography, durations, ETP and a
SIRET grouped with no-break spaces (never split across lines).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from pole_desktop import formatting as _fmt

__all__ = [
    "de_elided",
    "elide_de",
    "NBSP",
    "NNBSP",
    "escape_markup",
    "format_amount",
    "format_date",
    "format_date_long",
    "format_date_short",
    "format_datetime_long",
    "format_duration",
    "format_etp",
    "format_number",
    "format_siret",
    "format_time",
    "format_time_range",
    "french_typography",
    "markup",
]

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"  # no-break space

_HSPACE = " \t\u00a0\u202f\u2009"
# Segments never touched: URLs, e-mail addresses, Windows paths.
_PROTECTED = re.compile(
    r"(?:https?|ftp)://\S+|mailto:\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[A-Za-z]:\\\S*",
    re.IGNORECASE,
)
_HIGH_PUNCT = re.compile(rf"[{_HSPACE}]*([;:!?]+)")
_OPEN_QUOTE = re.compile(rf"«[{_HSPACE}]*")
_CLOSE_QUOTE = re.compile(rf"[{_HSPACE}]*»")
# "12 000" typed with plain spaces: keep the groups together ("en 2018 140 foyers" is left alone).
_THOUSANDS = re.compile(r"\b\d{1,3}(?:[ \u00a0]\d{3})+\b")
# "30 %", "12 000 €": the sign stays with its number (no-break space, as pole_desktop.formatting).
_UNIT = re.compile(r"(?<=\d)[ \u00a0](?=[%€‰])")
# Protected segments are swapped for these private-use markers while the rules run.
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKED = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")
# A narrow space goes before ; : ! ? only after one of these (not after "(" or at a line start).
_SPACE_BEFORE_PUNCT_AFTER = re.compile(rf"[\w)\]»\"'’%€…*.{_MARK_CLOSE}]")


def _apply_rules(text: str) -> str:
    def high_punct(m: re.Match[str]) -> str:
        punct = m.group(1)
        before = text[: m.start()].rstrip(_HSPACE)
        if not before or not _SPACE_BEFORE_PUNCT_AFTER.match(before[-1]):
            return m.group(0)
        after = text[m.end() : m.end() + 1]
        if punct == ":" and m.start() == len(before) and before[-1].isdigit() and after.isdigit():
            return m.group(0)  # 14:30, 1:2
        return NNBSP + punct

    text = _HIGH_PUNCT.sub(high_punct, text)
    text = _THOUSANDS.sub(lambda m: re.sub(r"[ \u00a0]", NNBSP, m.group(0)), text)
    text = _UNIT.sub(NBSP, text)
    text = _OPEN_QUOTE.sub("«" + NNBSP, text)
    text = _CLOSE_QUOTE.sub(NNBSP + "»", text)
    return text


def french_typography(text: str) -> str:
    """Apply French spacing rules to plain text; idempotent; line breaks are kept.

    URLs, e-mail addresses and Windows paths are left exactly as typed.
    """
    if not text:
        return ""
    protected: list[str] = []

    def protect(m: re.Match[str]) -> str:
        segment = m.group(0)
        # Trailing sentence punctuation is not part of a URL.
        core = segment.rstrip(".,;:!?)»")
        protected.append(core)
        return f"{_MARK_OPEN}{len(protected) - 1}{_MARK_CLOSE}{segment[len(core) :]}"

    text = _PROTECTED.sub(protect, text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, ""))
    text = _apply_rules(text)
    return _MARKED.sub(lambda m: protected[int(m.group(1))], text)


def escape_markup(text: str) -> str:
    """Escape ``& < >`` so user text is safe inside reportlab Paragraph markup."""
    return escape(text)


def markup(text: str | None, *, typography: bool = True) -> str:
    """User text → Paragraph markup: French spacing, escaped, newlines as ``<br/>``."""
    if not text:
        return ""
    if typography:
        text = french_typography(text)
    return escape_markup(text).replace("\r\n", "\n").replace("\n", "<br/>")


# --- numbers -------------------------------------------------------------------------------------


def format_number(value: Decimal | float, decimals: int = 0) -> str:
    """``1234.5`` → ``1 234,5`` (U+202F between thousands, comma for decimals, rounded half up)."""
    return _fmt.format_number(value, decimals)


def format_amount(value: Decimal | float, *, cents: bool = True) -> str:
    """``Decimal("1234.5")`` → ``1 234,50 €``: U+202F between thousands, U+00A0 before the sign."""
    return _fmt.format_amount(value, decimals=2 if cents else 0)


def format_etp(value: Decimal | float) -> str:
    """Full-time equivalents: ``2.5`` → ``2,5 ETP``, ``3`` → ``3 ETP``, ``0.75`` → ``0,75 ETP``."""
    d = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    decimals = max(0, -d.as_tuple().exponent)  # type: ignore[operator]
    return format_number(d, int(decimals)) + NBSP + "ETP"


def format_siret(siret: str) -> str:
    """``12345678900012`` → ``123 456 789 00012`` (SIREN in threes, then the NIC); other input as is."""
    digits = re.sub(r"\s", "", siret or "")
    if len(digits) == 14 and digits.isdigit():
        return NBSP.join([digits[0:3], digits[3:6], digits[6:9], digits[9:]])
    if len(digits) == 9 and digits.isdigit():
        return NBSP.join([digits[0:3], digits[3:6], digits[6:9]])
    return siret


# --- dates and times ------------------------------------------------------------------------------

def format_date(d: date) -> str:
    """``26 novembre 2026``; the first of the month is ``1er``."""
    return _fmt.format_date_long(d).split(" ", 1)[1]


def format_date_long(d: date) -> str:
    """``jeudi 26 novembre 2026``."""
    return _fmt.format_date_long(d)


def format_date_short(d: date) -> str:
    """``26/11/2026`` (tables)."""
    return _fmt.format_date_short(d)


def format_time(t: time | datetime) -> str:
    """``14:30``."""
    return _fmt.format_time(t)


def format_time_range(start: time | None, end: time | None) -> str:
    """``de 14:00 à 16:30``, ``à 14:00`` or an empty string."""
    if start and end:
        return f"de {format_time(start)} à {format_time(end)}"
    if start:
        return f"à {format_time(start)}"
    return ""


def format_datetime_long(dt: datetime) -> str:
    """``jeudi 26 novembre 2026 à 14:30``."""
    return _fmt.format_datetime(dt, long=True)


def format_duration(minutes: int) -> str:
    """``90`` → ``1 h 30``, ``45`` → ``45 min``, ``120`` → ``2 h``."""
    hours, mins = divmod(max(0, int(minutes)), 60)
    if hours and mins:
        return f"{hours}{NBSP}h{NBSP}{mins:02d}"
    if hours:
        return f"{hours}{NBSP}h"
    return f"{mins}{NBSP}min"


_ELIDING = frozenset("aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")


def de_elided(name: str) -> str:
    """``de`` before a name, elided before a vowel: ``d'Époisses``, ``d'Is-sur-Tille``, ``de Dijon``
    (an *h* is left alone: aspirated or not depends on the word)."""
    name = name.strip()
    return f"d’{name}" if name[:1] in _ELIDING else f"de {name}"


def elide_de(text: str) -> str:
    """Fix an unelided ``de`` + vowel inside a name: ``Commune de Époisses`` → ``Commune d'Époisses``."""
    import re

    return re.sub(r"\b([Dd])e ([" + "".join(sorted(_ELIDING)) + r"])", "\\1’\\2", text)
