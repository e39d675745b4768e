"""Tệp → "Cài gói đợt thi đua…": install a signed campaign pack (.hosopack) offline.

The dialog verifies the file against the trusted publishers (``desktop.packs.publish``),
shows what the pack is (province, campaign, period, legal regime, version, publisher and
its key fingerprint) and what changed from the installed version, then installs it into
the data folder. Drafts written for an older version are re-checked under the new rules
(``Store.revalidate_for_pack``) and listed with the findings they gain or lose; the user
may move them to the new version. A refused file shows why, naming what failed, and
nothing is installed.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import HosoError
from desktop.packs.publish import (
    ENV_ALLOW_DEMO,
    InstallPlan,
    describe_changes,
    install_plan,
    plan_install,
    publisher_fingerprint,
    verify_hosopack,
)
from desktop.ui.qt_i18n import tr


class PackInstallDialog(QDialog):
    """Verify, describe and install one ``.hosopack``; then offer to move the drafts."""

    def __init__(self, path: Path, *, store, data_dir: Path, packs_dirs=(),
                 allow_demo: bool = False, current_dossier: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pack_install_dialog")
        self.setWindowTitle(tr("ui.packs.title"))
        self.resize(720, 520)
        self.store, self.data_dir = store, data_dir
        self.packs_dirs = tuple(str(p) for p in packs_dirs)
        self.current_dossier = current_dossier
        self.plan: InstallPlan | None = None
        self.result = None
        self.revalidation = None
        layout = QVBoxLayout(self)
        self.about = QLabel(objectName="pack_about", wordWrap=True)
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.about)
        self.changes = QLabel(objectName="pack_changes", wordWrap=True)
        self.changes.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.changes)
        self.status = QLabel(objectName="pack_status", wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.drafts = QTableWidget(0, 4, objectName="pack_drafts")
        self.drafts.setHorizontalHeaderLabels([tr("ui.packs.col_dossier"),
                                               tr("ui.packs.col_version"),
                                               tr("ui.packs.col_new"),
                                               tr("ui.packs.col_resolved")])
        self.drafts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.drafts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.drafts.hide()
        layout.addWidget(self.drafts, 10)
        layout.addStretch(1)  # texts stay at the top when there is no table
        buttons = QDialogButtonBox()
        self.install_button = QPushButton(tr("ui.packs.install"), objectName="pack_install")
        self.move_button = QPushButton(tr("ui.packs.move"), objectName="pack_move")
        self.install_button.clicked.connect(self.install)
        self.move_button.clicked.connect(self.move_drafts)
        buttons.addButton(self.install_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.move_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.move_button.hide()
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("ui.packs.close"))
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self._verify(Path(path), allow_demo)

    # ------------------------------------------------------------------ steps

    def _verify(self, path: Path, allow_demo: bool) -> None:
        try:
            info = verify_hosopack(path, allow_demo=allow_demo, data=self.data_dir)
            self.plan = plan_install(info, data=self.data_dir, packs_dirs=self.packs_dirs)
        except HosoError as exc:
            self.about.setText(tr("ui.packs.refused", reason=exc.message()))
            self.about.setStyleSheet("color: #a00000;")
            self.install_button.hide()
            return
        pack = info.pack
        self.about.setText(tr(
            "ui.packs.about", title=pack.title, province=pack.province,
            pack_id=pack.id, version=pack.version,
            start=pack.achievement_period.start.strftime("%d/%m/%Y"),
            end=pack.achievement_period.end.strftime("%d/%m/%Y"),
            upload_start=pack.upload_window.start.strftime("%d/%m/%Y"),
            upload_end=pack.upload_window.end.strftime("%d/%m/%Y"),
            regime=pack.regime.title if pack.regime else pack.legal_regime,
            publisher=info.publisher.name,
            fingerprint=publisher_fingerprint(info.publisher)))
        plan = self.plan
        if plan.already_installed is not None:
            self.changes.setText(tr("ui.packs.already", version=pack.version))
            self.install_button.hide()
        elif plan.previous_version is None:
            self.changes.setText(tr("ui.packs.first"))
        elif not plan.changes:
            self.changes.setText(tr("ui.packs.no_changes", old=plan.previous_version))
        else:
            lines = "\n".join(f"• {line}" for line in describe_changes(plan.changes))
            self.changes.setText(tr("ui.packs.changes", old=plan.previous_version,
                                    count=len(plan.changes)) + "\n" + lines)

    def install(self) -> None:
        if self.plan is None:
            return
        try:
            self.result = install_plan(self.plan)
        except (HosoError, OSError) as exc:
            text = exc.message() if isinstance(exc, HosoError) else str(exc)
            self.status.setText(tr("ui.packs.failed", reason=text))
            return
        self.install_button.hide()
        root = str(self.result.path.parent)
        if root not in self.store.packs_dirs:  # the store finds the new version from now on
            self.store.packs_dirs = (*self.store.packs_dirs, root)
        self.revalidation = self.store.revalidate_for_pack(self.result.info.pack)
        drafts = self.revalidation.dossiers
        self.status.setText(tr("ui.packs.installed", path=str(self.result.path))
                            + ("\n" + tr("ui.packs.drafts", count=len(drafts)) if drafts
                               else ""))
        self._fill_drafts()

    def _fill_drafts(self) -> None:
        drafts = self.revalidation.dossiers if self.revalidation else ()
        self.drafts.setRowCount(len(drafts))
        for row, draft in enumerate(drafts):
            values = [draft.dossier_id, draft.old_version, str(len(draft.new_findings)),
                      str(len(draft.resolved))]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 2 and draft.new_findings:
                    item.setToolTip("\n".join(f.message() for f in draft.new_findings[:10]))
                self.drafts.setItem(row, col, item)
        self.drafts.setVisible(bool(drafts))
        self.move_button.setVisible(any(not d.moved for d in drafts))

    def move_drafts(self) -> None:
        if self.result is None:
            return
        pack = self.result.info.pack
        self.revalidation = self.store.revalidate_for_pack(pack, move=True)
        moved = [d.dossier_id for d in self.revalidation.dossiers if d.moved]
        text = tr("ui.packs.moved", count=len(moved), version=pack.version)
        if self.current_dossier in moved:
            text += "\n" + tr("ui.packs.reopen")
        self.status.setText(text)
        self._fill_drafts()
        self.move_button.hide()


def choose_and_install(window) -> PackInstallDialog | None:
    """Tệp → Cài gói đợt thi đua…: choose a .hosopack, then the dialog."""
    path, _ = QFileDialog.getOpenFileName(window, tr("ui.packs.choose"), "",
                                          tr("ui.packs.filter"))
    if not path:
        return None
    return show_pack_install(window, Path(path))


def show_pack_install(window, path: Path) -> PackInstallDialog:
    controller = window.controller
    session = window.session
    allow_demo = bool(getattr(controller, "demo", False)) or os.environ.get(
        ENV_ALLOW_DEMO) == "1"
    dialog = PackInstallDialog(path, store=session.store, data_dir=controller.data_dir,
                               packs_dirs=controller.packs_dirs, allow_demo=allow_demo,
                               current_dossier=session.dossier_id, parent=window)
    dialog.open()
    window.pack_install_dialog = dialog
    return dialog
