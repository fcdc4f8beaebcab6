"""Column mapping: header → field, suggested from French header names, saved as JSON for next time.

Saved form (one file per kind of spreadsheet the association keeps)::

    {"format": 1, "type": "personnes",
     "colonnes": {"Nom du porteur": "nom_complet", "Tél.": "telephone", "Remarque": null},
     "libelles": {"situation": {"DE": "demandeur_emploi"}, "commune": {"Magny": "21370"}}}

Columns are named by their header, so the mapping still works when the columns move.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pole_desktop.importing.fields import KINDS, NOT_YET
from pole_desktop.territory.text import fold

FORMAT = 1


class MappingError(ValueError):
    """A mapping that cannot be used (French message)."""


@dataclass
class Mapping:
    kind: str
    columns: dict[str, str | None] = field(default_factory=dict)  # header → field key (None: ignored)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # field → {old label: code}

    def field_of(self, header: str) -> str | None:
        return self.columns.get(header)

    def used_fields(self) -> set[str]:
        return {f for f in self.columns.values() if f}

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "type": self.kind, "colonnes": self.columns, "libelles": self.labels},
                          ensure_ascii=False, indent=2, sort_keys=True)

    def save(self, path: str | Path) -> None:
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        tmp.replace(path)


def check_kind(kind: str) -> None:
    if kind in NOT_YET:
        raise MappingError(f"L'import de « {NOT_YET[kind]} » n'est pas encore disponible dans cette version : "
                           "importez les personnes, les structures et les dossiers.")
    if kind not in KINDS:
        raise MappingError(f"Type d'import inconnu « {kind} » (personnes, structures, dossiers, rendez_vous, "
                           "ateliers).")


def _key(text: str) -> str:
    return fold(text.replace("°", " ").replace("º", " "), expand_saint=False)


def suggest(kind: str, header: str) -> str | None:
    """The field a French header most likely means (accents, case and punctuation ignored)."""
    key = _key(header)
    if not key:
        return None
    specs = KINDS[kind]
    for f in specs:
        if key in (_key(f.key.replace("_", " ")), _key(f.label), *f.synonyms):
            return f.key
    # « Téléphone portable du porteur », « Date de naissance (JJ/MM/AAAA) »: longest synonym inside.
    best: tuple[int, str] | None = None
    words = f" {key} "
    for f in specs:
        for syn in f.synonyms:
            if len(syn) >= 3 and f" {syn} " in words and (best is None or len(syn) > best[0]):
                best = (len(syn), f.key)
    return best[1] if best else None


def auto_mapping(kind: str, headers: list[str]) -> Mapping:
    """A mapping from the headers alone; each field is given to one column at most."""
    check_kind(kind)
    m = Mapping(kind)
    taken: set[str] = set()
    for h in headers:
        f = suggest(kind, h)
        if f and f not in taken:
            m.columns[h] = f
            taken.add(f)
        else:
            m.columns[h] = None
    if "nom_complet" in taken and "nom" in taken and "prenom" in taken:
        m.columns = {h: (None if f == "nom_complet" else f) for h, f in m.columns.items()}
    return m


def load(path_or_text: str | Path, headers: list[str] | None = None) -> Mapping:
    """A saved mapping; headers of the file that it does not name are left out (shown as ignored)."""
    try:
        text = Path(path_or_text).read_text(encoding="utf-8") if isinstance(path_or_text, Path) or (
            isinstance(path_or_text, str) and not path_or_text.lstrip().startswith("{")) else path_or_text
        data = json.loads(text)
    except (OSError, ValueError) as e:
        raise MappingError(f"Fichier de correspondance illisible ({type(e).__name__}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise MappingError("Ce fichier n'est pas une correspondance de colonnes de Pôle Desktop.")
    kind = data.get("type")
    check_kind(str(kind))
    cols = data.get("colonnes") or {}
    labels = data.get("libelles") or {}
    if not isinstance(cols, dict) or not isinstance(labels, dict):
        raise MappingError("Correspondance de colonnes mal formée.")
    valid = {f.key for f in KINDS[kind]}
    m = Mapping(kind)
    for h, f in cols.items():
        if f is not None and f not in valid:
            raise MappingError(f"Champ inconnu « {f} » pour la colonne « {h} ».")
        m.columns[str(h)] = f
    m.labels = {str(k): {str(a): str(b) for a, b in (v or {}).items()} for k, v in labels.items()}
    if headers is not None:
        for h in headers:
            m.columns.setdefault(h, None)
    return m


def coerce(kind: str, headers: list[str], given: Any) -> Mapping:
    """A Mapping from what a caller has: None (automatic), a Mapping, a path or JSON text."""
    if given is None:
        return auto_mapping(kind, headers)
    if isinstance(given, Mapping):
        return given
    m = load(given, headers)
    if m.kind != kind:
        raise MappingError(f"Cette correspondance est pour « {m.kind} », pas pour « {kind} ».")
    return m
