"""Palette, page geometry and paragraph styles shared by every document.

Sober on purpose: one dark teal accent, slate text, grey rules, generous margins; prints well in
black and white (the accent is dark enough to read as near-black).
"""

from __future__ import annotations

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from pole_desktop.documents.fonts import SANS, SANS_BOLD, SANS_ITALIC, register_fonts

# Paragraphs resolve their fonts when they are created, before build_pdf runs: register them as
# soon as anything that builds a story is imported (~50 ms, once per process).
register_fonts()

# --- palette ---------------------------------------------------------------------------------------
ACCENT: Color = HexColor("#1b5e66")  # dark teal
ACCENT_LIGHT: Color = HexColor("#e4eff0")
INK: Color = HexColor("#1f2a33")  # slate, body text
MUTED: Color = HexColor("#5b6873")  # labels, footer
RULE: Color = HexColor("#c3cbd2")  # grey rules and grid
ZEBRA: Color = HexColor("#f3f6f7")
WHITE: Color = white

# --- page geometry (points) ----------------------------------------------------------------------
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP_FIRST = 38 * mm  # below the letterhead
MARGIN_TOP = 24 * mm  # below the running header of later pages
MARGIN_BOTTOM = 22 * mm  # above the footer
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": SANS,
        "fontSize": 9.5,
        "leading": 13.5,
        "textColor": INK,
        "bulletFontName": SANS,
        "allowWidows": 0,
        "allowOrphans": 0,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


BODY = _style("pole-body", spaceAfter=4)
BODY_JUSTIFIED = _style("pole-body-justified", spaceAfter=5, alignment=4)
LEAD = _style("pole-lead", fontSize=11, leading=17, spaceAfter=8, alignment=4)
BULLET = _style("pole-bullet", leftIndent=12, bulletIndent=2, spaceAfter=2.5)
SMALL = _style("pole-small", fontSize=8, leading=11, textColor=MUTED)
NOTE = _style("pole-note", fontName=SANS_ITALIC, fontSize=8, leading=11, textColor=MUTED)
TITLE = _style("pole-title", fontName=SANS_BOLD, fontSize=18, leading=23, textColor=ACCENT, spaceAfter=3)
SUBTITLE = _style("pole-subtitle", fontSize=10.5, leading=14.5, textColor=INK, spaceAfter=2)
TITLE_META = _style("pole-title-meta", fontSize=8.5, leading=12, textColor=MUTED)
SECTION = _style(
    "pole-section",
    fontName=SANS_BOLD,
    fontSize=10.5,
    leading=14,
    textColor=ACCENT,
    spaceBefore=12,
    spaceAfter=0,
)
SUBSECTION = _style(
    "pole-subsection", fontName=SANS_BOLD, fontSize=9.5, leading=13, spaceBefore=6, spaceAfter=2
)
LABEL = _style("pole-label", fontName=SANS, fontSize=8.5, leading=12.5, textColor=MUTED)
VALUE = _style("pole-value", fontSize=9.5, leading=13)
CELL = _style("pole-cell", fontSize=8.5, leading=11.5)
CELL_RIGHT = _style("pole-cell-right", fontSize=8.5, leading=11.5, alignment=TA_RIGHT)
CELL_CENTER = _style("pole-cell-center", fontSize=8.5, leading=11.5, alignment=TA_CENTER)
HEADER_CELL = _style("pole-header-cell", fontName=SANS_BOLD, fontSize=8.5, leading=11, textColor=WHITE)
HEADER_CELL_RIGHT = _style(
    "pole-header-cell-right",
    fontName=SANS_BOLD,
    fontSize=8.5,
    leading=11,
    textColor=WHITE,
    alignment=TA_RIGHT,
)
HEADER_CELL_CENTER = _style(
    "pole-header-cell-center",
    fontName=SANS_BOLD,
    fontSize=8.5,
    leading=11,
    textColor=WHITE,
    alignment=TA_CENTER,
)
SIGNATURE_HEAD = _style("pole-signature-head", fontName=SANS_BOLD, fontSize=9.5, leading=13)
SIGNATURE_TEXT = _style("pole-signature-text", fontSize=9, leading=12.5, alignment=TA_LEFT)
