"""Sheet import dialog (nhập từ bảng tính): nominees or council members from a spreadsheet.

The secretary picks the file, the sheet and (when HoSo guessed wrong) the header row; the
upper table maps each column of the sheet to a field (proposed from the header names, or as
confirmed last time for a file of the same layout); the lower table previews every row as the
nominee or member it becomes, with what HoSo repaired (TCVN3/VNI text) and the findings it
would raise. Rows can be skipped (tick box) or fixed (double-click a value). Nothing is
written until "Nhập"; the import is then one undoable edit of the session.

:func:`add_menu_entries` is the one hook in the main window (menu Tệp); it also installs the
paste repair of :mod:`desktop.ui.paste_repair`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.errors import HosoError
from desktop.ui.qt_i18n import tr
from desktop.ui.widgets import field_text

_STATUS_COLOURS = {"ok": "#1b5e20", "warning": "#8a5a00", "error": "#b00020"}
_PREVIEW_ROWS = 500  # rows drawn in the preview table (all rows are checked and imported)
_MODEL_OF = {"members": "council_member"}


def _field_label(target: str, fld: str, kind: str) -> str:
    if fld == "ignore":
        return tr("ui.sheet.field_ignore")
    if fld in ("birth_year_male", "birth_year_female", "kind", "family_name"):
        return tr(f"ui.sheet.field_{fld}")
    model = _MODEL_OF.get(target, kind)
    key = f"field.{model}.{fld}"
    if i18n.has(key):
        return field_text(model, fld)
    for other in ("individual", "household", "collective"):
        if i18n.has(f"field.{other}.{fld}"):
            return field_text(other, fld)
    return fld


class SheetImportDialog(QDialog):
    """Choose, map, preview, import. ``imported`` is the number of rows imported."""

    def __init__(self, session, target: str, path: str | Path | None = None,
                 parent: QWidget | None = None, *, memory=None) -> None:
        super().__init__(parent)
        from desktop.sheets import KINDS, LayoutMemory

        self.session, self.target = session, target
        self.memory = memory if memory is not None else LayoutMemory()
        self.sheet = self.header = self.plan = None
        self.mapping: dict[int, str] = {}
        self.imported = 0
        self._busy = False
        self.setObjectName("sheet_import")
        self.setWindowTitle(tr(f"ui.sheet.title_{target}"))
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_button = QPushButton(tr("ui.sheet.choose_file"))
        self.file_button.setObjectName("sheet_choose")
        self.file_button.clicked.connect(self.choose_file)
        self.file_label = QLabel(tr("ui.sheet.no_file"))
        self.file_label.setObjectName("sheet_file")
        top.addWidget(self.file_button)
        top.addWidget(self.file_label, 1)
        lay.addLayout(top)
        form = QFormLayout()
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheet_name")
        self.sheet_combo.currentIndexChanged.connect(lambda _i: self._load_sheet())
        form.addRow(tr("ui.sheet.sheet"), self.sheet_combo)
        self.header_spin = QSpinBox()
        self.header_spin.setObjectName("sheet_header_row")
        self.header_spin.setMinimum(1)
        self.header_spin.valueChanged.connect(lambda _v: self._header_changed())
        form.addRow(tr("ui.sheet.header_row"), self.header_spin)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("sheet_kind")
        self.kinds = [k for k in KINDS if session.pack.kind_spec(k) is not None] or list(KINDS)
        for kind in self.kinds:
            self.kind_combo.addItem(tr(f"enum.nominee_kind.{kind}"))
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._replan())
        if target == "nominees":
            form.addRow(tr("ui.sheet.kind"), self.kind_combo)
        else:
            self.kind_combo.hide()
        lay.addLayout(form)
        split = QSplitter(Qt.Orientation.Vertical)
        upper = QWidget()
        ul = QVBoxLayout(upper)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.addWidget(QLabel(f"<b>{tr('ui.sheet.mapping')}</b>"))
        self.map_table = QTableWidget(0, 4)
        self.map_table.setObjectName("sheet_mapping")
        self.map_table.setHorizontalHeaderLabels([tr("ui.sheet.col_column"),
                                                  tr("ui.sheet.col_header"),
                                                  tr("ui.sheet.col_sample"),
                                                  tr("ui.sheet.col_field")])
        self.map_table.verticalHeader().hide()
        self.map_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)
        self.map_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        ul.addWidget(self.map_table)
        split.addWidget(upper)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(f"<b>{tr('ui.sheet.preview')}</b>"))
        hint = QLabel(tr("ui.sheet.fix_hint"))
        hint.setWordWrap(True)
        ll.addWidget(hint)
        self.preview = QTableWidget(0, 5)
        self.preview.setObjectName("sheet_preview")
        self.preview.setHorizontalHeaderLabels([tr("ui.sheet.col_import"),
                                                tr("ui.sheet.col_row"),
                                                tr("ui.sheet.col_status"),
                                                tr("ui.sheet.col_result"),
                                                tr("ui.sheet.col_messages")])
        self.preview.verticalHeader().hide()
        self.preview.setWordWrap(True)
        head = self.preview.horizontalHeader()
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.preview.itemChanged.connect(self._preview_edited)
        self.preview.cellDoubleClicked.connect(self._double_clicked)
        ll.addWidget(self.preview)
        self.summary = QLabel()
        self.summary.setObjectName("sheet_summary")
        ll.addWidget(self.summary)
        split.addWidget(lower)
        split.setSizes([220, 420])
        lay.addWidget(split, 1)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(tr("ui.sheet.import_button", count=0),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("sheet_import_button")
        self.import_button.setEnabled(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.do_import)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(1100, 720)
        self.path: Path | None = None
        if path is not None:
            self.open_file(path)

    # ------------------------------------------------------------------ loading
    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr(f"ui.sheet.title_{self.target}"), "",
                                              tr("ui.sheet.file_filter"))
        if name:
            self.open_file(name)

    def open_file(self, path: str | Path) -> None:
        from desktop.sheets import sheet_names

        try:
            names = sheet_names(path)
        except HosoError as exc:
            QMessageBox.warning(self, tr("ui.sheet.read_error"), str(exc))
            return
        self.path = Path(path)
        self.file_label.setText(str(self.path))
        self._busy = True
        self.sheet_combo.clear()
        for name in names:
            self.sheet_combo.addItem(name)
        self._busy = False
        self._load_sheet()

    def _load_sheet(self) -> None:
        from desktop.sheets import find_header, propose_mapping, read_sheet

        if self._busy or self.path is None or self.sheet_combo.currentIndex() < 0:
            return
        try:
            self.sheet = read_sheet(self.path, self.sheet_combo.currentText())
        except HosoError as exc:
            QMessageBox.warning(self, tr("ui.sheet.read_error"), str(exc))
            return
        self.header = find_header(self.sheet, self.target)
        self.mapping = self.memory.recall(self.header, self.target) or propose_mapping(
            self.header, self.target)
        self._busy = True
        self.header_spin.setMaximum(max(1, len(self.sheet.rows)))
        self.header_spin.setValue(self.header.row + 1)
        self._busy = False
        self._fill_mapping()
        self._replan()

    def _header_changed(self) -> None:
        from desktop.sheets import header_at, propose_mapping

        if self._busy or self.sheet is None:
            return
        self.header = header_at(self.sheet, self.header_spin.value() - 1)
        self.mapping = self.memory.recall(self.header, self.target) or propose_mapping(
            self.header, self.target)
        self._fill_mapping()
        self._replan()

    # ------------------------------------------------------------------ mapping
    def _fill_mapping(self) -> None:
        from desktop.sheets import column_name, fields

        kind = self.kinds[max(self.kind_combo.currentIndex(), 0)]
        choices = fields(self.target)
        width = self.sheet.width
        self.map_table.setRowCount(width)
        self.combos: list[QComboBox] = []
        for col in range(width):
            label = self.header.labels[col] if col < len(self.header.labels) else ""
            self.map_table.setItem(col, 0, QTableWidgetItem(column_name(col)))
            self.map_table.setItem(col, 1, QTableWidgetItem(label))
            self.map_table.setItem(col, 2, QTableWidgetItem(self._samples(col)))
            combo = QComboBox()
            combo.setObjectName(f"sheet_field_{col}")
            for fld in choices:
                combo.addItem(_field_label(self.target, fld, kind), fld)
            current = self.mapping.get(col, "ignore")
            combo.setCurrentIndex(max(0, choices.index(current) if current in choices else 0))
            combo.currentIndexChanged.connect(lambda _i, col=col: self._mapping_changed(col))
            self.map_table.setCellWidget(col, 3, combo)
            self.combos.append(combo)
        self.map_table.resizeColumnsToContents()

    def _samples(self, col: int) -> str:
        """Two values of the column as the sheet has them and, when HoSo reads them
        otherwise (a date serial, TCVN3 text), as they will be read."""
        from desktop.legacytext import detect
        from desktop.sheets.values import CellError, text, to_date

        out = []
        start = self.header.data_start
        for r in self.sheet.rows[start:start + 40]:
            cell = r[col] if col < len(r) else ""
            shown = text(cell)
            if not shown:
                continue
            read = ""
            if self.mapping.get(col, "").startswith("birth_year") and isinstance(
                    cell, (int, float)) and cell > 2100:
                try:
                    read = f"{to_date(cell):%d/%m/%Y}"
                except CellError:
                    read = ""
            elif isinstance(cell, str) and (repair := detect(cell)) is not None:
                read = repair.text
            out.append(f"{shown} → {read}" if read else shown)
            if len(out) == 2:
                break
        return " · ".join(out)

    def _mapping_changed(self, col: int) -> None:
        fld = self.combos[col].currentData()
        mapping = {c: f for c, f in self.mapping.items() if c != col}
        if fld and fld != "ignore":
            for c, f in list(mapping.items()):  # a field is filled by one column
                if f == fld:
                    del mapping[c]
                    self.combos[c].blockSignals(True)
                    self.combos[c].setCurrentIndex(0)
                    self.combos[c].blockSignals(False)
            mapping[col] = fld
        self.mapping = mapping
        self.map_table.item(col, 2).setText(self._samples(col))
        self._replan()

    # ------------------------------------------------------------------ preview
    def _replan(self) -> None:
        from desktop.sheets import plan_import

        if self._busy or self.sheet is None or self.header is None:
            return
        kind = self.kinds[max(self.kind_combo.currentIndex(), 0)]
        self.plan = plan_import(self.sheet, self.target, self.session.pack, header=self.header,
                                mapping=self.mapping, kind=kind, dossier=self.session.dossier)
        self._fill_preview()

    def _describe(self, item) -> str:
        from desktop.models.nominee import nominee_name

        if item is None:
            return ""
        if self.target == "members":
            parts = [item.name, item.council_role, item.position]
            if not item.present:
                parts.append(tr("ui.sheet.absent"))
            return " · ".join(p for p in parts if p)
        kind = tr(f"enum.nominee_kind.{item.kind}")
        year = getattr(item, "birth_year", None) or getattr(item, "head_birth_year", None)
        gender = getattr(item, "gender", None) or getattr(item, "head_gender", None)
        ethnic = next((g.label for g in self.session.pack.ethnic_groups
                       if g.id == getattr(item, "ethnicity", None)), "")
        parts = [nominee_name(item), str(year or ""),
                 tr(f"enum.gender.{gender}") if gender else "", ethnic,
                 getattr(item, "position", "") or "", item.address or ""]
        return f"{kind}: " + " · ".join(p for p in parts if p)

    def _fill_preview(self) -> None:
        plan = self.plan
        self._busy = True
        rows = plan.rows[:_PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        for i, row in enumerate(rows):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Unchecked if row.skip else Qt.CheckState.Checked)
            self.preview.setItem(i, 0, check)
            number = QTableWidgetItem(str(row.number))
            number.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.preview.setItem(i, 1, number)
            status = QTableWidgetItem(tr(f"ui.sheet.status_{row.status}"))
            status.setFlags(Qt.ItemFlag.ItemIsEnabled)
            status.setForeground(QBrush(QColor(_STATUS_COLOURS[row.status])))
            self.preview.setItem(i, 2, status)
            result = QTableWidgetItem(self._describe(row.item) or " · ".join(
                str(c) for c in row.cells if c != ""))
            result.setToolTip(tr("ui.sheet.fix_hint"))
            result.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.preview.setItem(i, 3, result)
            messages = QTableWidgetItem("\n".join(row.messages()))
            messages.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.preview.setItem(i, 4, messages)
        self.preview.resizeRowsToContents()
        self.preview.resizeColumnToContents(0)
        self.preview.resizeColumnToContents(1)
        self.preview.resizeColumnToContents(2)
        self._busy = False
        self._update_summary()

    def _update_summary(self) -> None:
        chosen = len(self.plan.chosen()) if self.plan else 0
        statuses = {"ok": 0, "warning": 0, "error": 0}
        for row in self.plan.rows if self.plan else []:
            statuses[row.status] += 1
        rows = len(self.plan.rows) if self.plan else 0
        text = tr("ui.sheet.summary", rows=rows, chosen=chosen, **statuses)
        if rows > _PREVIEW_ROWS:
            text += " " + tr("ui.sheet.first_rows", shown=_PREVIEW_ROWS)
        self.summary.setText(text)
        self.import_button.setText(tr("ui.sheet.import_button", count=chosen))
        self.import_button.setEnabled(chosen > 0)

    def _preview_edited(self, item: QTableWidgetItem) -> None:
        if self._busy or self.plan is None:
            return
        row = self.plan.rows[item.row()]
        if item.column() == 0:
            row.skip = item.checkState() != Qt.CheckState.Checked
            self._update_summary()
            return

    def _double_clicked(self, index: int, column: int) -> None:
        if column == 3 and self.plan is not None and index < len(self.plan.rows):
            self.fix_row(index)

    def fix_row(self, index: int) -> None:
        """Edit the row's mapped cells (a small form), then check the sheet again."""
        from desktop.sheets import column_name
        from desktop.sheets.values import text

        row = self.plan.rows[index]
        dialog = QDialog(self)
        dialog.setObjectName("sheet_fix_row")
        dialog.setWindowTitle(f"{tr('ui.sheet.col_row')} {row.number}")
        form = QFormLayout(dialog)
        edits = {}
        kind = self.kinds[max(self.kind_combo.currentIndex(), 0)]
        for col, fld in sorted(self.mapping.items()):
            edit = QLineEdit(text(row.cells[col]) if col < len(row.cells) else "")
            edit.setObjectName(f"sheet_fix_{col}")
            form.addRow(f"{column_name(col)} · {_field_label(self.target, fld, kind)}", edit)
            edits[col] = edit
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self._fill_preview()
            return
        cells = self.sheet.rows[row.number - 1]
        for col, edit in edits.items():
            while len(cells) <= col:
                cells.append("")
            cells[col] = edit.text().strip()
        self._replan()

    # ------------------------------------------------------------------ import
    def do_import(self) -> None:
        if self.plan is None:
            return
        items = self.plan.items()
        if not items:
            return
        self.memory.remember(self.header, self.target, self.mapping)
        if self.target == "members":
            old = [m.model_dump(mode="json") for m in self.session.dossier.council.members]
            new = old + [m.model_dump(mode="json") for m in items]
            ok = self.session.set_fields([("council.members", new)],
                                         tr("ui.sheet.undo_members", count=len(items)))
        else:
            ok = self.session.add_nominees(items, tr("ui.sheet.undo_nominees",
                                                     count=len(items)))
        if ok:
            self.imported = len(items)
            self.accept()


def import_sheet(window, target: str) -> None:
    """Open the dialog for the window's session (menu Tệp)."""
    if window.session is None:
        return
    dialog = SheetImportDialog(window.session, target, parent=window)
    QTimer.singleShot(0, dialog.choose_file)
    dialog.exec()


def add_menu_entries(window, menu) -> None:
    """The hook in ``MainWindow._build_menus`` (menu Tệp): sheet import, reuse of the
    previous dossier, copy; and the paste repair (installed once)."""
    from desktop.ui import paste_repair, reuse

    paste_repair.install()
    for key, slot, name in (
        ("ui.sheet.menu_nominees", lambda: import_sheet(window, "nominees"),
         "action_import_nominees"),
        ("ui.sheet.menu_members", lambda: import_sheet(window, "members"),
         "action_import_members"),
        ("ui.reuse.menu_previous", lambda: reuse.fill_from_previous(window),
         "action_reuse_previous"),
        ("ui.reuse.menu_copy", lambda: reuse.copy_current(window), "action_copy_dossier"),
        ("ui.fixtext.menu", lambda: paste_repair.fix_texts(window), "action_fix_text"),
    ):
        window._action(menu, key, slot, None, name)
