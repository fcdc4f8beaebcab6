"""Core additions for the people screens: structure duplicate pairs and merge link counts (no Qt)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pole_desktop.safety.opening import open_database
from pole_desktop.services import ateliers, fusion, personnes, structures


def test_structure_duplicate_pairs_give_the_reason_and_skip_merged_ones(data_dir: Path) -> None:
    db = open_database(data_dir)
    try:
        with db.session() as s:
            a = structures.save_structure(s, {"raison_sociale": "Atelier Vélo", "siret": "73282932000074"}).id
            b = structures.save_structure(s, {"raison_sociale": "L'Atelier Vélo", "siret": "73282932000066"}).id
            c = structures.save_structure(s, {"raison_sociale": "Jardin", "rna": "W212001234"}).id
            d = structures.save_structure(s, {"raison_sociale": "JARDIN"}).id
            e = structures.save_structure(s, {"raison_sociale": "Autre", "rna": "W212001234"}).id
        with db.read() as s:
            pairs = {(x.id, y.id): reason for x, y, reason in structures.all_duplicate_pairs(s)}
        assert pairs[tuple(sorted((a, b)))] == "même SIREN"
        assert pairs[tuple(sorted((c, e)))] == "même numéro RNA"
        assert pairs[tuple(sorted((c, d)))] == "même raison sociale"
        with db.session() as s:
            fusion.merge(s, "structure", c, e)
        with db.read() as s:
            pairs = {(x.id, y.id) for x, y, _ in structures.all_duplicate_pairs(s)}
        assert tuple(sorted((c, e))) not in pairs
    finally:
        db.close()


def test_link_counts_list_what_a_merge_would_move(data_dir: Path) -> None:
    db = open_database(data_dir)
    try:
        with db.session() as s:
            p = personnes.save_personne(s, {"nom": "Roux", "prenom": "Léa"}).id
            st = structures.save_structure(s, {"raison_sociale": "Coop"}).id
            structures.add_role(s, st, p, "Gérant·e")
            for day in (3, 10):
                a = ateliers.save_atelier(s, {"titre": "Atelier", "debut": dt.datetime(2027, 2, day, 14)}).id
                ateliers.register(s, a, p)
        with db.read() as s:
            assert fusion.link_counts(s, "personne", p) == [
                ("2 inscriptions à des ateliers", 2), ("1 rôle dans une structure", 1)]
            assert fusion.link_counts(s, "structure", st) == [("1 rôle dans une structure", 1)]
    finally:
        db.close()
