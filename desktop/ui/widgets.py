"""Form fields bound to dossier paths (trường nhập liệu gắn với hồ sơ).

A :class:`Form` owns editors for paths such as ``unit.name`` or
``nominees[id=x].birth_year``. It fills them from the session's dossier, commits an edit
when the user finishes it (``editingFinished``, a click, a pick) through
:meth:`Session.set_field`, and shows under each field, in red, the findings that point at
it and the reason a typed value was refused. No masks or validators on text fields: input
methods (Unikey, EVKey) send backspaces and composed letters that masks would break.
"""

from __future__ import annotations

import datetime as dt
import itertools
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QObject,
    QPoint,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.models import CampaignPack, Finding
from desktop.ui.dates import DateTextError, Impossible, format_date, parse_date, parse_time
from desktop.ui.qt_i18n import tr

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"
#: field kinds edited in one QLineEdit
LINE_KINDS = ("text", "int", "money", "number", "time", "date", "oneline", "docno",
              "docsymbol")


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
        self._lines = 0
        self.document().documentLayout().documentSizeChanged.connect(self._relayout)

    def _relayout(self, *_) -> None:
        lines = int(self.document().size().height())
        if lines != self._lines:
            self._lines = lines
            self.updateGeometry()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._relayout()

    def sizeHint(self) -> QSize:
        """As tall as its text, from its minimum lines up to 10 (Qt's default, 192 px
        whatever the text, made short forms scroll and long texts hide)."""
        lines = int(self.document().size().height())  # laid-out lines (plain text layout)
        metrics = self.fontMetrics()
        height = max(self.minimumHeight(), metrics.lineSpacing() * min(lines, 10) + 16)
        return QSize(super().sizeHint().width(), height)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class DateField(QLineEdit):
    """One date editor for fields and table cells: typed day first in any usual way
    (``25/06/2023``, ``25062023``, ``25-6-2023``), shown dd/mm/yyyy, empty shows a
    placeholder; the arrow (or Alt+Down, F4) opens a calendar at the typed day or, when
    empty, inside the campaign period (``period``: a (start, end) pair of dates)."""

    picked = Signal()

    def __init__(self, parent: QWidget | None = None, period=None) -> None:
        super().__init__(parent)
        self.period = period
        self.setPlaceholderText(tr("ui.date.placeholder"))
        self.setToolTip(tr("ui.date.tip"))
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(tr("ui.date.calendar"))
        self.calendar_action.triggered.connect(self.open_calendar)
        self.popup: QFrame | None = None
        metrics = self.fontMetrics()
        self.setMinimumWidth(metrics.horizontalAdvance("00/00/00000") + 48)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.minimumWidth()), hint.height())

    def keyPressEvent(self, event) -> None:
        alt_down = (event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def day(self) -> dt.date | None:
        """The typed day (raises :class:`~desktop.ui.dates.DateTextError`)."""
        return parse_date(self.text())

    def start_day(self) -> dt.date:
        try:
            typed = self.day()
        except DateTextError:
            typed = None
        if typed is not None:
            return typed
        today = dt.date.today()
        if self.period is not None:
            start, end = self.period
            return min(max(today, start), end)
        return today

    def open_calendar(self) -> None:
        popup = QFrame(self, Qt.WindowType.Popup)
        popup.setObjectName("date_popup")
        popup.setFrameShape(QFrame.Shape.Box)
        lay = QVBoxLayout(popup)
        lay.setContentsMargins(2, 2, 2, 2)
        calendar = QCalendarWidget(popup)
        calendar.setObjectName("date_calendar")
        calendar.setGridVisible(True)
        calendar.setLocale(self.locale())
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        day = self.start_day()
        calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        lay.addWidget(calendar)

        def chosen(date: QDate) -> None:
            self.setText(format_date(dt.date(date.year(), date.month(), date.day())))
            popup.close()
            self.setFocus()
            self.picked.emit()
            self.editingFinished.emit()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        popup.adjustSize()
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and below.y() + popup.height() > screen.bottom():
            below = self.mapToGlobal(QPoint(0, -popup.height()))
        popup.move(below)
        self.popup = popup
        popup.show()
        calendar.setFocus()


class DateDelegate(QStyledItemDelegate):
    """Table cells: dates in :class:`DateField`, times read like the time fields; the
    model parses what was typed (and says why it cannot)."""

    def __init__(self, parent=None, period=None) -> None:
        super().__init__(parent)
        self.period = period

    def _kind(self, index) -> str:
        columns = getattr(index.model(), "columns", ())
        return columns[index.column()].kind if index.column() < len(columns) else ""

    def createEditor(self, parent, option, index):
        if self._kind(index) == "date":
            editor = DateField(parent, self.period)
            editor.setFrame(False)
            editor.picked.connect(lambda e=editor: self._picked(e))
            return editor
        return super().createEditor(parent, option, index)

    def _picked(self, editor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor, index) -> None:
        if isinstance(editor, DateField):
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index) -> None:
        if isinstance(editor, DateField):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


def date_message(field: str, kind: str, exc: DateTextError) -> str:
    """The message for a date or time that cannot be used, naming the field."""
    what = "impossible" if isinstance(exc, Impossible) else "unreadable"
    return tr(f"ui.{kind}.{what}", field=field, text=exc.shown)


class Bound:
    """One editor bound to a path suffix; ``kind`` says how values are shown and read."""

    def __init__(self, form: Form, name: str, kind: str, editor: QWidget,
                 error: QLabel, choices: Sequence[tuple[Any, str]] = (),
                 label: str = "") -> None:
        self.form, self.name, self.kind = form, name, kind
        self.editor, self.error = editor, error
        self.choices = list(choices)
        self.label = label or name
        self.input_message = ""
        self.finding_messages: list[str] = []
        self.finding_warnings: list[str] = []  # shown in amber when there is no error
        self.reserved = False  # the message line keeps its room once the field was entered

    @property
    def path(self) -> str:
        return (self.form.prefix() or "") + self.name

    # -- value <-> editor
    def load(self, value: Any) -> None:
        e = self.editor
        blocker = QSignalBlocker(e)
        if self.kind in LINE_KINDS:
            text = "" if value is None else str(value)
            if self.kind == "time" and value:
                text = text[:5]
            if self.kind == "date":
                text = format_date(value)
            if self.kind == "money" and value is not None:
                text = f"{int(value):,}".replace(",", ".")
            if e.text() != text:  # setText would also drop the selection Tab just made
                e.setText(text)
                if not e.hasFocus():
                    e.setCursorPosition(0)  # a long text shows its beginning
        elif self.kind in ("long", "lines"):
            text = "\n".join(value or ()) if self.kind == "lines" else (value or "")
            if e.toPlainText() != text:
                e.setPlainText(text)
        elif self.kind == "bool":
            e.setChecked(bool(value))
        elif self.kind in ("choice", "ethnic"):
            index = next((i for i, (v, _) in enumerate(self.choices) if v == value), -1)
            if index < 0 and value is None:
                index = 0
            if e.currentIndex() != index:
                e.setCurrentIndex(index)
            if index < 0 and self.kind == "ethnic":
                e.setEditText(str(value))
        del blocker

    def read(self) -> Any:
        """The editor's value as stored data; a date or time that cannot be read raises
        :class:`~desktop.ui.dates.DateTextError`."""
        e = self.editor
        if self.kind == "text":
            return e.text()
        if self.kind == "oneline":  # one sentence part (Kính gửi): no line breaks
            return " ".join(e.text().split())
        if self.kind == "docno":  # "03" or the whole "03/BB-HĐTĐKT": HoSo adds the code
            return e.text().split("/", 1)[0].strip()
        if self.kind == "docsymbol":  # "TTr-UBND" or the whole "12/TTr-UBND"
            text = e.text().strip()
            return text.split("/", 1)[1].strip() if "/" in text else text
        if self.kind == "time":
            time = parse_time(e.text())
            return None if time is None else f"{time}:00"  # as stored (08:30:00)
        if self.kind == "date":
            day = parse_date(e.text())
            return None if day is None else day.isoformat()
        if self.kind in ("int", "number"):
            text = e.text().strip()
            return text.replace(",", ".") if text else None
        if self.kind == "money":
            text = e.text().strip().replace(".", "").replace(" ", "")
            return text or None
        if self.kind == "long":
            return e.toPlainText()
        if self.kind == "lines":
            return [line for line in (clean_line(x) for x in e.toPlainText().splitlines())
                    if line]
        if self.kind == "bool":
            return e.isChecked()
        if self.kind == "ethnic":
            text = e.currentText().strip()
            for value, label in self.choices:
                if label == text or (value and text == value):
                    return value
            # typed without the marks ("Tay", "hmong"): the one group it can only mean
            same = [v for v, label in self.choices if v and fold(label) == fold(text)]
            if len(same) == 1:
                return same[0]
            return text or None
        index = e.currentIndex()
        return self.choices[index][0] if index >= 0 else None

    def revealed(self) -> bool:
        if self.form.areas is None:  # a form outside the steps (a dialog): always shown
            return True
        return self.form.session.revealed(self.form.areas(), self.path)

    def show(self) -> None:
        warning = False
        if self.input_message:
            messages = [self.input_message]
        elif not self.revealed():
            messages = []
        else:
            messages = self.finding_messages
            if not messages and self.finding_warnings:
                messages, warning = self.finding_warnings, True
        text = "\n".join(dict.fromkeys(messages))
        style = WARNING_STYLE if warning else ERROR_STYLE
        if self.error.styleSheet() != style:
            self.error.setStyleSheet(style)
        if text != self.error.text():
            self.error.setText(text)
        self.error.setVisible(bool(text) or self.reserved)
        wrong = bool(text) and not warning  # a warning does not mark the field as wrong
        if self.editor.property("hasError") != wrong:
            self.editor.setProperty("hasError", wrong)

    def reserve(self) -> None:
        """Keep room for one message line under the field from now on (entering a field
        may push the fields below down once; leaving it never moves anything)."""
        if not self.reserved:
            self.reserved = True
            self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing())
            self.error.setVisible(True)


def fold(text: str) -> str:
    """Text without Vietnamese marks, case-folded ("Tày" -> "tay", "Đức" -> "duc")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def clean_line(line: str) -> str:
    """One line of a list typed one item per line ("Nơi nhận"): HoSo prints the dash."""
    line = line.strip()
    while line[:1] in ("-", "–", "—", "•", "+", "*") and line[:1]:
        line = line[1:].strip()
    return line


class _FieldWatcher(QObject):
    """Entering a field reserves its message line; leaving it marks it as seen."""

    def __init__(self, form: Form) -> None:
        super().__init__(form)
        self.form = form

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            bound = self.form._by_editor.get(obj)
            if bound is not None and self.form.prefix() is not None:
                if kind == QEvent.Type.FocusIn:
                    bound.reserve()
                elif event.reason() != Qt.FocusReason.PopupFocusReason:
                    self.form.session.touch(bound.path)
                    bound.show()
        return False


class Form(QWidget):
    """A form of bound fields (label, editor, red message line under it).

    ``areas()`` names what the form belongs to (``["step:0"]``, a nominee): its findings
    show once one of them was visited or the field itself was left (Session.revealed);
    without ``areas`` (a dialog's form) they always show.
    ``committed(name)`` follows each saved edit.
    """

    committed = Signal(str)

    def __init__(self, session, model: str, prefix: Callable[[], str | None],
                 parent: QWidget | None = None, required: Sequence[str] = (),
                 areas: Callable[[], Sequence[str]] | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = model
        self.prefix = prefix
        self.areas = areas
        self.required = set(required)
        self.fields: dict[str, Bound] = {}
        self._by_editor: dict[QObject, Bound] = {}
        self._watcher = _FieldWatcher(self)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        session.input_error.connect(self._input_error)

    #: below this width (logical px) labels go above their fields: the fields get the
    #: whole width (an office laptop at 125 %)
    NARROW = 560

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        policy = (QFormLayout.RowWrapPolicy.WrapAllRows if self.width() < self.NARROW
                  else QFormLayout.RowWrapPolicy.WrapLongRows)
        if self.layout_.rowWrapPolicy() != policy:
            above = policy == QFormLayout.RowWrapPolicy.WrapAllRows
            for row in range(self.layout_.rowCount()):  # a label above has the whole line
                item = self.layout_.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if item is not None and isinstance(item.widget(), QLabel):
                    item.widget().setWordWrap(not above)
            self.layout_.setRowWrapPolicy(policy)

    # -- building
    def add(self, name: str, kind: str = "text", *, choices: Sequence[tuple[Any, str]] = (),
            label: str | None = None, hint: str = "", placeholder: str = "",
            wide: bool = False) -> Bound:
        """Add a field; ``wide``: the label takes a row of its own above the editor (long
        texts such as a criterion wrap over the form's whole width)."""
        plain = label or field_text(self.model, name)
        text = plain + ("\u00a0*" if name in self.required else "")  # the star stays on the line
        editor = self._editor(kind, choices)
        editor.setObjectName(f"field_{name}")
        if placeholder and isinstance(editor, QLineEdit | QPlainTextEdit):
            editor.setPlaceholderText(placeholder)
        elif kind == "time":
            editor.setPlaceholderText(tr("ui.time.placeholder"))
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
        if wide:
            self.layout_.addRow(label_widget)
            self.layout_.addRow("", box)
        else:
            self.layout_.addRow(label_widget, box)
        bound = Bound(self, name, kind, editor, error, choices, plain)
        self.fields[name] = bound
        self._by_editor[editor] = bound
        editor.installEventFilter(self._watcher)
        if isinstance(editor, QComboBox) and editor.isEditable():
            self._by_editor[editor.lineEdit()] = bound
            editor.lineEdit().installEventFilter(self._watcher)
        self._connect(bound)
        return bound

    def _editor(self, kind: str, choices: Sequence[tuple[Any, str]]) -> QWidget:
        if kind in LINE_KINDS and kind != "date":
            return QLineEdit()
        if kind == "long":
            return PlainText(lines=3)
        if kind == "lines":
            return PlainText(lines=4)
        if kind == "bool":
            return QCheckBox()
        if kind == "date":
            pack = getattr(self.session, "pack", None)
            period = pack.achievement_period if pack is not None else None
            return DateField(period=(period.start, period.end) if period else None)
        combo = QComboBox()
        # a long choice ("Mặc định: Bằng khen của Chủ tịch…") must not widen the page
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
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
        if isinstance(e, QLineEdit | PlainText):
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
        self.session.touch(b.path)
        try:
            value = b.read()
        except DateTextError as exc:
            b.input_message = date_message(b.label, b.kind, exc)
            b.show()
            return
        if b.kind in ("date", "time", "docno", "docsymbol", "oneline"):
            shown = (format_date(value) if b.kind == "date"
                     else (value or "")[:5] if b.kind == "time" else value)
            if b.editor.text() != shown:  # 25062023 -> 25/06/2023 even when unchanged
                with QSignalBlocker(b.editor):
                    b.editor.setText(shown)
        if b.kind == "lines":
            with QSignalBlocker(b.editor):
                text = "\n".join(value)
                if b.editor.toPlainText() != text:
                    b.editor.setPlainText(text)
        saved = self.session.set_field(b.path, value, initiator=self, label=b.label)
        b.show()
        if saved:
            self.committed.emit(b.name)

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
                      match: Callable[[Finding, str], bool]) -> set[int]:
        """Show each error under its field (a warning, in amber, when it has none); the
        ids of the errors shown."""
        en = i18n.get_language() == "en"
        shown: set[int] = set()
        for b in self.fields.values():
            mine = [f for f in findings if f.severity == "error" and match(f, b.name)]
            if not b.editor.parentWidget().isHidden():  # a hidden row shows nothing
                shown.update(id(f) for f in mine)
            b.finding_messages = [f.message_en if en else f.message_vi for f in mine]
            b.finding_warnings = [f.message_en if en else f.message_vi for f in findings
                                  if f.severity == "warning" and match(f, b.name)]
            b.show()
        return shown

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


class GridView(QTableView):
    """A table that behaves in the tab order: Tab on its last cell and Ctrl+Tab anywhere
    (Ctrl+Shift+Tab backwards) leave it; with ``appendable`` (a table *of rows*: members,
    achievements), Enter on the last row's last cell asks for a new row
    (``append_requested``)."""

    append_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, appendable: bool = False) -> None:
        super().__init__(parent)
        self.appendable = appendable
        # the columns share the width (texts stretch): no sideways scrolling, not even the
        # 1 px a 125 % scale leaves over
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # a column where Enter on the last row adds a row too (a list of names: type a name,
        # Enter, the next name)
        self.append_from: int | None = None

    def _appends(self) -> bool:
        """Enter here asks for a new row: the last cell, or ``append_from`` on the last row
        when that row is filled in."""
        if self._at_end():
            return True
        index = self.currentIndex()
        model = self.model()
        return (self.append_from is not None and model is not None and index.isValid()
                and index.row() == model.rowCount() - 1
                and index.column() == self.append_from
                and bool(index.data()))

    def _editable(self, index) -> bool:
        flags = self.model().flags(index)
        return bool(flags & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)) \
            and not self.isColumnHidden(index.column())

    def _next_cell(self, index, step: int):
        """The next (``step`` 1) or previous (-1) cell that takes input, row by row; the
        names and live results in between are skipped by Tab."""
        model = self.model()
        rows, cols = model.rowCount(), model.columnCount()
        pos = index.row() * cols + index.column() + step
        while 0 <= pos < rows * cols:
            cell = model.index(pos // cols, pos % cols)
            if self._editable(cell):
                return cell
            pos += step
        return None

    def _at_end(self) -> bool:
        """On the last cell that takes input (of the last row)."""
        index = self.currentIndex()
        return (self.model() is not None and index.isValid()
                and self._next_cell(index, 1) is None)

    def moveCursor(self, action, modifiers):
        Move = QAbstractItemView.CursorAction
        index = self.currentIndex()
        if action in (Move.MoveNext, Move.MovePrevious) and self.model() is not None \
                and index.isValid():
            cell = self._next_cell(index, 1 if action == Move.MoveNext else -1)
            return cell if cell is not None else index
        return super().moveCursor(action, modifiers)

    def leave(self, forward: bool = True) -> None:
        QWidget.focusNextPrevChild(self, forward)

    def focusInEvent(self, event) -> None:
        """Tabbed into: the first cell one can type in (not a name shown for reading)."""
        super().focusInEvent(event)
        model = self.model()
        if event.reason() not in (Qt.FocusReason.TabFocusReason,
                                  Qt.FocusReason.BacktabFocusReason) or model is None \
                or model.rowCount() == 0:
            return
        index = self.currentIndex()
        editable = Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        if index.isValid() and model.flags(index) & editable:
            return
        row = index.row() if index.isValid() else 0
        for column in range(model.columnCount()):
            if model.flags(model.index(row, column)) & editable:
                self.setCurrentIndex(model.index(row, column))
                return

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = mods & Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and ctrl:
            back = key == Qt.Key.Key_Backtab or mods & Qt.KeyboardModifier.ShiftModifier
            self.leave(not back)
            return
        if key == Qt.Key.Key_Tab and not mods and (self._at_end() or not self.model()
                                                   or self.model().rowCount() == 0):
            event.ignore()  # QAbstractItemView then moves the focus on
            return
        if (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.appendable
                and self.state() != QAbstractItemView.State.EditingState
                and (self._appends() or self.model().rowCount() == 0)):
            self.append_requested.emit()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:
        at_end = self._at_end()
        Hint = QStyledItemDelegate.EndEditHint
        if at_end and hint == Hint.EditNextItem:  # Tab in the last cell: out of the table
            super().closeEditor(editor, Hint.NoHint)
            self.leave(True)
            return
        appends = at_end or (self.append_from is not None and self._appends_typed(editor))
        super().closeEditor(editor, hint)
        if appends and self.appendable and hint == Hint.SubmitModelCache:
            QTimer.singleShot(0, self.append_requested.emit)

    def _appends_typed(self, editor) -> bool:
        """The editor being closed is in ``append_from`` of the last row and holds text."""
        index = self.currentIndex()
        model = self.model()
        text = editor.text() if hasattr(editor, "text") else ""
        return (model is not None and index.isValid()
                and index.row() == model.rowCount() - 1
                and index.column() == self.append_from and bool(text.strip()))


def focus_chain(root: QWidget) -> list[QWidget]:
    """The widgets of ``root`` that take Tab focus, in the order of its layouts (which is
    the order a reader sees: top to bottom, left to right)."""
    out: list[QWidget] = []

    def widget(w: QWidget) -> None:
        if w.isHidden():
            return
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled():
            out.append(w)
            if isinstance(w, QComboBox):  # a combo's line edit is part of it
                return
        if isinstance(w, QAbstractScrollArea) and not isinstance(w, QAbstractItemView):
            inner = w.widget() if hasattr(w, "widget") else None
            if inner is not None:
                widget(inner)
            return
        if isinstance(w, QSplitter):
            for i in range(w.count()):
                widget(w.widget(i))
            return
        if isinstance(w, QAbstractItemView | QAbstractSpinBox | QLineEdit | QPlainTextEdit):
            return
        if w.layout() is not None:
            layout(w.layout())

    def layout(lay) -> None:
        for i in range(lay.count()):
            item = lay.itemAt(i)
            if item.widget() is not None:
                widget(item.widget())
            elif item.layout() is not None:
                layout(item.layout())

    widget(root)
    return out


def set_tab_order(widgets: Sequence[QWidget]) -> None:
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
