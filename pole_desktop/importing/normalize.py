"""Turning the cells of old spreadsheets into the values the application stores.

Each normaliser takes a raw cell (text, number, date from the reader) and returns the clean
value or raises :class:`CellError` with a French message. Empty cells are handled by the caller.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from pole_desktop.importing.readers import as_text
from pole_desktop.services import validation as v
from pole_desktop.territory.text import fold as _fold_uncached

# Old spreadsheets repeat the same communes, labels and situations on every row: fold each once.
fold = functools.lru_cache(maxsize=65536)(_fold_uncached)


class CellError(ValueError):
    """A cell that cannot be read: ``message`` is French and names the problem; ``choices``
    {code: label}, when the value is a label the user can match to one of them (kept for next time)."""

    def __init__(self, message: str, choices: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.choices = choices


_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug included)
_DMY = re.compile(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})(?:[ T]\d{1,2}[:h]\d{2}(?::\d{2})?)?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


def parse_date(value: Any, *, pivot_year: int | None = None) -> dt.date:
    """``JJ/MM/AAAA``, ``JJ/MM/AA``, ``JJ.MM.AAAA``, ISO, a date cell or an Excel serial number.

    Two-digit years: up to ``pivot_year`` (default: this year's two digits) → 20xx, else 19xx
    (``01/02/98`` → 1998, ``01/02/05`` → 2005).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # 1900-01-01 … 9999-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError(f"« {as_text(value)} » n'est pas une date.")
    text = as_text(value)
    if text.isdigit() and 4 < len(text) <= 6:  # an Excel serial number exported as text
        return parse_date(int(text))
    m = _ISO.fullmatch(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DMY.fullmatch(text)
        if not m:
            raise CellError(f"« {text} » n'est pas une date (attendu : JJ/MM/AAAA).")
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2:
            from pole_desktop import clock

            pivot = pivot_year if pivot_year is not None else clock.today().year % 100
            y += 2000 if y <= pivot else 1900
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise CellError(f"« {text} » n'est pas une date valide.") from None


def parse_amount_cents(value: Any) -> int:
    """``1 234,50 €``, ``1.234,50``, ``1234.5`` or a number cell → cents."""
    try:
        number = v.parse_decimal(value if isinstance(value, int | float | Decimal) else as_text(value))
    except (ValueError, InvalidOperation):
        raise CellError(f"« {as_text(value)} » n'est pas un montant (ex. 1 234,50 €).") from None
    if number < 0:
        raise CellError(f"Le montant « {as_text(value)} » est négatif.")
    return int((number * 100).quantize(Decimal(1)))


def parse_number(value: Any) -> float:
    try:
        number = v.parse_decimal(value if isinstance(value, int | float | Decimal) else as_text(value))
    except (ValueError, InvalidOperation):
        raise CellError(f"« {as_text(value)} » n'est pas un nombre (ex. 2,5).") from None
    if number < 0:
        raise CellError(f"« {as_text(value)} » est négatif.")
    return float(number)


def parse_count(value: Any) -> int:
    number = parse_number(value)
    if not number.is_integer():
        raise CellError(f"« {as_text(value)} » n'est pas un nombre entier.")
    return int(number)


def _field_error(fn: Any, value: Any) -> Any:
    try:
        return fn(as_text(value))
    except v.FieldError as e:
        raise CellError(f"« {as_text(value)} » : {e.message}") from None


def parse_phone(value: Any) -> str:
    """Any French spelling (``0380509047``, ``+33 3 80 50 90 47``, ``3 80 50 90 47`` from a number cell)."""
    text = as_text(value)
    digits = re.sub(r"\D", "", text)
    if len(digits) == 9 and not text.startswith("+") and digits[0] in "123456789":
        text = "0" + digits  # a number cell lost its leading zero
    text = text.replace("(0)", "")
    compact = _PHONE_SEPARATORS.sub("", text)
    if _FR_NATIONAL.fullmatch(compact):  # the common case, as validate_phone formats it, without parsing
        return " ".join(compact[i : i + 2] for i in range(0, 10, 2))
    return _field_error(v.validate_phone, text)


_PHONE_SEPARATORS = re.compile(r"[\s.\-/]")
_FR_NATIONAL = re.compile(r"0[1-79]\d{8}")


def parse_siret(value: Any) -> str:
    return _field_error(v.validate_siret, value)


def parse_siren(value: Any) -> str:
    return _field_error(v.validate_siren, value)


def parse_rna(value: Any) -> str:
    return _field_error(v.validate_rna, value)


def parse_email(value: Any) -> str:
    return _field_error(v.validate_email, value)


def parse_postcode(value: Any) -> str:
    text = as_text(value)
    if text.isdigit() and len(text) == 4:
        text = "0" + text  # a number cell lost its leading zero
    return _field_error(v.validate_postcode, text)


def parse_birth_year(value: Any) -> int:
    from pole_desktop import clock

    if isinstance(value, dt.date):
        year = value.year
    else:
        text = as_text(value)
        year = parse_date(text).year if not (text.isdigit() and len(text) == 4) else int(text)
    if not 1900 <= year <= clock.today().year:
        raise CellError(f"« {as_text(value)} » : l'année de naissance doit être comprise entre 1900 et "
                        f"{clock.today().year}.")
    return year


_PARTICLES = {"de", "du", "des", "le", "la", "van", "von", "di", "da", "d", "l"}


def split_full_name(value: Any) -> tuple[str, str]:
    """« NOM Prénom », « Prénom NOM » or « Nom, Prénom » → (nom, prénom).

    Words written in capitals are the name; without capitals the first word is the name
    (the usual order of French registers). ``("LEFÈVRE-DUPONT Hélène")`` → ("LEFÈVRE-DUPONT", "Hélène").
    """
    text = " ".join(as_text(value).split())
    if not text:
        raise CellError("Le nom est vide.")
    if "," in text:
        nom, _, prenom = text.partition(",")
        return nom.strip(), prenom.strip()
    words = text.split(" ")
    if len(words) == 1:
        return words[0], ""

    def upper(w: str) -> bool:
        letters = [c for c in w if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    caps = [upper(w) for w in words]
    if any(caps) and not all(caps):
        nom = [w for w, c in zip(words, caps, strict=True) if c]
        prenom = [w for w, c in zip(words, caps, strict=True) if not c]
        return " ".join(nom), " ".join(prenom)
    # No capitals to tell: name first, with its particles (« de la Fontaine Jean »).
    i = 0
    while i < len(words) - 2 and words[i].lower() in _PARTICLES:
        i += 1
    return " ".join(words[: i + 1]), " ".join(words[i + 1 :])


# --- communes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommuneMatch:
    code_insee: str | None
    code_postal: str | None = None
    candidates: tuple[str, ...] = ()  # INSEE codes when the name is ambiguous


def resolve_commune(name: Any = None, postcode: Any = None, insee: Any = None) -> CommuneMatch:
    """A commune of Côte-d'Or (see :func:`_resolve_commune`), remembered per distinct spelling."""
    key = tuple(None if x in (None, "") else as_text(x) for x in (name, postcode, insee))
    found = _resolve_cached(*key)
    if isinstance(found, CellError):
        raise CellError(found.message, found.choices)
    return found


@functools.lru_cache(maxsize=8192)
def _resolve_cached(name: str | None, postcode: str | None, insee: str | None) -> CommuneMatch | CellError:
    try:
        return _resolve_commune(name, postcode, insee)
    except CellError as e:
        return e


def _resolve_commune(name: Any = None, postcode: Any = None, insee: Any = None) -> CommuneMatch:
    """A commune of Côte-d'Or from its INSEE code, its postcode and name, or its name alone.

    Raises CellError when nothing matches; returns several ``candidates`` (and no code) when a
    name is shared by several communes and no postcode tells them apart.
    """
    from pole_desktop.territory import get_territory

    t = get_territory()
    cp = None
    if postcode not in (None, ""):
        cp = parse_postcode(postcode)
    if insee not in (None, ""):
        code = as_text(insee).replace(" ", "")
        if code.isdigit() and len(code) == 4:
            code = "0" + code
        c = t.commune(code)
        if c is None:
            raise CellError(f"« {as_text(insee)} » n'est pas le code INSEE d'une commune de Côte-d'Or.")
        return CommuneMatch(c.code_insee, cp if cp and cp in c.codes_postaux else _single(c.codes_postaux))
    text = as_text(name)
    if not text and cp:
        found = t.by_postcode(cp)
        if len(found) == 1:
            return CommuneMatch(found[0].code_insee, cp)
        if not found:
            raise CellError(f"Aucune commune de Côte-d'Or n'a le code postal {cp}.")
        return CommuneMatch(None, cp, tuple(c.code_insee for c in found))
    if not text:
        return CommuneMatch(None, cp)
    m = re.fullmatch(r"(\d{5})\s+(.+)", text)  # « 21000 Dijon » in one cell
    if m and cp is None:
        cp, text = m[1], m[2]
    key = fold(_strip_cedex(text))
    pool = t.by_postcode(cp) if cp else t.communes()
    exact = [c for c in pool if fold(c.nom) == key or _without_article(fold(c.nom)) == _without_article(key)]
    if not exact and cp:
        exact = [c for c in t.communes() if fold(c.nom) == key]
        if len(exact) == 1:
            raise CellError(f"Le code postal {cp} ne correspond pas à la commune « {text} ».")
    if len(exact) == 1:
        c = exact[0]
        return CommuneMatch(c.code_insee, cp if cp and cp in c.codes_postaux else _single(c.codes_postaux))
    if len(exact) > 1:
        return CommuneMatch(None, cp, tuple(c.code_insee for c in exact))
    # A short old spelling (« Magny », « Saint-Martin ») shared by several communes: ask.
    partial = [c for c in pool if fold(c.nom).startswith(key + " ")]
    if partial:
        return CommuneMatch(None, cp, tuple(c.code_insee for c in partial[:20]))
    raise CellError(f"Commune « {text} » introuvable en Côte-d'Or.")


def _single(codes: Any) -> str | None:
    codes = list(codes)
    return codes[0] if len(codes) == 1 else None


def _strip_cedex(text: str) -> str:
    return re.sub(r"\s+cedex(\s+\d+)?$", "", text, flags=re.IGNORECASE)


def _without_article(key: str) -> str:
    return re.sub(r"^(le|la|les|l) ", "", key)


# --- labels (dispositifs, étapes, situations…) -------------------------------------------------


def match_label(value: Any, choices: dict[str, str], own_labels: dict[str, str] | None = None) -> str:
    """The code of ``value`` among ``choices`` {code: French label}: by code or label, accents and
    case ignored, or through the association's own table of old labels ``own_labels`` {label: code}."""
    text = as_text(value)
    key = fold(text)
    for label, code in (own_labels or {}).items():
        if fold(label) == key and code in choices:
            return code
    variants = _variants(tuple(choices.items()))
    for code, forms in variants.items():
        if key in forms:
            return code
    prefix = [c for c, forms in variants.items() if len(key) >= 3 and any(f.startswith(key) for f in forms)]
    if len(prefix) == 1:
        return prefix[0]
    words = [c for c, forms in variants.items() if len(key) >= 2 and any(key in f.split() for f in forms)]
    if len(words) == 1:
        return words[0]
    raise CellError(f"« {text} » n'est pas une valeur connue (valeurs possibles : "
                    f"{', '.join(choices.values())}).", dict(choices))


@functools.lru_cache(maxsize=64)
def _variants(choices: tuple[tuple[str, str], ...]) -> dict[str, frozenset[str]]:
    return {code: frozenset({fold(code), *(fold(x) for x in _gender_forms(label))}) for code, label in choices}


def _gender_forms(label: str) -> tuple[str, str, str]:
    """« Demandeur·se d'emploi » → itself, « Demandeur d'emploi », « Demandeuse d'emploi »."""
    masculine = re.sub(r"·\w+", "", label)
    feminine = re.sub(r"teur·rice", "trice", label)
    feminine = re.sub(r"eur·se", "euse", feminine)
    feminine = re.sub(r"·(\w+)", r"\1", feminine)
    return label, masculine, feminine
