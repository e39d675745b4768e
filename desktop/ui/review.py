"""The Kiểm tra (check) and Xem trước (preview) steps.

QtPdf and the document renderer are imported when the preview is first built or rendered,
not at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.item_models import FindingsModel, finding_at
from desktop.ui.pages import Page, heading
from desktop.ui.qt_i18n import tr
from desktop.ui.session import Session
from desktop.ui.tasks import Progress, TaskRunner


class CheckPage(Page):
    """All findings in one tree; Enter or double-click jumps to the field."""

    jump = Signal(object)  # Finding

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        lay = QVBoxLayout(self)
        lay.addWidget(heading(tr("ui.check.heading")))
        self.summary = QLabel()
        self.summary.setObjectName("check_summary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        from desktop.ui.inbox import ReturnNotesPanel  # notes of a returned dossier

        self.return_notes = ReturnNotesPanel(session)
        lay.addWidget(self.return_notes)
        self.model = FindingsModel(self)
        self.view = QTreeView()
        self.view.setObjectName("findings_tree")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(self._activated)
        self.view.activated.connect(self._activated)
        lay.addWidget(self.view, 1)
        hint = QLabel(tr("ui.check.hint"))
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.show_findings()

    def show_findings(self) -> None:
        s = self.session
        self.model.set_findings(s.findings, s.dossier, s.pack)
        self.view.expandAll()
        c = self.model.counts
        key = "ui.check.summary_ok" if c["error"] == 0 else "ui.check.summary"
        self.summary.setText(tr(key, errors=c["error"], warnings=c["warning"], infos=c["info"]))

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
        lay.addWidget(heading(tr("ui.preview.heading")))
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

    def _done(self, docs, errors: int) -> None:
        self.documents = list(docs)
        row = max(self.list.currentRow(), 0)
        self.list.blockSignals(True)
        self.list.clear()
        for doc in self.documents:
            pages = tr("ui.preview.pages", count=doc.page_count or 0)
            self.list.addItem(QListWidgetItem(f"{doc.title_vi} ({pages})"))
        self.list.blockSignals(False)
        self.status.setText(tr("ui.preview.watermarked", errors=errors) if errors
                            else tr("ui.preview.final"))
        self.status.setStyleSheet("color: #8a5a00;" if errors else "")
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

