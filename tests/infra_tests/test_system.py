"""The system pieces other tests rely on: Qt offscreen with a real font, QtPdf, command-line tools."""

import shutil
import subprocess

import pytest

from tests.infra import require


def test_qt_offscreen_renders_text_with_a_real_font(qtbot):
    from PySide6.QtGui import QFontDatabase, QFontInfo
    from PySide6.QtWidgets import QApplication, QLabel

    assert QApplication.platformName() == "offscreen"
    families = QFontDatabase.families()
    if not families:
        require("a font (fonts-dejavu-core)", "Qt finds no font: every character would be a box")

    label = QLabel("Pôle d'Économie Solidaire — 1 234,50 €")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    assert QFontInfo(label.font()).family() in families
    image = label.grab().toImage()
    assert image.width() > 100 and image.height() > 5
    background = image.pixel(0, 0)
    assert any(
        image.pixel(x, y) != background for x in range(image.width()) for y in range(image.height())
    ), "the text drew nothing"


def test_qtpdf_is_available():
    from PySide6.QtPdf import QPdfDocument

    assert QPdfDocument().pageCount() == 0


@pytest.mark.parametrize(
    ("tool", "package"), [("pdftoppm", "poppler-utils"), ("objdump", "binutils")]
)
def test_command_line_tool_is_installed(tool, package):
    path = shutil.which(tool)
    if path is None:
        require(tool, f"not on PATH (apt-get install {package})")
    subprocess.run([path, "-v"], capture_output=True, timeout=30)  # runs at all
