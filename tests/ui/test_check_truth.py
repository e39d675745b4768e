"""Kiểm tra and Xuất hồ sơ tell the whole truth about the final upload package: the signed
copies it still lacks (each with a button to attach it), a question before unsaved scanned
pages are thrown away, and packages in the user's Documents folder (remembered)."""

from __future__ import annotations

from PIL import Image, ImageDraw
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop.demo import demo_dossiers
from desktop.packs import load_pack
from desktop.store import Store
from desktop.ui.session import Session

LEFT = Qt.MouseButton.LeftButton


def scan(path):
    image = Image.new("L", (1000, 1400), 255)
    ImageDraw.Draw(image).rectangle((50, 50, 400, 120), fill=0)
    image.save(path, "PNG")
    return path


def idle(qtbot, dialog):
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=30000)


def test_check_lists_missing_signed_copies_and_attaches_one(qtbot, session, runner, tmp_path):
    from desktop.ui.review import CheckPage

    page = CheckPage(session, runner=runner)
    qtbot.addWidget(page)
    page.show()
    assert page.model.counts["error"] == 0
    summary = page.summary.text()
    assert "Hồ sơ có thể xuất gói xem trước" in summary
    assert "gói nộp chính thức còn thiếu 5 bản đã ký, đóng dấu" in summary
    assert page.final_box.title() == "Gói nộp chính thức còn thiếu"
    assert page.final_box.isVisible()
    listed = [page.final_grid.itemAtPosition(r, 0).widget().text() for r in range(5)]
    report = ("• Báo cáo thành tích đề nghị khen thưởng theo đợt thi đua (Mẫu số 07, Nghị "
              "định số 91/2017/NĐ-CP) – ")
    assert listed == [
        "• Tờ trình đề nghị khen thưởng",
        "• Biên bản xét khen thưởng của Hội đồng Thi đua - Khen thưởng",
        report + "Xóm Nà Mè, xã Bạch Đằng",
        report + "Nông Thị Mai",
        "• Tóm tắt thành tích – Hộ ông Nông Văn Thuận",
    ]
    assert [b.text() for b in page.attach_buttons] == ["Đính kèm bản đã ký…"] * 5

    qtbot.mouseClick(page.attach_buttons[1], LEFT)  # the council's minutes
    dialog = page.attach_dialog
    assert dialog.target.document_id == "council_minutes"
    dialog.add_files([scan(tmp_path / "bien-ban.png")])
    idle(qtbot, dialog)
    with qtbot.waitSignal(dialog.saved, timeout=60000):
        qtbot.mouseClick(dialog.save_button, LEFT)
    idle(qtbot, dialog)
    assert len(page.attach_buttons) == 4
    assert "còn thiếu 4 bản đã ký" in page.summary.text()
    assert "Biên bản" not in " ".join(
        page.final_grid.itemAtPosition(r, 0).widget().text() for r in range(4))
    dialog.close()


def test_check_in_english_has_no_vietnamese_headings(qtbot, session, runner):
    from desktop import i18n
    from desktop.ui.review import CheckPage

    page = CheckPage(session, runner=runner)
    qtbot.addWidget(page)
    i18n.set_language("en")
    page.retranslate()
    assert page.final_box.title() == "The final package still lacks"
    assert page.heading.text() == "Step 5. Check"
    assert page.summary.text().startswith("No errors")
    model = page.model
    groups, documents = [], []
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        groups.append(group.data())
        documents += [model.index(r, 0, group).data() for r in range(model.rowCount(group))]
    assert groups[0].startswith("Whole dossier — ") and " items, 0 errors" in groups[0]
    assert set(documents) <= {"General", "Proposal (tờ trình)", "List of nominees",
                              "Council minutes (biên bản)", "Achievement report (Mẫu 07)",
                              "Achievement summary"}, documents
    assert "Proposal (tờ trình)" in documents


def test_close_asks_before_discarding_added_pages(qtbot, session, runner, tmp_path):
    from desktop.scans import document_targets
    from desktop.ui.signed_copies import SignedCopyDialog

    target = next(t for t in document_targets(session.dossier, session.pack) if t.required)
    dialog = SignedCopyDialog(session, runner, target)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_files([scan(tmp_path / "trang-1.png")])
    idle(qtbot, dialog)
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Close), LEFT)
    question = dialog.discard_box
    assert isinstance(question, QMessageBox) and question.isVisible()
    assert "1 trang chưa được lưu" in question.text()
    qtbot.mouseClick(question.findChild(type(dialog.save_button), "keep_pages"), LEFT)
    assert dialog.isVisible() and len(dialog.draft.pages) == 1  # nothing lost

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc asks too
    question = dialog.discard_box
    assert question is not None and question.isVisible()
    qtbot.mouseClick(question.findChild(type(dialog.save_button), "discard_pages"), LEFT)
    assert not dialog.isVisible()
    assert session.store.signed_copies(session.dossier_id) == []

    saved = SignedCopyDialog(session, runner, target)  # saved pages close without a question
    qtbot.addWidget(saved)
    saved.show()
    saved.add_files([scan(tmp_path / "trang-2.png")])
    idle(qtbot, saved)
    with qtbot.waitSignal(saved.saved, timeout=60000):
        saved.save()
    idle(qtbot, saved)
    saved.reject()
    assert not saved.isVisible() and saved.discard_box is None


def test_export_folder_is_documents_then_the_last_one(qtbot, session, runner, tmp_path,
                                                     documents, hoso_data_dir):
    from desktop.ui.export_page import ExportPage

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    page = ExportPage(session, runner, hoso_data_dir / "packages", settings=settings)
    qtbot.addWidget(page)
    assert page.folder.text() == str(documents)
    elsewhere = tmp_path / "USB"
    elsewhere.mkdir()
    page.folder.selectAll()
    qtbot.keyClicks(page.folder, str(elsewhere))
    qtbot.mouseClick(page.button, LEFT)
    qtbot.waitUntil(lambda: page.result is not None or page.error.text() != "", timeout=60000)
    assert page.result.path.parent == elsewhere
    again = ExportPage(session, runner, hoso_data_dir / "packages", settings=settings)
    qtbot.addWidget(again)
    assert again.folder.text() == str(elsewhere)
    runner.wait_all()


def test_many_missing_copies_are_counted_not_all_listed(qtbot, hoso_data_dir, runner):
    """A bigger dossier: 34 missing signed copies, 30 listed with a button, the rest
    counted."""
    from desktop.ui.review import MISSING_LISTED, CheckPage

    dossier = demo_dossiers()[0]
    household = next(n for n in dossier.nominees if n.kind.value == "household")
    extra = tuple(household.model_copy(update={"id": f"ho-{i}", "head_name": f"Nông Văn {i}"})
                  for i in range(29))
    dossier = dossier.model_copy(update={"nominees": dossier.nominees + extra})
    with Store(data_dir=hoso_data_dir) as store:
        store.create_dossier(dossier)
        session = Session(store, dossier.id, load_pack(dossier.pack.id, dossier.pack.version))
        total = 5 + len(extra)
        page = CheckPage(session, runner=runner)
        qtbot.addWidget(page)
        assert len(page.missing) == total
        assert len(page.attach_buttons) == MISSING_LISTED == 30
        more = page.final_grid.itemAtPosition(MISSING_LISTED, 0).widget().text()
        assert more == f"… và {total - 30} văn bản khác (xem Tệp → Bản đã ký…)."
        assert page.final_intro.text().startswith(
            f"Gói nộp chính thức cần bản đã ký, đóng dấu (quét hoặc chụp) của {total} văn bản")
