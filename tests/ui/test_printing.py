"""Printing through the app's printing path to a PDF file: A4 pages at 100 % scale.

How positions are measured: the printed PDF holds one raster image per page (QtPdf renders
each page to an image, the way the page reaches a real printer), so it has no text layer to
compare. Both the generated PDF and the printed PDF are therefore rendered to greyscale
images by poppler's ``pdftoppm`` at the same resolution (:data:`DPI`). The words to compare
("TỜ TRÌNH", "Kính gửi") are located in the generated PDF with ``pdftotext -bbox``; around
each word a window (the word's box grown by :data:`WINDOW_MM`) is cut from both page images
and the bounding box of its dark pixels is computed. Every edge of that box must agree
within 1 mm. The dark-pixel box of each whole page (the text block inside the decree's
margins) is compared the same way, so a shrink-to-fit or an offset of the page anywhere
would show; a control shifts the printed image by 2 mm and checks that the measure sees it.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from desktop.documents import render_dossier
from desktop.ui.printing import PrintController, page_order, print_pdfs, setup_printer
from desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="needs poppler-utils (pdftoppm, pdftotext)")

DPI = 150
MM = DPI / 25.4  # pixels per millimetre of the comparison images
WINDOW_MM = 3.0
A4_PT = (595.28, 841.89)


def pdf_printer(path: Path, dpi: int = 300) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)
    setup_printer(printer, duplex=False)
    return printer


def rasterise(pdf: Path, out: Path) -> list[Image.Image]:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(out / "p")], check=True)
    return [Image.open(p).convert("L") for p in sorted(out.glob("p-*.pgm"))]


def words(pdf: Path) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """(page, word, box in points) from ``pdftotext -bbox``."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True).stdout
    root = ET.fromstring(xml)
    out = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page")):
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            box = tuple(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            out.append((number, w.text, box))
    return out


def dark_box(image: Image.Image, window: tuple[int, int, int, int] | None = None):
    """Bounding box (pixels, page coordinates) of the pixels darker than mid-grey."""
    crop = image.crop(window) if window else image
    box = crop.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert box is not None, "no dark pixels in the window"
    dx, dy = (window[0], window[1]) if window else (0, 0)
    return (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)


def max_diff_mm(a, b) -> float:
    return max(abs(x - y) for x, y in zip(a, b, strict=True)) / MM


def test_print_proposal_to_pdf_is_a4_at_full_scale(qtbot, session, tmp_path):
    generated = render_dossier(session.dossier, session.pack, fmt="pdf")[0]
    assert generated.id == "proposal"
    source = tmp_path / "generated.pdf"
    source.write_bytes(generated.data)
    printed = tmp_path / "printed.pdf"

    controller = PrintController(session, TaskRunner(delay_ms=60000), None)
    sent = []
    controller.print_dossier(0, printer=pdf_printer(printed), on_done=sent.append)
    qtbot.waitUntil(lambda: bool(sent) or bool(controller.last_error), timeout=60000)
    assert controller.last_error == ""
    assert sent == [generated.page_count]

    reader = PdfReader(printed)
    assert len(reader.pages) == generated.page_count == 1  # the commune's tờ trình: one page
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4_PT[0]) <= 1
        assert abs(float(box.height) - A4_PT[1]) <= 1

    ref_pages = rasterise(source, tmp_path / "ref")
    out_pages = rasterise(printed, tmp_path / "out")
    for ref, out in zip(ref_pages, out_pages, strict=True):  # Qt's A4 is 595 × 842 pt
        assert abs(ref.width - out.width) <= 2 and abs(ref.height - out.height) <= 2

    # the text block of every page: same extent, so no shrink-to-fit and no offset
    for ref, out in zip(ref_pages, out_pages, strict=True):
        assert max_diff_mm(dark_box(ref), dark_box(out)) <= 1.0

    # single words: the title and the "Kính gửi" line of page 1
    found = words(source)
    title = next(b for p, w, b in found if p == 0 and w == "TRÌNH")
    to = next(b for p, w, b in found if p == 0 and w == "Kính")
    px = DPI / 72
    for box in (title, to):
        grow = WINDOW_MM * MM
        window = (int(box[0] * px - grow), int(box[1] * px - grow),
                  int(box[2] * px + grow), int(box[3] * px + grow))
        ref_box = dark_box(ref_pages[0], window)
        out_box = dark_box(out_pages[0], window)
        assert max_diff_mm(ref_box, out_box) <= 1.0, (ref_box, out_box)

    # control: the same measure sees a 2 mm offset
    shifted = ImageChops.offset(out_pages[0], round(2 * MM), 0)
    shifted.paste(255, (0, 0, round(2 * MM), shifted.height))
    assert max_diff_mm(dark_box(ref_pages[0]), dark_box(shifted)) > 1.5


def test_copies_collate_and_duplex_blank_backs(qtbot, session, tmp_path):
    docs = render_dossier(session.dossier, session.pack, fmt="pdf")[1:3]  # 1 page + 2 pages
    assert [d.page_count for d in docs] == [1, 2]
    printer = pdf_printer(tmp_path / "two.pdf", dpi=72)
    printer.setCopyCount(2)
    assert print_pdfs(printer, [d.data for d in docs]) == 6
    assert len(PdfReader(tmp_path / "two.pdf").pages) == 6

    # two-sided: each document starts on the front of a sheet (a PDF printer has no duplex)
    counts = [3, 2]
    assert page_order(counts, duplex=True) == [(0, 0), (0, 1), (0, 2), (0, -1), (1, 0),
                                               (1, 1)]
    assert page_order(counts) == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)]
    assert page_order(counts, page_range=(2, 4)) == [(0, 1), (0, 2), (1, 0)]


def test_preview_step_prints_its_rendered_document(qtbot, session, tmp_path):
    from desktop.ui.printing import controller_for
    from desktop.ui.review import PreviewPage

    runner = TaskRunner(delay_ms=60000)
    page = PreviewPage(session, runner)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.rendered, timeout=60000):
        page.render()
    assert page.preview_print_button.text() == "In văn bản này…"
    assert page.preview_attach_button.text() == "Đính kèm bản đã ký…"
    page.list.setCurrentRow(2)
    doc = page.documents[2]
    printed = tmp_path / "bien_ban.pdf"
    sent = []
    from desktop.ui.printing import PrintJob

    controller_for(page, session, runner).print_rendered(
        PrintJob(((doc.title_vi, doc.data),)), printer=pdf_printer(printed, dpi=72),
        on_done=sent.append)
    qtbot.waitUntil(lambda: bool(sent), timeout=60000)
    assert len(PdfReader(printed).pages) == doc.page_count == sent[0]
    runner.wait_all()


def test_file_menu_entries(qtbot, launch):
    from PySide6.QtGui import QAction, QKeySequence

    controller = launch(demo=True)
    window = controller.window
    # the app's Qt translator leaves Qt's own strings alone (an empty answer made A4 invalid)
    from PySide6.QtGui import QPageSize

    assert QPageSize(QPageSize.PageSizeId.A4).name() == "A4"
    action = window.findChild(QAction, "action_print")
    assert action.text() == "In hồ sơ…"
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    signed = window.findChild(QAction, "action_signed_copies")
    assert signed.text() == "Bản đã ký…"
    signed.trigger()
    dialog = window.signed_copies_dialog
    assert dialog.isVisible() and dialog.table.rowCount() >= 4
    dialog.close()
