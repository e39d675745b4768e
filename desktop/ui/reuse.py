"""Reuse what was typed: fill in from the unit's previous dossier, or start a copy.

Menu Tệp (see :func:`desktop.ui.sheet_import.add_menu_entries`): "Lấy thông tin từ hồ sơ
trước…" offers the previous dossier's unit particulars, council members (with chair and
secretary) and proposal signer, each with a tick box, and fills the chosen ones in as one
undoable edit; "Tạo hồ sơ mới từ hồ sơ này…" stores a copy (new id, revision 1, nominees
optional, :func:`desktop.reuse.copy_dossier`) and opens it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import HosoError
from desktop.ui.qt_i18n import tr


class ReuseDialog(QDialog):
    """Tick what to take from the previous dossier."""

    def __init__(self, found, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reuse_dialog")
        self.setWindowTitle(tr("ui.reuse.title"))
        lay = QVBoxLayout(self)
        intro = QLabel(tr("ui.reuse.intro", source=found.source_title))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.unit = QCheckBox(tr("ui.reuse.unit", name=found.unit.name if found.unit else ""))
        self.unit.setObjectName("reuse_unit")
        self.members = QCheckBox(tr("ui.reuse.members", count=len(found.members),
                                    chair=found.chair or "—",
                                    secretary=found.secretary or "—"))
        self.members.setObjectName("reuse_members")
        self.signer = QCheckBox(tr("ui.reuse.signer",
                                   name=found.signer.get("signer_name", "—"),
                                   title=found.signer.get("signer_title", "—")))
        self.signer.setObjectName("reuse_signer")
        for box, present in ((self.unit, found.unit is not None),
                             (self.members, bool(found.members)),
                             (self.signer, bool(found.signer))):
            box.setChecked(present)
            box.setEnabled(present)
            box.setVisible(present)
            lay.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


def fill_from_previous(window) -> bool:
    """Offer the previous dossier's particulars; True when something was filled in."""
    from desktop.reuse import offer, offer_changes, previous_dossier

    session = window.session
    if session is None:
        return False
    previous = previous_dossier(session.store, session.dossier)
    if previous is None:
        QMessageBox.information(window, tr("ui.reuse.title"), tr("ui.reuse.none"))
        return False
    found = offer(previous, session.dossier)
    if found.empty:
        QMessageBox.information(window, tr("ui.reuse.title"),
                                tr("ui.reuse.nothing", source=found.source_title))
        return False
    dialog = ReuseDialog(found, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    changes = offer_changes(found, unit=dialog.unit.isChecked(),
                            members=dialog.members.isChecked(),
                            signer=dialog.signer.isChecked())
    if not changes:
        return False
    return session.set_fields(changes, tr("ui.reuse.undo", source=found.source_title))


def copy_current(window) -> str | None:
    """Store a copy of the window's dossier for a new campaign and open it; its id."""
    from desktop.reuse import copy_dossier

    session = window.session
    if session is None:
        return None
    box = QMessageBox(QMessageBox.Icon.Question, tr("ui.reuse.copy_title"),
                      tr("ui.reuse.copy_text"),
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, window)
    keep = QCheckBox(tr("ui.reuse.keep_nominees"))
    box.setCheckBox(keep)
    if box.exec() != QMessageBox.StandardButton.Ok:
        return None
    old = session.dossier
    copy = copy_dossier(old, keep_nominees=keep.isChecked(),
                        title=tr("ui.reuse.copy_suffix", title=old.title or old.unit.name))
    try:
        session.store.create_dossier(copy, pack=session.pack)
    except HosoError as exc:
        window.show_storage_error(exc)
        return None
    window.controller.open_dossier(copy.id, 0)
    return copy.id
