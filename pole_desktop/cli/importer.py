"""``pole-desktop-cli import``: bring in a spreadsheet (CSV, XLSX, XLS, ODS) as one reversible batch.

    pole-desktop-cli import --data-dir D --kind personnes FICHIER [--sheet NOM] [--encoding ENC]
                            [--mapping MAPPING.json] [--dry-run] [--json]
    pole-desktop-cli import --undo LOT --data-dir D
    pole-desktop-cli import --list --data-dir D

Without ``--mapping`` the columns are mapped from their French headers. The exit code is
non-zero only when nothing could be read (file, sheet, encoding or mapping); rejected rows are
reported (and written beside the file) but are not a failure.
"""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from pole_desktop.cli import add_data_dir

    p = sub.add_parser("import", help="importer un tableur (personnes, structures, dossiers, rendez-vous, "
                                      "ateliers) ou annuler un import")
    add_data_dir(p)
    p.add_argument("file", nargs="?", metavar="FICHIER", help="fichier .xlsx, .xls, .ods ou .csv")
    p.add_argument("--kind", choices=["personnes", "structures", "dossiers", "rendez_vous", "ateliers"], default=None,
                   help="ce que sont les lignes")
    p.add_argument("--sheet", metavar="NOM", default=None, help="feuille du classeur (par défaut : la première)")
    p.add_argument("--encoding", metavar="ENC", default=None,
                   help="encodage d'un CSV (utf-8, cp1252, latin-1) ; détecté par défaut")
    p.add_argument("--mapping", metavar="MAPPING.json", default=None,
                   help="correspondance des colonnes enregistrée ; automatique d'après les en-têtes par défaut")
    p.add_argument("--save-mapping", metavar="MAPPING.json", default=None,
                   help="enregistrer la correspondance utilisée pour la prochaine fois")
    p.add_argument("--dry-run", action="store_true", help="montrer ce que ferait l'import, sans rien écrire")
    p.add_argument("--undo", metavar="LOT", default=None, help="annuler l'import LOT (son identifiant)")
    p.add_argument("--list", action="store_true", help="lister les imports de ce dossier de données")
    p.add_argument("--json", action="store_true", help="sortie JSON (un objet)")
    p.set_defaults(func=run)


def _fail(message: str) -> int:
    print(f"Erreur : {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    if args.undo:
        return _undo(args)
    if args.list:
        return _list(args)
    if not args.file or not args.kind:
        return _fail("indiquez le fichier et --kind (personnes, structures, dossiers, rendez_vous ou ateliers), "
                     "ou --undo LOT.")
    from pole_desktop.importing import apply, mapping, plan, readers

    try:
        mapping.check_kind(args.kind)
        src = readers.open_source(args.file, sheet=args.sheet, encoding=args.encoding)
        m = mapping.coerce(args.kind, src.headers, args.mapping)
    except (readers.ReadError, mapping.MappingError) as e:
        return _fail(str(e))
    if not m.used_fields():
        return _fail("aucune colonne reconnue dans les en-têtes : "
                     f"{', '.join(src.headers)}. Indiquez une correspondance avec --mapping.")
    if args.save_mapping:
        m.save(args.save_mapping)
    from pole_desktop.safety.opening import open_database

    db = open_database(args.data_dir)
    try:
        if args.dry_run:
            with db.read() as s:
                dry = plan.dry_run(s, src, m)
            batch, report = None, None
        else:
            res = apply.apply_import(db, src, m)
            dry, batch, report = res.dry, res.batch_id, res.report_path
    finally:
        db.close()
    counts = {**dry.counts(), "batch": batch, "report": str(report) if report else None, "dry_run": args.dry_run,
              "encoding": src.encoding, "sheet": src.sheet}
    if dry.linked:
        counts["linked_created"] = dry.linked
    if args.json:
        counts["rejects"] = [{"ligne": p.row, "colonne": p.column, "valeur": p.value, "probleme": p.message}
                             for p in dry.problems[:1000]]
        counts["duplicate_rows"] = [{"ligne": d.row, "motif": d.reason, "fiche": d.existing_id,
                                     "ligne_precedente": d.earlier_row, "action": d.action}
                                    for d in dry.duplicates[:1000]]
        print(json.dumps(counts, ensure_ascii=False, sort_keys=True))
        return 0
    if args.dry_run:
        print(f"Simulation (rien n'a été écrit) : {dry.total} lignes lues, {dry.created} à créer, "
              f"{dry.updated} à mettre à jour, {dry.unchanged} déjà à jour, {dry.skipped} à ignorer, "
              f"{dry.rejected} rejetées, {len(dry.duplicates)} doublons possibles.")
    else:
        print(f"Import terminé : {dry.total} lignes lues, {dry.created} fiches créées, {dry.updated} mises à jour, "
              f"{dry.unchanged} déjà à jour, {dry.skipped} ignorées, {dry.rejected} rejetées, "
              f"{len(dry.duplicates)} doublons possibles.")
    for d in dry.duplicates[:20]:
        target = f"la fiche « {d.existing_label} »" if d.existing_id else f"la ligne {d.earlier_row}"
        print(f"  Ligne {d.row} « {d.label} » : {d.reason} que {target} → {_ACTIONS[d.action]}")
    from pole_desktop.domain.labels import FIELDS

    for u in dry.updates[:20]:
        changes = "; ".join(f"{FIELDS.get(k, k)} : {a if a not in (None, '') else '(vide)'} → {b}"
                            for k, (a, b) in u.fields.items())
        print(f"  Ligne {u.row} → « {u.record_label} » : {changes}")
    for p in dry.problems[:20]:
        print(f"  Ligne {p.row}, colonne « {p.column} » ({p.value}) : {p.message}")
    if len(dry.problems) > 20:
        print(f"  … et {len(dry.problems) - 20} autres problèmes.")
    if report:
        print(f"Lignes rejetées écrites dans {report}")
    if batch:
        print(f"Identifiant de l'import : {batch} (pour l'annuler : pole-desktop-cli import --undo {batch})")
    return 0


_ACTIONS = {"update": "mise à jour de la fiche", "create": "nouvelle fiche", "skip": "ligne ignorée"}


def _undo(args: argparse.Namespace) -> int:
    from pole_desktop.importing import apply
    from pole_desktop.safety.opening import open_database

    db = open_database(args.data_dir)
    try:
        res = apply.undo_import(db, args.undo)
    except apply.UndoError as e:
        return _fail(str(e))
    finally:
        db.close()
    if args.json:
        print(json.dumps({"batch": res.batch_id, "deleted": res.deleted, "restored": res.restored, "kept": res.kept},
                         ensure_ascii=False, sort_keys=True))
        return 0
    print(f"Import annulé : {res.deleted} fiches supprimées, {res.restored} fiches remises dans leur état d'avant.")
    for line in res.kept:
        print(f"  {line}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from pole_desktop.importing import apply
    from pole_desktop.safety.opening import open_database

    db = open_database(args.data_dir)
    try:
        with db.read() as s:
            lots = apply.list_batches(s)
    finally:
        db.close()
    rows = [{"batch": lot.id, "fichier": lot.fichier, "type": lot.type, "le": lot.cree_le.isoformat(),
             "created": lot.nb_crees, "updated": lot.nb_modifies, "rejected": lot.nb_rejetes,
             "annule_le": lot.annule_le.isoformat() if lot.annule_le else None} for lot in lots]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not rows:
        print("Aucun import.")
    for r in rows:
        state = f"annulé le {r['annule_le'][:10]}" if r["annule_le"] else "en place"
        print(f"{r['batch']}  {r['le'][:16].replace('T', ' ')}  {r['type']}  {r['fichier']}  "
              f"{r['created']} créées, {r['updated']} mises à jour ({state})")
    return 0
