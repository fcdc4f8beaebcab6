"""The :class:`Territory` look-up service over the shipped reference data (Côte-d'Or)."""

from __future__ import annotations

import datetime
import functools
import itertools
import random
import re
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from pole_desktop.territory.loader import (
    default_directory,
    load_communes,
    load_postcodes,
    load_qpvs,
    read_rows,
)
from pole_desktop.territory.models import FRR_START, Commune, Qpv, Zoning
from pole_desktop.territory.text import fold, fold_variants

__all__ = ["Territory", "get_territory", "zoning_at", "zoning_version"]

_ARTICLE = re.compile(r"^(?:le|la|les|l) ")
_NAF_COMPACT = re.compile(r"^(\d{2})(\d{2}[A-Z])$")


def zoning_version(on: datetime.date) -> str:
    """``"FRR-2025"`` for dates from 1 July 2024, ``"ZRR-2017"`` before."""
    return "FRR-2025" if on >= FRR_START else "ZRR-2017"


class Territory:
    """Communes of Côte-d'Or with EPCI, postcodes, FRR/ZRR and QPV; legal forms; NAF labels.

    Communes are read when the instance is created; legal forms and NAF labels on first use.
    Use :func:`get_territory` for the shared, cached instance.
    """

    def __init__(self, directory: Path | None = None) -> None:
        self._dir = directory or default_directory()
        postcodes = load_postcodes(self._dir)
        communes = load_communes(self._dir, postcodes)
        self._by_code = {c.code_insee: c for c in communes}
        self._sorted = sorted(communes, key=lambda c: (fold(c.nom), c.code_insee))
        self._by_postcode: dict[str, list[Commune]] = {}
        for commune in self._sorted:
            for cp in commune.codes_postaux:
                self._by_postcode.setdefault(cp, []).append(commune)
        self._qpvs = {q.code: q for q in load_qpvs(self._dir)}
        self._search_keys = {c.code_insee: _name_keys(c.nom) for c in communes}
        self._cum_weights = list(itertools.accumulate(c.population for c in self._sorted))

    # --- communes -------------------------------------------------------------------------------

    def commune(self, code_insee: str) -> Commune | None:
        """The commune with this INSEE code, or None."""
        return self._by_code.get(code_insee.strip())

    def communes(self) -> list[Commune]:
        """All 698 communes, sorted by name (accents ignored)."""
        return list(self._sorted)

    def by_postcode(self, cp: str) -> list[Commune]:
        """The communes served by a postcode, sorted by name (empty list if none)."""
        return list(self._by_postcode.get(_compact(cp), []))

    def postcode_matches(self, cp: str, code_insee: str) -> bool:
        """True if ``cp`` is one of the La Poste postcodes of the commune ``code_insee``."""
        commune = self.commune(code_insee)
        return commune is not None and _compact(cp) in commune.codes_postaux

    def search(self, text: str, limit: int = 20) -> list[Commune]:
        """Find communes by name, postcode or INSEE code.

        Names: case, accents, hyphens and apostrophes are ignored, "st"/"ste" equal
        "saint"/"sainte", a leading article is optional ("val larrey" finds Le Val-Larrey).
        Order: exact name, name prefix, word prefix, then substring; larger communes first
        within each group. Digits: exact INSEE code, exact postcode, then code prefixes.
        """
        compact = _compact(text)
        if not compact:
            return []
        if compact.isdigit():
            return self._search_codes(compact)[:limit]
        queries = [q for q in fold_variants(text) if q]
        if not queries:
            return []
        ranked = []
        for commune in self._sorted:
            rank = min(_rank(q, self._search_keys[commune.code_insee]) for q in queries)
            if rank is not None and rank < 4:
                ranked.append((rank, -commune.population, commune))
        ranked.sort(key=lambda item: item[:2])
        return [commune for *_, commune in ranked[:limit]]

    def _search_codes(self, digits: str) -> list[Commune]:
        """Communes whose INSEE code or postcode equals, then starts with, ``digits``."""
        groups: list[Iterable[Commune]] = [
            [self._by_code[digits]] if digits in self._by_code else [],
            self._by_postcode.get(digits, []),
            (c for c in self._sorted if c.code_insee.startswith(digits)),
            (c for c in self._sorted if any(cp.startswith(digits) for cp in c.codes_postaux)),
        ]
        seen: dict[str, Commune] = {}
        for commune in itertools.chain.from_iterable(groups):
            seen.setdefault(commune.code_insee, commune)
        return list(seen.values())

    def weighted_choice(self, rng: random.Random) -> Commune:
        """Pick a commune at random, weighted by population (deterministic for a seeded ``rng``)."""
        return rng.choices(self._sorted, cum_weights=self._cum_weights, k=1)[0]

    # --- EPCI and QPV ---------------------------------------------------------------------------

    def epcis(self) -> list[tuple[str, str]]:
        """The 19 EPCI as (SIREN, name), sorted by name."""
        pairs = {(c.epci_siren, c.epci_nom) for c in self._sorted}
        return sorted(pairs, key=lambda pair: fold(pair[1]))

    def qpvs(self) -> list[Qpv]:
        """All QPVs (2024 list), by code."""
        return sorted(self._qpvs.values(), key=lambda q: q.code)

    def qpv(self, code: str) -> Qpv | None:
        """The QPV with this code, or None."""
        return self._qpvs.get(code.strip().upper())

    def qpvs_of(self, code_insee: str) -> list[Qpv]:
        """The QPVs located on a commune (empty for most communes)."""
        commune = self.commune(code_insee)
        if commune is None:
            return []
        return [self._qpvs[code] for code in commune.qpv_codes if code in self._qpvs]

    # --- zoning ---------------------------------------------------------------------------------

    def zoning_at(self, code_insee: str, on: datetime.date) -> Zoning:
        """The zoning of a commune as of ``on`` (FRR from 1 July 2024, ZRR 2017 before).

        Raises ``KeyError`` for an INSEE code that is not a commune of Côte-d'Or.
        """
        commune = self.commune(code_insee)
        if commune is None:
            raise KeyError(code_insee)
        version = zoning_version(on)
        if version == "FRR-2025":
            frr_code, zrr_statut, rural = commune.frr_code, None, commune.frr
        else:
            frr_code, zrr_statut, rural = None, commune.zrr_2017, commune.zrr
        return Zoning(
            code_insee=commune.code_insee,
            on=on,
            version=version,
            frr_code=frr_code,
            zrr_statut=zrr_statut,
            rural=rural,
            qpv_codes=commune.qpv_codes,
        )

    # --- nomenclatures (loaded on first use) ----------------------------------------------------

    @cached_property
    def _legal_forms(self) -> dict[str, str]:
        rows = read_rows(self._dir, "categories_juridiques.csv")
        return {r["code_niveau3"]: r["libelle_niveau3"] for r in rows}

    @cached_property
    def _naf_labels(self) -> dict[str, str]:
        labels = {r["code_naf"]: r["libelle"] for r in read_rows(self._dir, "naf_rev2_sous_classes.csv")}
        for row in read_rows(self._dir, "naf_2025_sous_classes.csv"):
            labels[row["code_naf_2025"]] = row["libelle"]
        return labels

    def legal_forms(self) -> list[tuple[str, str]]:
        """INSEE legal categories, level III, as (code, libellé) sorted by code."""
        return sorted(self._legal_forms.items())

    def legal_form(self, code: str) -> str | None:
        """Label of a level-III legal category (e.g. "9220" → "Association déclarée"), or None."""
        return self._legal_forms.get(code.strip())

    def naf(self, code: str) -> str | None:
        """Label of a NAF sub-class, rév. 2 ("94.99Z") or 2025 ("01.11Y"); dotless codes accepted."""
        key = _compact(code).upper()
        key = _NAF_COMPACT.sub(r"\1.\2", key)
        return self._naf_labels.get(key)


def _compact(text: str) -> str:
    """Remove every whitespace character (including non-breaking spaces)."""
    return "".join(text.split())


def _name_keys(nom: str) -> tuple[str, ...]:
    """Folded search keys of a commune name: full name, and without its leading article."""
    full = fold(nom)
    bare = _ARTICLE.sub("", full)
    return (full,) if bare == full else (full, bare)


def _rank(query: str, keys: tuple[str, ...]) -> int:
    """0 exact, 1 prefix, 2 word prefix, 3 substring, 4 no match (best over the keys)."""
    best = 4
    for key in keys:
        if key == query:
            return 0
        if key.startswith(query):
            best = min(best, 1)
        elif f" {query}" in f" {key}":
            best = min(best, 2)
        elif query in key:
            best = min(best, 3)
    return best


@functools.cache
def get_territory() -> Territory:
    """The shared :class:`Territory`, created on first call."""
    return Territory()


def zoning_at(code_insee: str, on: datetime.date) -> Zoning:
    """Shortcut for ``get_territory().zoning_at(code_insee, on)``."""
    return get_territory().zoning_at(code_insee, on)
