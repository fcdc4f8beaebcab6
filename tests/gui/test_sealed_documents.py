"""Issue 16, obs. 1 and 3 — through the real widgets: a document generated with « Générer un
document… » and a file attached in the Documents tab leave no readable byte under the data
directory; opening an attachment writes its clear copy only in the private folder, emptied on exit
and at the next start."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pole_desktop.domain import models as m


def top_level(name: str):  # noqa: ANN201
    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]
    assert found, f"no visible {name}"
    return found[-1]


def _porteur(ctx) -> tuple[str, m.Personne]:  # noqa: ANN001
    with ctx.db.read() as s:
        row = s.execute(
            select(m.DossierBeneficiaire.dossier_id, m.Personne)
            .join(m.Personne, m.Personne.id == m.DossierBeneficiaire.personne_id)
            .where(m.Personne.email.is_not(None), m.Personne.telephone.is_not(None))
            .order_by(m.DossierBeneficiaire.dossier_id)
        ).first()
    assert row is not None
    return row[0], row[1]


def _needles(p: m.Personne, attachment_text: str) -> list[bytes]:
    out = []
    for text in (p.nom, p.email, p.telephone, attachment_text):
        for enc in ("utf-8", "utf-16-le"):
            out.append(text.encode(enc))
    return out


def _hits(root: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.relative_to(root)}: {n[:20]!r}" for n in needles if n in data]
    return found


def test_generated_and_attached_documents_are_sealed_on_disk(ctx, window, qtbot, tmp_path,  # noqa: ANN001
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdf

    from pole_desktop.gui.widgets import documents_panel as dp

    dossier_id, person = _porteur(ctx)
    ctx.open_dossier(dossier_id)
    page = window.current_screen()
    # « Générer un document… » → « Générer » (the fiche de synthèse names the porteur).
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(top_level("generate_document").generate_button, Qt.MouseButton.LeftButton)
    preview = top_level("pdf_preview")
    qtbot.addWidget(preview)  # closed after the test: later tests look for their own preview
    import io

    text = "".join(pg.extract_text() for pg in pypdf.PdfReader(io.BytesIO(preview.pdf_bytes)).pages)
    assert person.nom in text  # the test can fail: the PDF does carry the name
    # « Joindre un fichier… » in the Documents tab.
    attachment_text = "Budget prévisionnel confidentiel de la porteuse, loyer 1234,56 euros"
    source = tmp_path / "budget.csv"
    source.write_text(f"{attachment_text}\n{person.nom};{person.email};{person.telephone}\n", encoding="utf-8")
    monkeypatch.setattr(dp.DocumentsPanel, "ask_files", staticmethod(lambda _p: [str(source)]))
    page.show_tab(page.documents)
    qtbot.mouseClick(page.documents.attach_button, Qt.MouseButton.LeftButton)
    assert page.documents.table.rowCount() == 2
    ctx.db.engine.dispose()  # let the WAL be checkpointed as on close
    ctx.db.reader.dispose()
    root = ctx.db.data_dir.root
    needles = _needles(person, attachment_text) + [preview.pdf_bytes[:400], b"%PDF-"]
    assert _hits(root, needles) == []
    # …and the files read back through the store.
    with ctx.db.read() as s:
        docs = s.scalars(select(m.Document).where(m.Document.dossier_id == dossier_id)).all()
    assert {ctx.db.blob_store().get(d.sha256)[:5] for d in docs} >= {b"%PDF-"}


def test_opening_an_attachment_copies_it_only_into_the_private_folder(ctx, window, qtbot, tmp_path,  # noqa: ANN001
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    from pole_desktop.gui.widgets import documents_panel as dp

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())))
    dossier_id, person = _porteur(ctx)
    source = tmp_path / "compte rendu\u202egpj.exe"  # an RTL override hiding the real extension
    secret = f"Note confidentielle sur {person.nom}"
    source.write_text(secret, encoding="utf-8")
    monkeypatch.setattr(dp.DocumentsPanel, "ask_files", staticmethod(lambda _p: [str(source)]))
    ctx.open_dossier(dossier_id)
    page = window.current_screen()
    page.show_tab(page.documents)
    qtbot.mouseClick(page.documents.attach_button, Qt.MouseButton.LeftButton)
    page.documents.table.selectRow(0)
    temp = Path(tempfile.gettempdir())
    before = set(os.listdir(temp))
    page.documents.open_selected()
    assert len(opened) == 1
    for name in set(os.listdir(temp)) - before:  # nothing of it in the system temp folder
        entry = temp / name
        for f in [entry] if entry.is_file() else entry.rglob("*"):
            if f.is_file() and f.stat().st_size < 10_000_000:
                assert secret.encode() not in f.read_bytes(), f
    copy = Path(opened[0])
    dd = ctx.db.data_dir
    assert dd.opened in copy.parents
    assert "\u202e" not in copy.name and copy.read_text(encoding="utf-8") == secret
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    for folder in (copy.parent, dd.opened):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # Emptied on exit (what application.run does after the event loop) …
    dd.clear_opened()
    assert not copy.exists()
    # … and at the next start, if the app was killed.
    copy.parent.mkdir(parents=True)
    copy.write_text(secret, encoding="utf-8")
    from pole_desktop.safety.opening import open_database

    again = open_database(dd)
    try:
        assert not dd.opened.exists() or not any(dd.opened.rglob("*"))
    finally:
        again.close()


def test_interface_settings_file_is_private(ctx) -> None:  # noqa: ANN001
    ctx.settings.setValue("test/valeur", 1)
    ctx.settings.sync()
    path = ctx.db.data_dir.root / "interface.ini"
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
