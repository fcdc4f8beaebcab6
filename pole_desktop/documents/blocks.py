"""Building blocks for stories: title, sections, label/value grids, data tables, lists, notes,
signature blocks. Every function takes plain user text (escaped and typeset here) unless its
parameter is called ``*_markup``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from pole_desktop.documents.fonts import SANS
from pole_desktop.documents.styles import (
    ACCENT,
    BODY,
    BULLET,
    CELL,
    CELL_CENTER,
    CELL_RIGHT,
    CONTENT_WIDTH,
    HEADER_CELL,
    HEADER_CELL_CENTER,
    HEADER_CELL_RIGHT,
    LABEL,
    NOTE,
    RULE,
    SECTION,
    SIGNATURE_HEAD,
    SIGNATURE_TEXT,
    SUBSECTION,
    SUBTITLE,
    TITLE,
    TITLE_META,
    VALUE,
    ZEBRA,
)
from pole_desktop.documents.typography import markup

__all__ = [
    "Cell",
    "SignatureBlock",
    "bullet_list",
    "data_table",
    "field_grid",
    "paragraph",
    "section",
    "signature_blocks",
    "subsection",
    "text_paragraphs",
    "title_block",
]

Align = Literal["left", "right", "center"]
Cell: TypeAlias = str | Flowable | None

_BULLET_PREFIXES = ("- ", "– ", "• ", "* ")


def title_block(title: str, subtitle: str = "", meta_line: str = "") -> list[Flowable]:
    """Document title, an optional subtitle (project, atelier) and a small grey line (reference…)."""
    out: list[Flowable] = [Paragraph(markup(title), TITLE)]
    if subtitle:
        out.append(Paragraph(markup(subtitle), SUBTITLE))
    if meta_line:
        out.append(Paragraph(markup(meta_line), TITLE_META))
    out.append(Spacer(0, 4 * mm))
    return out


def section(title: str) -> list[Flowable]:
    """A section heading with a thin rule under it; never left alone at the bottom of a page."""
    return [
        CondPageBreak(30 * mm),
        Paragraph(markup(title), SECTION),
        HRFlowable(width="100%", thickness=0.6, color=ACCENT, spaceBefore=1.5, spaceAfter=5),
    ]


def subsection(title: str) -> Paragraph:
    return Paragraph(markup(title), SUBSECTION)


def paragraph(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """One paragraph of user text (newlines kept as line breaks)."""
    return Paragraph(markup(text), style)


def text_paragraphs(text: str, style: ParagraphStyle = BODY, empty: str = "") -> list[Flowable]:
    """Long user text → one Paragraph per line, so it flows across pages without being cut.

    A blank line adds a gap; lines starting with "- ", "• " or "* " become bullets.
    """
    out: list[Flowable] = []
    for raw in (text or "").replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            if out and not isinstance(out[-1], Spacer):
                out.append(Spacer(0, style.leading * 0.5))
            continue
        if line.startswith(_BULLET_PREFIXES):
            out.append(Paragraph(markup(line[2:].strip()), BULLET, bulletText="•"))
        else:
            para = Paragraph(markup(line), style)
            if line.endswith(":"):
                para.keepWithNext = True  # "Points abordés :" stays with its list
            out.append(para)
    while out and isinstance(out[-1], Spacer):
        out.pop()
    if not out and empty:
        out.append(Paragraph(markup(empty), LABEL))
    return out


def bullet_list(items: Iterable[str], style: ParagraphStyle = BULLET) -> list[Flowable]:
    return [Paragraph(markup(item), style, bulletText="•") for item in items if item]


def _as_flowable(cell: Cell, style: ParagraphStyle) -> Flowable | str:
    if cell is None or cell == "":
        return ""
    if isinstance(cell, str):
        return Paragraph(markup(cell), style)
    return cell


def field_grid(rows: Sequence[tuple[str, Cell]], label_width: float = 42 * mm) -> Table | None:
    """Label/value pairs as a two-column grid; rows whose value is empty are left out."""
    data = [
        [Paragraph(markup(label), LABEL), _as_flowable(value, VALUE)]
        for label, value in rows
        if value not in (None, "")
    ]
    if not data:
        return None
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS, 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.25, RULE),
            ]
        )
    )
    return table


_CELL_STYLES = {"left": CELL, "right": CELL_RIGHT, "center": CELL_CENTER}
_HEADER_STYLES = {"left": HEADER_CELL, "right": HEADER_CELL_RIGHT, "center": HEADER_CELL_CENTER}


def data_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    align: Sequence[Align] | None = None,
    row_height: float | None = None,
    valign: Literal["TOP", "MIDDLE"] = "TOP",
    column_rules: bool = False,
    empty: str = "",
) -> list[Flowable]:
    """A data table across the content width, header repeated on every page, zebra rows.

    ``widths`` are relative (e.g. ``(3, 1, 1)``), scaled to the A4 content width. Text cells wrap
    (each becomes a Paragraph). ``row_height`` gives every body row a minimum height (signatures);
    ``column_rules`` draws thin lines between columns (forms filled by hand).
    Returns ``[]``, or a grey "empty" line if given, when there are no rows.
    """
    if not rows:
        return [Paragraph(markup(empty), LABEL)] if empty else []
    ncols = len(headers)
    aligns: Sequence[Align] = align or ["left"] * ncols
    total = float(sum(widths))
    col_widths = [CONTENT_WIDTH * w / total for w in widths]
    data: list[list[Flowable | str]] = [
        [Paragraph(markup(h), _HEADER_STYLES[a]) for h, a in zip(headers, aligns, strict=True)]
    ]
    for row in rows:
        data.append([_as_flowable(c, _CELL_STYLES[a]) for c, a in zip(row, aligns, strict=True)])
    heights = None if row_height is None else [None] + _min_heights(data[1:], col_widths, row_height)
    table = Table(data, colWidths=col_widths, rowHeights=heights, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [("LINEAFTER", (0, 1), (-2, -1), 0.4, RULE)] if column_rules else []
    table.setStyle(
        TableStyle(
            commands
            + [
                ("FONT", (0, 0), (-1, -1), SANS, 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, ZEBRA]),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("VALIGN", (0, 1), (-1, -1), valign),
                ("LEFTPADDING", (0, 0), (-1, -1), _PAD_X),
                ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_X),
                ("TOPPADDING", (0, 0), (-1, -1), _PAD_TOP),
                ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_BOTTOM),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, ACCENT),
            ]
        )
    )
    return [table]


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    heading: str  # "Pour le Pôle d'Économie Solidaire 21"
    lines: Sequence[str] = ()  # name, qualité…
    hint: str = ""  # small grey line above the box: "Mention « Lu et approuvé » et signature"


_PAD_X, _PAD_TOP, _PAD_BOTTOM = 5, 3.5, 4


def _min_heights(rows: list[list[Flowable | str]], col_widths: list[float], minimum: float) -> list[float]:
    """Row heights of at least ``minimum`` that still fit their content (reportlab's fixed row
    heights would let a long cell overflow its row)."""
    heights = []
    for row in rows:
        need = 0.0
        for cell, width in zip(row, col_widths, strict=True):
            if isinstance(cell, Flowable):
                need = max(need, cell.wrap(width - 2 * _PAD_X, 1e6)[1])
        heights.append(max(minimum, need + _PAD_TOP + _PAD_BOTTOM))
    return heights


def signature_blocks(
    blocks: Sequence[SignatureBlock],
    *,
    box_height: float = 30 * mm,
    width: float = CONTENT_WIDTH,
    align: Literal["LEFT", "RIGHT"] = "LEFT",
) -> Flowable:
    """Signature blocks side by side, each with a framed space to sign, never split across pages.

    Returns a plain Table (NOSPLIT), so callers may put it in a KeepTogether with the text before
    it: reportlab's KeepTogether must not be nested (its wrap reports an infinite height).
    """
    n = len(blocks)
    gap = 10 * mm
    total_width = width
    width = (total_width - gap * (n - 1)) / n
    head_row: list[object] = []
    box_row: list[object] = []
    col_widths: list[float] = []
    for i, block in enumerate(blocks):
        if i:
            head_row.append("")
            box_row.append("")
            col_widths.append(gap)
        cell: list[Flowable] = [Paragraph(markup(block.heading), SIGNATURE_HEAD)]
        cell += [Paragraph(markup(line), SIGNATURE_TEXT) for line in block.lines if line]
        if block.hint:
            cell.append(Paragraph(markup(block.hint), NOTE))
        head_row.append(cell)
        box_row.append("")
        col_widths.append(width)
    table = Table([head_row, box_row], colWidths=col_widths, rowHeights=[None, box_height], hAlign=align)
    style: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
        ("NOSPLIT", (0, 0), (-1, -1)),
    ]
    for i in range(n):
        style.append(("BOX", (2 * i, 1), (2 * i, 1), 0.5, RULE))
    table.setStyle(TableStyle(style))
    return table
