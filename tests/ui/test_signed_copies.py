"""Signed copies in the window: the attach dialog (add, reorder, rotate, remove, save), its
Vietnamese refusals, the overview of missing copies and the export step's package choice."""

from __future__ import annotations

from PIL import Image, ImageDraw
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.scans import document_targets
from desktop.ui.signed_copies import SignedCopiesDialog, SignedCopyDialog

LEFT = Qt.MouseButton.LeftButton


def phone_jpeg(path):
    """An upright portrait page stored landscape with EXIF orientation 6 (a phone photo)."""
    page = Image.new("RGB", (900, 1200), (240, 238, 232))
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 200, 200), fill="black")
    for y in range(300, 1100, 50):
        draw.line((100, y, 800, y), fill=(30, 30, 30), width=5)
    exif = Image.Exif()
    exif[0x0112] = 6
    page.transpose(Image.Transpose.ROTATE_90).save(path, "JPEG", quality=85, exif=exif)
    return path


def scan_png(path, size=(1000, 1400)):
    image = Image.new("L", size, 255)
    ImageDraw.Draw(image).rectangle((50, 50, 400, 120), fill=0)
    image.save(path, "PNG")
    return path


def proposal(session):
    return next(t for t in document_targets(session.dossier, session.pack)
                if t.document_id == "proposal")


def open_dialog(qtbot, session, runner, target=None, **kw):
    dialog = SignedCopyDialog(session, runner, target or proposal(session), **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def idle(qtbot, dialog):
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=30000)


def test_attach_reorder_rotate_remove_save(qtbot, session, runner, tmp_path):
    photo = phone_jpeg(tmp_path / "anh_dien_thoai.jpg")
    png = scan_png(tmp_path / "trang_quet.png")
    extra = scan_png(tmp_path / "thua.png", (800, 800))
    dialog = open_dialog(qtbot, session, runner)
    idle(qtbot, dialog)
    assert dialog.document_pages == 1  # counted from the generated proposal (one page)
    assert not dialog.save_button.isEnabled()

    dialog.add_files([photo, png])
    idle(qtbot, dialog)
    assert dialog.pages.count() == 2
    assert dialog.count.text() == ("Bản đã ký: 2 trang; văn bản gốc: 1 trang. Số trang khác văn "
                                   "bản gốc: hãy kiểm tra xem có thiếu hoặc thừa trang không.")
    qtbot.waitUntil(dialog.thumbnails_ready, timeout=30000)
    assert not dialog.pages.item(0).icon().isNull()

    # the PNG first (Up), then turned a quarter (Rotate)
    dialog.pages.setCurrentRow(1)
    qtbot.mouseClick(dialog.up_button, LEFT)
    assert [p.source for p in dialog.draft.pages] == [1, 0]
    assert dialog.pages.currentRow() == 0
    qtbot.mouseClick(dialog.rotate_button, LEFT)
    assert dialog.draft.pages[0].rotation == 90
    qtbot.waitUntil(dialog.thumbnails_ready, timeout=30000)

    # a third page is one too many: a warning, then Remove
    dialog.add_files([extra])
    idle(qtbot, dialog)
    assert dialog.pages.count() == 3
    assert "khác văn bản gốc" in dialog.count.text()
    dialog.pages.setCurrentRow(2)
    qtbot.mouseClick(dialog.remove_button, LEFT)
    assert dialog.pages.count() == 2
    assert [p.source for p in dialog.draft.pages] == [1, 0]
    idle(qtbot, dialog)

    with qtbot.waitSignal(dialog.saved, timeout=60000):
        qtbot.mouseClick(dialog.save_button, LEFT)
    [copy] = session.store.signed_copies(session.dossier_id)
    assert (copy.document_id, copy.nominee_id, copy.page_count) == ("proposal", None, 2)
    assert copy.file_name.endswith("_BanKy.pdf")
    pages = PdfReader(__import__("io").BytesIO(copy.data)).pages
    # page 1: the portrait PNG turned 90° -> landscape; page 2: the photo upright (EXIF)
    first, second = pages[0].mediabox, pages[1].mediabox
    assert float(first.width) > float(first.height)
    assert float(second.width) < float(second.height)
    assert dialog.notes.text().startswith("Đã lưu ")
    assert "2 trang" in dialog.stored.text()


def test_corrupt_image_is_refused_in_vietnamese_and_nothing_saved(qtbot, session, runner,
                                                                  tmp_path):
    good = scan_png(tmp_path / "trang_1.png")
    whole = phone_jpeg(tmp_path / "full.jpg").read_bytes()
    cut = tmp_path / "anh_hong.jpg"
    cut.write_bytes(whole[:len(whole) // 3])  # a photo copied only in part
    junk = tmp_path / "ghi_chu.jpg"
    junk.write_bytes(b"not an image at all" * 20)
    dialog = open_dialog(qtbot, session, runner, document_pages=2)
    error = dialog.findChild(QLabel, "signed_error")
    dialog.add_files([good])
    idle(qtbot, dialog)
    assert dialog.pages.count() == 1

    dialog.add_files([cut])
    idle(qtbot, dialog)
    assert error.isVisibleTo(dialog)
    assert error.text() == ("Ảnh anh_hong.jpg bị hỏng hoặc chưa được chép hết, HoSo không "
                            "đọc được. Hãy chép lại hoặc chụp lại trang này.")
    assert dialog.pages.count() == 1  # the draft is as it was

    dialog.add_files([junk])
    idle(qtbot, dialog)
    assert error.text() == ("Tệp ghi_chu.jpg không phải ảnh (JPEG, PNG, TIFF) hay tệp PDF "
                            "đọc được. Hãy chọn đúng tệp ảnh chụp hoặc bản quét.")
    assert dialog.pages.count() == 1
    assert session.store.signed_copies(session.dossier_id) == []


def test_too_large_copy_is_refused_and_nothing_saved(qtbot, session, runner, tmp_path):
    portal = session.pack.portal.model_copy(update={"max_file_mb": 0.001})
    session.pack = session.pack.model_copy(update={"portal": portal})
    dialog = open_dialog(qtbot, session, runner, document_pages=2)
    dialog.add_files([phone_jpeg(tmp_path / "a.jpg")])
    idle(qtbot, dialog)
    qtbot.mouseClick(dialog.save_button, LEFT)
    idle(qtbot, dialog)
    assert dialog.error.text().startswith("Chưa lưu gì: ")
    assert session.store.signed_copies(session.dossier_id) == []


def test_overview_marks_required_and_missing(qtbot, session, runner, tmp_path):
    dialog = SignedCopiesDialog(session, runner)
    qtbot.addWidget(dialog)
    table = dialog.table
    rows = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}
    assert rows["Tờ trình đề nghị khen thưởng"] == ("Bắt buộc", "Còn thiếu")
    assert dialog.summary.text() == "Còn thiếu 5 bản đã ký bắt buộc."
    optional = [v for k, v in rows.items() if v[0] == "Không bắt buộc"]
    assert optional and all(state == "Chưa có" for _, state in optional)

    table.selectRow(0)
    attach = dialog.attach_selected()
    qtbot.addWidget(attach)
    attach.add_files([scan_png(tmp_path / "p1.png"), scan_png(tmp_path / "p2.png")])
    idle(qtbot, attach)
    with qtbot.waitSignal(attach.saved, timeout=60000):
        attach.save()
    assert dialog.table.item(0, 2).text().startswith("Đã có (2 trang")
    assert dialog.summary.text() == "Còn thiếu 4 bản đã ký bắt buộc."
    idle(qtbot, attach)
    attach.close()


def test_export_step_final_package_needs_every_signed_copy(qtbot, session, runner, tmp_path,
                                                          documents):
    from desktop.package import verify_package
    from desktop.scans import SignedCopyDraft, attach, prepare_copy
    from desktop.ui.export_page import ExportPage

    page = ExportPage(session, runner, tmp_path / "goi")
    qtbot.addWidget(page)
    assert page.folder.text() == str(documents)  # not inside the data folder
    assert "Gói nộp chính thức còn thiếu 5 bản đã ký" in page.state.text()
    assert page.kind.preview_button.isChecked()
    assert page.kind.final_button.text() == "Gói nộp chính thức"
    page.kind.final_button.setChecked(True)
    qtbot.mouseClick(page.button, LEFT)
    qtbot.waitUntil(lambda: page.error.text() != "", timeout=60000)
    assert page.error.text().startswith(
        "Chưa tạo được gói nộp chính thức: còn thiếu 5 bản đã ký, đóng dấu:\n"
        "• Tờ trình đề nghị khen thưởng\n")
    assert "\n• Tóm tắt thành tích – Hộ ông Nông Văn Thuận\n" in page.error.text()
    assert page.result is None
    assert not list(documents.glob("*.zip"))

    draft = SignedCopyDraft.from_files([scan_png(tmp_path / "ky.png")])
    for target in document_targets(session.dossier, session.pack):
        if target.required:
            attach(session.store, session.dossier_id, prepare_copy(draft, target, session.pack))
    qtbot.mouseClick(page.button, LEFT)
    qtbot.waitUntil(lambda: page.result is not None or page.error.text() != "",
                    timeout=60000)
    assert page.error.text() == ""
    assert page.result.final and not page.result.missing_signed
    assert page.result.path.parent == documents
    assert page.verified.ok
    report = verify_package(page.result.path, packs_dirs=session.store.packs_dirs)
    assert report.ok, report.problems
    runner.wait_all()
