"""The start-up dialog shown when the database cannot be opened (truncated, altered, disk full).

It is the « Restaurer une sauvegarde » dialog working on the closed data directory: a French
explanation, the latest backups (the newest selected), « Restaurer… », « Oui, restaurer », then
the application opens the restored data. « Quitter » leaves everything as it is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from pole_desktop.gui.dialogs.restore_dialog import RestoreDialog
from pole_desktop.safety import backups


class DamagedDatabaseDialog(RestoreDialog):
    TITLE = "Pôle Desktop — données endommagées"
    CLOSE = "Quitter"

    def __init__(self, damaged: Any, parent: QWidget | None = None,
                 passphrase_provider: Any | None = None) -> None:
        self.damaged = damaged  # safety.opening.DatabaseDamaged
        self.passphrase_provider = passphrase_provider
        self.INTRO = f"{damaged}\n\nChoisissez la sauvegarde à restaurer (la plus récente est proposée)."
        super().__init__(None, parent)
        if not self.items:
            self.intro.setText(f"{damaged}\n\nAucune sauvegarde n'est disponible sur ce poste : récupérez les "
                               "données depuis le dossier partagé (synchronisation) ou contactez le support.")
        if self.items:
            self.table.selectRow(0)  # the newest: a damaged file means today's state is lost

    def target(self) -> Any:
        return self.damaged.data_dir

    def do_restore(self, b: backups.BackupInfo) -> None:
        from pole_desktop.safety import keys

        dd = self.damaged.data_dir
        key, info = keys.key_for_backup(dd, b.path, current_key=self.damaged.key,
                                        passphrase_provider=self.passphrase_provider)
        backups.restore_data_dir(dd, b.path, key=key, key_info=info)


def offer_restore(damaged: Any, passphrase_provider: Any | None = None) -> bool:
    """Show the dialog; True when a backup was restored (the caller opens the data again)."""
    dialog = DamagedDatabaseDialog(damaged, passphrase_provider=passphrase_provider)
    dialog.exec()
    return dialog.restored is not None
