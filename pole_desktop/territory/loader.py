"""Read the shipped CSV files of ``resources/territoire`` into :class:`Commune` and :class:`Qpv`."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from pole_desktop.resources import resource_path
from pole_desktop.territory.models import Commune, Qpv

__all__ = [
    "ReferenceDataError",
    "default_directory",
    "load_communes",
    "load_postcodes",
    "load_qpvs",
    "read_rows",
]


class ReferenceDataError(RuntimeError):
    """The shipped reference files are missing or inconsistent (a packaging bug)."""


def default_directory() -> Path:
    """The folder holding the territory CSV files."""
    return resource_path("territoire")


def read_rows(directory: Path, name: str) -> Iterator[dict[str, str]]:
    """Yield the rows of a UTF-8 CSV file as dicts (all values are strings)."""
    path = directory / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)
    except FileNotFoundError as exc:
        raise ReferenceDataError(f"Missing reference file: {path}") from exc


def load_postcodes(directory: Path) -> dict[str, set[str]]:
    """Map each INSEE code to every La Poste postcode of the commune."""
    result: dict[str, set[str]] = {}
    for row in read_rows(directory, "codes_postaux_21.csv"):
        result.setdefault(row["code_insee"], set()).add(row["code_postal"])
    return result


def load_qpvs(directory: Path) -> list[Qpv]:
    """The 2024 QPVs of Côte-d'Or."""
    return [
        Qpv(code=r["code_qpv"], nom=r["nom_qpv"], code_insee=r["code_insee"], commune=r["commune"])
        for r in read_rows(directory, "qpv_2024_21.csv")
    ]


def load_communes(directory: Path, postcodes: dict[str, set[str]]) -> list[Commune]:
    """Join communes_21, frr_21 and zonages_21 on the INSEE code (in file order)."""
    frr = {r["code_insee"]: int(r["codefrr"]) for r in read_rows(directory, "frr_21.csv")}
    zonages = {r["code_insee"]: r for r in read_rows(directory, "zonages_21.csv")}
    communes = []
    for row in read_rows(directory, "communes_21.csv"):
        code = row["code_insee"]
        if code not in frr or code not in zonages:
            raise ReferenceDataError(f"Commune {code} missing from frr_21.csv or zonages_21.csv")
        zonage = zonages[code]
        codes_postaux = set(row["codes_postaux"].split("|")) | postcodes.get(code, set())
        communes.append(
            Commune(
                code_insee=code,
                nom=row["nom"],
                codes_postaux=tuple(sorted(codes_postaux - {""})),
                epci_siren=row["epci_siren"],
                epci_nom=row["epci_nom"],
                epci_nature=row["epci_nature"],
                population=int(row["population_municipale"]),
                frr_code=frr[code],
                zrr_2017=zonage["zrr_2017_statuts"],
                qpv_codes=tuple(c for c in zonage["qpv_2024_codes"].split("|") if c),
            )
        )
    return communes
