"""Small display values the queries put in their plain data."""

from __future__ import annotations

from pole_desktop.territory import get_territory


def commune_nom(code: str | None) -> str:
    """The commune's name for an INSEE code (the code itself if unknown, "" for none)."""
    if not code:
        return ""
    c = get_territory().commune(code)
    return c.nom if c else code
