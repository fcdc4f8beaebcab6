"""What a sync did, for the receipt shown to the advisor and printed by the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field

from pole_desktop.formatting import plural


@dataclass
class Receipt:
    ok: bool = False
    sent: int = 0  # field changes published
    received: int = 0  # field changes applied from other laptops
    conflicts: int = 0  # new entries in the conflict inbox
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (file name, French reason)
    warnings: list[str] = field(default_factory=list)  # French (clock skew, future-dated changes…)
    error: str | None = None  # French, when ok is False
    duration_ms: int = 0
    share: str = ""
    # Sealed share: "saisir" (type the team phrase) or "choisir" (choose one for a new/upgraded share)
    needs_team_phrase: str | None = None
    blob_failures: list[str] = field(default_factory=list)  # French: attachments that could not be exchanged
    needs_confirmation: bool = False  # a batch would delete/overwrite much of this laptop: re-run with consent

    def summary_fr(self) -> str:
        """One or two lines of plain French."""
        if not self.ok:
            return f"La synchronisation a échoué : {self.error or 'erreur inconnue'}"
        parts = [
            plural(self.sent, "modification envoyée", "modifications envoyées"),
            plural(self.received, "reçue"),
            plural(self.conflicts, "conflit"),
        ]
        if self.quarantined:
            parts.append(plural(len(self.quarantined), "fichier mis à l'écart", "fichiers mis à l'écart"))
        seconds = f"{self.duration_ms / 1000:.1f}".replace(".", ",")
        if self.blob_failures:
            parts.append(plural(len(self.blob_failures), "pièce jointe non échangée", "pièces jointes non échangées"))
        head = "Synchronisation incomplète : " if self.blob_failures or self.needs_confirmation else (
            "Synchronisation réussie : ")
        text = head + ", ".join(parts) + f" ({seconds} s)."
        for b in self.blob_failures:
            text += f"\nPièce jointe : {b}"
        for w in self.warnings:
            text += f"\nAttention : {w}"
        return text
