"""Ký số in the window: the export step's choice, the identity picker, the PIN dialog, and
the signer shown after export (and with an imported package).

:class:`SigningChoice` is the small widget the export step adds (a "Ký số" check box, the
chosen identity, "Chọn…"); :meth:`SigningChoice.unlock` asks for the PIN (never kept) and
returns :class:`~desktop.signing.SigningOptions` for ``export_steps(signing=…)``. The
identity is remembered per data folder (desktop.signing.remember), never the PIN. The demo
identity ("Dùng thử") is offered only when the app runs with ``--demo``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.signing import Identity, SigningOptions, open_identity, remember, remembered
from desktop.ui.qt_i18n import tr
from desktop.ui.widgets import error_label, set_error


def signer_text(info) -> str:
    """One paragraph naming the signer (subject, issuer, serial, validity)."""
    return tr("ui.signing.signer", name=info.display_name, issuer=info.issuer,
              serial=info.serial, not_before=info.not_before.date().isoformat(),
              not_after=info.not_after.date().isoformat())


def package_signature_text(report) -> str:
    """The signature of a verified or imported package, for people ("" when unsigned)."""
    sig = getattr(report, "signature", None)
    if sig is None or sig.status == "absent":
        return tr("ui.signing.unsigned")
    if sig.status != "valid" or sig.signer is None:
        return tr("ui.signing.invalid")
    trust = tr("ui.signing.trusted") if sig.trusted else tr("ui.signing.untrusted")
    return signer_text(sig.signer) + "\n" + trust + " " + tr("ui.signing.offline")


def _browse_into(edit: QLineEdit, parent: QWidget, title: str, pattern: str) -> None:
    name, _ = QFileDialog.getOpenFileName(parent, title, edit.text(), pattern)
    if name:
        edit.setText(name)


class IdentityDialog(QDialog):
    """Choose the unit's identity: a certificate file (.p12/.pfx) or a USB token (PKCS#11
    library + token label), and the signature and seal pictures."""

    def __init__(self, current: Identity | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("ui.signing.dialog_title"))
        lay = QVBoxLayout(self)
        self.p12_button = QRadioButton(tr("ui.signing.kind_p12"))
        self.token_button = QRadioButton(tr("ui.signing.kind_token"))
        group = QButtonGroup(self)
        for b in (self.token_button, self.p12_button):
            group.addButton(b)
        form = QFormLayout()
        self.p12 = QLineEdit()
        self.p12.setObjectName("signing_p12")
        form.addRow(self.p12_button, self._with_browse(self.p12, "*.p12 *.pfx"))
        self.library = QLineEdit()
        self.library.setObjectName("signing_library")
        form.addRow(self.token_button, self._with_browse(self.library, "*.dll *.so *.dylib"))
        self.label = QComboBox()
        self.label.setEditable(True)
        self.label.setObjectName("signing_token_label")
        find = QPushButton(tr("ui.signing.find_tokens"))
        find.clicked.connect(self._find_tokens)
        row = QWidget()
        rlay = QHBoxLayout(row)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.label, 1)
        rlay.addWidget(find)
        form.addRow(tr("ui.signing.token_label"), row)
        self.signature = QLineEdit()
        self.signature.setObjectName("signing_signature_image")
        form.addRow(tr("ui.signing.signature_image"), self._with_browse(self.signature, "*.png"))
        self.seal = QLineEdit()
        self.seal.setObjectName("signing_seal_image")
        form.addRow(tr("ui.signing.seal_image"), self._with_browse(self.seal, "*.png"))
        lay.addLayout(form)
        note = QLabel(tr("ui.signing.pictures_note"))
        note.setWordWrap(True)
        lay.addWidget(note)
        self.error = error_label()
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.identity: Identity | None = None
        if current is not None:
            (self.p12_button if current.kind == "p12" else self.token_button).setChecked(True)
            (self.p12 if current.kind == "p12" else self.library).setText(current.path)
            self.label.setEditText(current.token_label)
            self.signature.setText(current.signature_image)
            self.seal.setText(current.seal_image)
        else:
            self.token_button.setChecked(True)
            from desktop.signing.identity import installed_drivers

            drivers = installed_drivers()  # known token drivers found on this machine
            if drivers:
                self.library.setText(drivers[0])
                self.library.setToolTip("\n".join(drivers))

    def _with_browse(self, edit: QLineEdit, pattern: str) -> QWidget:
        box = QWidget()
        lay = QHBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(edit, 1)
        button = QPushButton(tr("ui.export.browse"))
        button.clicked.connect(lambda: _browse_into(edit, self, tr("ui.signing.dialog_title"),
                                                    pattern))
        lay.addWidget(button)
        return box

    def _find_tokens(self) -> None:
        from desktop.signing.identity import list_tokens

        try:
            labels = list_tokens(self.library.text().strip())
        except UserError as exc:
            set_error(self.error, exc.message())
            return
        set_error(self.error, "" if labels else tr("ui.signing.no_tokens"))
        current = self.label.currentText()
        self.label.clear()
        self.label.addItems(labels)
        if current in labels:
            self.label.setEditText(current)

    def _accept(self) -> None:
        sig, seal = self.signature.text().strip(), self.seal.text().strip()
        if self.p12_button.isChecked():
            path = self.p12.text().strip()
            if not path:
                set_error(self.error, tr("ui.signing.need_p12"))
                return
            self.identity = Identity("p12", path, "", sig, seal)
        else:
            lib, label = self.library.text().strip(), self.label.currentText().strip()
            if not lib or not label:
                set_error(self.error, tr("ui.signing.need_token"))
                return
            self.identity = Identity("pkcs11", lib, label, sig, seal)
        self.accept()


def ask_pin(parent: QWidget, identity: Identity) -> str | None:
    """The PIN, typed hidden (None when cancelled); never kept."""
    pin, ok = QInputDialog.getText(parent, tr("ui.signing.pin_title"),
                                   tr("ui.signing.pin_label", identity=identity.describe()),
                                   QLineEdit.EchoMode.Password)
    return pin if ok and pin else None


class SigningChoice(QWidget):
    """The export step's "Ký số" choice: check box, the chosen identity, "Chọn…"."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.identity = remembered(data_dir)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(tr("ui.signing.sign"))
        self.check.setObjectName("signing_check")
        self.check.setToolTip(tr("ui.signing.sign_tip"))
        lay.addWidget(self.check)
        self.current = QLabel()
        self.current.setObjectName("signing_identity")
        lay.addWidget(self.current, 1)
        self.choose = QPushButton(tr("ui.signing.choose"))
        self.choose.setObjectName("signing_choose")
        self.choose.clicked.connect(self.pick)
        lay.addWidget(self.choose)
        self.demo_button = QPushButton(tr("ui.signing.use_demo"))
        self.demo_button.setObjectName("signing_demo")
        self.demo_button.setToolTip(tr("ui.signing.use_demo_tip"))
        self.demo_button.clicked.connect(self.use_demo)
        self.demo_button.setVisible(False)  # shown with --demo only (showEvent)
        lay.addWidget(self.demo_button)
        self._refresh()

    def showEvent(self, event) -> None:
        controller = getattr(self.window(), "controller", None)
        self.demo_button.setVisible(bool(getattr(controller, "demo", False)))
        super().showEvent(event)

    @property
    def wanted(self) -> bool:
        return self.check.isChecked()

    def retranslate(self) -> None:
        """The language changed (the export step keeps its state): texts anew."""
        self.check.setText(tr("ui.signing.sign"))
        self.check.setToolTip(tr("ui.signing.sign_tip"))
        self.choose.setText(tr("ui.signing.choose"))
        self.demo_button.setText(tr("ui.signing.use_demo"))
        self.demo_button.setToolTip(tr("ui.signing.use_demo_tip"))
        self._refresh()

    def _refresh(self) -> None:
        self.current.setText(tr("ui.signing.none") if self.identity is None
                             else self.identity.describe())

    def set_identity(self, identity: Identity) -> None:
        self.identity = identity
        try:
            remember(self.data_dir, identity)
        except OSError:
            pass  # a read-only data folder only costs the memory of the choice
        self.check.setChecked(True)
        self._refresh()

    def pick(self) -> None:
        dialog = IdentityDialog(self.identity, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.identity is not None:
            self.set_identity(dialog.identity)

    def use_demo(self) -> None:
        from desktop.signing.demo import write_demo_identity

        controller = getattr(self.window(), "controller", None)
        session = getattr(controller, "session", None)
        unit = session.dossier.unit.name if session is not None and session.dossier else "HoSo"
        demo = write_demo_identity(self.data_dir / "demo-signing", unit)
        self.set_identity(Identity("p12", str(demo.p12), "", str(demo.signature),
                                   str(demo.seal)))
        QMessageBox.information(self, tr("ui.signing.use_demo"),
                                tr("ui.signing.demo_pin", pin=demo.pin))

    def unlock(self) -> SigningOptions | None:
        """The unlocked identity (PIN asked now), or None: not wanted, cancelled, or an error
        already shown to the user."""
        if not self.wanted:
            return None
        if self.identity is None:
            self.pick()
            if self.identity is None:
                return None
        pin = ask_pin(self, self.identity)
        if pin is None:
            return None
        try:
            return SigningOptions(open_identity(self.identity, pin))
        except UserError as exc:
            QMessageBox.warning(self, tr("ui.signing.pin_title"), exc.message())
            return None

    @staticmethod
    def done_text(result) -> str:
        if getattr(result, "signer", None) is None:
            return ""
        return "\n" + tr("ui.signing.signed_with", level=result.signature_level) + "\n" \
            + signer_text(result.signer)


def received_signature_line(received) -> str:
    """One line for a package just received in the inbox: its unit and who signed it."""
    sig = getattr(received, "signature", None)
    if sig is None or sig.status != "valid" or sig.signer is None:
        return tr("ui.signing.received_unsigned", package=received.path.name)
    return tr("ui.signing.received_signed", package=received.path.name,
              signer=sig.signer.display_name, serial=sig.signer.serial,
              trust=tr("ui.signing.trusted") if sig.trusted else tr("ui.signing.untrusted"))
