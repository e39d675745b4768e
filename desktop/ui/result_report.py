"""Báo cáo kết quả đợt thi đua: the campaign result report form (Tệp → Báo cáo kết quả…).

One dialog over the session's dossier: a text editor under each heading of the pack's outline
(``pack.result_report.outline``), the figures HoSo computes (``desktop.report``) with an
editable override next to each computed value, the report's number, date, signer and
recipients, and the day it was sent. Every committed edit goes through
:meth:`Session.set_field` (store at once, undo, re-validation) under ``result_report.…``.
A district can sum the commune dossiers held in its store (ticked in a list). The preview
and the PDF/DOCX files are rendered off the GUI thread (:class:`TaskRunner`).

Imported lazily by the main window's menu: QtPdf and the renderer are not loaded at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QBuffer,
    QByteArray,
    QIODevice,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.models import Dossier, SigningAuthority, UnitKind
from desktop.models.campaign import OutlineItem
from desktop.report import Row, compute_figures
from desktop.ui.pages import heading, scrolled
from desktop.ui.qt_i18n import existing_directory, tr
from desktop.ui.session import Session
from desktop.ui.tasks import Progress, TaskRunner
from desktop.ui.widgets import ERROR_STYLE, Bound, Form, PlainText, error_label, set_error

PREFIX = "result_report."
WARNING_STYLE = "color: #8a5a00;"
#: Figure keys whose row has no label of its own (the document names them in sentences).
_GROUPS = ("nominees.kind", "priority", "ethnic", "awards")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
Index = QModelIndex | QPersistentModelIndex


# --------------------------------------------------------------------------- numbers

def format_number(value: float | None) -> str:
    """``5000000`` -> ``5.000.000``, ``12.5`` -> ``12,5`` (Vietnamese separators)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, frac = f"{value:.6f}".rstrip("0").partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def parse_number(text: str) -> float | None:
    """A figure typed the Vietnamese way ("1.500.000", "12,5") or plainly ("1500", "12.5").

    ``None`` for an empty text; ``ValueError`` for anything else than a number >= 0.
    """
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".", 1)
    elif _THOUSANDS.match(text):
        text = text.replace(".", "")
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        raise ValueError(text)
    value = float(text)
    return int(value) if value.is_integer() else value


def figure_label(row: Row) -> str:
    """The label shown for a figure: its own key's text, or the group and the pack's label."""
    key = f"ui.report.figure.{row.key}"
    if i18n.has(key):
        return tr(key)
    group = next((g for g in _GROUPS if row.key.startswith(g + ".")), None)
    if group is None:
        return row.label or row.key
    return tr("ui.report.figure.in_group", group=tr(f"ui.report.group.{group}"),
              label=row.label or row.key.rsplit(".", 1)[-1])


# --------------------------------------------------------------------------- figures model

class FiguresModel(QAbstractTableModel):
    """The report's figures: label, computed value, the override typed (editable) and the
    value the report prints. An edit of the override column is not stored here: it is
    parsed and announced (``override_edited``) so that the dialog commits it through the
    session, or refused (``override_rejected``) with the text typed."""

    LABEL, COMPUTED, OVERRIDE, VALUE = range(4)
    HEADERS = ("ui.report.col.label", "ui.report.col.computed", "ui.report.col.override",
               "ui.report.col.value")

    override_edited = Signal(str, object)  # key, float | None (None clears it)
    override_rejected = Signal(str, str)  # key, text typed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.labels: list[str] = []
        self.overrides: dict[str, float] = {}

    def set_figures(self, rows: Sequence[Row], overrides: dict[str, float]) -> None:
        rows = list(rows)
        if [r.key for r in rows] == [r.key for r in self.rows]:
            self.rows, self.overrides = rows, dict(overrides)
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(self.HEADERS) - 1))
            return
        self.beginResetModel()
        self.rows, self.overrides = rows, dict(overrides)
        self.labels = [figure_label(r) for r in rows]
        self.endResetModel()

    def row_of(self, key: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.key == key), -1)

    # -- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return tr(self.HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.OVERRIDE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.LABEL:
                return self.labels[index.row()]
            if col == self.COMPUTED:
                return format_number(row.computed)
            if col == self.OVERRIDE:
                return format_number(self.overrides.get(row.key))
            if col == self.VALUE:
                return format_number(row.value)
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.LABEL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and col == self.VALUE and row.key in self.overrides:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and col == self.LABEL:
            return self.labels[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and col == self.OVERRIDE:
            return tr("ui.report.override_hint")
        return None

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or index.column() != self.OVERRIDE or not 0 <= index.row() < len(self.rows)):
            return False
        key = self.rows[index.row()].key
        text = "" if value is None else str(value)
        try:
            number = parse_number(text)
        except ValueError:
            self.override_rejected.emit(key, text)
            return False
        self.override_edited.emit(key, number)
        return True


# --------------------------------------------------------------------------- jobs

def render_job(dossiers: Sequence[Dossier], pack, fmt: str):
    """A background job: the result report of ``dossiers`` (own first) as PDF or DOCX."""
    def job(token):
        from desktop.documents import render_result_report

        yield Progress(0, 1, tr("ui.report.rendering"))
        doc = render_result_report(list(dossiers), pack, fmt=fmt)
        yield Progress(1, 1, tr("ui.report.rendering"))
        return doc
    return job


def outline_items(outline: Sequence[OutlineItem], prefix: str = "", depth: int = 0):
    """``(path, depth, item)`` for every heading of the outline, in reading order."""
    for item in outline:
        path = f"{prefix}.{item.number}" if prefix else item.number
        yield path, depth, item
        yield from outline_items(item.children, path, depth + 1)


# --------------------------------------------------------------------------- the dialog

class ReportForm(Form):
    """The report's own fields; the number must be digits (nothing saved otherwise)."""

    def commit(self, b: Bound) -> None:
        if b.name == "number":
            text = b.read().strip()
            if text and not text.isdigit():
                b.input_message = tr("ui.report.bad_number",
                                     field=tr("field.result_report.number"), value=text)
                b.show()
                return
        super().commit(b)


class ResultReportDialog(QDialog):
    """The result report of the session's dossier: sections, figures, document, preview."""

    rendered = Signal()  # the preview finished (or failed)
    saved = Signal(object)  # Path written (or None on failure)

    def __init__(self, session: Session, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent)
        self.session, self.runner = session, runner
        self.setObjectName("result_report_dialog")
        self.setWindowTitle(tr("ui.report.title"))
        self.communes: dict[str, Dossier] = {}
        self.task = None
        self.buffer: QBuffer | None = None
        self.document = None  # the last RenderedDocument previewed
        spec = session.pack.result_report

        lay = QVBoxLayout(self)
        lay.addWidget(heading(tr("ui.report.heading")))
        subtitle = QLabel(spec.title)
        subtitle.setWordWrap(True)
        lay.addWidget(subtitle)
        self.deadline = QLabel(tr("ui.report.deadline", date=spec.deadline.strftime("%d/%m/%Y"),
                                  addressee=spec.addressee))
        self.deadline.setObjectName("report_deadline")
        self.deadline.setWordWrap(True)
        lay.addWidget(self.deadline)
        self.late = QLabel()
        self.late.setObjectName("report_late")
        self.late.setWordWrap(True)
        lay.addWidget(self.late)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("report_tabs")
        self.tabs.addTab(self._sections_tab(), tr("ui.report.tab.sections"))
        self.tabs.addTab(self._figures_tab(), tr("ui.report.tab.figures"))
        self.tabs.addTab(self._document_tab(), tr("ui.report.tab.document"))
        splitter.addWidget(self.tabs)

        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(tr("ui.report.preview"))
        self.preview_button.setObjectName("report_preview")
        self.preview_button.clicked.connect(self.preview)
        self.save_pdf_button = QPushButton(tr("ui.report.save_pdf"))
        self.save_pdf_button.setObjectName("report_save_pdf")
        self.save_pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.save_docx_button = QPushButton(tr("ui.report.save_docx"))
        self.save_docx_button.setObjectName("report_save_docx")
        self.save_docx_button.clicked.connect(lambda: self.save("docx"))
        for b in (self.preview_button, self.save_pdf_button, self.save_docx_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        rlay.addLayout(buttons)
        self.status = QLabel(tr("ui.report.preview_hint"))
        self.status.setObjectName("report_status")
        self.status.setWordWrap(True)
        rlay.addWidget(self.status)
        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("report_pdf_view")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        rlay.addWidget(self.view, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 540])
        lay.addWidget(splitter, 1)

        close_row = QHBoxLayout()
        close_row.addStretch(1)
        close = QPushButton(tr("ui.qt.close"))
        close.setObjectName("report_close")
        close.clicked.connect(self.close)
        close_row.addWidget(close)
        lay.addLayout(close_row)

        session.store_changed.connect(self._store_changed)
        session.findings_changed.connect(self.show_findings)
        self.refresh()
        self.show_findings()
        self.resize(1180, 780)

    # ------------------------------------------------------------------ building

    def _sections_tab(self) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        intro = QLabel(tr("ui.report.sections_intro"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.section_editors: dict[str, PlainText] = {}
        for path, depth, item in outline_items(self.session.pack.result_report.outline):
            label = QLabel(f"{item.number}. {item.title}")
            label.setWordWrap(True)
            font = label.font()
            font.setBold(depth == 0)
            label.setFont(font)
            label.setContentsMargins(18 * depth, 6 if depth == 0 else 2, 0, 0)
            lay.addWidget(label)
            editor = PlainText(lines=2 if item.children else 3)
            lines = 2 if item.children else 4
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * lines + 14)
            editor.setObjectName(f"section_{path}")
            editor.setPlaceholderText(tr("ui.report.section_placeholder"))
            editor.setAccessibleName(f"{item.number}. {item.title}")
            label.setBuddy(editor)
            if item.figure_tables:
                editor.setToolTip(tr("ui.report.section_has_figures"))
            row = QHBoxLayout()
            row.setContentsMargins(18 * depth, 0, 0, 0)
            row.addWidget(editor)
            lay.addLayout(row)
            editor.editingFinished.connect(lambda path=path: self._commit_section(path))
            self.section_editors[path] = editor
        lay.addStretch(1)
        return scrolled(box)

    def _figures_tab(self) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        self.commune_box = QGroupBox(tr("ui.report.communes"))
        clay = QVBoxLayout(self.commune_box)
        hint = QLabel(tr("ui.report.communes_hint"))
        hint.setWordWrap(True)
        clay.addWidget(hint)
        self.commune_list = QListWidget()
        self.commune_list.setObjectName("report_communes")
        self.commune_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.commune_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.commune_list.setSpacing(3)
        own = self.session.dossier
        if own.unit.kind == UnitKind.DISTRICT:
            for s in self.session.store.list_dossiers():
                if s.id == own.id or s.pack.id != own.pack.id:
                    continue
                item = QListWidgetItem(tr("ui.report.commune_item", unit=s.unit_name,
                                          count=s.nominee_count))
                item.setToolTip(s.title or s.id)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.commune_list.addItem(item)
        if self.commune_list.count():
            rows = min(self.commune_list.count(), 4)
            self.commune_list.setFixedHeight((self.commune_list.sizeHintForRow(0) + 6) * rows
                                             + 2 * self.commune_list.frameWidth() + 4)
        self.commune_list.itemChanged.connect(self._communes_changed)
        clay.addWidget(self.commune_list)
        self.commune_box.setVisible(self.commune_list.count() > 0)
        lay.addWidget(self.commune_box)

        intro = QLabel(tr("ui.report.figures_intro"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.figures_model = FiguresModel(self)
        self.figures_model.override_edited.connect(self._commit_override)
        self.figures_model.override_rejected.connect(self._reject_override)
        self.figures_view = QTableView()
        self.figures_view.setObjectName("report_figures")
        self.figures_view.setModel(self.figures_model)
        self.figures_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.figures_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.figures_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                          | QAbstractItemView.EditTrigger.EditKeyPressed
                                          | QAbstractItemView.EditTrigger.AnyKeyPressed
                                          | QAbstractItemView.EditTrigger.SelectedClicked)
        self.figures_view.verticalHeader().setVisible(False)
        self.figures_view.setStyleSheet("QTableView::item { padding: 3px 4px; }")
        rows = self.figures_view.verticalHeader()
        rows.setMinimumSectionSize(self.figures_view.fontMetrics().height() + 8)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # ~20 rows
        self.figures_view.setWordWrap(True)
        header = self.figures_view.horizontalHeader()
        header.setSectionResizeMode(FiguresModel.LABEL, QHeaderView.ResizeMode.Stretch)
        for col in (FiguresModel.COMPUTED, FiguresModel.OVERRIDE, FiguresModel.VALUE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.figures_view, 1)
        self.figure_error = error_label()
        self.figure_error.setObjectName("report_figure_error")
        lay.addWidget(self.figure_error)
        row = QHBoxLayout()
        self.clear_button = QPushButton(tr("ui.report.clear_override"))
        self.clear_button.setObjectName("report_clear_override")
        self.clear_button.clicked.connect(self.clear_selected_override)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        lay.addLayout(row)
        return box

    def _document_tab(self) -> QWidget:
        self.form = ReportForm(self.session, "result_report", lambda: PREFIX)
        f = self.form
        f.add("number", hint=tr("ui.report.number_hint"))
        f.add("symbol", hint=tr("ui.report.symbol_hint"))
        f.add("date", "date")
        f.add("place")
        f.add("signer_name")
        f.add("signer_title")
        f.add("authority", "choice", choices=[
            (a.value, tr(f"ui.proposal.authority.{a.name.lower()}")) for a in SigningAuthority])
        f.add("authority_body", hint=tr("ui.proposal.authority_body_hint"))
        f.add("recipients", "lines", hint=tr("ui.report.recipients_hint",
                                             addressee=self.session.pack.result_report.addressee))
        f.add("sent_on", "date", hint=tr("ui.report.sent_on_hint"))
        recipients = f.field("recipients")
        recipients.setFixedHeight(recipients.fontMetrics().lineSpacing() * 4 + 14)
        return scrolled(f)

    # ------------------------------------------------------------------ data

    def dossiers(self) -> list[Dossier]:
        """The own dossier first, then the ticked commune dossiers (read once each)."""
        out = [self.session.dossier]
        for i in range(self.commune_list.count()):
            item = self.commune_list.item(i)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            did = item.data(Qt.ItemDataRole.UserRole)
            if did not in self.communes:
                self.communes[did] = self.session.store.get_dossier(did)
            out.append(self.communes[did])
        return out

    def report(self):
        return self.session.dossier.result_report

    def refresh(self) -> None:
        report = self.report()
        for path, editor in self.section_editors.items():
            text = report.sections.get(path, "")
            if editor.toPlainText() != text and not editor.hasFocus():
                blocker = QSignalBlocker(editor)
                editor.setPlainText(text)
                del blocker
        self.form.load()
        self.refresh_figures()

    def refresh_figures(self) -> None:
        figures = compute_figures(self.dossiers(), self.session.pack)
        self.figures_model.set_figures(figures.rows(), dict(self.report().figure_overrides))

    def show_findings(self) -> None:
        en = i18n.get_language() == "en"
        findings = self.session.findings_at("result_report")
        text = "\n".join(f.message_en if en else f.message_vi for f in findings)
        worst = "warning" if any(f.severity in ("warning", "error") for f in findings) else ""
        sent = self.report().sent_on
        if not text and sent is not None:
            text = tr("ui.report.sent", date=sent.strftime("%d/%m/%Y"))
        self.late.setText(text)
        self.late.setStyleSheet(WARNING_STYLE if worst else "color: #1b5e20;" if sent else "")
        self.late.setVisible(bool(text))

    def _store_changed(self, changes, initiator) -> None:
        self.refresh()
        self.show_findings()

    def _communes_changed(self, *_: Any) -> None:
        self.refresh_figures()

    # ------------------------------------------------------------------ edits

    def _commit_section(self, path: str) -> None:
        editor = self.section_editors[path]
        text = editor.toPlainText().strip()
        if text == self.report().sections.get(path, ""):
            return
        item = next(i for p, _, i in outline_items(self.session.pack.result_report.outline)
                    if p == path)
        self.session.set_field(f"{PREFIX}sections[{path}]", text, initiator=editor,
                               label=tr("ui.report.section_label", number=path,
                                        title=item.title))

    def _commit_override(self, key: str, value: float | None) -> None:
        set_error(self.figure_error, "")
        overrides = dict(self.report().figure_overrides)
        if value is None:
            overrides.pop(key, None)
        else:
            overrides[key] = value
        if overrides == dict(self.report().figure_overrides):
            return
        row = self.figures_model.row_of(key)
        label = self.figures_model.labels[row] if row >= 0 else key
        self.session.set_field(f"{PREFIX}figure_overrides", overrides, initiator=self,
                               label=tr("ui.report.override_label", label=label))

    def _reject_override(self, key: str, text: str) -> None:
        row = self.figures_model.row_of(key)
        label = self.figures_model.labels[row] if row >= 0 else key
        set_error(self.figure_error, tr("ui.report.bad_figure", label=label, value=text))

    def clear_selected_override(self) -> None:
        index = self.figures_view.currentIndex()
        if index.isValid():
            self._commit_override(self.figures_model.rows[index.row()].key, None)

    # ------------------------------------------------------------------ rendering

    def _busy(self) -> bool:
        return self.task is not None and self.task.running

    def preview(self) -> None:
        if self._busy():
            return
        self._commit_focused()
        self.status.setText(tr("ui.report.rendering"))
        self.status.setStyleSheet("")
        self.task = self.runner.run(render_job(self.dossiers(), self.session.pack, "pdf"),
                                    title=tr("ui.report.rendering"), dialog_parent=self,
                                    on_done=self._previewed, on_error=self._preview_failed)

    def _previewed(self, doc) -> None:
        self.document = doc
        self.pdf.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(doc.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        if self.buffer is not None:
            self.buffer.deleteLater()
        self.buffer = buffer
        self.status.setText(tr("ui.report.previewed", pages=doc.page_count or 0))
        self.rendered.emit()

    def _preview_failed(self, exc: BaseException) -> None:
        self.status.setText(tr("ui.report.failed", reason=str(exc)))
        self.status.setStyleSheet(ERROR_STYLE)
        self.rendered.emit()

    def save(self, fmt: str) -> None:
        if self._busy():
            return
        self._commit_focused()
        folder = existing_directory(self, tr("ui.report.save_title"), str(Path.home()))
        if not folder:
            return
        self.status.setText(tr("ui.report.rendering"))
        self.status.setStyleSheet("")
        self.task = self.runner.run(render_job(self.dossiers(), self.session.pack, fmt),
                                    title=tr("ui.report.rendering"), dialog_parent=self,
                                    on_done=lambda doc: self._write(Path(folder), doc),
                                    on_error=self._save_failed)

    def _write(self, folder: Path, doc) -> None:
        from desktop.errors import HosoError
        from desktop.fsutil import write_atomic

        try:
            target = write_atomic(folder / doc.file_name, doc.data)
        except HosoError as exc:
            self._save_failed(exc)
            return
        self.status.setText(tr("ui.report.saved", path=str(target)))
        self.status.setStyleSheet("color: #1b5e20;")
        self.saved.emit(target)

    def _save_failed(self, exc: BaseException) -> None:
        self.status.setText(tr("ui.report.save_failed", reason=str(exc)))
        self.status.setStyleSheet(ERROR_STYLE)
        self.saved.emit(None)

    def _commit_focused(self) -> None:
        """A section being typed in counts before rendering (its focus-out comes later)."""
        for path, editor in self.section_editors.items():
            if editor.hasFocus():
                self._commit_section(path)

    def focus_path(self, path: str) -> None:
        """Show the editor of ``result_report.<field>`` or ``result_report.sections[I.3]``."""
        rest = path.removeprefix(PREFIX)
        section = re.fullmatch(r"sections\[(.+)\]", rest)
        if section and section.group(1) in self.section_editors:
            self.tabs.setCurrentIndex(0)
            self.section_editors[section.group(1)].setFocus()
        elif rest.startswith("figure_overrides"):
            self.tabs.setCurrentIndex(1)
        elif rest in self.form.fields:
            self.tabs.setCurrentIndex(2)
            self.form.field(rest).setFocus()

    def closeEvent(self, event) -> None:
        self._commit_focused()
        super().closeEvent(event)


def show_result_report(window, path: str | None = None) -> ResultReportDialog:
    """Tệp → Báo cáo kết quả đợt thi đua…: one dialog per window, raised if open;
    ``path`` (``result_report.sent_on`` from a finding) focuses its field."""
    dialog = getattr(window, "result_report_dialog", None)
    if dialog is None or dialog.session is not window.session:
        dialog = ResultReportDialog(window.session, window.runner, window)
        window.result_report_dialog = dialog
    if dialog.isVisible():
        dialog.raise_()
        dialog.activateWindow()
    else:
        dialog.show()
    if path:
        dialog.focus_path(path)
    return dialog
