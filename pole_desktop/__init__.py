"""Pôle Desktop — offline desktop application of the Pôle d'Économie Solidaire 21 advisors.

The core (everything outside :mod:`pole_desktop.gui`) never imports Qt.
"""

from pole_desktop._version import __version__

__all__ = ["__version__"]
