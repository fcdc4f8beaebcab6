"""The bilan's method, checked against figures computed here without ``pole_desktop.reports``:
dated results (flows), the FRR rule (ANCT codes 1, 4, 5; FRR+ apart), QPV by the person's address,
the new indicators identical in PDF, CSV and XLSX, and the CLI's reproducible bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdf
import pytest

from pole_desktop.demo import generate
from pole_desktop.domain import models as m
from pole_desktop.paths import DataDir
from pole_desktop.reports.bilan import compute_bilan
from pole_desktop.reports.export import bilan_meta, format_value, key_figures, to_csv, to_pdf, to_xlsx
from pole_desktop.safety.backups import copy_database
from pole_desktop.services import dossiers as dossier_service
from pole_desktop.services.validation import ValidationError
from pole_desktop.storage.database import Database
from tests.infra.encrypted import passphrase_env, passphrase_mode

ROOT = Path(__file__).resolve().parents[2]
Y2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    passphrase_mode(monkeypatch)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("method") / "data"
    mp = pytest.MonkeyPatch()
    passphrase_mode(mp)
    db = Database.open(DataDir.at(root))
    generate(db, "small", seed=1, today=dt.date(2026, 11, 26))
    db.close()
    mp.undo()
    return root


@pytest.fixture
def demo(demo_dir: Path):  # noqa: ANN201
    db = Database.open(DataDir.at(demo_dir))
    yield db
    db.close()


def _frr_codes() -> dict[str, int]:
    """The ANCT codes straight from the shipped file."""
    with (ROOT / "resources" / "territoire" / "frr_21.csv").open(encoding="utf-8") as f:
        return {r["code_insee"]: int(r["codefrr"]) for r in csv.DictReader(f)}


def _active(d: m.Dossier, start: dt.date, end: dt.date) -> bool:
    return d.date_ouverture <= end and (d.date_cloture is None or d.date_cloture >= start)


def _in(day: dt.date | None, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def test_results_are_flows_each_counted_in_one_year_only(demo: Database) -> None:
    with demo.read() as s:
        dossiers = s.query(m.Dossier).all()
        years = range(min(d.date_ouverture.year for d in dossiers), 2027)
        bilans = [compute_bilan(s, dt.date(y, 1, 1), dt.date(y, 12, 31), with_previous=False) for y in years]
    total_conso = sum(Decimal(str(d.emplois_consolides_etp or 0)) for d in dossiers)
    total_fonds = sum(Decimal(d.fonds_mobilises_centimes or 0) for d in dossiers) / 100
    assert total_conso > 0 and total_fonds > 0
    # Flows add up: the yearly bilans together hold each recorded value exactly once.
    assert sum(b.emplois_consolides_etp for b in bilans) == total_conso
    assert sum(b.fonds_mobilises for b in bilans) == total_fonds
    # And 2025 holds exactly the values dated in 2025 by the stated rule (closing date, else opening).
    start, end = Y2025
    expected = sum(Decimal(str(d.emplois_consolides_etp or 0)) for d in dossiers
                   if _in(d.date_emplois_consolides or d.date_cloture or d.date_ouverture, start, end))
    assert bilans[list(years).index(2025)].emplois_consolides_etp == expected
    stock = sum(Decimal(str(d.emplois_consolides_etp or 0)) for d in dossiers if _active(d, start, end))
    assert expected < stock  # the old method counted the stock of every active dossier


def test_frr_counts_codes_1_4_5_and_frr_plus_apart(demo: Database) -> None:
    codes = _frr_codes()
    start, end = Y2025
    with demo.read() as s:
        b = compute_bilan(s, *Y2025, with_previous=False)
        rural, plus, people, qpv = set(), set(), set(), set()
        for d in s.query(m.Dossier).all():
            if not _active(d, start, end):
                continue
            code = d.frr_code if d.frr_code is not None else codes.get(d.commune_insee or "", 0)
            for link in s.query(m.DossierBeneficiaire).filter_by(dossier_id=d.id):
                people.add(link.personne_id)
                if code in (1, 4, 5):
                    rural.add(link.personne_id)
                if code == 5:
                    plus.add(link.personne_id)
        for pid in people:
            if s.get(m.Personne, pid).qpv_code:
                qpv.add(pid)
    assert b.personnes == len(people)
    assert b.personnes_rural == len(rural) and b.personnes_frr_plus == len(plus)
    assert 0 < len(plus) < len(rural)
    assert b.part_rural == (Decimal(len(rural)) * 100 / len(people)).quantize(Decimal("0.1"))
    assert b.personnes_qpv == len(qpv)
    notes = " ".join(b.notes())
    assert "code 1" in notes and "FRR+" in notes and "adresse" in notes
    assert "commune du dossier située en quartier prioritaire" not in notes


def test_qpv_is_the_persons_address_not_the_dossiers(db: Database) -> None:
    from pole_desktop.services import personnes as personne_service

    with db.session() as s:
        at_home = personne_service.save_personne(s, {"nom": "A", "prenom": "X", "commune_insee": "21231",
                                                     "qpv_code": "QN02102M"}).id
        elsewhere = personne_service.save_personne(s, {"nom": "B", "prenom": "Y", "commune_insee": "21231"}).id
        dossier_service.create_dossier(s, {"dispositif": "crdva", "titre": "T", "date_ouverture": dt.date(2025, 2, 1),
                                           "commune_insee": "21231", "qpv_code": "QN02103M",
                                           "beneficiaires": [elsewhere, at_home]})
    with db.read() as s:
        b = compute_bilan(s, *Y2025)
    assert (b.personnes, b.personnes_qpv) == (2, 1)


def test_result_dates_recorded_by_the_service(db: Database) -> None:
    from pole_desktop import clock

    with db.session() as s:
        d = dossier_service.create_dossier(s, {"dispositif": "dla", "titre": "T", "date_ouverture": dt.date(2024, 3, 1),
                                               "emplois_consolides_etp": "2"})
        assert d.date_emplois_consolides == dt.date(2024, 3, 1)  # entered with the dossier: its opening date
        dossier_service.update_dossier(s, d.id, {"emplois_consolides_etp": "3", "fonds_mobilises": "1000"})
        assert d.date_emplois_consolides == clock.today() and d.date_fonds_mobilises == clock.today()
        dossier_service.update_dossier(s, d.id, {"emplois_consolides_etp": "3",
                                                 "date_fonds_mobilises": dt.date(2024, 6, 1)})
        assert d.date_emplois_consolides == clock.today() and d.date_fonds_mobilises == dt.date(2024, 6, 1)
        dossier_service.update_dossier(s, d.id, {"fonds_mobilises": ""})
        assert d.fonds_mobilises_centimes is None and d.date_fonds_mobilises is None
        with pytest.raises(ValidationError):
            dossier_service.update_dossier(s, d.id, {"date_emplois_consolides": dt.date(1990, 1, 1)})


def test_results_recorded_before_0003_are_dated_by_the_stated_rule_when_read(tmp_path: Path) -> None:
    """The migration adds the date columns and writes nothing (its writes would not be journaled, and
    laptops would disagree); the bilan dates an undated result by the rule stated in « Méthode »."""
    sample = ROOT / "tests" / "migrations" / "samples" / "v0001_tiny.db"
    dd = DataDir.at(tmp_path)
    dd.ensure()
    shutil.copy(sample, dd.database)
    db = Database.open(dd, backup_copy=copy_database)
    try:
        with db.read() as s:
            dossiers = s.query(m.Dossier).all()
            assert dossiers
            assert all(d.date_emplois_crees is d.date_emplois_consolides is d.date_fonds_mobilises is None
                       for d in dossiers)
            years = sorted({y for d in dossiers for y in (d.date_ouverture.year, (d.date_cloture or
                                                                                  d.date_ouverture).year)})
            checked = 0
            for y in years:
                start, end = dt.date(y, 1, 1), dt.date(y, 12, 31)
                b = compute_bilan(s, start, end, with_previous=False)
                conso = sum(Decimal(str(d.emplois_consolides_etp or 0)) for d in dossiers
                            if _in(d.date_cloture or d.date_ouverture, start, end))
                fonds = sum(Decimal(d.fonds_mobilises_centimes or 0) for d in dossiers
                            if _in(d.date_cloture or d.date_ouverture, start, end)) / 100
                assert (b.emplois_consolides_etp, b.fonds_mobilises) == (conso, fonds), y
                checked += bool(conso or fonds)
            assert checked
    finally:
        db.close()


def _pdf_text(pdf: bytes) -> str:
    raw = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(raw.replace("\u202f", " ").replace("\u00a0", " ").split())


def _shown(value: int | Decimal, unit: str) -> str:
    return " ".join(format_value(value, unit).replace("\u202f", " ").replace("\u00a0", " ").split())


def test_new_indicators_identical_in_pdf_csv_xlsx(demo: Database) -> None:
    with demo.read() as s:
        b = compute_bilan(s, *Y2025)
        structures = {d.structure_id for d in s.query(m.Dossier).all()
                      if d.structure_id and _active(d, *Y2025)}
    assert b.structures == len(structures) > 0
    assert b.precedent is not None and b.precedent.date_from == dt.date(2024, 1, 1)
    pdf = _pdf_text(to_pdf(b, bilan_meta(b, dt.datetime(2026, 1, 5, 9, 0))))
    rows = list(csv.reader(io.StringIO(to_csv(b)[3:].decode("utf-8")), delimiter=";"))
    start = rows.index(["Indicateur", "Valeur", "Unité", "Même période N-1"])
    csv_figs = {r[0]: r for r in rows[start + 1:] if r}
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(b)))
    xlsx_figs = {r[0]: r for r in wb["Synthèse"].iter_rows(values_only=True) if r and r[0]}
    figures = key_figures(b)
    labels = {f.label for f in figures}
    for wanted in ("Structures accompagnées", "dont structures agréées ESUS", "ETP des structures accompagnées",
                   "Allocataires du RSA", "Moins de 26 ans", "Plus de 50 ans", "Dossiers portés par une femme",
                   "dont part en FRR+", "Campagnes Graines d'Actions", "Taux de réussite des campagnes",
                   "Participants distincts aux ateliers"):
        assert wanted in labels
    for f in figures:
        assert f.previous is not None, f.label
        assert Decimal(csv_figs[f.label][1].replace(",", ".")) == Decimal(f.value), f.label
        assert Decimal(csv_figs[f.label][3].replace(",", ".")) == Decimal(f.previous), f.label
        assert Decimal(str(xlsx_figs[f.label][1])) == Decimal(f.value), f.label
        assert Decimal(str(xlsx_figs[f.label][2])) == Decimal(f.previous), f.label
        assert f"{f.label} {_shown(f.value, f.unit)} {_shown(f.previous, f.unit)}" in pdf, f.label
    # Tables: the XLSX sheets hold the PDF's rows.
    for sheet, lines in (("Clôtures", b.clotures_par_motif), ("Formes juridiques", b.par_forme_juridique),
                         ("Secteurs", b.par_secteur)):
        got = [tuple(r) for r in wb[sheet].iter_rows(min_row=2, values_only=True)]
        assert got == [(x.libelle, x.nombre) for x in lines], sheet
    assert sum(x.nombre for x in b.par_forme_juridique) == b.structures
    assert sum(x.nombre for x in b.clotures_par_motif) == b.dossiers_clotures
    assert "Étapes franchies pendant la période" in pdf and "Clôtures par motif" in pdf


def test_commune_breakdown_when_filtered_to_one_epci(demo: Database) -> None:
    with demo.read() as s:
        b = compute_bilan(s, *Y2025, epci_siren="242100410")
    assert b.par_commune and sum(c.dossiers for c in b.par_commune) == b.dossiers_actifs
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(b)))
    assert "Communes" in wb.sheetnames


def test_cli_generated_at_gives_the_same_bytes(demo_dir: Path, tmp_path: Path) -> None:
    outs = []
    for i in range(2):
        out = tmp_path / f"bilan{i}.pdf"
        subprocess.run([sys.executable, "-m", "pole_desktop.cli", "report", "--data-dir", str(demo_dir),
                        "--from", "2025-01-01", "--to", "2025-12-31", "--generated-at", "2026-01-05T09:00",
                        "--out", str(out)], check=True, env=passphrase_env(), cwd=ROOT, capture_output=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert "5 janvier 2026" in _pdf_text(outs[0])
    bad = subprocess.run([sys.executable, "-m", "pole_desktop.cli", "report", "--data-dir", str(demo_dir),
                          "--from", "2025-01-01", "--to", "2025-12-31", "--generated-at", "demain",
                          "--out", str(tmp_path / "x.pdf")], env=passphrase_env(), cwd=ROOT, capture_output=True,
                         text=True)
    assert bad.returncode == 2 and "date de génération invalide" in bad.stderr
