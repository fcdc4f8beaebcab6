"""The main window's pages, in order: key, French title, and where the screen class lives.

Screens are imported lazily by path so that one page failing to load shows a French
placeholder instead of stopping the application.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    target: str  # "module:Class", a subclass of gui.screens.base.Screen
    shortcut: str  # Alt+digit


PAGES: tuple[Page, ...] = (
    Page("aujourdhui", "Aujourd'hui", "pole_desktop.gui.screens.today:TodayScreen", "Alt+1"),
    Page("dossiers", "Dossiers", "pole_desktop.gui.screens.dossiers:DossiersScreen", "Alt+2"),
    Page("agenda", "Agenda", "pole_desktop.gui.screens.agenda:AgendaScreen", "Alt+3"),
    Page("personnes", "Personnes", "pole_desktop.gui.screens.personnes:PersonnesScreen", "Alt+4"),
    Page("structures", "Structures", "pole_desktop.gui.screens.structures:StructuresScreen", "Alt+5"),
    Page("ateliers", "Ateliers", "pole_desktop.gui.screens.ateliers:AteliersScreen", "Alt+6"),
    Page("rapports", "Rapports", "pole_desktop.gui.screens.reports:ReportsScreen", "Alt+7"),
    Page("synchronisation", "Synchronisation", "pole_desktop.gui.screens.sync:SyncScreen", "Alt+8"),
)
