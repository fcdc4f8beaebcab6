"""``pole-desktop-cli report``: the bilan d'activité as PDF, CSV or XLSX (chosen by the extension)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from pole_desktop import clock

FORMATS = (".pdf", ".csv", ".xlsx")


def register(sub: argparse._SubParsersAction) -> None:
    from pole_desktop.cli import add_data_dir

    p = sub.add_parser("report", help="bilan d'activité d'une période (PDF, CSV ou XLSX)")
    add_data_dir(p)
    p.add_argument("--from", dest="date_from", required=True, metavar="AAAA-MM-JJ", help="premier jour de la période")
    p.add_argument("--to", dest="date_to", required=True, metavar="AAAA-MM-JJ", help="dernier jour de la période")
    p.add_argument("--dispositif", metavar="NOM", default=None,
                   help="dispositif (nom ou code, accents facultatifs : « graines », « DLA »…) ; tous par défaut")
    p.add_argument("--epci", metavar="SIREN", default=None, help="SIREN d'un EPCI ; tous par défaut")
    p.add_argument("--out", required=True, metavar="FICHIER", help="fichier produit : .pdf, .csv ou .xlsx")
    p.add_argument("--generated-at", dest="generated_at", default=None, metavar="AAAA-MM-JJTHH:MM",
                   help="date et heure de génération imprimées dans le PDF (par défaut : maintenant) ; "
                        "les mêmes données et la même valeur donnent un fichier identique octet pour octet")
    p.set_defaults(func=run)


def _date(text: str, what: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        _fail(f"date de {what} invalide « {text} » : utilisez le format AAAA-MM-JJ.")
        return None


def _fail(message: str) -> int:
    print(f"Erreur : {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    ext = out.suffix.lower()
    if ext not in FORMATS:
        return _fail(f"extension « {out.suffix or '(aucune)'} » non prise en charge : choisissez .pdf, .csv ou .xlsx.")
    date_from = _date(args.date_from, "début")
    date_to = _date(args.date_to, "fin")
    if date_from is None or date_to is None:
        return 2
    if date_to < date_from:
        return _fail("la date de fin précède la date de début.")
    generated_at = None
    if args.generated_at:
        try:
            generated_at = dt.datetime.fromisoformat(args.generated_at).replace(microsecond=0)
        except ValueError:
            return _fail(f"date de génération invalide « {args.generated_at} » : utilisez le format AAAA-MM-JJTHH:MM.")
        if generated_at.tzinfo is not None:  # documents print naive Dijon wall time
            generated_at = generated_at.astimezone(clock.PARIS).replace(tzinfo=None)
    dispositif = None
    if args.dispositif:
        from pole_desktop.domain.dispositifs import DISPOSITIFS, dispositif_par_nom

        try:
            dispositif = dispositif_par_nom(args.dispositif).code
        except KeyError:
            noms = ", ".join(d.nom for d in DISPOSITIFS.values())
            return _fail(f"dispositif inconnu « {args.dispositif} ». Dispositifs : {noms}.")
    if args.epci:
        from pole_desktop.territory import get_territory

        if args.epci not in dict(get_territory().epcis()):
            return _fail(f"EPCI inconnu « {args.epci} » : indiquez le SIREN d'un EPCI de Côte-d'Or.")
    from pole_desktop.documents.settings import load_letterhead
    from pole_desktop.reports.bilan import compute_bilan
    from pole_desktop.reports.export import bilan_meta, to_csv, to_pdf, to_xlsx
    from pole_desktop.safety.opening import open_database

    db = open_database(args.data_dir)
    try:
        with db.read() as s:
            bilan = compute_bilan(s, date_from, date_to, dispositif, args.epci)
        if ext == ".pdf":
            when = generated_at or clock.local_now()
            data = to_pdf(bilan, bilan_meta(bilan, when, load_letterhead(db.data_dir)))
        elif ext == ".csv":
            data = to_csv(bilan)
        else:
            data = to_xlsx(bilan)
    finally:
        db.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
    print(f"Bilan d'activité ({bilan.dispositif_libelle}, {bilan.epci_nom}) écrit dans {out} "
          f"({bilan.personnes} personnes accompagnées, {bilan.dossiers_actifs} dossiers actifs).")
    return 0
