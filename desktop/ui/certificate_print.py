"""Printing a Giấy khen round's certificates from the window (Tệp → In Giấy khen…).

Imported when the menu entry is used (QtPrintSupport and the document code are not part of
the window's start).
"""

from __future__ import annotations

from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from desktop.documents.award_round import PrintLayout
from desktop.documents.fmt import number as fmt_number
from desktop.errors import HosoError
from desktop.store.printer_offsets import (
    MAX_OFFSET_MM,
    PrinterOffsets,
    load_offsets,
    save_offsets,
)
from desktop.ui.qt_i18n import tr


class CertificatePrintDialog(QDialog):
    """Tệp → In Giấy khen…: the printer, the paper (A4/A3, blank or pre-printed), the
    printer's offsets (remembered per printer in the data folder), the calibration page and
    the certificates themselves. Printing goes through :func:`desktop.ui.printing.print_pdfs`
    (full page, 100 %): the offsets are in the PDF, never left to the driver."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        self.data_folder = self.session.store.path.parent
        self.setObjectName("certificate_print_dialog")
        self.setWindowTitle(tr("ui.round.print_title"))
        lay = QVBoxLayout(self)
        intro = QLabel(tr("ui.round.print_intro"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.printer = QComboBox()
        self.printer.setObjectName("certificate_printer")
        self.printer.setEditable(True)
        names = QPrinterInfo.availablePrinterNames()
        default = QPrinterInfo.defaultPrinterName()
        for name in [default, *[n for n in names if n != default]] if default else names:
            self.printer.addItem(name)
        form.addRow(tr("ui.round.printer"), self.printer)
        self.paper = QComboBox()
        self.paper.setObjectName("certificate_paper")
        self.paper.addItems(["A4", "A3"])
        form.addRow(tr("ui.round.paper"), self.paper)
        self.preprinted = QCheckBox(tr("ui.round.preprinted"))
        self.preprinted.setObjectName("certificate_preprinted")
        self.preprinted.setChecked(True)
        form.addRow("", self.preprinted)
        self.dx, self.dy = QDoubleSpinBox(), QDoubleSpinBox()
        for spin, name, key in ((self.dx, "certificate_dx", "ui.round.dx"),
                                (self.dy, "certificate_dy", "ui.round.dy")):
            spin.setObjectName(name)
            spin.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setSuffix(" mm")
            form.addRow(tr(key), spin)
        lay.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("certificate_message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(tr("ui.round.save_offsets"))
        self.save_button.setObjectName("certificate_save_offsets")
        self.save_button.clicked.connect(self.save)
        self.calibration_button = QPushButton(tr("ui.round.print_calibration"))
        self.calibration_button.setObjectName("certificate_print_calibration")
        self.calibration_button.clicked.connect(lambda: self.print_pdf(self.calibration()))
        self.print_button = QPushButton(tr("ui.round.print_certificates"))
        self.print_button.setObjectName("certificate_print")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(lambda: self.print_pdf(self.certificates()))
        close = QPushButton(tr("ui.round.close"))
        close.clicked.connect(self.reject)
        for b in (self.save_button, self.calibration_button, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay.addLayout(buttons)
        #: makes the QPrinter for a job (tests give a PDF printer)
        self.printer_factory = self._system_printer
        self.printer.currentTextChanged.connect(self.load_offsets)
        self.load_offsets()

    # -- offsets
    def printer_name(self) -> str:
        return self.printer.currentText().strip()

    def load_offsets(self, *_) -> None:
        offsets = load_offsets(self.printer_name(), self.data_folder) \
            if self.printer_name() else PrinterOffsets()
        self.dx.setValue(offsets.dx_mm)
        self.dy.setValue(offsets.dy_mm)

    def save(self) -> bool:
        try:
            saved = save_offsets(self.printer_name(), PrinterOffsets(self.dx.value(),
                                                                     self.dy.value()),
                                 self.data_folder)
        except HosoError as exc:
            self._say(str(exc), error=True)
            return False
        self._say(tr("ui.round.offsets_saved", printer=self.printer_name(),
                     dx=fmt_number(saved.dx_mm, 1), dy=fmt_number(saved.dy_mm, 1)))
        return True

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message.setText(text)

    # -- what is printed
    def layout_(self) -> PrintLayout:
        return PrintLayout(paper=self.paper.currentText(), preprinted=self.preprinted.isChecked(),
                           dx_mm=self.dx.value(), dy_mm=self.dy.value(),
                           printer=self.printer_name())

    def calibration(self) -> bytes:
        from desktop.documents.award_round import calibration_pdf
        from desktop.documents.templates import template

        return calibration_pdf(template("certificate", self.session.pack.legal_regime),
                               self.layout_())

    def certificates(self) -> bytes:
        """The certificates with this layout; stamped as a preview while Kiểm tra finds
        errors (a certificate is never printed from an unchecked dossier unmarked)."""
        import dataclasses

        from desktop.documents import build_documents, render_document, watermark_text
        from desktop.documents.award_round import CertificateSet

        s = self.session
        doc = next(d for d in build_documents(s.dossier, s.pack) if isinstance(d, CertificateSet))
        doc = dataclasses.replace(doc, layout=self.layout_())
        mark = watermark_text(s.pack) if s.errors() else None
        return render_document(doc, s.pack, watermark=mark).data

    # -- printing
    def _system_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.printer_name():
            printer.setPrinterName(self.printer_name())
        return printer

    def print_pdf(self, data: bytes) -> None:
        from desktop.ui.printing import print_job

        printer = self.printer_factory()
        size = QPageSize.PageSizeId.A3 if self.paper.currentText() == "A3" \
            else QPageSize.PageSizeId.A4
        printer.setPageSize(QPageSize(size))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        printer.setFullPage(True)
        printer.setDocName(tr("ui.round.print_title"))
        self._printer = printer  # alive until the job ends
        self.window_.runner.run(print_job(printer, [data]), title=tr("ui.print.printing"),
                                dialog_parent=self, on_done=self._printed,
                                on_error=lambda exc: self._say(
                                    tr("ui.print.failed", reason=str(exc)), error=True))

    def _printed(self, sent: int) -> None:
        self.sent = sent
        self._say(tr("ui.round.printed", pages=sent))


def print_certificates(window) -> CertificatePrintDialog:
    """Open the certificate printing dialog of a round (non-modal; returned for tests)."""
    dialog = CertificatePrintDialog(window)
    dialog.show()
    return dialog
