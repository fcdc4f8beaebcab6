"""Generated PDFs read back with pypdf: content, pages, fonts, reproducibility."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pypdf
import pytest
from reportlab.graphics.shapes import Drawing, Rect, String

from pole_desktop.documents import (
    DocumentMeta,
    Letterhead,
    build_pdf,
    render_attestation,
    render_compte_rendu,
    render_convention,
    render_emargement,
    render_fiche_synthese,
)
from pole_desktop.documents.blocks import section, title_block
from pole_desktop.documents.samples import (
    sample_attestation,
    sample_compte_rendu,
    sample_convention,
    sample_emargement,
    sample_fiche_synthese,
    sample_meta,
)
from pole_desktop.documents.views import Dispositif, Personne
from pole_desktop.resources import resource_path

REPO = Path(__file__).resolve().parents[2]


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Extracted text with every kind of space (and line wraps) as one plain space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def all_text(pdf: bytes) -> str:
    return flat(" ".join(pages_text(pdf)))


def render_all() -> dict[str, bytes]:
    return {
        "compte-rendu": render_compte_rendu(sample_compte_rendu(), sample_meta()),
        "fiche": render_fiche_synthese(sample_fiche_synthese(), sample_meta()),
        **{
            f"convention-{d.value}": render_convention(sample_convention(d), sample_meta())
            for d in Dispositif
        },
        "attestation": render_attestation(sample_attestation(), sample_meta("PA-2026-K7QF-0017")),
        "emargement": render_emargement(sample_emargement(), sample_meta("AT-2026-K7QF-0007")),
    }


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return render_all()


# --- every document -------------------------------------------------------------------------------


def test_every_document_has_footer_and_page_numbers(rendered: dict[str, bytes]) -> None:
    for name, pdf in rendered.items():
        pages = pages_text(pdf)
        assert pdf.startswith(b"%PDF-"), name
        for number, text in enumerate(pages, start=1):
            text = flat(text)
            assert f"Page {number} / {len(pages)}" in text, name
            assert "généré le jeudi 26 novembre 2026 à 14:30" in text, name
        assert "Pôle d'Économie Solidaire" in flat(pages[0]), name
        assert "12 avenue Eiffel, 21000 Dijon" in flat(pages[0]), name
        assert "03 80 50 90 47" in flat(pages[0]), name


def _font_dicts(pdf: bytes) -> list[pypdf.generic.DictionaryObject]:
    fonts = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        resources = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            fonts.append(ref.get_object())
    return fonts


def test_only_embedded_fonts(rendered: dict[str, bytes]) -> None:
    for name, pdf in rendered.items():
        fonts = _font_dicts(pdf)
        assert fonts, name
        for font in fonts:
            base = str(font["/BaseFont"])
            assert re.fullmatch(r"/[A-Z]{6}\+DejaVuSans(-Bold|-Oblique)?", base), (name, base)
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, (name, base)
        assert b"Helvetica" not in pdf, name


def test_metadata_and_language(rendered: dict[str, bytes]) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered["compte-rendu"]))
    info = reader.metadata
    assert info is not None
    assert info.title == "Compte-rendu d'entretien"
    assert info.author == "Pôle d'Économie Solidaire 21"
    assert "DLA-2026-K7QF-0042" in (info.subject or "")
    assert info["/CreationDate"] == "D:20261126143000"
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"


# --- reproducibility ------------------------------------------------------------------------------


def test_same_input_gives_identical_bytes(rendered: dict[str, bytes]) -> None:
    again = render_all()
    for name, pdf in rendered.items():
        assert again[name] == pdf, name


def test_environment_does_not_change_the_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = render_compte_rendu(sample_compte_rendu(), sample_meta())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # read by reportlab's timestamp
    monkeypatch.setenv("TZ", "America/New_York")
    assert render_compte_rendu(sample_compte_rendu(), sample_meta()) == expected


def test_generation_time_changes_the_document() -> None:
    meta = sample_meta()
    a = render_compte_rendu(sample_compte_rendu(), meta)
    b = render_compte_rendu(sample_compte_rendu(), replace(meta, generated_at=datetime(2026, 11, 27, 9, 0)))
    assert a != b
    assert "généré le vendredi 27 novembre 2026 à 09:00" in all_text(b)


_SUBPROCESS_RENDER = (
    "import hashlib, sys\n"
    "from pole_desktop.documents import render_compte_rendu\n"
    "from pole_desktop.documents.samples import sample_compte_rendu, sample_meta\n"
    "sys.stdout.write(hashlib.sha256(render_compte_rendu(sample_compte_rendu(), sample_meta())).hexdigest())\n"
)


def test_identical_bytes_across_processes() -> None:
    expected = hashlib.sha256(render_compte_rendu(sample_compte_rendu(), sample_meta())).hexdigest()
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        env.pop("SOURCE_DATE_EPOCH", None)
        out = subprocess.run(
            [sys.executable, "-c", _SUBPROCESS_RENDER],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout == expected


# --- compte-rendu ---------------------------------------------------------------------------------


def test_compte_rendu_content(rendered: dict[str, bytes]) -> None:
    pdf = rendered["compte-rendu"]
    text = all_text(pdf)
    for expected in (
        "Compte-rendu d'entretien",
        "Dossier DLA-2026-K7QF-0042 · DLA",
        "jeudi 26 novembre 2026 de 09:30 à 11:45",
        "Sur site : Local de l'épicerie, salle de réunion — 2 place du Marché, 21350 Vitteaux",
        "Claire Durand-Lefèvre — présidente, Le Panier d'Œuvres",
        "Julien Roussel",
        "Entretien de diagnostic",
        "« Le Panier d'Œuvres »",
        "budget 2026 : 186 400 € de charges, dont 61 % de salaires ;",
        "https://www.exemple.org/epiceries?region=bfc&page=2",
        "le 14 janvier à 9:30.",
        "Mettre en place un plan de trésorerie mensuel suivi par le trésorier.",
        "Amine Benali",
        "10/12/2026",
        "jeudi 14 janvier 2027 de 09:30 à 12:00",
        "2 h 15",
        "Réalisé",
    ):
        assert expected in text, expected
    # The narrow no-break space really reaches the PDF (reportlab would turn it into a plain space).
    assert "contexte\u202f:" in "".join(pages_text(pdf))


def _long_notes(lines: int) -> list[str]:
    return [
        f"Point {i:03d} : la trésorière détaille la ligne « charges de personnel » du budget prévisionnel ; "
        f"l'écart constaté atteint {i * 37} € sur l'exercice, à revoir avec l'expert-comptable avant le conseil."
        for i in range(1, lines + 1)
    ]


def test_long_compte_rendu_flows_over_three_pages_without_losing_a_line() -> None:
    lines = _long_notes(34)
    pdf = render_compte_rendu(sample_compte_rendu("\n".join(lines)), sample_meta())
    pages = pages_text(pdf)
    assert len(pages) == 3
    assert "Page 1 / 3" in flat(pages[0])
    assert "Page 3 / 3" in flat(pages[2])
    text = all_text(pdf)
    for line in lines:
        assert flat(line) in text, line
    # Later pages carry the running header, not the letterhead.
    assert "Compte-rendu d'entretien" in flat(pages[1])
    assert "12 avenue Eiffel" not in flat(pages[1])


def test_user_text_is_escaped() -> None:
    data = replace(sample_compte_rendu("Balises <b>non</b> interprétées & co\n<script>"), objet="a < b")
    text = all_text(render_compte_rendu(data, sample_meta()))
    assert "Balises <b>non</b> interprétées & co" in text
    assert "<script>" in text
    assert "a < b" in text


def test_compte_rendu_minimal_data() -> None:
    from datetime import date

    from pole_desktop.documents.views import CompteRenduData, DossierRef

    data = CompteRenduData(dossier=DossierRef(reference="CRDVA-2026-AB12-0001", dispositif=Dispositif.CRDVA),
                           date=date(2026, 1, 5))  # fmt: skip
    text = all_text(render_compte_rendu(data, DocumentMeta(reference="CRDVA-2026-AB12-0001",
                                                           generated_at=datetime(2026, 1, 5, 8, 0))))  # fmt: skip
    assert "lundi 5 janvier 2026" in text
    assert "Pas de notes pour cet entretien." in text
    assert "Page 1 / 1" in text


# --- other templates -------------------------------------------------------------------------------


def test_fiche_synthese_content(rendered: dict[str, bytes]) -> None:
    text = all_text(rendered["fiche"])
    for expected in (
        "Fiche de synthèse du dossier",
        "Mme Claire Durand-Lefèvre",
        "Le Panier d'Œuvres (PDO)",
        "832 503 174 00027",
        "W212004587",
        "Vitteaux (code INSEE 21710)",
        "CC des Terres d'Auxois",
        "FRR (classement au 1er juillet 2024)",
        "Hors QPV",
        "Diagnostic partagé",
        "15/10/2026",
        "en cours",
        "1,8 ETP",
        "0,5 ETP",
        "23 500,00 €",
        "9 234,50 € collectés sur HelloAsso pour un objectif de 8 000,00 € (115 %), 163 contributeur·rice·s",
        "Premier entretien de diagnostic",
        "Retrouver trois mois de trésorerie d'ici fin 2027",
        "lutte contre le gaspillage",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("dispositif", list(Dispositif))
def test_convention_content(rendered: dict[str, bytes], dispositif: Dispositif) -> None:
    text = all_text(rendered[f"convention-{dispositif.value}"])
    for expected in (
        "Convention d'accompagnement",
        "représenté par Hélène Marchal, directrice",
        "Le Panier d'Œuvres (PDO), association déclarée, SIRET 832 503 174 00027",
        "représentée par Mme Claire Durand-Lefèvre, présidente",
        "prend effet le 1er décembre 2026 et prend fin le 30 novembre 2027",
        "Le Pôle s'engage à :",
        "Le bénéficiaire s'engage à :",
        "L'accompagnement est gratuit pour le bénéficiaire",
        "3 ans après le dernier contact",
        "droit d'accès, de rectification, d'effacement",
        "contact@exemple.org",
        "CNIL",
        "Fait à Dijon, le 26 novembre 2026",
        "Pour le Pôle d'Économie Solidaire 21",
        "Le bénéficiaire",
        "Lu et approuvé",
    ):
        assert expected in text, (dispositif, expected)


def test_convention_signatures_share_the_last_page_with_text(rendered: dict[str, bytes]) -> None:
    for dispositif in Dispositif:
        last = flat(pages_text(rendered[f"convention-{dispositif.value}"])[-1])
        assert "Lu et approuvé" in last
        assert "CNIL" in last  # the last paragraph travels with the signatures


def test_attestation_content(rendered: dict[str, bytes]) -> None:
    text = all_text(rendered["attestation"])
    assert (
        "Le Pôle d'Économie Solidaire 21 atteste que Mme Élodie Perrault a été accompagnée du 2 mars 2026 "
        "au 20 novembre 2026 dans le cadre du dispositif Puls'Actions, pour le projet « Tiers-lieu culturel "
        "et café associatif à Saulieu »."
    ) in text
    assert "9 rendez-vous, soit 13 h au total" in text
    assert "Fait à Dijon, le 26 novembre 2026" in text
    assert "Page 1 / 1" in text


def test_attestation_agreement_and_open_end() -> None:
    data = replace(
        sample_attestation(),
        personnes=(
            Personne(civilite="M.", prenom="Joël", nom="Bérard"),
            Personne(civilite="Mme", prenom="Zoé", nom="Cœur"),
        ),
        date_fin=None,
        date_signature=None,
    )
    text = all_text(render_attestation(data, sample_meta()))
    assert "M. Joël Bérard et Mme Zoé Cœur sont accompagné·e·s depuis le 2 mars 2026" in text
    assert "Fait à Dijon, le ………" in text


def test_emargement_eighty_participants_repeat_the_header_on_every_page() -> None:
    data = sample_emargement(80)
    pdf = render_emargement(data, sample_meta("AT-2026-K7QF-0008"))
    pages = [flat(p) for p in pages_text(pdf)]
    assert len(pages) >= 3
    names = [f"{p.nom.upper()} {p.prenom}" for p in data.participants]
    walk_ins = [rf"\b{n}\b" for n in range(81, 81 + data.lignes_vierges)]
    table_pages = 0
    for number, text in enumerate(pages, start=1):
        if any(name in text for name in names) or any(re.search(w, text) for w in walk_ins):
            table_pages += 1
            assert "N° Nom Prénom Structure / commune Signature" in text, number
    assert table_pages >= 3
    text = " ".join(pages)
    for name in names:
        assert name in text, name
    assert "Nombre de participant·e·s présent·e·s" in text


def test_emargement_content(rendered: dict[str, bytes]) -> None:
    text = all_text(rendered["emargement"])
    for expected in (
        "Feuille d'émargement",
        "Créer son association : statuts, gouvernance et premiers financements",
        "jeudi 3 décembre 2026 de 18:00 à 20:30",
        "Maison des associations — 2 rue des Corroyeurs, 21000 Dijon",
        "LEFÈVRE Élodie",
        "LEMAÎTRE Anaïs",
        "AT-2026-K7QF-0007 · feuille d'émargement",
    ):
        assert expected in text, expected


# --- the frame --------------------------------------------------------------------------------------


def test_letterhead_is_configurable(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), (27, 94, 102)).save(logo)
    lh = Letterhead(
        name="Pôle ESS Côte-d'Or",
        address="1 rue Test, 21000 Dijon",
        phone="03 00 00 00 00",
        email="accueil@exemple.org",
        siret="000 000 000 00000",
        logo_path=logo,
    )
    pdf = render_attestation(sample_attestation(), sample_meta(letterhead=lh))
    first = flat(pages_text(pdf)[0])
    assert "Pôle ESS Côte-d'Or" in first
    assert "accueil@exemple.org" in first
    assert "SIRET 000 000 000 00000" in first
    assert pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"]


def test_missing_logo_does_not_prevent_printing(tmp_path: Path) -> None:
    lh = Letterhead(logo_path=tmp_path / "absent.png")
    pdf = render_attestation(sample_attestation(), sample_meta(letterhead=lh))
    assert "Page 1 / 1" in all_text(pdf)


def test_charts_are_flowables_and_use_embedded_fonts() -> None:
    chart = Drawing(400, 120)
    chart.add(Rect(0, 0, 120, 80, fillColor=None))
    chart.add(String(10, 100, "Personnes accompagnées : 128 — Côte-d'Or"))
    story = [*title_block("Bilan d'activité"), *section("Graphique"), chart]
    pdf = build_pdf(story, DocumentMeta(reference="BILAN-2026", generated_at=datetime(2026, 12, 31, 17, 0)))
    assert "Personnes accompagnées : 128 — Côte-d'Or" in all_text(pdf)
    for font in _font_dicts(pdf):
        assert "DejaVu" in str(font["/BaseFont"])
    assert b"Helvetica" not in pdf


def test_fonts_ship_with_their_licence() -> None:
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        assert resource_path("fonts", name).is_file()
    assert "Bitstream" in resource_path("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_resource_path_in_a_pyinstaller_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("fonts", "DejaVuSans.ttf") == tmp_path / "resources" / "fonts" / "DejaVuSans.ttf"


def test_documents_never_import_qt() -> None:
    code = (
        "import sys\n"
        "sys.modules['PySide6'] = None\n"
        "import pole_desktop.documents, pole_desktop.documents.samples\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules if sys.modules[m] is not None)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, check=True)
