"""Duplicate detection folds case, accents, hyphens and spaces (SQLite lower() folds only ASCII)."""

from __future__ import annotations

from pole_desktop.services import personnes, structures


def test_people_with_accented_capitals_are_duplicates(db) -> None:  # noqa: ANN001
    with db.session() as s:
        a = personnes.save_personne(s, {"nom": "Lefèvre-Dupont", "prenom": "Hélène", "annee_naissance": "1980"})
        b = personnes.save_personne(s, {"nom": "LEFEVRE DUPONT", "prenom": "HELENE", "annee_naissance": "1980"})
        c = personnes.save_personne(s, {"nom": "Martin", "prenom": "élodie"})
        d = personnes.save_personne(s, {"nom": "MARTIN", "prenom": "ÉLODIE"})
        other_year = personnes.save_personne(
            s, {"nom": "Lefevre Dupont", "prenom": "Helene", "annee_naissance": "1990"})
    with db.read() as s:
        assert [x.id for x in personnes.find_duplicates(s, s.get(type(a), a.id))] == [b.id]
        assert [x.id for x in personnes.find_duplicates(s, s.get(type(c), c.id))] == [d.id]
        pairs = {frozenset((x.id, y.id)) for x, y, _ in personnes.all_duplicate_pairs(s)}
    assert frozenset((a.id, b.id)) in pairs
    assert frozenset((a.id, other_year.id)) not in pairs
    assert personnes.name_key("Lefèvre-Dupont", "Hélène") == personnes.name_key("LEFEVRE DUPONT", "HELENE")


def test_structures_with_accented_capitals_are_duplicates(db) -> None:  # noqa: ANN001
    with db.session() as s:
        a = structures.save_structure(s, {"raison_sociale": "Épicerie solidaire de l'Ouche"})
        b = structures.save_structure(s, {"raison_sociale": "EPICERIE SOLIDAIRE DE L OUCHE"})
        structures.save_structure(s, {"raison_sociale": "Épicerie du Morvan"})
    with db.read() as s:
        assert [x.id for x in structures.find_duplicates(s, s.get(type(a), a.id))] == [b.id]
        pairs = {frozenset((x.id, y.id)): r for x, y, r in structures.all_duplicate_pairs(s)}
    assert pairs == {frozenset((a.id, b.id)): "même raison sociale"}
