"""What a sync did, for the receipt shown to the advisor and printed by the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field


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
            f"{self.sent} modification{'s' if self.sent != 1 else ''} envoyée{'s' if self.sent != 1 else ''}",
            f"{self.received} reçue{'s' if self.received != 1 else ''}",
            f"{self.conflicts} conflit{'s' if self.conflicts != 1 else ''}",
        ]
        if self.quarantined:
            parts.append(f"{len(self.quarantined)} fichier{'s' if len(self.quarantined) != 1 else ''} mis à l'écart")
        seconds = f"{self.duration_ms / 1000:.1f}".replace(".", ",")
        if self.blob_failures:
            n = len(self.blob_failures)
            x = "s" if n != 1 else ""
            parts.append(f"{n} pièce{x} jointe{x} non échangée{x}")
        head = "Synchronisation incomplète : " if self.blob_failures or self.needs_confirmation else (
            "Synchronisation réussie : ")
        text = head + ", ".join(parts) + f" ({seconds} s)."
        for b in self.blob_failures:
            text += f"\nPièce jointe : {b}"
        for w in self.warnings:
            text += f"\nAttention : {w}"
        return text
