"""Reports (no Qt): the bilan d'activité and its exports (PDF with charts, CSV, XLSX)."""

from pole_desktop.reports.bilan import Bilan, compute_bilan

__all__ = ["Bilan", "compute_bilan"]
