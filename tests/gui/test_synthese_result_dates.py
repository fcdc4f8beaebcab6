"""Synthèse tab: each result has the date it was obtained (the bilan counts results by that date);
a new value without a date is dated today, a given date is kept, a bad date is refused in red."""

from __future__ import annotations

import datetime as dt

from pole_desktop import clock
from pole_desktop.domain.models import Dossier
from pole_desktop.gui.screens.dossier import DossierPage
from pole_desktop.services import dossiers as dossier_service
from pole_desktop.services import personnes


def _edit(widget, text: str) -> None:
    widget.setText(text)
    widget.textEdited.emit(text)


def test_result_dates_on_the_synthese_tab(ctx, qtbot, tmp_path) -> None:
    with ctx.db.session() as s:
        p = personnes.save_personne(s, {"nom": "Lefèvre", "prenom": "Anaïs"})
        did = dossier_service.create_dossier(s, {"dispositif": "dla", "titre": "Ressourcerie du Val",
                                                 "date_ouverture": dt.date(2024, 3, 1), "beneficiaires": [p.id]}).id
    page = DossierPage(ctx, did)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    ui = page.synthese.ui
    _edit(ui.emploisConsolidesEdit, "2,5")
    _edit(ui.fondsEdit, "19 000")
    _edit(ui.dateFondsEdit, "15/03/2025")
    assert page.save()
    with ctx.db.read() as s:
        d = s.get(Dossier, did)
        assert d.date_emplois_consolides == clock.today() and d.date_fonds_mobilises == dt.date(2025, 3, 15)
    assert ui.dateFondsEdit.text() == "15/03/2025" and ui.dateEmploisConsolidesEdit.text()
    _edit(ui.dateEmploisConsolidesEdit, "01/01/1990")
    assert not page.save()
    assert ui.date_emplois_consolidesError.isVisibleTo(page) and ui.date_emplois_consolidesError.text()
    with ctx.db.read() as s:
        assert s.get(Dossier, did).date_emplois_consolides == clock.today()  # nothing half-saved
    page.show()
    assert page.grab().save(str(tmp_path / "synthese.png"))  # looked at during development
