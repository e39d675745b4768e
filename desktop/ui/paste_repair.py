"""Paste repair: text pasted in a legacy encoding (TCVN3, VNI, VIQR) is offered in Unicode;
and :class:`FixTextDialog`, which converts the legacy texts already in the dossier (typed
before, or read from a dossier file or package: the ``text.legacy_encoding`` findings).

One event filter on the application (:func:`install`) watches the paste shortcuts (Ctrl+V,
Shift+Insert) in every line edit and text box. When the clipboard holds text that
:func:`desktop.legacytext.detect` reads as legacy ("Céng hoµ x· héi…"), a small dialog shows
the original and the Unicode reading (and, for TCVN3 text that does not tell its case, the
capitals reading as a choice); the chosen text is inserted where the paste would have gone.
Text that is valid Unicode pastes as usual, without a dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
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
    """Application-wide: a paste of legacy text into an editor asks first (the paste
    shortcuts, and the "Dán" entry of the editors' context menu)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ContextMenu):
            return False
        widget = _editor(obj)
        if widget is None or widget.isReadOnly():
            return False
        if kind == QEvent.Type.KeyPress:
            if not event.matches(QKeySequence.StandardKey.Paste):
                return False
            return self.paste(widget, only_legacy=True)
        return self._context_menu(widget, event)

    def paste(self, widget: QWidget, *, only_legacy: bool = False) -> bool:
        """Paste into ``widget``, asking first when the clipboard holds legacy text. With
        ``only_legacy``, ordinary text is left to the widget (False is returned)."""
        text = QGuiApplication.clipboard().text()
        repair = None
        if text and len(text) <= 20000:
            from desktop.legacytext import detect  # the tables load on the first paste

            repair = detect(text)
        if repair is None:
            if only_legacy:
                return False
            widget.paste()
            return True
        chosen = ask(repair, widget.window())
        if chosen is not None:
            insert(widget, chosen)
        return True

    def _context_menu(self, widget: QWidget, event) -> bool:
        """The editor's own menu, its "Dán" entry going through :meth:`paste` (editors
        with a menu of their own are left alone)."""
        if widget.contextMenuPolicy() != Qt.ContextMenuPolicy.DefaultContextMenu:
            return False
        if isinstance(widget, QLineEdit):
            menu = widget.createStandardContextMenu()
        else:
            menu = widget.createStandardContextMenu(event.pos())
        found = False
        for action in menu.actions():
            if action.objectName() == "edit-paste":
                action.triggered.disconnect()
                action.triggered.connect(lambda _=False, w=widget: self.paste(w))
                found = True
        if not found:
            return False
        show_menu(menu, event.globalPos())  # the menu is Python's: freed with its reference
        return True


def show_menu(menu, pos) -> None:
    """Run a context menu (its own function: tests replace it)."""
    menu.exec(pos)


def _editor(obj: QObject) -> QWidget | None:
    """The line edit or text box ``obj`` is (or whose viewport it is)."""
    if isinstance(obj, _EDITORS):
        return obj
    if isinstance(obj, QWidget):
        parent = obj.parentWidget()  # QTextEdit/QPlainTextEdit get events on a viewport
        if isinstance(parent, (QPlainTextEdit, QTextEdit)) and obj is parent.viewport():
            return parent
    return None


_FILTER: PasteRepairFilter | None = None


def install(app: QApplication | None = None) -> PasteRepairFilter:
    """Install the filter once on the application (later calls return the same one)."""
    global _FILTER
    app = app or QApplication.instance()
    if _FILTER is None:
        _FILTER = PasteRepairFilter(app)
        app.installEventFilter(_FILTER)
    return _FILTER


class FixTextDialog(QDialog):
    """Every ``text.legacy_encoding`` finding of the session as a row: where, as typed, the
    Unicode reading (a choice when TCVN3 does not tell the case), a tick box; "Sửa" applies
    the ticked ones as one undoable edit."""

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("fix_text")
        self.setWindowTitle(tr("ui.fixtext.title"))
        self.findings = [f for f in session.findings if f.code == "text.legacy_encoding"]
        lay = QVBoxLayout(self)
        intro = QLabel(tr("ui.fixtext.intro", count=len(self.findings)))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.table = QTableWidget(len(self.findings), 4)
        self.table.setObjectName("fix_text_table")
        self.table.setHorizontalHeaderLabels([tr("ui.fixtext.col_fix"), tr("ui.fixtext.col_where"),
                                              tr("ui.fixtext.col_original"),
                                              tr("ui.fixtext.col_converted")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.choices: list[QComboBox] = []
        for row, finding in enumerate(self.findings):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, check)
            self.table.setItem(row, 1, QTableWidgetItem(_where(finding)))
            self.table.setItem(row, 2, QTableWidgetItem(finding.params.get("original", "")))
            combo = QComboBox()
            for text in [finding.params["suggestion"], *finding.params.get("alternatives", [])]:
                combo.addItem(text)
            self.table.setCellWidget(row, 3, combo)
            self.choices.append(combo)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton(tr("ui.fixtext.apply"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("fix_text_apply")
        self.apply_button.setEnabled(bool(self.findings))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(900, 480)

    def apply(self) -> None:
        changes = []
        for row, finding in enumerate(self.findings):
            if self.table.item(row, 0).checkState() == Qt.CheckState.Checked:
                changes.append((_store_path(finding), self.choices[row].currentText()))
        if changes and self.session.set_fields(changes, tr("ui.fixtext.undo",
                                                           count=len(changes))):
            self.accept()


_NESTED = (("achievements[", "achievement"), ("contributions[", "contribution"),
           ("criteria[", "criterion_answer"), ("members[", "council_member"))


def _where(finding) -> str:
    """"Nông Văn Sáng · Địa chỉ": whose text, and which field."""
    import re

    from desktop.ui.widgets import field_text

    path = finding.path or ""
    name = re.findall(r"[a-z_]+", path)[-1] if path else ""
    model = next((m for marker, m in _NESTED if marker in path), None)
    if model is None:
        model = finding.params.get("kind") if path.startswith("nominees[") else \
            path.split(".", 1)[0].split("[", 1)[0]
        model = "dossier" if model == "title" else model
    label = field_text(model, name) if i18n.has(f"field.{model}.{name}") else path
    who = finding.params.get("name") or ""
    section = path.split(".", 1)[0].split("[", 1)[0]
    if not who and section in ("unit", "council", "proposal", "result_report"):
        who = tr(f"ui.fixtext.section_{section}")
    return f"{who}{tr('ui.fixtext.where_sep')}{label}" if who else label


def _store_path(finding) -> str:
    """``nominees[3].address`` -> ``nominees[id=n3].address`` (stays right if the list
    moves while the dialog is open)."""
    path = finding.path
    if finding.nominee_id and path.startswith("nominees["):
        return f"nominees[id={finding.nominee_id}]" + path[path.index("]") + 1:]
    return path


def fix_texts(window) -> bool:
    """Menu Tệp: the dossier's legacy texts, converted after a preview."""
    session = window.session
    if session is None:
        return False
    dialog = FixTextDialog(session, window)
    if not dialog.findings:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(window, tr("ui.fixtext.title"), tr("ui.fixtext.none"))
        return False
    return dialog.exec() == QDialog.DialogCode.Accepted


__all__ = ["FixTextDialog", "PasteRepairDialog", "PasteRepairFilter", "ask", "fix_texts",
           "insert", "install"]
