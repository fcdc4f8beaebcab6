"""The dry run: every row read, cleaned and matched, and what the import would do with it.

One streaming pass over the file. For each row: the cells are normalised (a row with an unreadable
cell is *rejected*, with its row number, column, value and a French reason); the row is matched
against the database and against the earlier rows of the file (same e-mail, same phone, same
SIRET/SIREN/RNA, same folded name with the same birth year or commune). What is kept per row is
small (its keys and, for updates, the changed fields), so memory stays flat on large files.

Default decisions: a row that matches one existing record *updates* it (only the fields the file
fills and that differ; never erases); a row that repeats an earlier row of the file is *skipped*;
otherwise it *creates*. Each possible duplicate is listed so the user can confirm or reject it
(``decisions``: row number → "create", "update" or "skip").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pole_desktop.domain.models import AtelierInscription, Dossier, Personne, RendezVous, Structure
from pole_desktop.importing import ateliers as ateliers_import
from pole_desktop.importing import dossiers as dossiers_import
from pole_desktop.importing import normalize as n
from pole_desktop.importing import rendez_vous as rdv_import
from pole_desktop.importing.fields import KINDS, spec
from pole_desktop.importing.mapping import Mapping
from pole_desktop.importing.readers import Source, as_text
from pole_desktop.services import personnes as personnes_service
from pole_desktop.services import structures as structures_service

CREATE, UPDATE, SKIP, REJECT = "create", "update", "skip", "reject"
MODELS = {"personnes": Personne, "structures": Structure, "dossiers": Dossier, "rendez_vous": RendezVous,
          "ateliers": AtelierInscription}
CIVILITES = {"Mme": "Madame", "M.": "Monsieur"}
_CIVILITE_ALIASES = {"mme": "Mme", "madame": "Mme", "mlle": "Mme", "mademoiselle": "Mme", "melle": "Mme",
                     "m": "M.", "mr": "M.", "monsieur": "M.", "m.": "M."}
SEXES = {"F": "Femme", "M": "Homme", "X": "Non précisé"}
_SEXE_ALIASES = {"f": "F", "femme": "F", "feminin": "F", "h": "M", "homme": "M", "masculin": "M", "m": "M"}


class ImportCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass
class Problem:
    row: int
    column: str
    value: str
    message: str
    field: str | None = None
    choices: dict[str, str] | None = None  # the value is a label to match (or an ambiguous commune)


@dataclass
class Duplicate:
    row: int
    label: str  # how the row reads (« LEFÈVRE Hélène »)
    reason: str  # « même adresse e-mail »…
    existing_id: str | None = None  # a record of the database
    existing_label: str | None = None
    earlier_row: int | None = None  # or an earlier row of the file
    action: str = UPDATE


@dataclass
class Update:
    row: int
    record_id: str
    record_label: str
    fields: dict[str, tuple[Any, Any]]  # column → (current value, new value)


@dataclass
class Outcome:
    """What happens to one row (as computed during the pass)."""

    row: int
    action: str
    values: dict[str, Any] = field(default_factory=dict)
    record_id: str | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    duplicate: Duplicate | None = None
    raw: list[Any] | None = None


@dataclass
class DryRun:
    kind: str
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0  # matched an existing record that already holds every value of the row
    skipped: int = 0
    rejected: int = 0
    updates: list[Update] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    linked: dict[str, int] = field(default_factory=dict)  # dossiers: people/structures created along
    # Values the user can settle once for the whole file (an old label, an ambiguous commune):
    # (field, column, value) → {"choices": {code: label}, "rows": count}
    to_settle: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {"lignes": self.total, "created": self.created, "updated": self.updated,
                "duplicates": len(self.duplicates), "unchanged": self.unchanged, "skipped": self.skipped,
                "rejected": self.rejected}


# --------------------------------------------------------------------------- matching index


def _label(kind: str, v: dict[str, Any]) -> str:
    if kind == "personnes":
        return f"{(v.get('nom') or '').upper()} {v.get('prenom') or ''}".strip()
    return v.get("raison_sociale") or ""


class Index:
    """Keys of the existing records and of the rows seen so far, for duplicate matching.

    Only the first holder of each key is kept (a match names one record), keys are kept as their
    64-bit hash, and file rows keep no label: a few dozen bytes per key of a large file.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.keys: dict[int, str] = {}  # hash((rule, key)) → id ("row:N" for file rows)
        self.labels: dict[str, str] = {}

    def add(self, ident: str, v: dict[str, Any], label: str | None = None) -> None:
        if label is not None:
            self.labels[ident] = label
        for key in self._keys(v):
            self.keys.setdefault(hash(key), ident)

    def _keys(self, v: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        if v.get("email"):
            yield ("email", v["email"].lower())
        if v.get("telephone"):
            yield ("telephone", v["telephone"])
        if self.kind == "personnes":
            if v.get("nom"):
                # The whole name, folded, without the nom/prénom boundary: « LEFEVRE DUPONT HELENE » in
                # one column splits differently from « Lefèvre-Dupont » + « Hélène » but is the same person.
                name = personnes_service.name_key(v["nom"], v.get("prenom")).replace("|", "")
                if v.get("annee_naissance"):
                    yield ("nom_annee", (name, v["annee_naissance"]))
                if v.get("commune_insee"):
                    yield ("nom_commune", (name, v["commune_insee"]))
        else:
            if v.get("siret"):
                yield ("siret", v["siret"])
                yield ("siren", v["siret"][:9])
            elif v.get("siren"):
                yield ("siren", v["siren"])
            if v.get("rna"):
                yield ("rna", v["rna"])
            if v.get("raison_sociale"):
                yield ("nom", structures_service.name_key(v["raison_sociale"]))

    def find(self, v: dict[str, Any]) -> tuple[str, str] | None:
        """(id, reason in French) of the first match, strongest rule first."""
        order = {"siret": 0, "rna": 1, "email": 2, "siren": 3, "telephone": 4, "nom_annee": 5, "nom_commune": 6,
                 "nom": 7}
        for key in sorted(self._keys(v), key=lambda k: order[k[0]]):
            ident = self.keys.get(hash(key))
            if ident is not None:
                return ident, REASONS[key[0]]
        return None


REASONS = {"email": "même adresse e-mail", "telephone": "même téléphone", "siret": "même SIRET",
           "siren": "même SIREN", "rna": "même numéro RNA", "nom_annee": "même nom et même année de naissance",
           "nom_commune": "même nom et même commune", "nom": "même raison sociale"}


def database_index(session: Session, kind: str) -> Index:
    idx = Index(kind)
    if kind == "personnes":
        q = select(Personne.id, Personne.nom, Personne.prenom, Personne.annee_naissance, Personne.email,
                   Personne.telephone, Personne.commune_insee).where(
            Personne.fusionne_dans_id.is_(None), Personne.anonymise.is_(False))
        for pid, nom, prenom, annee, email, tel, commune in session.execute(q):
            idx.add(pid, {"nom": nom, "prenom": prenom, "annee_naissance": annee, "email": email,
                          "telephone": tel, "commune_insee": commune}, _label(kind, {"nom": nom, "prenom": prenom}))
    else:
        q = select(Structure.id, Structure.raison_sociale, Structure.siret, Structure.rna, Structure.email,
                   Structure.telephone).where(Structure.fusionne_dans_id.is_(None))
        for sid, rs, siret, rna, email, tel in session.execute(q):
            idx.add(sid, {"raison_sociale": rs, "siret": siret, "rna": rna, "email": email, "telephone": tel}, rs)
    return idx


# --------------------------------------------------------------------------- rows


def clean_row(kind: str, mapping: Mapping, headers: list[str], row: int, values: list[Any]) -> Outcome:
    """The row's values as stored, or its problems."""
    out = Outcome(row, CREATE, raw=values)
    cells: dict[str, tuple[str, Any]] = {}
    for i, h in enumerate(headers):
        f = mapping.field_of(h)
        if f is None or i >= len(values):
            continue
        value = values[i]
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        cells[f] = (h, value)
    v = out.values

    def problem(f: str, message: str, choices: dict[str, str] | None = None) -> None:
        mapped = next((h for h in headers if mapping.field_of(h) == f), None)  # the file's column, even empty
        default = mapped or (spec(kind, f).label if f in {s.key for s in KINDS[kind]} else f)
        h, value = cells.get(f, (default, ""))
        if any(p.column == h and p.row == row for p in out.problems):
            return  # one reason per cell
        out.problems.append(Problem(row, h, as_text(value), message, f, choices))

    own = mapping.labels
    for f, (_h, value) in cells.items():
        s = spec(kind, f)
        if s.parse is None:
            continue
        try:
            v[f] = s.parse(value)
        except n.CellError as e:
            problem(f, e.message, e.choices)
    if "nom_complet" in cells and not v.get("nom"):
        try:
            v["nom"], prenom = n.split_full_name(cells["nom_complet"][1])
            v.setdefault("prenom", prenom)
        except n.CellError as e:
            problem("nom_complet", e.message, e.choices)
    for f, choices, aliases in (("civilite", CIVILITES, _CIVILITE_ALIASES), ("sexe", SEXES, _SEXE_ALIASES)):
        if f in cells:
            text = as_text(cells[f][1])
            code = aliases.get(text.strip().lower().rstrip(".")) or aliases.get(text.strip().lower())
            try:
                v[f] = code or n.match_label(text, choices, own.get(f))
            except n.CellError as e:
                problem(f, e.message, e.choices)
    if kind == "personnes" and not v.get("sexe") and v.get("civilite"):
        v["sexe"] = "F" if v["civilite"] == "Mme" else "M"
    if "situation" in cells:
        try:
            v["situation"] = n.match_label(cells["situation"][1], personnes_service.SITUATIONS, own.get("situation"))
        except n.CellError as e:
            problem("situation", e.message, e.choices)
    if kind == "dossiers":
        v.update(dossiers_import.clean(cells, own, problem))
    if kind == "rendez_vous":
        v.update(rdv_import.clean(cells, own, problem))
    if kind == "ateliers":
        v.update(ateliers_import.clean(cells, problem))
        ateliers_import.check(v, problem)
    if "referent" in cells:
        v["referent"] = as_text(cells["referent"][1])
    if "forme_juridique" in cells:
        _legal_form(cells["forme_juridique"][1], v, own.get("forme_juridique"), problem)
    if "naf" in cells:
        from pole_desktop.services import validation as val

        try:
            v["naf"] = val.validate_naf(as_text(cells["naf"][1]))
        except val.FieldError as e:
            problem("naf", f"« {as_text(cells['naf'][1])} » : {e.message}")
    _commune(cells, v, own.get("commune"), problem)
    if kind == "dossiers":
        dossiers_import.check(v, problem)
    required = {"personnes": "nom", "structures": "raison_sociale"}.get(kind)
    required_header = cells.get(required or "", ("",))[0]
    if required and not v.get(required) and not any(p.column == required_header for p in out.problems):
        label = "Le nom est obligatoire." if kind == "personnes" else "La raison sociale est obligatoire."
        out.problems.append(Problem(row, spec(kind, required).label, "", label))
    if out.problems:
        out.action = REJECT
    return out


def _legal_form(value: Any, v: dict[str, Any], own: dict[str, str] | None, problem: Callable[..., None]) -> None:
    from pole_desktop.territory import get_territory

    t = get_territory()
    text = as_text(value)
    code = text.replace(" ", "")
    if code.isdigit() and t.legal_form(code) is not None:
        v["forme_juridique"] = code
        return
    from pole_desktop.territory.text import fold

    for label, c in (own or {}).items():
        if fold(label) == fold(text):
            v["forme_juridique"] = c
            return
    common = {"association": "9220", "association loi 1901": "9220", "association declaree": "9220",
              "scop": "5458", "scop sarl": "5458", "scic": "5460", "sarl": "5499", "sas": "5710", "sa": "5599",
              "ei": "1000", "commune": "7210", "epci": "7346", "communaute de communes": "7346"}
    c = common.get(fold(text))
    if c and t.legal_form(c) is not None:
        v["forme_juridique"] = c
    else:
        problem("forme_juridique", f"« {text} » : forme juridique inconnue (indiquez le code INSEE, ex. 9220).")


def _commune(cells: dict[str, tuple[str, Any]], v: dict[str, Any], own: dict[str, str] | None,
             problem: Callable[..., None]) -> None:
    name = cells.get("commune", ("", None))[1]
    cp = cells.get("code_postal", ("", None))[1]
    insee = cells.get("commune_insee", ("", None))[1]
    if name is None and cp is None and insee is None:
        return
    if own and name is not None and insee is None:
        from pole_desktop.territory.text import fold

        for label, code in own.items():
            if fold(label) == fold(as_text(name)):
                insee = code
                break
    try:
        match = n.resolve_commune(name, cp, insee)
    except n.CellError as e:
        problem("commune_insee" if insee is not None else "commune" if name is not None else "code_postal", e.message)
        return
    if match.candidates:
        from pole_desktop.territory import get_territory

        t = get_territory()
        names = ", ".join(f"{t.commune(c).nom} ({c})" for c in match.candidates)
        problem("commune" if name is not None else "code_postal",
                f"Commune ambiguë : {names}. Précisez le code postal ou le code INSEE.",
                {c: f"{t.commune(c).nom} ({', '.join(t.commune(c).codes_postaux)})" for c in match.candidates}
                if name is not None else None)
        return
    if match.code_insee:
        v["commune_insee"] = match.code_insee
    if match.code_postal:
        v["code_postal"] = match.code_postal
    elif cp is not None and "code_postal" not in v:
        v["code_postal"] = n.parse_postcode(cp)


# --------------------------------------------------------------------------- the pass


STORED = {"personnes": [c.name for c in Personne.__table__.columns],
          "structures": [c.name for c in Structure.__table__.columns],
          "dossiers": list(dossiers_import.UPDATABLE), "rendez_vous": list(rdv_import.UPDATABLE),
          "ateliers": list(ateliers_import.UPDATABLE)}


def stored_values(kind: str, v: dict[str, Any]) -> dict[str, Any]:
    """Cleaned values → column values of the model (budget in cents, SIREN kept for matching only)."""
    out = {k: val for k, val in v.items() if k in STORED[kind]}
    if kind == "structures" and "budget" in v:
        out["budget_centimes"] = v["budget"]
    if kind == "dossiers" and "fonds_mobilises" in v:
        out["fonds_mobilises_centimes"] = v["fonds_mobilises"]
    return out


def analyse(
    session: Session,
    source: Source,
    mapping: Mapping,
    decisions: dict[int, str] | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[Outcome]:
    """Stream the outcome of every row (the database is only read)."""
    kind = mapping.kind
    decisions = decisions or {}
    if kind in ("dossiers", "rendez_vous"):
        yield from _analyse_dossiers(session, source, mapping, decisions, progress=progress, cancel=cancel)
        return
    if kind == "ateliers":
        yield from _analyse_ateliers(session, source, mapping, decisions, progress=progress, cancel=cancel)
        return
    db_index = database_index(session, kind)
    file_index = Index(kind)
    current: dict[str, dict[str, Any]] = {}
    model = MODELS[kind]
    for count, (row, values) in enumerate(source.rows(), start=1):
        if cancel is not None and count % 200 == 0 and cancel():
            raise ImportCancelled()
        if progress is not None and count % 500 == 0:
            progress(count)
        out = clean_row(kind, mapping, source.headers, row, values)
        if out.action == REJECT:
            yield out
            continue
        v = out.values
        label = _label(kind, v)
        earlier = file_index.find(v)
        existing = db_index.find(v)
        if earlier is not None:
            ident, reason = earlier
            out.duplicate = Duplicate(row, label, reason, earlier_row=int(ident[4:]), action=SKIP)
            out.action = SKIP
        elif existing is not None:
            ident, reason = existing
            out.duplicate = Duplicate(row, label, reason, existing_id=ident, existing_label=db_index.labels[ident])
            out.action = UPDATE
            out.record_id = ident
        wanted = decisions.get(row)
        if wanted in (CREATE, SKIP) or (wanted == UPDATE and out.record_id):
            out.action = wanted
        if out.duplicate is not None:
            out.duplicate.action = out.action
        if out.action == UPDATE:
            if out.record_id not in current:
                obj = session.get(model, out.record_id)
                current[out.record_id] = {c: getattr(obj, c) for c in STORED[kind]}
            now = current[out.record_id]
            for col, new in stored_values(kind, v).items():
                if new not in (None, "") and now.get(col) != new:
                    out.changes[col] = (now.get(col), new)
            if len(current) > 5000:
                current.clear()
        if out.action != SKIP:
            file_index.add(f"row:{row}", v)
        yield out


def _analyse_dossiers(
    session: Session,
    source: Source,
    mapping: Mapping,
    decisions: dict[int, str],
    *,
    progress: Callable[[int], None] | None,
    cancel: Callable[[], bool] | None,
) -> Iterator[Outcome]:
    kind = mapping.kind
    rdv = kind == "rendez_vous"
    links = rdv_import.RdvLinks(session) if rdv else dossiers_import.Links(session)
    model = RendezVous if rdv else Dossier
    referents = dict(dossiers_import.iter_referents(session))
    seen: dict[tuple[str, ...], int] = {}
    current: dict[str, dict[str, Any]] = {}
    for count, (row, values) in enumerate(source.rows(), start=1):
        if cancel is not None and count % 200 == 0 and cancel():
            raise ImportCancelled()
        if progress is not None and count % 500 == 0:
            progress(count)
        out = clean_row(kind, mapping, source.headers, row, values)
        v = out.values
        if v.get("referent"):
            rid = referents.get(n.fold(v["referent"]))
            if rid is None:
                header = next((h for h in source.headers if mapping.field_of(h) == "referent"), "Référent")
                out.problems.append(Problem(row, header, v["referent"], "Accompagnateur inconnu : indiquez son nom "
                                                                        "tel qu'il est dans Pôle Desktop."))
                out.action = REJECT
            v["referent_id"] = rid
        if rdv and out.action != REJECT:
            def problem(f: str, message: str, choices: dict[str, str] | None = None,
                        out: Outcome = out, row: int = row, values: list[Any] = values) -> None:
                i = next((i for i, h in enumerate(source.headers) if mapping.field_of(h) == f), None)
                header = source.headers[i] if i is not None else spec(kind, f).label
                raw = as_text(values[i]) if i is not None and i < len(values) else ""
                out.problems.append(Problem(row, header, raw, message, f, choices))

            rdv_import.resolve(links, v, problem)  # type: ignore[arg-type]
            if out.problems:
                out.action = REJECT
        if out.action == REJECT:
            yield out
            continue
        if rdv:
            label = f"{v['debut']:%d/%m/%Y %H:%M} — {links.labels.get(v.get('dossier_id') or '', '')}"
            key = (v.get("dossier_id"), v["debut"].isoformat())
            existing, earlier, reason = links.existing.get(key), seen.get(key), "même dossier, même date et heure"
            if earlier is not None:
                existing = None
        else:
            label = dossiers_import.label(v)
            existing, earlier, reason = dossiers_import.match(links, v, seen)
        if earlier is not None:
            out.duplicate = Duplicate(row, label, reason, earlier_row=earlier, action=SKIP)
            out.action = SKIP
        elif existing is not None:
            out.duplicate = Duplicate(row, label, reason, existing_id=existing, existing_label=links.labels[existing])
            out.action, out.record_id = UPDATE, existing
        wanted = decisions.get(row)
        if wanted in (CREATE, SKIP) or (wanted == UPDATE and out.record_id):
            out.action = wanted
        if out.duplicate is not None:
            out.duplicate.action = out.action
        if out.action == UPDATE:
            if out.record_id not in current:
                obj = session.get(model, out.record_id)
                current[out.record_id] = {c: getattr(obj, c) for c in STORED[kind]}
            now = current[out.record_id]
            for col, new in stored_values(kind, v).items():
                if new not in (None, "") and now.get(col) != new:
                    out.changes[col] = (now.get(col), new)
        if out.action != SKIP:
            if rdv:
                seen[(v.get("dossier_id"), v["debut"].isoformat())] = row
            else:
                dossiers_import.remember(v, row, links, seen)
        yield out


def _analyse_ateliers(
    session: Session,
    source: Source,
    mapping: Mapping,
    decisions: dict[int, str],
    *,
    progress: Callable[[int], None] | None,
    cancel: Callable[[], bool] | None,
) -> Iterator[Outcome]:
    links = ateliers_import.AtelierLinks(session)
    seen: dict[tuple[tuple[str, str], str], int] = {}
    for count, (row, values) in enumerate(source.rows(), start=1):
        if cancel is not None and count % 200 == 0 and cancel():
            raise ImportCancelled()
        if progress is not None and count % 500 == 0:
            progress(count)
        out = clean_row("ateliers", mapping, source.headers, row, values)
        if out.action == REJECT:
            yield out
            continue
        v = out.values
        akey, pid, pkey = ateliers_import.keys(links, v)
        who = f"{v['participant'][0].upper()} {v['participant'][1]}".strip()
        label = f"{who} — {v['titre']} ({v['date']:%d/%m/%Y})"
        aid = links.ateliers.get(akey)
        existing = links.inscriptions.get((aid, pid)) if aid and pid else None
        earlier = seen.get((akey, pid or pkey))
        reason = "déjà inscrit·e à cet atelier"
        if earlier is not None:
            out.duplicate = Duplicate(row, label, reason, earlier_row=earlier, action=SKIP)
            out.action = SKIP
        elif existing is not None:
            out.duplicate = Duplicate(row, label, reason, existing_id=existing, existing_label=f"{who} — "
                                      f"{links.labels.get(aid or '', '')}")
            out.action, out.record_id = UPDATE, existing
        wanted = decisions.get(row)
        if wanted == SKIP or (wanted == UPDATE and out.record_id):
            out.action = wanted
        if out.duplicate is not None:
            out.duplicate.action = out.action
        if out.action == UPDATE and "present" in v:
            obj = session.get(AtelierInscription, out.record_id)
            if obj.present != v["present"]:
                out.changes["present"] = (obj.present, v["present"])
        if out.action != SKIP:
            seen[(akey, pid or pkey)] = row
        yield out


def dry_run(
    session: Session,
    source: Source,
    mapping: Mapping,
    decisions: dict[int, str] | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DryRun:
    """What the import would do, nothing written."""
    result = DryRun(mapping.kind)
    for out in analyse(session, source, mapping, decisions, progress=progress, cancel=cancel):
        tally(result, out)
    return result


def tally(result: DryRun, out: Outcome) -> None:
    result.total += 1
    if out.duplicate is not None:
        result.duplicates.append(out.duplicate)
    if out.action == REJECT:
        result.rejected += 1
        result.problems.extend(out.problems)
        for prob in out.problems:
            if prob.choices and prob.field:
                entry = result.to_settle.setdefault((prob.field, prob.column, prob.value),
                                                    {"choices": prob.choices, "rows": 0})
                entry["rows"] += 1
    elif out.action == SKIP:
        result.skipped += 1
    elif out.action == UPDATE and not out.changes:
        result.unchanged += 1
    elif out.action == UPDATE:
        result.updated += 1
        result.updates.append(Update(out.row, out.record_id or "",
                                     out.duplicate.existing_label if out.duplicate else "", out.changes))
    else:
        result.created += 1


def dry_run_db(
    db: Any,
    source: Source,
    mapping: Mapping,
    decisions: dict[int, str] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DryRun:
    """:func:`dry_run` in a read transaction of ``db``, with progress as (rows done, rows in the file)."""
    total = source.estimate_rows()
    if progress is not None:
        progress(0, total)
    with db.read() as s:
        result = dry_run(s, source, mapping, decisions, cancel=cancel,
                         progress=(lambda n: progress(n, total)) if progress is not None else None)
    if progress is not None:
        progress(total, total)
    return result
