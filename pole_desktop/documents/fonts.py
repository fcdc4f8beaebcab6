"""Register the TrueType fonts shipped in ``resources/fonts`` with reportlab, once per process.

Every PDF must embed its fonts (printers and old viewers substitute the base-14 Helvetica badly, and
it has no € in some encodings), so we also make DejaVu Sans reportlab's canvas base font: without it
each page still references a non-embedded Helvetica in its preamble.

Reportlab treats U+202F (narrow no-break space, the one French typography puts before ``; : ! ?``)
as a breaking space: it may start a line with a lone "?" and it replaces the narrow space by a full
word space. :func:`register_fonts` also installs a small fix for that (see
:func:`_keep_narrow_no_break_spaces`).
"""

from __future__ import annotations

import re
import threading

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph as _rl_paragraph

from pole_desktop.resources import resource_path

__all__ = ["SANS", "SANS_BOLD", "SANS_ITALIC", "register_fonts"]

# One family only: every extra face embedded in a document costs ~1.5 ms and ~20 Kio per PDF.
SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_ITALIC = "DejaVuSans-Oblique"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the shipped fonts and make DejaVu Sans the default; cheap after the first call."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        # <b>, <i> and <b><i> inside Paragraph markup pick the right face. addMapping also records
        # the reverse (face name -> family, bold, italic) and the last call wins: the bold-italic
        # fallback (no such face shipped) comes first so "DejaVuSans-Bold" stays upright.
        addMapping(SANS, 1, 1, SANS_BOLD)
        addMapping(SANS, 0, 0, SANS)
        addMapping(SANS, 1, 0, SANS_BOLD)
        addMapping(SANS, 0, 1, SANS_ITALIC)
        rl_config.canvas_basefontname = SANS
        rl_config.defaultGraphicsFontName = SANS  # labels of reportlab.graphics charts
        _keep_narrow_no_break_spaces()
        _registered = True


def _keep_narrow_no_break_spaces() -> None:
    """Make reportlab's Paragraph treat U+202F like U+00A0: part of the word, never a line break.

    ``reportlab.platypus.paragraph.split`` splits words with ``str.split()`` (every Unicode space)
    unless the text holds a U+00A0, in which case it uses a regex over its ``_wsc`` list — which
    still contains U+202F. We replace both with the same logic minus U+202F. Checked against
    reportlab 4.x–5.1; the test suite asserts that U+202F survives into the PDF text.
    """
    breaking = _rl_paragraph._wsc.replace("\u202f", "")
    split_re = re.compile(f"[{re.escape(breaking)}]+").split

    def split(text: str | bytes, delim: str | bytes | None = None) -> list[str]:
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if isinstance(delim, bytes):
            delim = delim.decode("utf8")
        if delim is None and ("\xa0" in text or "\u202f" in text):
            return split_re(text)
        return text.split(delim)

    _rl_paragraph._wsc = breaking
    _rl_paragraph._wsc_re_split = split_re
    _rl_paragraph._wsc_end_search = re.compile(f"[{re.escape(breaking)}]+$").search
    _rl_paragraph.split = split
