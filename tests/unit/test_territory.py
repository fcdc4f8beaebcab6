"""Territory reference data, checked against real rows of resources/territoire."""

from __future__ import annotations

import datetime
import random

import pytest

from pole_desktop.resources import resource_path
from pole_desktop.territory import Territory, get_territory, zoning_at

DIJON = "21231"
CHENOVE = "21166"
CHATILLON = "21154"
VAL_LARREY = "21272"
BEAUNE = "21054"


@pytest.fixture(scope="module")
def territory() -> Territory:
    return get_territory()


def test_resources_are_found_from_a_source_checkout() -> None:
    assert resource_path("territoire", "communes_21.csv").is_file()
    assert resource_path("territoire", "README.md").is_file()


def test_resource_path_uses_the_pyinstaller_bundle(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert resource_path("territoire", "x.csv") == tmp_path / "resources" / "territoire" / "x.csv"


def test_get_territory_is_cached() -> None:
    assert get_territory() is get_territory()


def test_fresh_load_reads_every_file() -> None:
    """A fresh instance loads communes, zoning, QPV and both nomenclatures (speed is in the benchmark)."""
    fresh = Territory()
    assert len(fresh.communes()) == 698
    assert fresh.legal_form("9220")
    assert fresh.naf("94.99Z")


def test_698_communes_sorted_by_name(territory: Territory) -> None:
    communes = territory.communes()
    assert len(communes) == 698
    assert len({c.code_insee for c in communes}) == 698
    assert communes[0].nom == "Agencourt"
    names = [c.nom for c in communes]
    assert names.index("Échalot") < names.index("Écutigny") < names.index("Épagny")
    assert names.index("Écutigny") > names.index("Dijon")  # accents ignored for sorting


def test_commune_fields(territory: Territory) -> None:
    dijon = territory.commune(DIJON)
    assert dijon is not None
    assert dijon.nom == "Dijon"
    assert dijon.codes_postaux == ("21000",)
    assert dijon.epci_siren == "242100410"
    assert dijon.epci_nom == "Dijon Métropole"
    assert dijon.epci_nature == "METRO"
    assert dijon.population == 161830
    assert dijon.qpv_codes == ("QN02102M", "QN02103M")
    assert territory.commune("99999") is None


def test_dijon_is_not_frr(territory: Territory) -> None:
    dijon = territory.commune(DIJON)
    assert dijon is not None
    assert dijon.frr_code == 0 and not dijon.frr and not dijon.frr_plus
    assert dijon.frr_libelle == "Non classée"
    assert dijon.zrr_2017 == "NC" and not dijon.zrr


def test_chatillon_sur_seine_is_frr_plus(territory: Territory) -> None:
    chatillon = territory.commune(CHATILLON)
    assert chatillon is not None
    assert chatillon.nom == "Châtillon-sur-Seine"
    assert chatillon.frr and chatillon.frr_plus
    assert chatillon.frr_libelle == "FRR+"
    assert chatillon.zrr_2017 == "C" and chatillon.zrr


def test_frr_and_zrr_counts_match_the_readme(territory: Territory) -> None:
    codes = [c.frr_code for c in territory.communes()]
    assert {code: codes.count(code) for code in set(codes)} == {0: 220, 1: 197, 4: 116, 5: 165}
    assert sum(c.frr for c in territory.communes()) == 281
    statuses = [c.zrr_2017 for c in territory.communes()]
    assert set(statuses) == {"C", "A", "NC"}


def test_le_mail_is_a_qpv_of_chenove(territory: Territory) -> None:
    qpvs = territory.qpvs_of(CHENOVE)
    assert [(q.code, q.nom, q.commune) for q in qpvs] == [("QN02101M", "Le Mail", "Chenôve")]
    assert territory.qpvs_of(CHATILLON) == []
    assert territory.qpvs_of("99999") == []
    assert len(territory.qpvs()) == 6
    assert {q.code_insee for q in territory.qpvs()} == {"21166", "21231", "21355", "21617", "21515"}


def test_epcis(territory: Territory) -> None:
    epcis = territory.epcis()
    assert len(epcis) == 19
    assert ("242100410", "Dijon Métropole") in epcis


@pytest.mark.parametrize(
    "query", ["chatillon", "CHATILLON SUR SEINE", "Châtillon-sur-Seine", "chatillon-sur"]
)
def test_search_finds_chatillon_first(territory: Territory, query: str) -> None:
    assert territory.search(query)[0].code_insee == CHATILLON


def test_search_prefix_before_substring(territory: Territory) -> None:
    results = [c.nom for c in territory.search("beaune", limit=50)]
    assert results[0] == "Beaune"
    assert "Savigny-lès-Beaune" in results
    assert [c.nom for c in territory.search("dij")][0] == "Dijon"


def test_search_ignores_apostrophes_articles_and_abbreviations(territory: Territory) -> None:
    assert territory.search("l etang vergy")[0].nom == "L'Étang-Vergy"
    assert territory.search("val larrey")[0].code_insee == VAL_LARREY
    assert territory.search("st apollinaire")[0].nom == "Saint-Apollinaire"
    assert territory.search("Saint Apollinaire")[0].nom == "Saint-Apollinaire"
    assert territory.search("ste colombe")[0].nom.startswith("Sainte-Colombe")


def test_search_by_codes_and_limits(territory: Territory) -> None:
    assert [c.code_insee for c in territory.search("21000")] == [DIJON]
    assert territory.search(DIJON)[0].code_insee == DIJON
    assert territory.search("21 000")[0].code_insee == DIJON
    assert len(territory.search("a", limit=5)) == 5
    assert territory.search("   ") == []
    assert territory.search("zzzz") == []


def test_postcodes(territory: Territory) -> None:
    assert [c.code_insee for c in territory.by_postcode("21000")] == [DIJON]
    for cp in ("21140", "21390"):
        assert VAL_LARREY in [c.code_insee for c in territory.by_postcode(cp)]
        assert territory.postcode_matches(cp, VAL_LARREY)
    assert territory.postcode_matches("21000", DIJON)
    assert not territory.postcode_matches("21000", BEAUNE)
    assert not territory.postcode_matches("21000", "99999")
    assert territory.by_postcode("75001") == []


def test_zoning_before_and_after_july_2024() -> None:
    before = zoning_at(CHATILLON, datetime.date(2024, 6, 30))
    after = zoning_at(CHATILLON, datetime.date(2024, 7, 1))
    assert (before.version, before.frr_code, before.zrr_statut, before.rural) == ("ZRR-2017", None, "C", True)
    assert (after.version, after.frr_code, after.zrr_statut, after.rural) == ("FRR-2025", 5, None, True)
    assert after.libelle == "FRR+"


def test_zoning_of_a_beneficiary_commune_changes_with_the_date(territory: Territory) -> None:
    agey = territory.commune("21002")  # ZRR "A" in 2017, FRR "bénéficiaire" (code 1) since 2024
    assert agey is not None and agey.frr_code == 1 and agey.zrr_2017 == "A"
    assert territory.zoning_at("21002", datetime.date(2023, 1, 1)).rural
    assert not territory.zoning_at("21002", datetime.date(2025, 1, 1)).rural


def test_zoning_offers_the_qpvs_of_the_commune(territory: Territory) -> None:
    zoning = territory.zoning_at(DIJON, datetime.date(2026, 11, 26))
    assert zoning.qpv_codes == ("QN02102M", "QN02103M")
    assert not zoning.rural
    with pytest.raises(KeyError):
        territory.zoning_at("99999", datetime.date(2026, 1, 1))


def test_weighted_choice_is_deterministic(territory: Territory) -> None:
    first = [territory.weighted_choice(random.Random(42)).code_insee for _ in range(3)]
    assert len(set(first)) == 1
    rng_a, rng_b = random.Random(7), random.Random(7)
    assert [territory.weighted_choice(rng_a) for _ in range(50)] == [
        territory.weighted_choice(rng_b) for _ in range(50)
    ]


def test_weighted_choice_favours_big_communes(territory: Territory) -> None:
    rng = random.Random(2026)
    picks = [territory.weighted_choice(rng).code_insee for _ in range(2000)]
    # Dijon holds about 30 % of the population of Côte-d'Or.
    assert 0.2 < picks.count(DIJON) / len(picks) < 0.4


def test_legal_forms(territory: Territory) -> None:
    forms = dict(territory.legal_forms())
    assert len(forms) == 260
    assert forms["9220"] == "Association déclarée"
    assert forms["5710"].startswith("SAS")
    assert territory.legal_form("9300") == "Fondation"
    assert territory.legal_form("0001") is None


def test_naf_labels(territory: Territory) -> None:
    assert territory.naf("94.99Z") == "Autres organisations fonctionnant par adhésion volontaire"
    assert territory.naf("9499z") == territory.naf("94.99Z")
    assert territory.naf("01.12Y") == "Culture du riz"
    assert territory.naf("0112Y") == "Culture du riz"
    assert territory.naf("99.99X") is None
