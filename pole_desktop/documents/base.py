"""The page frame every document shares, and :func:`build_pdf`.

A story is any list of reportlab flowables — paragraphs, tables, and ``reportlab.graphics``
``Drawing`` objects (charts of the bilan d'activité) alike. :func:`build_pdf` lays it out on A4
with the association's letterhead on the first page, a running header on the others, and a footer
with the document's reference, its generation date and "Page 2 / 5".

Output is reproducible: the same story and :class:`DocumentMeta` give the same bytes (reportlab's
invariant mode, creation date taken from ``meta.generated_at``; nothing reads the clock).
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate

from pole_desktop.documents.fonts import SANS, SANS_BOLD, register_fonts
from pole_desktop.documents.styles import (
    ACCENT,
    CONTENT_WIDTH,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_TOP_FIRST,
    MARGIN_X,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
)
from pole_desktop.documents.typography import format_datetime_long

__all__ = ["CONTENT_WIDTH", "DEFAULT_AUTHOR", "DocumentMeta", "Letterhead", "build_pdf"]

log = logging.getLogger(__name__)

DEFAULT_AUTHOR = "Pôle d'Économie Solidaire 21"
_CREATOR = "Pôle Desktop"


@dataclass(frozen=True, slots=True, kw_only=True)
class Letterhead:
    """The association's identity printed at the top of every document (edited in the settings)."""

    name: str = "Pôle d'Économie Solidaire"
    address: str = "12 avenue Eiffel, 21000 Dijon"
    phone: str = "03 80 50 90 47"
    email: str = ""
    website: str = ""
    siret: str = ""
    logo_path: Path | None = None
    # Used in running text: "Le Pôle d'Économie Solidaire 21 atteste que…", "Pour le …".
    legal_name: str = "Pôle d'Économie Solidaire 21"
    legal_form: str = "association régie par la loi du 1er juillet 1901"
    city: str = "Dijon"  # "Fait à Dijon, le …"
    # Mentions the funders require (« Cofinancé par l'Union européenne », Région, État), one per
    # item, printed on the bilan, the feuille d'émargement and the convention.
    funder_mentions: tuple[str, ...] = ()
    funder_logos: tuple[Path, ...] = ()  # images in the data directory, printed above the mentions


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentMeta:
    """What identifies one generated document; templates fill the blank title/label/subject."""

    reference: str  # the dossier's (or atelier's) reference: "DLA-2026-K7QF-0042"
    generated_at: datetime  # passed in, never read from the clock: same inputs, same bytes
    letterhead: Letterhead = field(default_factory=Letterhead)
    title: str = ""  # "Compte-rendu d'entretien"
    label: str = ""  # short kind in the footer: "compte-rendu"
    subject: str = ""
    author: str = DEFAULT_AUTHOR
    keywords: tuple[str, ...] = ()

    def completed(self, *, title: str, label: str, subject: str = "") -> DocumentMeta:
        """Return a copy whose empty title/label/subject take the given defaults."""
        return replace(
            self,
            title=self.title or title,
            label=self.label or label,
            subject=self.subject or subject or title,
        )

    @property
    def footer_text(self) -> str:
        """``DLA-2026-K7QF-0042 · compte-rendu · généré le jeudi 26 novembre 2026 à 14:30``."""
        parts = [p for p in (self.reference, self.label) if p]
        parts.append(f"généré le {format_datetime_long(self.generated_at)}")
        return " · ".join(parts)


# --- drawing the frame ---------------------------------------------------------------------------


def _fit(text: str, font: str, size: float, width: float, min_size: float = 6) -> float:
    """Largest font size <= size at which text fits width (never below min_size)."""
    while size > min_size and stringWidth(text, font, size) > width:
        size -= 0.25
    return size


def _draw_letterhead(canv: Canvas, meta: DocumentMeta) -> None:
    lh = meta.letterhead
    top = PAGE_HEIGHT - 13 * mm
    x = MARGIN_X
    logo_h = 17 * mm
    if lh.logo_path is not None:
        try:
            img = ImageReader(str(lh.logo_path))
            iw, ih = img.getSize()
            w = min(logo_h * iw / ih, 45 * mm)
            h = w * ih / iw
            canv.drawImage(img, x, top - logo_h + (logo_h - h) / 2, w, h, mask="auto")
            x += w + 5 * mm
        except Exception:  # a broken logo must never prevent printing a document
            log.warning("Logo illisible, ignoré : %s", lh.logo_path, exc_info=True)
    width = PAGE_WIDTH - MARGIN_X - x
    size = _fit(lh.name, SANS_BOLD, 15, width)
    canv.setFillColor(ACCENT)
    canv.setFont(SANS_BOLD, size)
    canv.drawString(x, top - 14, lh.name)
    contact = "  ·  ".join(p for p in (lh.address, lh.phone, lh.email, lh.website) if p)
    canv.setFillColor(MUTED)
    size = _fit(contact, SANS, 8.5, width)
    canv.setFont(SANS, size)
    canv.drawString(x, top - 28, contact)
    if lh.siret:
        canv.setFont(SANS, 7.5)
        canv.drawString(x, top - 39, f"SIRET {lh.siret}")
    rule_y = PAGE_HEIGHT - MARGIN_TOP_FIRST + 9 * mm
    canv.setStrokeColor(ACCENT)
    canv.setLineWidth(1.2)
    canv.line(MARGIN_X, rule_y, PAGE_WIDTH - MARGIN_X, rule_y)


def _draw_running_header(canv: Canvas, meta: DocumentMeta) -> None:
    y = PAGE_HEIGHT - 13 * mm
    canv.setFont(SANS_BOLD, 7.5)
    canv.setFillColor(ACCENT)
    name = meta.letterhead.name
    canv.drawString(MARGIN_X, y, name)
    title = meta.title
    avail = CONTENT_WIDTH - stringWidth(name, SANS_BOLD, 7.5) - 20
    canv.setFont(SANS, _fit(title, SANS, 7.5, avail, 5.5))
    canv.setFillColor(MUTED)
    canv.drawRightString(PAGE_WIDTH - MARGIN_X, y, title)
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(MARGIN_X, y - 5, PAGE_WIDTH - MARGIN_X, y - 5)


_FOOTER_Y = 11 * mm
_PAGE_NUMBER_WIDTH = 60


def _draw_footer(canv: Canvas, meta: DocumentMeta) -> None:
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(MARGIN_X, _FOOTER_Y + 10, PAGE_WIDTH - MARGIN_X, _FOOTER_Y + 10)
    text = meta.footer_text
    canv.setFillColor(MUTED)
    canv.setFont(SANS, _fit(text, SANS, 7, CONTENT_WIDTH - _PAGE_NUMBER_WIDTH, 5))
    canv.drawString(MARGIN_X, _FOOTER_Y, text)


def _on_first_page(canv: Canvas, doc: BaseDocTemplate) -> None:
    _draw_letterhead(canv, doc.pole_meta)
    _draw_footer(canv, doc.pole_meta)


def _on_later_page(canv: Canvas, doc: BaseDocTemplate) -> None:
    _draw_running_header(canv, doc.pole_meta)
    _draw_footer(canv, doc.pole_meta)


class _NumberedCanvas(Canvas):
    """Defers each page until the end so every page can say "Page 2 / 5" (one layout pass)."""

    def __init__(self, *args: Any, meta: DocumentMeta, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending_pages: list[dict[str, Any]] = []
        # The PDF /ID: reportlab seeds it with a timestamp (fixed in invariant mode, but taken from
        # SOURCE_DATE_EPOCH when set); seed it from the document's identity instead.
        seed = f"pole-desktop|{meta.reference}|{meta.label}|{meta.generated_at.isoformat()}"
        self._doc.signature = hashlib.md5(seed.encode("utf-8"), usedforsecurity=False)
        self.setDateFormatter(partial(_pdf_date, meta.generated_at))
        self.setCreator(_CREATOR)

    def showPage(self) -> None:
        self._pending_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pending_pages)
        for state in self._pending_pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        self.setFont(SANS, 7)
        self.setFillColor(INK)
        self.drawRightString(PAGE_WIDTH - MARGIN_X, _FOOTER_Y, f"Page {self._pageNumber} / {total}")


def _pdf_date(dt: datetime, *_ignored: int) -> str:
    """PDF date string of the generation time (reportlab passes its own timestamp: ignored)."""
    text = dt.strftime("D:%Y%m%d%H%M%S")
    offset = dt.utcoffset()
    if offset is not None:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        hours, mins = divmod(abs(minutes), 60)
        text += f"{sign}{hours:02d}'{mins:02d}'"
    return text


class _PoleDocTemplate(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, meta: DocumentMeta) -> None:
        self.pole_meta = meta
        super().__init__(
            buffer,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            creator=_CREATOR,
            keywords=list(meta.keywords),
            invariant=1,
            pageCompression=1,
            lang="fr-FR",
            displayDocTitle=True,
            initialFontName=SANS,
            initialFontSize=9.5,
            initialLeading=13.5,
        )
        first = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            CONTENT_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP_FIRST - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="first",
        )
        later = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            CONTENT_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="later",
        )
        self.addPageTemplates(
            [
                PageTemplate(id="first", frames=[first], onPage=_on_first_page),
                PageTemplate(id="later", frames=[later], onPage=_on_later_page),
            ]
        )


def build_pdf(story: Sequence[Flowable], meta: DocumentMeta) -> bytes:
    """Lay the story out on A4 pages with letterhead, header, footer and page numbers; return PDF bytes.

    The story may hold any flowable, including ``reportlab.graphics.shapes.Drawing`` charts; size
    them to :data:`CONTENT_WIDTH`. The flowables are consumed (reportlab mutates them): build a fresh
    story for each call.
    """
    register_fonts()
    buffer = io.BytesIO()
    doc = _PoleDocTemplate(buffer, meta)
    doc.build([NextPageTemplate("later"), *story], canvasmaker=partial(_NumberedCanvas, meta=meta))
    return buffer.getvalue()
