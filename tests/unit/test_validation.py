"""Field validators: normalised values and French messages."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from stdnum.fr import siret as stdnum_siret

from pole_desktop.services.validation import (
    FieldError,
    ValidationError,
    Validator,
    parse_decimal,
    validate_amount,
    validate_birth_year,
    validate_count,
    validate_date,
    validate_date_order,
    validate_email,
    validate_etp,
    validate_phone,
    validate_postcode,
    validate_postcode_commune,
    validate_required,
    validate_rna,
    validate_siren,
    validate_siret,
)

LA_POSTE_SIRET = "35600000000048"


def message_of(func, *args, **kwargs) -> str:
    with pytest.raises(FieldError) as info:
        func(*args, **kwargs)
    return info.value.message


# --- SIRET / SIREN ---------------------------------------------------------------------------------


def test_la_poste_siret_is_valid_according_to_stdnum() -> None:
    assert stdnum_siret.is_valid(LA_POSTE_SIRET)
    assert validate_siret(LA_POSTE_SIRET) == LA_POSTE_SIRET


@pytest.mark.parametrize("raw", ["356 000 000 00048", " 356000000 00048 ", "356\u00a0000\u202f000 00048"])
def test_siret_spaces_are_removed(raw: str) -> None:
    assert validate_siret(raw) == LA_POSTE_SIRET


def test_siret_with_a_wrong_key() -> None:
    assert not stdnum_siret.is_valid("35600000000049")
    assert message_of(validate_siret, "356 000 000 00049") == (
        "Ce numéro SIRET n'est pas valide (clé de contrôle incorrecte)."
    )
    assert message_of(validate_siret, "73282932000075") == (
        "Ce numéro SIRET n'est pas valide (clé de contrôle incorrecte)."
    )


def test_siret_length_and_format() -> None:
    assert message_of(validate_siret, "356000000") == "Le numéro SIRET doit comporter 14 chiffres."
    assert message_of(validate_siret, "3560000000004A") == (
        "Le numéro SIRET ne doit contenir que des chiffres."
    )
    assert message_of(validate_siret, "  ") == "Le numéro SIRET est obligatoire."


def test_field_error_carries_the_field_name() -> None:
    with pytest.raises(FieldError) as info:
        validate_siret("123", field="siret_siege")
    assert info.value.field == "siret_siege"
    assert str(info.value) == "Le numéro SIRET doit comporter 14 chiffres."


def test_siren() -> None:
    assert validate_siren("356 000 000") == "356000000"
    assert validate_siren("732829320") == "732829320"
    assert message_of(validate_siren, "356000001") == (
        "Ce numéro SIREN n'est pas valide (clé de contrôle incorrecte)."
    )
    assert message_of(validate_siren, "35600000") == "Le numéro SIREN doit comporter 9 chiffres."


# --- RNA, e-mail, phone ----------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["W211001234", "w211001234", " W 211 001 234 "])
def test_rna_ok(raw: str) -> None:
    assert validate_rna(raw) == "W211001234"


@pytest.mark.parametrize("raw", ["W12", "A123456789", "W2110012345", "211001234", "W21100123X"])
def test_rna_bad(raw: str) -> None:
    assert message_of(validate_rna, raw) == (
        "Le numéro RNA doit commencer par la lettre W suivie de 9 chiffres (ex. W211001234)."
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("contact@pes21.fr", "contact@pes21.fr"),
        ("  Jean.Dupont@Exemple.FR ", "Jean.Dupont@exemple.fr"),
        ("marie-claire+ess@mairie-chenove.fr", "marie-claire+ess@mairie-chenove.fr"),
    ],
)
def test_email_ok(raw: str, expected: str) -> None:
    assert validate_email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "jean",
        "jean@",
        "@exemple.fr",
        "jean@exemple",
        "jean dupont@exemple.fr",
        "jean..d@exemple.fr",
        "a@b@c.fr",
    ],
)
def test_email_bad(raw: str) -> None:
    assert message_of(validate_email, raw) == (
        "L'adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr)."
    )


@pytest.mark.parametrize(
    "raw",
    [
        "03 80 50 90 47",
        "+33380509047",
        "0380509047",
        "03.80.50.90.47",
        "+33 (0)3 80 50 90 47",
        "0033380509047",
    ],
)
def test_phone_ok_returns_the_national_format(raw: str) -> None:
    assert validate_phone(raw) == "03 80 50 90 47"


def test_mobile_and_foreign_phones() -> None:
    assert validate_phone("+33612345678") == "06 12 34 56 78"
    assert validate_phone("+32 2 555 12 12") == "+32 2 555 12 12"


@pytest.mark.parametrize(
    "raw",
    [
        "01 23",
        "03 80 50 90 4",
        "03 80 50 90 47 12",
        "00 00 00 00 00",
        "+3338050904",
    ],
)
def test_phone_invalid_numbers(raw: str) -> None:
    assert message_of(validate_phone, raw) == (
        "Ce numéro de téléphone n'est pas valide : vérifiez les chiffres (ex. 03 80 50 90 47)."
    )


def test_phone_with_letters() -> None:
    assert message_of(validate_phone, "03 80 AB 90 47") == (
        "Le numéro de téléphone ne doit contenir que des chiffres (ex. 03 80 50 90 47)."
    )


# --- postcode and commune --------------------------------------------------------------------------


def test_postcode_format() -> None:
    assert validate_postcode(" 21 000 ") == "21000"
    assert message_of(validate_postcode, "2100") == "Le code postal doit comporter 5 chiffres."
    assert message_of(validate_postcode, "21A00") == "Le code postal doit comporter 5 chiffres."


def test_postcode_matches_the_commune() -> None:
    assert validate_postcode_commune("21000", "21231") == "21000"
    assert validate_postcode_commune("21140", "21272") == "21140"
    assert validate_postcode_commune("21390", "21272") == "21390"


def test_postcode_does_not_match_the_commune() -> None:
    assert message_of(validate_postcode_commune, "21000", "21054") == (
        "Le code postal 21000 ne correspond pas à la commune de Beaune."
    )
    assert message_of(validate_postcode_commune, "21000", "21272") == (
        "Le code postal 21000 ne correspond pas à la commune du Val-Larrey."
    )


def test_postcode_of_an_unknown_commune_is_only_format_checked() -> None:
    assert validate_postcode_commune("75001", "75101") == "75001"
    assert validate_postcode_commune("21000", None) == "21000"


# --- dates -----------------------------------------------------------------------------------------


def test_dates_in_order() -> None:
    start, end = datetime.date(2026, 1, 5), datetime.date(2026, 3, 1)
    assert validate_date_order(start, end) == (start, end)
    assert validate_date_order(start, start) == (start, start)
    assert validate_date_order(start, None) == (start, None)
    assert message_of(validate_date_order, end, start) == (
        "La date de fin ne peut pas être antérieure à la date de début."
    )
    morning = datetime.datetime(2026, 3, 1, 9, 0)
    assert validate_date_order(morning, datetime.date(2026, 3, 1)) == (morning, datetime.date(2026, 3, 1))
    assert message_of(validate_date_order, morning, datetime.datetime(2026, 3, 1, 8, 0))


def test_parse_dates() -> None:
    assert validate_date("26/11/2026") == datetime.date(2026, 11, 26)
    assert validate_date("2026-11-26") == datetime.date(2026, 11, 26)
    assert validate_date(datetime.datetime(2026, 11, 26, 14, 30)) == datetime.date(2026, 11, 26)
    assert message_of(validate_date, "31/02/2026") == "La date 31/02/2026 n'existe pas dans le calendrier."
    assert message_of(validate_date, "demain") == "La date doit être écrite jj/mm/aaaa (ex. 26/11/2026)."


def test_birth_year() -> None:
    today = datetime.date(2026, 11, 26)
    assert validate_birth_year("1985", today=today) == 1985
    assert validate_birth_year(1900, today=today) == 1900
    assert validate_birth_year(2026, today=today) == 2026
    expected = "L'année de naissance doit être comprise entre 1900 et 2026."
    assert message_of(validate_birth_year, 1899, today=today) == expected
    assert message_of(validate_birth_year, "2027", today=today) == expected
    assert message_of(validate_birth_year, "85", today=today) == (
        "L'année de naissance doit comporter 4 chiffres (ex. 1985)."
    )


# --- numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 234,50", Decimal("1234.50")),
        ("1\u202f234,5 €", Decimal("1234.50")),
        ("1.234,50", Decimal("1234.50")),
        ("1234.5", Decimal("1234.50")),
        ("12.000", Decimal("12000.00")),
        (0, Decimal("0.00")),
        (1500, Decimal("1500.00")),
        (Decimal("99.9"), Decimal("99.90")),
    ],
)
def test_amounts(raw, expected: Decimal) -> None:
    assert validate_amount(raw) == expected


def test_bad_amounts() -> None:
    assert message_of(validate_amount, "-5") == "Le montant ne peut pas être négatif."
    assert message_of(validate_amount, Decimal("-0.01")) == "Le montant ne peut pas être négatif."
    assert message_of(validate_amount, "douze") == "Le montant doit être un nombre (ex. 1 234,50)."
    assert message_of(validate_amount, "1,234") == (
        "Le montant ne peut pas avoir plus de 2 chiffres après la virgule."
    )
    assert message_of(validate_amount, "") == "Ce champ est obligatoire."


def test_etp_and_counts() -> None:
    assert validate_etp("2,5") == Decimal("2.50")
    assert validate_etp(0) == Decimal("0.00")
    assert message_of(validate_etp, "-0,5") == "Le nombre d'ETP ne peut pas être négatif."
    assert validate_count(" 12 ") == 12
    assert message_of(validate_count, "-1") == "Ce nombre ne peut pas être négatif."
    assert message_of(validate_count, "1,5") == "Ce nombre doit être un nombre entier (ex. 12)."


def test_parse_decimal_rejects_nonsense() -> None:
    for raw in ["", "abc", "1,2,3", "NaN", "1e5", True]:
        with pytest.raises(ValueError):
            parse_decimal(raw)


# --- required text and the collector ---------------------------------------------------------------


def test_required_text() -> None:
    assert validate_required("  Atelier vélo  ") == "Atelier vélo"
    assert message_of(validate_required, "   ") == "Ce champ est obligatoire."
    assert message_of(validate_required, None) == "Ce champ est obligatoire."
    assert message_of(validate_required, "abcdef", max_length=5) == (
        "Ce texte est trop long (5 caractères au maximum)."
    )


def test_validator_collects_errors_under_the_caller_field_names() -> None:
    v = Validator()
    assert v.check("nom", validate_required, " Dupont ") == "Dupont"
    assert v.check("siret", validate_siret, "123") is None
    assert v.check("telephone", validate_phone, "0380509047") == "03 80 50 90 47"
    assert v.optional("email", validate_email, "  ") is None
    assert v.optional("rna", validate_rna, "A123456789") is None
    assert not v.ok
    with pytest.raises(ValidationError) as info:
        v.raise_if_errors()
    assert info.value.errors == {
        "siret": "Le numéro SIRET doit comporter 14 chiffres.",
        "rna": "Le numéro RNA doit commencer par la lettre W suivie de 9 chiffres (ex. W211001234).",
    }


def test_validator_without_errors_does_not_raise() -> None:
    v = Validator()
    v.check("date_fin", validate_date_order, datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))
    assert v.ok
    v.raise_if_errors()
