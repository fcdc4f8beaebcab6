"""Synthèse tab, DLA box: the ingénierie (type, budget) and the follow-ups at 6 and 24 months are
edited on DLA dossiers only, validated with French messages in red, nothing saved when invalid."""

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


def _choose(combo, code: str) -> None:
    combo.setCurrentIndex(combo.findData(code))


def test_dla_box_on_the_synthese_tab(ctx, qtbot, tmp_path) -> None:
    opened = clock.today() - dt.timedelta(days=400)
    six = opened + dt.timedelta(days=200)
    with ctx.db.session() as s:
        p = personnes.save_personne(s, {"nom": "Lefèvre", "prenom": "Anaïs"})
        did = dossier_service.create_dossier(s, {"dispositif": "dla", "titre": "Ressourcerie du Val",
                                                 "date_ouverture": opened, "beneficiaires": [p.id]}).id
        other = dossier_service.create_dossier(s, {"dispositif": "crdva", "titre": "Vélo",
                                                   "date_ouverture": opened, "beneficiaires": [p.id]}).id
    page = DossierPage(ctx, did)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    ui = page.synthese.ui
    assert ui.dlaBox.isVisible()
    _choose(ui.ingenierieTypeCombo, "les_deux")
    _edit(ui.ingenierieBudgetEdit, "6 200")
    _edit(ui.suivi6DateEdit, six.strftime("%d/%m/%Y"))
    # A follow-up without its result is refused in red, and nothing is saved.
    assert not page.save()
    assert ui.suivi_6_resultatError.isVisible()
    assert ui.suivi_6_resultatError.text() == "Suivi à 6 mois : indiquez son résultat."
    with ctx.db.read() as s:
        assert s.get(Dossier, did).ingenierie_type is None
    _choose(ui.suivi6ResultatCombo, "consolidee")
    _edit(ui.suivi6CommentaireEdit, "Nouveau financement de la Région.")
    assert page.save()
    with ctx.db.read() as s:
        d = s.get(Dossier, did)
        assert (d.ingenierie_type, d.ingenierie_budget_centimes, d.suivi_6_date, d.suivi_6_resultat,
                d.suivi_6_commentaire, d.suivi_24_date) == (
            "les_deux", 620_000, six, "consolidee", "Nouveau financement de la Région.", None)
    assert ui.ingenierieBudgetEdit.text() == "6 200,00" and ui.suivi6ResultatCombo.currentData() == "consolidee"
    qtbot.wait(50)
    assert page.grab().save(str(tmp_path / "synthese_dla.png"))  # looked at during development

    page2 = DossierPage(ctx, other)
    qtbot.addWidget(page2)
    page2.show()
    assert not page2.synthese.ui.dlaBox.isVisible()
    _edit(page2.synthese.ui.titreEdit, "Vélo solidaire")
    assert page2.save()
