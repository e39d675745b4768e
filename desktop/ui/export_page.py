"""The Xuất hồ sơ (export) step: one validated package, with progress, path, size, SHA-256.

The package goes to the user's Documents folder unless another folder was chosen before
(remembered in the data folder's settings): not inside the data folder, where nobody looks
for a file to upload.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.package import export_steps, size_text, verify_package
from desktop.ui.pages import Page, heading
from desktop.ui.qt_i18n import existing_directory, tr
from desktop.ui.session import Session
from desktop.ui.signed_copies import PackageKindChoice, export_error_text, preview_missing_text
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import error_label, set_error

SETTING = "export_folder"


def documents_folder(fallback: Path) -> Path:
    """The user's Documents folder (Tài liệu; ``fallback`` when the system names none)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else fallback


def export_folder(settings: QSettings | None, fallback: Path) -> Path:
    """The folder the last package went to, if it is still there; else Documents."""
    if settings is not None:
        last = settings.value(SETTING, "", str)
        if last and Path(last).is_dir():
            return Path(last)
    return documents_folder(fallback)


class ExportPage(Page):
    exported = Signal(object)  # ExportResult (after verification)

    def __init__(self, session: Session, runner: TaskRunner, folder: Path,
                 parent: QWidget | None = None, *, settings: QSettings | None = None) -> None:
        """``folder``: where packages go when the system has no Documents folder;
        ``settings``: where the chosen folder is remembered."""
        super().__init__(session, parent)
        self.runner = runner
        self.settings = settings
        self.result = None
        self.verified = None
        folder = export_folder(settings, folder)
        lay = QVBoxLayout(self)
        self.heading = heading(tr("ui.export.heading"))
        lay.addWidget(self.heading)
        self.state = QLabel()
        self.state.setObjectName("export_state")
        self.state.setWordWrap(True)
        lay.addWidget(self.state)
        row = QHBoxLayout()
        self.folder_label = folder_label = QLabel(tr("ui.export.folder"))
        row.addWidget(folder_label)
        self.folder = QLineEdit(str(folder))
        self.folder.setObjectName("export_folder")
        folder_label.setBuddy(self.folder)
        row.addWidget(self.folder, 1)
        self.browse_button = browse = QPushButton(tr("ui.export.browse"))
        browse.setObjectName("export_browse")
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        lay.addLayout(row)
        self.kind = PackageKindChoice()  # preview or final upload package
        lay.addWidget(self.kind)
        from desktop.ui.signing import SigningChoice  # Ký số (desktop/ui/signing.py)

        self.signing = SigningChoice(session.store.path.parent)
        lay.addWidget(self.signing)
        self.button = QPushButton(tr("ui.export.run"))
        self.button.setObjectName("export_run")
        self.button.clicked.connect(self.export)
        lay.addWidget(self.button)
        self.error = error_label()
        self.error.setObjectName("export_error")
        lay.addWidget(self.error)
        self.outcome = QLabel()
        self.outcome.setObjectName("export_outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.outcome)
        self.open_button = QPushButton(tr("ui.export.open_folder"))
        self.open_button.setObjectName("export_open")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self._open_folder)
        lay.addWidget(self.open_button)
        lay.addStretch(1)
        self.show_findings()

    def show_findings(self) -> None:
        errors = len(self.session.errors())
        self.button.setEnabled(errors == 0)
        text = tr("ui.export.blocked", errors=errors) if errors else tr("ui.export.ready")
        if not errors:
            missing = self.missing_signed()
            if missing:
                text += "\n" + tr("ui.export.final_lacks", count=missing)
        self.state.setText(text)
        self.state.setStyleSheet("color: #b00020;" if errors else "")

    def missing_signed(self) -> int:
        """How many required signed copies the final package still lacks."""
        from desktop.ui.signed_copies import missing_signed_copies

        return len(missing_signed_copies(self.session))

    def showEvent(self, event) -> None:
        stale = self._stale
        super().showEvent(event)
        if not stale:  # signed copies attached since (they do not change the findings)
            self.show_findings()

    def retranslate(self) -> None:
        """New language, same state: the folder, the package kind and the last result stay."""
        self.heading.setText(tr("ui.export.heading"))
        self.folder_label.setText(tr("ui.export.folder"))
        self.browse_button.setText(tr("ui.export.browse"))
        self.kind.retranslate()
        if hasattr(self.signing, "retranslate"):
            self.signing.retranslate()
        self.button.setText(tr("ui.export.run"))
        self.open_button.setText(tr("ui.export.open_folder"))
        if self.result is not None and self.verified is not None:
            self._show_result(self.result, self.verified)
        self.show_findings()

    def _browse(self) -> None:
        folder = existing_directory(self, tr("ui.export.folder").rstrip(":"),
                                    self.folder.text())
        if folder:
            self.folder.setText(folder)

    def export(self) -> None:
        s = self.session
        folder = Path(self.folder.text().strip())
        dossier, pack, store, final = s.dossier, s.pack, s.store, self.kind.final
        set_error(self.error, "")
        signing = self.signing.unlock()  # None: not signing (or PIN cancelled)
        if self.signing.wanted and signing is None:
            return
        self.outcome.setText(tr("ui.export.working"))

        def job(token):
            try:
                result = yield from export_steps(dossier, pack, folder, store=store,
                                                 packs_dirs=store.packs_dirs, cancel=token,
                                                 final=final, signing=signing)
            finally:
                if signing is not None:
                    signing.opened.close()
            return result, verify_package(result.path, packs_dirs=store.packs_dirs)

        self.runner.run(job, title=tr("ui.export.working"), dialog_parent=self,
                        on_done=self._done, on_error=self._failed)

    def _done(self, value) -> None:
        result, report = value
        self.result, self.verified = result, report
        self._show_result(result, report)
        self.open_button.setVisible(True)
        if self.settings is not None:
            self.settings.setValue(SETTING, str(result.path.parent))
            self.settings.sync()
        self.session.reload()
        self.exported.emit(result)

    def _show_result(self, result, report) -> None:
        self.outcome.setText(tr(
            "ui.export.done", path=str(result.path), size=size_text(result.size),
            sha256=result.sha256,
            verified=tr("ui.export.verified_ok") if report.ok else tr("ui.export.verified_bad"))
            + ("\n" + preview_missing_text(result) if preview_missing_text(result) else "")
            + self.signing.done_text(result))

    def _failed(self, exc: BaseException) -> None:
        self.outcome.setText("")
        set_error(self.error, export_error_text(exc, self.session)
                  or tr("ui.export.failed", reason=str(exc)))

    def _open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path.parent)))
