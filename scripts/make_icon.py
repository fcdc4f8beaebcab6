"""Draw the application icon: resources/icons/pole-desktop.png (256 px) and pole-desktop.ico.

The same picture as the window icon (resources/icons/pole-desktop.svg: a green rounded square, two
heads and two shoulders), drawn with QPainter at each size so small sizes stay crisp. The .ico holds
PNG images at 16, 24, 32, 48, 64, 128 and 256 px (Windows Vista and later read PNG entries); it is
written here because Qt's ICO writer stores only one size.

    QT_QPA_PLATFORM=offscreen python scripts/make_icon.py

Run again only when the picture changes; both files are committed (the spec needs the .ico).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath  # noqa: E402

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
GREEN, WHITE, YELLOW = QColor("#2e7d5b"), QColor("#ffffff"), QColor("#f2c94c")


def draw(size: int) -> QImage:
    """The 64×64 design of pole-desktop.svg, scaled to ``size``."""
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 64, size / 64)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(GREEN)
    p.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12)
    p.setBrush(WHITE)
    p.drawEllipse(QPointF(22, 26), 8, 8)
    p.setBrush(YELLOW)
    p.drawEllipse(QPointF(42, 26), 8, 8)
    body = QPainterPath(QPointF(10, 52))
    body.cubicTo(14, 40, 30, 38, 32, 46)
    body.cubicTo(34, 38, 50, 40, 54, 52)
    body.closeSubpath()
    p.setBrush(WHITE)
    p.drawPath(body)
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not img.save(buf, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buf.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO container of PNG images (ICONDIR, one ICONDIRENTRY per size, then the data)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in sorted(pngs.items()):
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    pngs = {size: png_bytes(draw(size)) for size in SIZES}
    (ICONS / "pole-desktop.png").write_bytes(pngs[256])
    (ICONS / "pole-desktop.ico").write_bytes(ico_bytes(pngs))
    print(f"{ICONS / 'pole-desktop.png'} and {ICONS / 'pole-desktop.ico'} ({len(SIZES)} sizes) written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
