"""Territory reference data of Côte-d'Or: communes, EPCI, postcodes, FRR/ZRR, QPV, nomenclatures.

No Qt, no database: the shipped CSV files of ``resources/territoire`` are read once, lazily.

FRR/ZRR classification is a property of the **commune**; QPV membership is a property of the
**address** — the app offers the commune's QPVs and the advisor confirms.
"""

from pole_desktop.territory.loader import ReferenceDataError
from pole_desktop.territory.models import FRR_LIBELLES, FRR_START, ZRR_LIBELLES, Commune, Qpv, Zoning
from pole_desktop.territory.territory import Territory, get_territory, zoning_at, zoning_version
from pole_desktop.territory.text import fold

__all__ = [
    "FRR_LIBELLES",
    "FRR_START",
    "ZRR_LIBELLES",
    "Commune",
    "Qpv",
    "ReferenceDataError",
    "Territory",
    "Zoning",
    "fold",
    "get_territory",
    "zoning_at",
    "zoning_version",
]
