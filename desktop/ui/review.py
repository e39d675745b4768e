"""The Kiểm tra (check) and Xem trước (preview) steps.

QtPdf and the document renderer are imported when the preview is first built or rendered,
not at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.item_models import FindingsModel, finding_at
from desktop.ui.pages import Page, heading
from desktop.ui.qt_i18n import tr
from desktop.ui.session import Session
from desktop.ui.tasks import Progress, TaskRunner

#: At most this many missing signed copies are listed with their own button (a district's
#: 200-nominee dossier would otherwise fill the page); the rest are counted.
MISSING_LISTED = 30


class WrappingDelegate(QStyledItemDelegate):
    """Findings wrap to the width of the tree instead of ending in "…" (a finding that
    quotes the plan is often two lines long)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        icon = opt.decorationSize.width() + 8 if not opt.icon.isNull() else 0
        width = self.view.viewport().width() - self.view.indentation() * (depth + 1) - icon - 12
        if width <= 50:
            return super().sizeHint(option, index)
        rect = opt.fontMetrics.boundingRect(QRect(0, 0, width, 100000),
                                            int(Qt.TextFlag.TextWordWrap), opt.text)
        base = super().sizeHint(option, index)
        return QSize(base.width(), max(base.height(), rect.height() + 6))


class FindingsTree(QTreeView):
    """The findings' tree; its rows are measured again when its width changes."""

    def __init__(self) -> None:
        super().__init__()
        self._relayout = QTimer(self, singleShot=True, interval=50)
        self._relayout.timeout.connect(self.doItemsLayout)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._relayout.start()


class CheckPage(Page):
    """All findings in one tree (Enter or double-click jumps to the field), and what the
    final upload package still lacks: the signed copies, each with a button to attach it."""

    jump = Signal(object)  # Finding

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(session, parent)
        self.runner = runner  # None: the main window's
        self.attach_dialog = None
        self.missing: list = []  # DocumentTarget of required signed copies not attached
        self.attach_buttons: list[QPushButton] = []
        lay = QVBoxLayout(self)
        self.heading = heading(tr("ui.check.heading"))
        lay.addWidget(self.heading)
        self.summary = QLabel()
        self.summary.setObjectName("check_summary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        from desktop.ui.inbox import ReturnNotesPanel  # notes of a returned dossier

        self.return_notes = ReturnNotesPanel(session)
        lay.addWidget(self.return_notes)
        self.model = FindingsModel(self)
        self.view = FindingsTree()
        self.view.setObjectName("findings_tree")
        self.view.setModel(self.model)
        self.view.setItemDelegate(WrappingDelegate(self.view))
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Enter, or a double-click (a single click on styles that activate with one):
        # ``activated`` covers both; ``doubleClicked`` too would jump twice
        self.view.activated.connect(self._activated)
        lay.addWidget(self.view, 1)
        self.hint = QLabel(tr("ui.check.hint"))
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        # Gói nộp chính thức còn thiếu: the signed copies the final package needs
        self.final_box = QGroupBox(tr("ui.check.final.heading"))
        self.final_box.setObjectName("final_missing")
        box_lay = QVBoxLayout(self.final_box)
        self.final_intro = QLabel()
        self.final_intro.setObjectName("final_missing_intro")
        self.final_intro.setWordWrap(True)
        box_lay.addWidget(self.final_intro)
        self.final_list = QWidget()
        self.final_grid = QGridLayout(self.final_list)
        self.final_grid.setContentsMargins(0, 0, 0, 0)
        self.final_grid.setVerticalSpacing(2)
        self.final_grid.setColumnStretch(0, 1)
        self.final_area = QScrollArea()
        self.final_area.setWidgetResizable(True)
        self.final_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.final_area.setWidget(self.final_list)
        box_lay.addWidget(self.final_area)
        lay.addWidget(self.final_box)
        self.show_findings()

    def show_findings(self) -> None:
        s = self.session
        self.model.set_findings(s.findings, s.dossier, s.pack)
        self.view.expandAll()
        self.show_missing()

    def show_missing(self) -> None:
        """List the required signed copies not attached yet (the store's, this revision)."""
        from desktop.ui.signed_copies import missing_signed_copies

        s = self.session
        self.missing = missing_signed_copies(s)
        while self.final_grid.count():
            item = self.final_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.attach_buttons = []
        for row, missing in enumerate(self.missing[:MISSING_LISTED]):
            label = QLabel(f"• {missing.title}")
            label.setWordWrap(True)
            button = QPushButton(tr("ui.check.final.attach"))
            button.setObjectName(f"attach_{missing.document_id}_{missing.nominee_id or ''}")
            button.setToolTip(tr("ui.check.final.attach_tip", title=missing.title))
            button.clicked.connect(lambda _=False, m=missing: self.attach(m))
            label.setBuddy(button)
            self.final_grid.addWidget(label, row, 0)
            self.final_grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignTop)
            label.show()  # now, not on the next turn of the loop: the height below counts it
            button.show()
            self.attach_buttons.append(button)
        more = len(self.missing) - MISSING_LISTED
        if more > 0:
            rest = QLabel(tr("ui.check.final.more", count=more))
            self.final_grid.addWidget(rest, MISSING_LISTED, 0, 1, 2)
            rest.show()
        self.final_intro.setText(tr("ui.check.final.intro", count=len(self.missing))
                                 if self.missing else tr("ui.check.final.complete"))
        self.final_area.setVisible(bool(self.missing))
        # up to four documents in view (two while errors are left to fix), whole rows, more
        # scroll: the findings above keep most of the page
        rows = 2 if self.model.counts["error"] else 4
        self.final_grid.invalidate()
        self.final_grid.activate()
        wanted = self.final_grid.sizeHint().height() if self.missing else 0
        if len(self.missing) > rows:  # the first rows' own heights (a title, its button)
            grid = self.final_grid
            wanted = sum(max(grid.itemAtPosition(r, 0).widget().sizeHint().height(),
                             grid.itemAtPosition(r, 1).widget().sizeHint().height())
                         + grid.verticalSpacing() for r in range(rows))
        self.final_area.setFixedHeight(wanted)
        c = self.model.counts
        if c["error"]:
            text = tr("ui.check.summary", errors=c["error"], warnings=c["warning"],
                      infos=c["info"])
        elif self.missing:
            text = tr("ui.check.summary_ok_preview", warnings=c["warning"], infos=c["info"],
                      missing=len(self.missing))
        else:
            text = tr("ui.check.summary_ok", warnings=c["warning"], infos=c["info"])
        self.summary.setText(text)

    def showEvent(self, event) -> None:
        stale = self._stale
        super().showEvent(event)
        if not stale:  # a copy attached elsewhere (Tệp → Bản đã ký…) since last shown
            self.show_missing()

    def attach(self, missing):
        """Open the attach dialog of one missing signed copy; the list follows its save."""
        from desktop.scans import find_target
        from desktop.ui.signed_copies import SignedCopyDialog

        target = find_target(self.session.dossier, self.session.pack, missing.document_id,
                             missing.nominee_id)
        runner = self.runner or self.window().runner
        dialog = SignedCopyDialog(self.session, runner, target, self)
        dialog.saved.connect(lambda _: self.show_missing())
        dialog.finished.connect(lambda _: self.show_missing())
        dialog.open()
        self.attach_dialog = dialog
        return dialog

    def retranslate(self) -> None:
        self.heading.setText(tr("ui.check.heading"))
        self.hint.setText(tr("ui.check.hint"))
        self.final_box.setTitle(tr("ui.check.final.heading"))
        self.show_findings()

    def _activated(self, index) -> None:
        finding = finding_at(self.model, index)
        if finding is not None:
            self.jump.emit(finding)


def render_job(dossier, pack, preview: bool):
    """A background job: render every document (PDF) of the dossier."""
    def job(token):
        from desktop.documents import render_dossier

        yield Progress(0, 1, tr("ui.preview.rendering"))
        docs = render_dossier(dossier, pack, fmt="pdf", preview=preview)
        yield Progress(1, 1, tr("ui.preview.rendering"))
        return docs
    return job


class PreviewPage(Page):
    """Each document rendered off the GUI thread and shown in ``QPdfView``."""

    rendered = Signal()

    def __init__(self, session: Session, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(session, parent)
        self.runner = runner
        self.documents: list = []
        self.stale = True
        self.task = None
        lay = QVBoxLayout(self)
        self.heading = heading(tr("ui.preview.heading"))
        lay.addWidget(self.heading)
        self.errors_shown: int | None = None  # the error count of the documents shown
        self.status = QLabel()
        self.status.setObjectName("preview_status")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(tr("ui.preview.refresh"))
        self.refresh_button.setObjectName("preview_refresh")
        self.refresh_button.clicked.connect(self.render)
        row.addWidget(self.refresh_button)
        from desktop.ui.printing import add_preview_buttons

        add_preview_buttons(self, row)  # print this / the whole dossier, attach signed copy
        row.addStretch(1)
        lay.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.list = QListWidget()
        self.list.setObjectName("document_list")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._show)
        splitter.addWidget(self.list)
        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        lay.addWidget(splitter, 1)
        self.buffer: QBuffer | None = None

    def _changed(self, changes, initiator) -> None:
        self.stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale:
            self.render()

    def render(self) -> None:
        if self.task is not None and self.task.running:
            return
        self.stale = False
        errors = len(self.session.errors())
        preview = errors > 0
        self.status.setText(tr("ui.preview.rendering"))
        self.task = self.runner.run(render_job(self.session.dossier, self.session.pack, preview),
                                    title=tr("ui.preview.rendering"), dialog_parent=self,
                                    on_done=lambda docs: self._done(docs, errors),
                                    on_error=self._failed)

    def retranslate(self) -> None:
        """New language, same documents (they are printed in Vietnamese anyway)."""
        self.heading.setText(tr("ui.preview.heading"))
        self.refresh_button.setText(tr("ui.preview.refresh"))
        for key, name in (("ui.print.button", "preview_print"),
                          ("ui.print.button_all", "preview_print_all"),
                          ("ui.scans.attach_button", "preview_attach")):
            button = getattr(self, f"{name}_button", None)
            if button is not None:
                button.setText(tr(key))
        if self.task is not None and self.task.running:
            self.status.setText(tr("ui.preview.rendering"))
        elif self.errors_shown is not None:
            self._status(self.errors_shown)
        for row, doc in enumerate(self.documents):
            item = self.list.item(row)
            if item is not None:
                pages = tr("ui.preview.pages", count=doc.page_count or 0)
                item.setText(f"{doc.title_vi} ({pages})")

    def _status(self, errors: int) -> None:
        self.errors_shown = errors
        self.status.setText(tr("ui.preview.watermarked", errors=errors) if errors
                            else tr("ui.preview.final"))
        self.status.setStyleSheet("color: #8a5a00;" if errors else "")

    def _done(self, docs, errors: int) -> None:
        self.documents = list(docs)
        row = max(self.list.currentRow(), 0)
        self.list.blockSignals(True)
        self.list.clear()
        for doc in self.documents:
            pages = tr("ui.preview.pages", count=doc.page_count or 0)
            self.list.addItem(QListWidgetItem(f"{doc.title_vi} ({pages})"))
        self.list.blockSignals(False)
        self._status(errors)
        if self.documents:
            self.list.setCurrentRow(min(row, len(self.documents) - 1))
            self._show(self.list.currentRow())
        self.rendered.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(tr("ui.preview.failed", reason=str(exc)))
        self.status.setStyleSheet("color: #b00020;")
        self.rendered.emit()

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.documents):
            return
        self.pdf.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(self.documents[row].data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        if self.buffer is not None:
            self.buffer.deleteLater()
        self.buffer = buffer

