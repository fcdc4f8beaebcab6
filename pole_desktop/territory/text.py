"""Text folding for name search: case, accents, hyphens and apostrophes are ignored."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "fold_variants"]

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


def fold(text: str, *, expand_saint: bool = True) -> str:
    """Lower-case ``text``, strip accents, turn punctuation into single spaces.

    With ``expand_saint``, the words "st" and "ste" become "saint" and "sainte".
    ``fold("St-Apollinaire")`` → ``"saint apollinaire"``; ``fold("L'Étang-Vergy")`` → ``"l etang vergy"``.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NON_ALNUM.sub(" ", ascii_only).split()
    if expand_saint:
        words = [_ABBREVIATIONS.get(w, w) for w in words]
    return " ".join(words)


def fold_variants(text: str) -> tuple[str, ...]:
    """The folded forms of a query: as typed and with "st"/"ste" expanded (deduplicated)."""
    plain = fold(text, expand_saint=False)
    expanded = fold(text)
    return (plain,) if plain == expanded else (plain, expanded)
