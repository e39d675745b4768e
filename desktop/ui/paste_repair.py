"""Paste repair: text pasted in a legacy encoding (TCVN3, VNI, VIQR) is offered in Unicode.

One event filter on the application (:func:`install`) watches the paste shortcuts (Ctrl+V,
Shift+Insert) in every line edit and text box. When the clipboard holds text that
:func:`desktop.legacytext.detect` reads as legacy ("Céng hoµ x· héi…"), a small dialog shows
the original and the Unicode reading (and, for TCVN3 text that does not tell its case, the
capitals reading as a choice); the chosen text is inserted where the paste would have gone.
Text that is valid Unicode pastes as usual, without a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.qt_i18n import tr

_EDITORS = (QLineEdit, QPlainTextEdit, QTextEdit)


class PasteRepairDialog(QDialog):
    """Original and Unicode reading side by side; ``chosen`` is the text to insert."""

    def __init__(self, repair, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paste_repair")
        self.setWindowTitle(tr("ui.paste.title"))
        self.repair = repair
        lay = QVBoxLayout(self)
        intro = QLabel(tr("ui.paste.intro", encoding=repair.encoding_name))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        lay.addWidget(QLabel(tr("ui.paste.original")))
        original = QLabel(repair.original)
        original.setObjectName("paste_original")
        original.setWordWrap(True)
        original.setStyleSheet("color: #8a1c1c; padding: 4px; border: 1px solid #ddd;")
        lay.addWidget(original)
        lay.addWidget(QLabel(tr("ui.paste.converted")))
        self.readings = [repair.text, *repair.alternatives]
        self.group = QButtonGroup(self)
        for i, text in enumerate(self.readings):
            button = QRadioButton(text)
            button.setObjectName(f"paste_reading_{i}")
            button.setStyleSheet("font-weight: bold; color: #1b5e20;")
            button.setChecked(i == 0)
            self.group.addButton(button, i)
            lay.addWidget(button)
        if repair.ambiguous:
            note = QLabel(tr("ui.paste.ambiguous"))
            note.setObjectName("paste_ambiguous")
            note.setWordWrap(True)
            lay.addWidget(note)
        buttons = QDialogButtonBox()
        self.convert = buttons.addButton(tr("ui.paste.convert"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.convert.setObjectName("paste_convert")
        self.keep = buttons.addButton(tr("ui.paste.keep"),
                                      QDialogButtonBox.ButtonRole.DestructiveRole)
        self.keep.setObjectName("paste_keep")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.convert.setDefault(True)
        self.choice: str | None = None
        self.convert.clicked.connect(self._convert)
        self.keep.clicked.connect(self._keep)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(460)

    def _convert(self) -> None:
        self.choice = self.readings[max(self.group.checkedId(), 0)]
        self.accept()

    def _keep(self) -> None:
        self.choice = self.repair.original
        self.accept()


def ask(repair, parent: QWidget | None) -> str | None:
    """The text to paste (converted or as it was), or None when the user cancels."""
    dialog = PasteRepairDialog(repair, parent)
    return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None


def insert(widget: QWidget, text: str) -> None:
    if isinstance(widget, QLineEdit):
        widget.insert(text)
    elif isinstance(widget, QPlainTextEdit):
        widget.insertPlainText(text)
    elif isinstance(widget, QTextEdit):
        widget.insertPlainText(text)


class PasteRepairFilter(QObject):
    """Application-wide: a paste of legacy text into an editor asks first."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not event.matches(
                QKeySequence.StandardKey.Paste):
            return False
        widget = obj if isinstance(obj, _EDITORS) else None
        if widget is None and isinstance(obj, QWidget):
            parent = obj.parentWidget()  # QTextEdit/QPlainTextEdit receive keys on a viewport
            widget = parent if isinstance(parent, (QPlainTextEdit, QTextEdit)) else None
        if widget is None or getattr(widget, "isReadOnly", lambda: False)():
            return False
        text = QGuiApplication.clipboard().text()
        if not text or len(text) > 20000:
            return False
        from desktop.legacytext import detect  # the tables load on the first paste

        repair = detect(text)
        if repair is None:
            return False
        chosen = ask(repair, widget.window())
        if chosen is not None:
            insert(widget, chosen)
        return True


_FILTER: PasteRepairFilter | None = None


def install(app: QApplication | None = None) -> PasteRepairFilter:
    """Install the filter once on the application (later calls return the same one)."""
    global _FILTER
    app = app or QApplication.instance()
    if _FILTER is None:
        _FILTER = PasteRepairFilter(app)
        app.installEventFilter(_FILTER)
    return _FILTER


__all__ = ["PasteRepairDialog", "PasteRepairFilter", "ask", "insert", "install"]
