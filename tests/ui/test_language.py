"""The language switch happens in place: the first click on English works, the window keeps
its size, position and maximised state, the export step keeps what was typed and chosen, and
every label of Kiểm tra follows the language. Qt's own dialogs (the file dialog, message box
buttons) speak Vietnamese through the catalog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QPushButton

LEFT = Qt.MouseButton.LeftButton

pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support raise\\(\\)$",
                                       "^This plugin does not support grabbing the keyboard$")


def click_menu(qtbot, window, title: str, item: str) -> None:
    """Open the menu ``title`` of the menu bar with the mouse and click ``item`` in it."""
    bar = window.menuBar()
    action = next(a for a in bar.actions() if a.text().replace("&", "") == title)
    QTest.mouseClick(bar, LEFT, Qt.KeyboardModifier.NoModifier,
                     bar.actionGeometry(action).center())
    menu: QMenu = action.menu()
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    entry = next(a for a in menu.actions() if a.text().replace("&", "") == item)
    point = menu.actionGeometry(entry).center()
    QTest.mouseMove(menu, point)
    QTest.mouseClick(menu, LEFT, Qt.KeyboardModifier.NoModifier, point)
    QApplication.processEvents()


def test_first_click_on_english_retranslates_in_place(qtbot, launch, demo_store, tmp_path):
    controller = launch()
    window = controller.window
    window.showMaximized()
    screen = window.screen().availableGeometry()
    qtbot.waitUntil(lambda: window.isMaximized() and abs(window.width() - screen.width()) <= 8,
                    timeout=2000)
    geometry = window.geometry()
    window.go(6)
    export = window.pages[6]
    export.folder.selectAll()
    qtbot.keyClicks(export.folder, str(tmp_path / "USB"))
    qtbot.mouseClick(export.kind.final_button, LEFT)
    window.go(4)
    check = window.pages[4]
    assert check.final_box.title() == "Gói nộp chính thức còn thiếu"

    click_menu(qtbot, window, "Ngôn ngữ", "English")

    assert controller.window is window
    assert window.isMaximized() and window.geometry() == geometry
    assert window.current_step() == 4
    assert window.steps.item(0).text() == "1. Unit"
    assert window.next_button.text() == "Next: Preview →"
    assert window.back_button.text() == "← Back"
    assert window.help_button.text() == "? Help for this step"
    assert [a.text() for a in window.menuBar().actions()][:2] == ["&File", "&Edit"]
    assert window.pages[6] is export  # the same page, its state kept
    assert export.folder.text() == str(tmp_path / "USB")
    assert export.kind.final_button.isChecked()
    assert export.kind.final_button.text() == "Final upload package"
    assert export.button.text() == "Export the package"
    assert export.signing.check.text() == "Sign digitally"
    assert check.heading.text() == "Step 5. Check"
    assert check.final_box.title() == "The final package still lacks"
    assert check.summary.text().startswith("No errors")
    labels = [w.text() for w in check.findChildren(QLabel) if w.isVisible() and w.text()]
    vietnamese_words = ("Gói", "Đính kèm", "còn thiếu", "Hồ sơ", "Chung", "lỗi")
    for text in labels:
        if text.startswith("•"):  # the documents' own (Vietnamese) titles
            continue
        assert not any(w in text for w in vietnamese_words), text
    assert [b.text() for b in check.attach_buttons] == ["Attach the signed copy…"] * 5

    click_menu(qtbot, window, "Language", "Tiếng Việt")
    assert controller.window is window and window.isMaximized()
    assert window.steps.item(0).text() == "1. Đơn vị"
    assert export.button.text() == "Xuất gói hồ sơ"
    assert controller.settings.value("language") == "vi"


def test_qt_file_dialog_speaks_vietnamese(qtbot, tmp_path):
    """Qt's file dialog (not Windows' own) shows HoSo's catalog words, and sizes and dates
    the Vietnamese way, whatever the system locale."""
    import os

    from PySide6.QtWidgets import QTreeView

    from desktop.ui.qt_i18n import CatalogTranslator, apply_language, file_dialog

    folder = tmp_path / "scans"
    folder.mkdir()
    scan = folder / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"0" * 19500)
    os.utime(scan, (1_686_000_000, 1_686_000_000))  # 05/06/2023 21:20 UTC
    app = QApplication.instance()
    translator = CatalogTranslator(app)
    apply_language("vi", translator)
    try:
        dialog = file_dialog(None, "Thêm tệp", str(folder), "Ảnh, PDF (*.pdf *.png)")
        qtbot.addWidget(dialog)
        dialog.show()
        texts = {w.text().replace("&", "") for w in dialog.findChildren(QLabel)}
        assert {"Tìm trong:", "Tên tệp:", "Loại tệp:"} <= texts
        view = dialog.findChild(QTreeView)
        model = view.model()
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
        assert headers == ["Tên", "Kích thước", "Loại", "Ngày sửa đổi"]
        qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 1, timeout=5000)
        row = [model.index(0, c, view.rootIndex()).data() for c in range(4)]
        assert row[0] == "bien-ban.pdf"
        assert row[1] == "20 KB"
        assert row[3].startswith("0") and row[3][2:10] == "/06/2023", row[3]
        buttons = {b.text().replace("&", "") for b in dialog.findChildren(QPushButton)}
        assert {"Mở", "Hủy"} <= buttons, buttons
    finally:
        app.removeTranslator(translator)
