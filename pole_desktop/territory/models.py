"""Value objects of the territory reference data (communes, QPV, zoning as of a date)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

__all__ = [
    "FRR_LIBELLES",
    "FRR_START",
    "ZRR_LIBELLES",
    "Commune",
    "Qpv",
    "Zoning",
]

#: First day of the France Ruralités Revitalisation zoning (it replaced ZRR on 1 July 2024).
FRR_START = datetime.date(2024, 7, 1)

#: French labels of the ANCT ``codefrr`` values found in Côte-d'Or (see resources/territoire/README.md).
FRR_LIBELLES: dict[int, str] = {
    0: "Non classée",
    1: "Bénéficiaire (ancienne ZRR non reclassée, conserve les effets du classement)",
    4: "FRR (socle)",
    5: "FRR+",
}

#: French labels of the ZRR 2017 statuses (arrêté du 16 mars 2017 modifié).
ZRR_LIBELLES: dict[str, str] = {
    "C": "Classée en ZRR",
    "A": "Sortante en 2017, continue de bénéficier des effets du classement",
    "NC": "Non classée",
}


@dataclass(frozen=True, slots=True)
class Commune:
    """A commune of Côte-d'Or (COG 2026) with its EPCI and zoning.

    FRR/ZRR classification is a property of the *commune*; ``qpv_codes`` only lists the QPVs
    located (partly) on the commune — whether a given address is inside one is for the advisor
    to confirm.
    """

    code_insee: str
    nom: str
    codes_postaux: tuple[str, ...]
    epci_siren: str
    epci_nom: str
    epci_nature: str  # METRO, CA or CC
    population: int  # population municipale (millésime 2023)
    frr_code: int  # ANCT codefrr: 0, 1, 4 or 5
    zrr_2017: str  # "C", "A" or "NC"
    qpv_codes: tuple[str, ...] = ()

    @property
    def frr(self) -> bool:
        """True if the commune is classified FRR (socle or FRR+)."""
        return self.frr_code in (4, 5)

    @property
    def frr_plus(self) -> bool:
        """True if the commune is classified FRR+."""
        return self.frr_code == 5

    @property
    def frr_libelle(self) -> str:
        """French label of the FRR status, e.g. ``"FRR+"`` or ``"Non classée"``."""
        return FRR_LIBELLES.get(self.frr_code, f"Code FRR {self.frr_code}")

    @property
    def zrr(self) -> bool:
        """True if the commune was in ZRR under the 2017 zoning (classée or sortante bénéficiaire)."""
        return self.zrr_2017 in ("C", "A")

    @property
    def zrr_libelle(self) -> str:
        """French label of the ZRR 2017 status."""
        return ZRR_LIBELLES.get(self.zrr_2017, self.zrr_2017)


@dataclass(frozen=True, slots=True)
class Qpv:
    """A priority neighbourhood (quartier prioritaire de la politique de la ville, 2024 list).

    ``commune`` is the commune's name (``code_insee`` identifies it).
    """

    code: str
    nom: str
    code_insee: str
    commune: str


@dataclass(frozen=True, slots=True)
class Zoning:
    """The zoning of a commune as of a date, to be stored with a dossier.

    - ``version``: ``"FRR-2025"`` from 1 July 2024, ``"ZRR-2017"`` before (earlier ZRR lists are not
      shipped: ZRR 2017 is used for any earlier date);
    - ``frr_code``: ANCT code (None before July 2024); ``zrr_statut``: "C"/"A"/"NC" (None from July 2024);
    - ``rural``: FRR/FRR+ (codes 4, 5) or ZRR C/A, depending on the version — "bénéficiaire"
      communes (code 1) are *not* counted as rural;
    - ``qpv_codes``: the QPVs of the commune (2024 list whatever the date, the 2015 codes being
      unknown); QPV is a property of the address, so the advisor confirms which one applies, if any.
    """

    code_insee: str
    on: datetime.date
    version: str
    frr_code: int | None
    zrr_statut: str | None
    rural: bool
    qpv_codes: tuple[str, ...]
    qpv_version: str = "QPV-2024"

    @property
    def libelle(self) -> str:
        """French label of the rural zoning, e.g. ``"FRR+"`` or ``"ZRR : Classée en ZRR"``."""
        if self.frr_code is not None:
            return FRR_LIBELLES.get(self.frr_code, f"Code FRR {self.frr_code}")
        return f"ZRR : {ZRR_LIBELLES.get(self.zrr_statut or '', self.zrr_statut)}"
