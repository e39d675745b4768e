"""The damaged-data-file dialog (tệp dữ liệu bị hỏng): never a dead end.

When the data file cannot be used, the window offers what ``hoso db recover`` does:
"Khôi phục bản sao lưu" (the newest good backup; only when there is one), "Bắt đầu tệp dữ
liệu mới" (an empty data file), or "Thoát". Either of the first two keeps the damaged file
beside the new one, renamed (``desktop.store.recovery``), and says where.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.qt_i18n import tr

Choice = Literal["restore", "new", "quit"]


def recovery_box(message: str, backup_name: str | None,
                 parent: QWidget | None = None) -> tuple[QMessageBox, dict[object, Choice]]:
    """The dialog and its buttons' meanings (separate from ``exec`` so tests can click)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("ui.recovery.title"))
    box.setText(message)
    box.setInformativeText(tr("ui.recovery.restore_info", backup=backup_name) if backup_name
                           else tr("ui.recovery.no_backup_info"))
    choices: dict[object, Choice] = {}
    if backup_name:
        restore = box.addButton(tr("ui.recovery.restore"), QMessageBox.ButtonRole.AcceptRole)
        choices[restore] = "restore"
        box.setDefaultButton(restore)
    new = box.addButton(tr("ui.recovery.new"), QMessageBox.ButtonRole.DestructiveRole)
    choices[new] = "new"
    if not backup_name:
        box.setDefaultButton(new)
    quit_button = box.addButton(tr("ui.recovery.quit"), QMessageBox.ButtonRole.RejectRole)
    choices[quit_button] = "quit"
    box.setEscapeButton(quit_button)
    return box, choices


def ask_recovery(message: str, backup_name: str | None, parent: QWidget | None = None
                 ) -> Choice:
    """Show the dialog; the person's choice ("quit" when closed)."""
    box, choices = recovery_box(message, backup_name, parent)
    box.exec()
    return choices.get(box.clickedButton(), "quit")


def show_recovered(kept_as: str | None, backup_name: str | None,
                   parent: QWidget | None = None) -> None:
    """Say what was done: the backup restored or an empty file started, and where the damaged
    file is kept."""
    text = (tr("ui.recovery.done_restore", backup=backup_name) if backup_name
            else tr("ui.recovery.done_new"))
    if kept_as:
        text += "\n\n" + tr("ui.recovery.kept", file=kept_as)
    QMessageBox.information(parent, tr("ui.recovery.title"), text)
