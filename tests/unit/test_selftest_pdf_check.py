"""selftest.check_pdf: the byte-level PDF checks the bundle uses (it has no PDF parser)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from pole_desktop.resources import resource_path
from pole_desktop.selftest import SelfTestError, check_pdf
from tests.infra import require

FONT_CANDIDATES = [
    resource_path("fonts", "DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
]


def _pdf(pages: int, font: str | None) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, initialFontName=font) if font else canvas.Canvas(buf)
    for i in range(pages):
        c.setFont(font or "Helvetica", 12)
        c.drawString(72, 720, f"Page {i + 1} : Économie solidaire, 1 234,50 €")
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def dejavu() -> str:
    path = next((p for p in FONT_CANDIDATES if p.exists()), None)
    if path is None:
        require("DejaVu Sans", "no DejaVu Sans font (resources/fonts or fonts-dejavu-core)")
    pdfmetrics.registerFont(TTFont("SelfTestDejaVu", str(path)))
    return "SelfTestDejaVu"


def test_embedded_font_passes_and_pages_are_counted(dejavu: str) -> None:
    assert check_pdf(_pdf(3, dejavu)) == 3


def test_base14_font_is_refused() -> None:
    with pytest.raises(SelfTestError, match="police non incorporée dans le PDF : Helvetica"):
        check_pdf(_pdf(1, None))


def test_not_a_pdf() -> None:
    with pytest.raises(SelfTestError, match="n'est pas un PDF"):
        check_pdf(b"<html></html>")
