"""Field validators shared by services and screens (no Qt).

Each ``validate_*`` function returns the normalised value or raises :class:`FieldError` with a
French message an advisor understands. :class:`Validator` collects the errors of a whole form and
raises a single :class:`ValidationError` (field → message).

    v = Validator()
    siret = v.optional("siret", validate_siret, form.siret)
    nom = v.check("nom", validate_required, form.nom)
    v.raise_if_errors()

python-stdnum and phonenumbers are imported on first use (they take tens of ms to import).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from pole_desktop import clock
from pole_desktop.formatting import prefix_de
from pole_desktop.territory import Territory, get_territory

__all__ = [
    "FieldError",
    "ValidationError",
    "Validator",
    "parse_decimal",
    "validate_amount",
    "validate_birth_year",
    "validate_count",
    "check_characters",
    "check_year_range",
    "validate_date",
    "validate_date_order",
    "validate_email",
    "validate_etp",
    "validate_phone",
    "validate_postcode",
    "validate_postcode_commune",
    "validate_required",
    "validate_rna",
    "validate_siren",
    "validate_siret",
]

T = TypeVar("T")
D = TypeVar("D", bound=datetime.date)
REQUIRED = "Ce champ est obligatoire."


class FieldError(ValueError):
    """One invalid field: ``field`` is its name, ``message`` the French explanation."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class ValidationError(Exception):
    """Several invalid fields: ``errors`` maps each field name to its French message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("\n".join(errors.values()))
        self.errors = dict(errors)


class Validator:
    """Collects :class:`FieldError` messages under the caller's field names."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def check(self, field: str, func: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Call ``func(*args, **kwargs)``; on :class:`FieldError` record it and return None."""
        try:
            return func(*args, **kwargs)
        except FieldError as error:
            self.add(field, error.message)
            return None

    def optional(self, field: str, func: Callable[..., T], value: Any, *args: Any, **kwargs: Any) -> T | None:
        """Like :meth:`check`, but a blank ``value`` (None or spaces) is accepted and gives None."""
        if _blank(value):
            return None
        return self.check(field, func, value, *args, **kwargs)

    def add(self, field: str, message: str) -> None:
        """Record an error (the first message of a field is kept)."""
        self.errors.setdefault(field, message)

    @property
    def ok(self) -> bool:
        """True while no error has been recorded."""
        return not self.errors

    def raise_if_errors(self) -> None:
        """Raise :class:`ValidationError` if any error was recorded."""
        if self.errors:
            raise ValidationError(self.errors)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _compact(value: object) -> str:
    """The value as text with every whitespace character removed (including no-break spaces)."""
    return "".join(str(value).split())


# --- text and identifiers -------------------------------------------------------------------------

MIN_YEAR = 1900
MAX_YEAR = 2100
# Invisible characters that can disguise a name (bidi overrides/isolates, zero-width, BOM, soft hyphen).
_INVISIBLE = set("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063"
                 "\u2064\u2066\u2067\u2068\u2069\ufeff\u00ad\u180e")


def check_characters(text: str, field: str = "texte", *, multiline: bool = False) -> str:
    """``text`` if it holds no NUL, control, bidi-override, zero-width character nor lone surrogate.

    ``multiline``: line breaks and tabs are allowed (notes, comptes-rendus). French FieldError otherwise.
    """
    import unicodedata

    for ch in text:
        o = ord(ch)
        if 0xD800 <= o <= 0xDFFF:
            raise FieldError(field, "Ce texte contient un caractère invalide (copié d'un fichier endommagé ?) : "
                                    "retapez-le.")
        if multiline and ch in "\n\r\t":
            continue
        if ch in _INVISIBLE or unicodedata.category(ch) in ("Cc", "Cf"):
            raise FieldError(field, "Ce texte contient un caractère invisible ou de contrôle (par exemple un "
                                    "caractère d'inversion du sens d'écriture) : retapez-le sans copier-coller.")
    return text


def check_year_range(value: D, field: str = "date") -> D:
    """Dates (and date-times) between 1900 and 2100 only."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise FieldError(field, f"Date hors limites : l'année doit être comprise entre {MIN_YEAR} et {MAX_YEAR}.")
    return value



def validate_required(value: str | None, field: str = "texte", max_length: int | None = None) -> str:
    """Trimmed non-empty text."""
    text = (value or "").strip()
    if not text:
        raise FieldError(field, REQUIRED)
    if max_length is not None and len(text) > max_length:
        raise FieldError(field, f"Ce texte est trop long ({max_length} caractères au maximum).")
    return check_characters(text, field)


def _validate_sirene(value: str | None, field: str, name: str, digits: int) -> str:
    from stdnum import exceptions as stdnum_errors
    from stdnum.fr import siren, siret

    module = siret if name == "SIRET" else siren
    if _blank(value):
        raise FieldError(field, f"Le numéro {name} est obligatoire.")
    number = _compact(value)
    try:
        return str(module.validate(number))
    except stdnum_errors.InvalidLength:  # a subclass of InvalidFormat: must come first
        raise FieldError(field, f"Le numéro {name} doit comporter {digits} chiffres.") from None
    except stdnum_errors.InvalidFormat:
        raise FieldError(field, f"Le numéro {name} ne doit contenir que des chiffres.") from None
    except stdnum_errors.ValidationError:
        raise FieldError(field, f"Ce numéro {name} n'est pas valide (clé de contrôle incorrecte).") from None


def validate_siret(value: str | None, field: str = "siret") -> str:
    """A SIRET (14 digits, Luhn key, La Poste exception): ``"356 000 000 00048"`` → ``"35600000000048"``."""
    return _validate_sirene(value, field, "SIRET", 14)


def validate_siren(value: str | None, field: str = "siren") -> str:
    """A SIREN (9 digits, Luhn key): ``"356 000 000"`` → ``"356000000"``."""
    return _validate_sirene(value, field, "SIREN", 9)


_RNA = re.compile(r"W\d{9}")


def validate_rna(value: str | None, field: str = "rna") -> str:
    """An association number in the RNA: ``"w 211 001 234"`` → ``"W211001234"``."""
    if _blank(value):
        raise FieldError(field, "Le numéro RNA est obligatoire.")
    number = _compact(value).upper()
    if not _RNA.fullmatch(number):
        raise FieldError(
            field, "Le numéro RNA doit commencer par la lettre W suivie de 9 chiffres (ex. W211001234)."
        )
    return number


# Pragmatic address syntax: no quoted local parts, no IP literals; the domain needs a dot.
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}"
)


def validate_email(value: str | None, field: str = "email") -> str:
    """An e-mail address, trimmed, with its domain in lower case."""
    if _blank(value):
        raise FieldError(field, "L'adresse e-mail est obligatoire.")
    text = str(value).strip()
    if len(text) > 254 or not _EMAIL.fullmatch(text):
        raise FieldError(field, "L'adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr).")
    local, _, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}"


_PHONE_CHARS = re.compile(r"\+?[\d\s.()/-]+")


def validate_phone(value: str | None, field: str = "telephone") -> str:
    """A phone number, French by default: ``"+33380509047"`` → ``"03 80 50 90 47"``.

    Foreign numbers (with their ``+`` prefix) are accepted and returned in international format.
    """
    import phonenumbers

    if _blank(value):
        raise FieldError(field, "Le numéro de téléphone est obligatoire.")
    text = str(value).strip()
    if not _PHONE_CHARS.fullmatch(text):
        raise FieldError(
            field, "Le numéro de téléphone ne doit contenir que des chiffres (ex. 03 80 50 90 47)."
        )
    try:
        number = phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise FieldError(
            field, "Ce numéro de téléphone n'est pas valide : vérifiez les chiffres (ex. 03 80 50 90 47)."
        )
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# --- places ----------------------------------------------------------------------------------------


def validate_postcode(value: str | None, field: str = "code_postal") -> str:
    """A French postcode: ``"21 000"`` → ``"21000"``."""
    if _blank(value):
        raise FieldError(field, "Le code postal est obligatoire.")
    code = _compact(value)
    if len(code) != 5 or not code.isdigit():
        raise FieldError(field, "Le code postal doit comporter 5 chiffres.")
    return code


def validate_postcode_commune(
    postcode: str | None,
    code_insee: str | None,
    field: str = "code_postal",
    territory: Territory | None = None,
) -> str:
    """A postcode that serves the commune ``code_insee`` (Côte-d'Or communes only).

    A commune outside the shipped reference data (or none) cannot be checked: the postcode is
    then only checked for its format. ``territory`` defaults to the shared instance.
    """
    code = validate_postcode(postcode, field)
    if _blank(code_insee):
        return code
    commune = (territory or get_territory()).commune(str(code_insee))
    if commune is not None and code not in commune.codes_postaux:
        raise FieldError(
            field, f"Le code postal {code} ne correspond pas à la commune {prefix_de(commune.nom)}."
        )
    return code


# --- dates -----------------------------------------------------------------------------------------

_DATE_FR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def validate_date(value: str | datetime.date | None, field: str = "date") -> datetime.date:
    """A date given as a ``date``, ``"26/11/2026"`` or ``"2026-11-26"``."""
    if _blank(value):
        raise FieldError(field, "La date est obligatoire.")
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if match := _DATE_FR.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _DATE_ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise FieldError(field, "La date doit être écrite jj/mm/aaaa (ex. 26/11/2026).")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise FieldError(field, f"La date {text} n'existe pas dans le calendrier.") from None




def validate_date_order(start: D | None, end: D | None, field: str = "date_fin") -> tuple[D | None, D | None]:
    """Check that ``end`` is not before ``start`` (equal is fine; a missing date is not checked)."""
    if start is not None and end is not None:
        if isinstance(start, datetime.datetime) != isinstance(end, datetime.datetime):
            before = _as_date(end) < _as_date(start)
        else:
            before = end < start
        if before:
            raise FieldError(field, "La date de fin ne peut pas être antérieure à la date de début.")
    return start, end


def _as_date(value: datetime.date) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def validate_birth_year(
    value: int | str | None, field: str = "annee_naissance", today: datetime.date | None = None
) -> int:
    """A plausible year of birth, between 1900 and the current year."""
    if _blank(value):
        raise FieldError(field, "L'année de naissance est obligatoire.")
    text = _compact(value)
    if isinstance(value, bool) or not text.isdigit() or len(text) != 4:
        raise FieldError(field, "L'année de naissance doit comporter 4 chiffres (ex. 1985).")
    year = int(text)
    current = (today or clock.today()).year
    if not 1900 <= year <= current:
        raise FieldError(field, f"L'année de naissance doit être comprise entre 1900 et {current}.")
    return year


# --- numbers ---------------------------------------------------------------------------------------


_DOT_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+")


def parse_decimal(value: Decimal | int | float | str) -> Decimal:
    """Read ``"1 234,50"``, ``"1.234,50"``, ``"1234.5"``, ``"12 €"``, ints and floats as a Decimal.

    The comma is the decimal separator; spaces and dots before it group thousands (if both a
    comma and a dot appear, the last one is the decimal separator). Without a comma, a dot is a
    decimal point unless it is followed by exactly three digits, as French users write thousands
    (``"12.000"`` → 12000, ``"1.5"`` → 1.5, ``"0.125"`` → 0.125).
    Raises ``ValueError`` if the text is not a number.
    """
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    else:
        text = _compact(value).replace("€", "").replace("\u2212", "-")
        if "," in text and "." in text:  # the last separator is the decimal one
            thousands = "." if text.rfind(",") > text.rfind(".") else ","
            text = text.replace(thousands, "").replace(",", ".")
        elif "," in text:
            text = text.replace(",", ".")
        elif _DOT_THOUSANDS.fullmatch(text):
            text = text.replace(".", "")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
            raise ValueError(f"not a number: {value!r}")
        number = Decimal(text)
    if not number.is_finite():
        raise ValueError("not a finite number")
    return number


def _non_negative(value: object, field: str, what: str, example: str, places: int) -> Decimal:
    if _blank(value):
        raise FieldError(field, REQUIRED)
    try:
        number = parse_decimal(value)  # type: ignore[arg-type]
    except (ValueError, InvalidOperation):
        raise FieldError(field, f"{what} doit être un nombre (ex. {example}).") from None
    if number < 0:
        raise FieldError(field, f"{what} ne peut pas être négatif.")
    if number.as_tuple().exponent < -places:  # type: ignore[operator]
        number = number.normalize()
        if number.as_tuple().exponent < -places:  # type: ignore[operator]
            raise FieldError(field, f"{what} ne peut pas avoir plus de {places} chiffres après la virgule.")
    return number.quantize(Decimal(1).scaleb(-places))


def validate_amount(value: Decimal | int | float | str | None, field: str = "montant") -> Decimal:
    """An amount in euros ≥ 0 with at most 2 decimals: ``"1 234,5"`` → ``Decimal("1234.50")``."""
    return _non_negative(value, field, "Le montant", "1 234,50", 2)


def validate_etp(value: Decimal | int | float | str | None, field: str = "etp") -> Decimal:
    """A number of full-time equivalents ≥ 0 with at most 2 decimals: ``"2,5"`` → ``Decimal("2.50")``."""
    return _non_negative(value, field, "Le nombre d'ETP", "2,5", 2)


def validate_count(value: int | str | None, field: str = "nombre") -> int:
    """A whole number ≥ 0 (salariés, bénévoles, participants…)."""
    if _blank(value):
        raise FieldError(field, REQUIRED)
    text = _compact(value)
    if isinstance(value, bool) or not text.lstrip("-").isdigit():
        raise FieldError(field, "Ce nombre doit être un nombre entier (ex. 12).")
    number = int(text)
    if number < 0:
        raise FieldError(field, "Ce nombre ne peut pas être négatif.")
    return number


# --- reference-data validators (territory and nomenclatures) ---------------------------------


def validate_commune(value: str | None, field: str = "commune_insee") -> str:
    """An INSEE code of a commune of Côte-d'Or."""
    from pole_desktop.territory import get_territory

    code = _compact(value)
    if get_territory().commune(code) is None:
        raise FieldError(field, "Choisissez une commune de Côte-d'Or dans la liste.")
    return code


def validate_legal_form(value: str | None, field: str = "forme_juridique") -> str:
    from pole_desktop.territory import get_territory

    code = _compact(value)
    if get_territory().legal_form(code) is None:
        raise FieldError(field, "Forme juridique inconnue : choisissez-la dans la liste.")
    return code


def validate_naf(value: str | None, field: str = "naf") -> str:
    from pole_desktop.territory import get_territory

    code = _compact(value).upper()
    if len(code) == 5 and "." not in code:
        code = f"{code[:2]}.{code[2:]}"
    if get_territory().naf(code) is None:
        raise FieldError(field, "Code NAF inconnu (exemple : 94.99Z).")
    return code


def validate_etp_float(value: Decimal | int | float | str | None, field: str = "etp") -> float:
    """ETP as stored (float): ≥ 0, two decimals at most."""
    return float(validate_etp(value, field))
