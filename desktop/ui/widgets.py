"""Form fields bound to dossier paths (trường nhập liệu gắn với hồ sơ).

A :class:`Form` owns editors for paths such as ``unit.name`` or
``nominees[id=x].birth_year``. It fills them from the session's dossier, commits an edit
when the user finishes it (``editingFinished``, a click, a pick) through
:meth:`Session.set_field`, and shows under each field, in red, the findings that point at
it and the reason a typed value was refused. No masks or validators on text fields: input
methods (Unikey, EVKey) send backspaces and composed letters that masks would break.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.models import CampaignPack, Finding
from desktop.ui.qt_i18n import tr

DATE_FORMAT = "dd/MM/yyyy"
NO_DATE = QDate(1900, 1, 1)
ERROR_STYLE = "color: #b00020;"


def field_text(model: str, name: str) -> str:
    key = f"field.{model}.{name}"
    return tr(key) if i18n.has(key) else name


class PlainText(QPlainTextEdit):
    """A multi-line text field that reports the end of an edit like a QLineEdit."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        metrics = self.fontMetrics()
        self.setMinimumHeight(metrics.lineSpacing() * lines + 16)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


def date_edit(parent: QWidget | None = None) -> QDateEdit:
    """A date field in dd/MM/yyyy with an empty state ("—")."""
    edit = QDateEdit(parent)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("—")
    edit.setDate(NO_DATE)
    return edit


class DateDelegate(QStyledItemDelegate):
    """Table cells with dates edit in dd/MM/yyyy."""

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QDateEdit):
            editor.setDisplayFormat(DATE_FORMAT)
            editor.setCalendarPopup(True)
        return editor


class Bound:
    """One editor bound to a path suffix; ``kind`` says how values are shown and read."""

    def __init__(self, form: Form, name: str, kind: str, editor: QWidget,
                 error: QLabel, choices: Sequence[tuple[Any, str]] = ()) -> None:
        self.form, self.name, self.kind = form, name, kind
        self.editor, self.error = editor, error
        self.choices = list(choices)
        self.input_message = ""
        self.finding_messages: list[str] = []

    @property
    def path(self) -> str:
        return (self.form.prefix() or "") + self.name

    # -- value <-> editor
    def load(self, value: Any) -> None:
        e = self.editor
        blocker = QSignalBlocker(e)
        if self.kind in ("text", "int", "money", "number", "time"):
            text = "" if value is None else str(value)
            if self.kind == "time" and value:
                text = text[:5]
            if self.kind == "money" and value is not None:
                text = f"{int(value):,}".replace(",", ".")
            if e.hasFocus() and e.text() == text:
                return
            e.setText(text)
        elif self.kind in ("long", "lines"):
            text = "\n".join(value or ()) if self.kind == "lines" else (value or "")
            if e.toPlainText() != text:
                e.setPlainText(text)
        elif self.kind == "bool":
            e.setChecked(bool(value))
        elif self.kind == "date":
            e.setDate(QDate.fromString(value, "yyyy-MM-dd") if value else NO_DATE)
        elif self.kind in ("choice", "ethnic"):
            index = next((i for i, (v, _) in enumerate(self.choices) if v == value), -1)
            if index < 0 and value is None:
                index = 0
            e.setCurrentIndex(index)
            if index < 0 and self.kind == "ethnic":
                e.setEditText(str(value))
        del blocker

    def read(self) -> Any:
        e = self.editor
        if self.kind == "text":
            return e.text()
        if self.kind == "time":
            return e.text().strip() or None
        if self.kind in ("int", "number"):
            text = e.text().strip()
            return text.replace(",", ".") if text else None
        if self.kind == "money":
            text = e.text().strip().replace(".", "").replace(" ", "")
            return text or None
        if self.kind == "long":
            return e.toPlainText()
        if self.kind == "lines":
            return [line.strip() for line in e.toPlainText().splitlines() if line.strip()]
        if self.kind == "bool":
            return e.isChecked()
        if self.kind == "date":
            day = e.date()
            return None if day == NO_DATE else day.toString("yyyy-MM-dd")
        if self.kind == "ethnic":
            text = e.currentText().strip()
            for value, label in self.choices:
                if label == text or (value and text == value):
                    return value
            return text or None
        index = e.currentIndex()
        return self.choices[index][0] if index >= 0 else None

    def show(self) -> None:
        messages = [self.input_message] if self.input_message else self.finding_messages
        text = "\n".join(dict.fromkeys(messages))
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.editor.setProperty("hasError", bool(text))


class Form(QWidget):
    """A form of bound fields (label, editor, red error line under it)."""

    def __init__(self, session, model: str, prefix: Callable[[], str | None],
                 parent: QWidget | None = None, required: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.session = session
        self.model = model
        self.prefix = prefix
        self.required = set(required)
        self.fields: dict[str, Bound] = {}
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        session.input_error.connect(self._input_error)

    # -- building
    def add(self, name: str, kind: str = "text", *, choices: Sequence[tuple[Any, str]] = (),
            label: str | None = None, hint: str = "") -> Bound:
        text = label or field_text(self.model, name)
        if name in self.required:
            text += " *"
        editor = self._editor(kind, choices)
        editor.setObjectName(f"field_{name}")
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(editor)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setObjectName(f"hint_{name}")
            note.setStyleSheet("color: palette(placeholder-text);")
            lay.addWidget(note)
        lay.addWidget(error)
        label_widget = QLabel(text)
        label_widget.setBuddy(editor)
        label_widget.setWordWrap(True)
        self.layout_.addRow(label_widget, box)
        bound = Bound(self, name, kind, editor, error, choices)
        self.fields[name] = bound
        self._connect(bound)
        return bound

    def _editor(self, kind: str, choices: Sequence[tuple[Any, str]]) -> QWidget:
        if kind in ("text", "int", "money", "number", "time"):
            return QLineEdit()
        if kind == "long":
            return PlainText(lines=3)
        if kind == "lines":
            return PlainText(lines=4)
        if kind == "bool":
            return QCheckBox()
        if kind == "date":
            return date_edit()
        combo = QComboBox()
        for _, label in choices:
            combo.addItem(label)
        if kind == "ethnic":
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = QCompleter([label for _, label in choices], combo)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            combo.setCompleter(completer)
        return combo

    def _connect(self, b: Bound) -> None:
        def commit(*_: Any) -> None:
            self.commit(b)

        e = b.editor
        if isinstance(e, QLineEdit | PlainText | QDateEdit):
            e.editingFinished.connect(commit)
        elif isinstance(e, QCheckBox):
            e.clicked.connect(commit)
        elif isinstance(e, QComboBox):
            e.activated.connect(commit)
            if e.isEditable():
                e.lineEdit().editingFinished.connect(commit)

    # -- data flow
    def commit(self, b: Bound) -> None:
        if self.prefix() is None:
            return
        value = b.read()
        self.session.set_field(b.path, value, initiator=self,
                               label=field_text(self.model, b.name))

    def load(self) -> None:
        if self.prefix() is None:
            return
        for b in self.fields.values():
            b.input_message = ""
            b.load(self.session.value(b.path))
            b.show()
        from desktop.ui.inbox import show_return_notes  # notes of a returned dossier

        show_return_notes(self)

    def show_findings(self, findings: Sequence[Finding],
                      match: Callable[[Finding, str], bool]) -> None:
        en = i18n.get_language() == "en"
        for b in self.fields.values():
            b.finding_messages = [f.message_en if en else f.message_vi for f in findings
                                  if f.severity == "error" and match(f, b.name)]
            b.show()

    def _input_error(self, path: str, message: str) -> None:
        for b in self.fields.values():
            if b.path == path:
                b.input_message = message
                b.show()

    def field(self, name: str) -> QWidget:
        return self.fields[name].editor


def section_match(section: str) -> Callable[[Finding, str], bool]:
    """Findings of ``section`` (unit, council, proposal) whose path is the field."""
    def match(f: Finding, name: str) -> bool:
        return f.path == f"{section}.{name}"
    return match


def pack_choices(items, *, none: bool = True) -> list[tuple[Any, str]]:
    en = i18n.get_language() == "en"
    out: list[tuple[Any, str]] = [(None, "—")] if none else []
    out += [(c.id, c.label_en if en and getattr(c, "label_en", "") else c.label) for c in items]
    return out


def enum_choices(enum: str, values: Sequence[str], *, none: bool = True
                 ) -> list[tuple[Any, str]]:
    out: list[tuple[Any, str]] = [(None, "—")] if none else []
    return out + [(v, tr(f"enum.{enum}.{v}")) for v in values]


def ethnic_choices(pack: CampaignPack) -> list[tuple[Any, str]]:
    """The pack's common groups first, then all groups (54 + 99 "Khác") by code."""
    by_id = {g.id: g.label for g in pack.ethnic_groups}
    common = [(c, by_id[c]) for c in pack.ethnic_common if c in by_id]
    rest = [(g.id, g.label) for g in pack.ethnic_groups if g.id not in pack.ethnic_common]
    return [(None, ""), *common, *rest]


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def set_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
