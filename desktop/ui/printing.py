"""Printing (in hồ sơ): generated PDFs on paper, A4 at 100 %, copies, duplex.

:func:`print_pdfs` is the one printing path, for the print dialog's printer and for the
tests' PDF printer alike. The printer is put in full-page mode (``setFullPage(True)``): the
painter's origin is the top-left corner of the paper, not of the printable area, and each
PDF page is drawn at its own size in points converted to the printer's device pixels, so a
page of the decree's A4 documents covers the A4 paper exactly and its margins stay exact
(nothing is shrunk to the printable area). ``QPdfDocument.render`` gives an image of the
page at the printer's resolution (capped at :data:`MAX_DPI`), which QPainter sends to the
printer; PDFium does the rasterising, no PDF is parsed here.

:class:`PrintController` is the glue for the window: it renders the documents off the GUI
thread (``desktop.documents.render_dossier`` in a :class:`~desktop.ui.tasks.TaskRunner`
job), asks with ``QPrintDialog`` (copies, collate, page range, plus a "two-sided" choice that
is on by default when the printer can do it) and prints in a second background job.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QCheckBox, QMessageBox, QVBoxLayout, QWidget

from desktop.progress import CancelToken, Progress
from desktop.ui.qt_i18n import tr
from desktop.ui.tasks import TaskRunner

#: Pages are rasterised at the printer's resolution, but never above this (an A4 page at
#: 600 dpi is a 140 MB image already; office laser printers print 600 dpi).
MAX_DPI = 600
POINTS_PER_INCH = 72.0


class PrintError(Exception):
    """A PDF that QtPdf cannot open, or a printer that cannot start (message in Vietnamese)."""


@dataclass(frozen=True)
class PrintJob:
    """What to print: ``documents`` are (title, PDF bytes) in print order."""

    documents: tuple[tuple[str, bytes], ...]

    @property
    def pdfs(self) -> list[bytes]:
        return [data for _, data in self.documents]


def setup_printer(printer: QPrinter, *, duplex: bool | None = None) -> None:
    """A4 portrait, full page (no fitting to the printable area), collated copies; duplex
    long side when asked or, with ``duplex=None``, when the printer supports it."""
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setCollateCopies(True)
    if duplex is None:
        duplex = supports_duplex(printer)
    printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide if duplex
                      else QPrinter.DuplexMode.DuplexNone)


def supports_duplex(printer: QPrinter) -> bool:
    """Does the printer offer two-sided printing (never for PDF output)?"""
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return False
    info = QPrinterInfo(printer)
    if info.isNull():
        return False
    return any(mode in (QPrinter.DuplexMode.DuplexLongSide, QPrinter.DuplexMode.DuplexAuto)
               for mode in info.supportedDuplexModes())


def _open(data: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:
    doc = QPdfDocument(parent)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buffer)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
        doc.close()
        raise PrintError(tr("ui.print.bad_pdf"))
    return doc, buffer


def page_order(counts: Sequence[int], *, duplex: bool = False,
               page_range: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """(document, page) in print order for documents of ``counts`` pages: a page range
    (1-based, from the dialog) counts through the pages of all documents; with duplex and
    several documents each document starts on a new sheet (a blank back is page -1)."""
    flat = [(d, p) for d, n in enumerate(counts) for p in range(n)]
    if page_range is not None:
        first, last = page_range
        return flat[first - 1:last or len(flat)]
    if not duplex or len(counts) < 2:
        return flat
    out: list[tuple[int, int]] = []
    for d, n in enumerate(counts):
        out += [(d, p) for p in range(n)]
        if n % 2 and d < len(counts) - 1:
            out.append((d, -1))
    return out


def _order(printer: QPrinter, counts: Sequence[int]) -> list[tuple[int, int]]:
    page_range = None
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        page_range = (printer.fromPage(), printer.toPage())
    return page_order(counts, duplex=printer.duplex() != QPrinter.DuplexMode.DuplexNone,
                      page_range=page_range)


def print_pdfs(printer: QPrinter, pdfs: Sequence[bytes], *,
               cancel: CancelToken | None = None,
               progress: Callable[[int, int], None] | None = None) -> int:
    """Print the PDFs on ``printer`` at 100 % and return the number of sheets sides sent.

    Each page is drawn from the top-left corner of the paper at its own size (points ->
    device pixels), rasterised by ``QPdfDocument.render`` at the printer's resolution
    (at most :data:`MAX_DPI`). Copies: the printer makes them when it can
    (``supportsMultipleCopies``), otherwise the pages are sent ``copyCount`` times, collated
    or not as the dialog said.
    """
    printer.setFullPage(True)
    docs = [_open(data) for data in pdfs]
    try:
        order = _order(printer, [d.pageCount() for d, _ in docs])
        copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
        if copies > 1 and not printer.collateCopies():
            order = [item for item in order for _ in range(copies)]
        else:
            order = order * copies
        if not order:
            return 0
        dpi_x, dpi_y = printer.logicalDpiX(), printer.logicalDpiY()
        raster_dpi = min(printer.resolution(), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(tr("ui.print.cannot_start"))
        try:
            for k, (d, p) in enumerate(order):
                if cancel is not None and cancel.cancelled:
                    printer.abort()
                    break
                if k:
                    printer.newPage()
                if p >= 0:
                    _draw_page(painter, docs[d][0], p, dpi_x, dpi_y, raster_dpi)
                if progress is not None:
                    progress(k + 1, len(order))
        finally:
            painter.end()
        return len(order)
    finally:
        for doc, _ in docs:
            doc.close()


def _draw_page(painter: QPainter, doc: QPdfDocument, page: int, dpi_x: float, dpi_y: float,
               raster_dpi: int) -> None:
    size_pt = doc.pagePointSize(page)
    target = QRectF(0.0, 0.0, size_pt.width() / POINTS_PER_INCH * dpi_x,
                    size_pt.height() / POINTS_PER_INCH * dpi_y)
    pixels = QSize(round(size_pt.width() / POINTS_PER_INCH * raster_dpi),
                   round(size_pt.height() / POINTS_PER_INCH * raster_dpi))
    image = doc.render(page, pixels)
    if image.isNull():
        raise PrintError(tr("ui.print.bad_pdf"))
    if image.hasAlphaChannel():  # PDFium leaves the paper transparent: print it white
        opaque = QImage(image.size(), QImage.Format.Format_RGB32)
        opaque.fill(0xFFFFFFFF)
        p = QPainter(opaque)
        p.drawImage(0, 0, image)
        p.end()
        image = opaque
    painter.drawImage(target, image, QRectF(image.rect()))


def print_job(printer: QPrinter, pdfs: Sequence[bytes]):
    """``print_pdfs`` as a background job for :class:`TaskRunner` (progress per page)."""
    def job(token: CancelToken):
        steps: list[Progress] = []
        label = tr("ui.print.printing")
        yield Progress(0, 1, label)
        sent = print_pdfs(printer, pdfs, cancel=token,
                          progress=lambda done, total: steps.append(Progress(done, total,
                                                                             label)))
        if steps:
            yield steps[-1]
        return sent
    return job


def render_job(dossier, pack, preview: bool, document_index: int | None = None):
    """Render the dossier's PDFs off the GUI thread (one document with ``document_index``)."""
    def job(token: CancelToken):
        from desktop.documents import render_dossier

        yield Progress(0, 1, tr("ui.print.rendering"))
        docs = render_dossier(dossier, pack, fmt="pdf", preview=preview)
        if document_index is not None:
            docs = [docs[document_index]]
        yield Progress(1, 1, tr("ui.print.rendering"))
        return PrintJob(tuple((d.title_vi, d.data) for d in docs))
    return job


class DuplexOption(QWidget):
    """The "two-sided" tab of the print dialog."""

    def __init__(self, supported: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("ui.print.options_tab"))
        lay = QVBoxLayout(self)
        self.box = QCheckBox(tr("ui.print.duplex"))
        self.box.setObjectName("print_duplex")
        self.box.setChecked(supported)
        self.box.setEnabled(supported)
        if not supported:
            self.box.setToolTip(tr("ui.print.duplex_unsupported"))
        lay.addWidget(self.box)
        lay.addStretch(1)


class PrintController:
    """Print one document or the whole dossier of a session from the window."""

    def __init__(self, session, runner: TaskRunner, parent: QWidget) -> None:
        self.session, self.runner, self.parent = session, runner, parent
        self.last_error = ""
        self.sent = 0

    def print_dossier(self, document_index: int | None = None, *,
                      printer: QPrinter | None = None,
                      on_done: Callable[[int], None] | None = None) -> None:
        """Render, then ask with the print dialog (skipped when ``printer`` is given, as
        the tests do with a PDF printer), then print; all heavy work off the GUI thread."""
        s = self.session
        preview = bool(s.errors())
        self.runner.run(render_job(s.dossier, s.pack, preview, document_index),
                        title=tr("ui.print.rendering"), dialog_parent=self.parent,
                        on_done=lambda job: self._rendered(job, printer, on_done),
                        on_error=self._failed)

    def print_rendered(self, job: PrintJob, *, printer: QPrinter | None = None,
                       on_done: Callable[[int], None] | None = None) -> None:
        """Print PDFs rendered already (the preview's): the dialog, then the print job."""
        self._rendered(job, printer, on_done)

    def _rendered(self, job: PrintJob, printer: QPrinter | None,
                  on_done: Callable[[int], None] | None) -> None:
        if printer is None:
            printer = self.ask(job)
            if printer is None:
                return
        self._printer = printer  # alive until the job ends
        self.runner.run(print_job(printer, job.pdfs), title=tr("ui.print.printing"),
                        dialog_parent=self.parent,
                        on_done=lambda sent: self._printed(sent, on_done),
                        on_error=self._failed)

    def ask(self, job: PrintJob) -> QPrinter | None:
        """The print dialog on a printer set up for A4 at 100 %; None when cancelled."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        duplex = supports_duplex(printer)
        setup_printer(printer, duplex=duplex)
        if len(job.documents) == 1:
            printer.setDocName(job.documents[0][0])
        else:
            printer.setDocName(tr("ui.print.dossier_name"))
        dialog = QPrintDialog(printer, self.parent)
        dialog.setWindowTitle(tr("ui.print.title"))
        option = DuplexOption(duplex)
        dialog.setOptionTabs([option])
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCollateCopies, True)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return None
        if option.box.isEnabled() and option.box.isChecked() != duplex:
            printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide if option.box.isChecked()
                              else QPrinter.DuplexMode.DuplexNone)
        printer.setFullPage(True)
        return printer

    def _printed(self, sent: int, on_done: Callable[[int], None] | None) -> None:
        self.sent = sent
        if on_done is not None:
            on_done(sent)

    def _failed(self, exc: BaseException) -> None:
        self.last_error = tr("ui.print.failed", reason=str(exc))
        QMessageBox.warning(self.parent, tr("ui.print.title"), self.last_error)


def controller_for(window: QWidget, session, runner: TaskRunner) -> PrintController:
    """The window's print controller (one per window, kept on it)."""
    controller = getattr(window, "_print_controller", None)
    if controller is None or controller.session is not session:
        controller = PrintController(session, runner, window)
        window._print_controller = controller
    return controller


def print_window(window, document_index: int | None = None) -> PrintController:
    """Tệp → In hồ sơ… (Ctrl+P): render the whole dossier, then the print dialog."""
    controller = controller_for(window, window.session, window.runner)
    controller.print_dossier(document_index)
    return controller


def add_preview_buttons(page, row) -> None:
    """The preview step's "print this document", "print the whole dossier" and "attach
    signed copy" buttons, added to its button row ``row`` (a QHBoxLayout)."""
    from PySide6.QtWidgets import QPushButton

    def current():
        index = page.list.currentRow()
        return page.documents[index] if 0 <= index < len(page.documents) else None

    def print_current() -> None:
        doc = current()
        if doc is not None:
            controller_for(page, page.session, page.runner).print_rendered(
                PrintJob(((doc.title_vi, doc.data),)))

    def print_all() -> None:
        if page.documents:
            controller_for(page, page.session, page.runner).print_rendered(
                PrintJob(tuple((d.title_vi, d.data) for d in page.documents)))

    def attach_current() -> None:
        from desktop.ui.signed_copies import attach_for_document

        doc = current()
        if doc is not None:
            page.signed_dialog = attach_for_document(page.session, page.runner, doc, page)

    for key, name, slot in (("ui.print.button", "preview_print", print_current),
                            ("ui.print.button_all", "preview_print_all", print_all),
                            ("ui.scans.attach_button", "preview_attach", attach_current)):
        button = QPushButton(tr(key))
        button.setObjectName(name)
        button.clicked.connect(lambda _=False, slot=slot: slot())
        row.addWidget(button)
        setattr(page, f"{name}_button", button)
