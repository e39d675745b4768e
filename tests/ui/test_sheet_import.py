"""Window side of issue 18: the sheet import dialog, the paste repair offer, reuse."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit

from desktop.legacytext import detect
from desktop.sheets import LayoutMemory
from desktop.ui import paste_repair, reuse
from desktop.ui.sheet_import import SheetImportDialog

XLS = Path(__file__).resolve().parents[1] / "data" / "sheets" / "hoi-dong-va-ca-nhan.xls"


def _sheet(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Ho va ten", "Nam sinh", "Gioi tinh", "Dan toc", "Dia chi", "Nghe nghiep"])
    ws.append([1, "Nông Văn Páo", 1968, "Nam", "Tày", "Xãm Nµ C¹n, x· B×nh Long", "Làm ruộng"])
    ws.append([2, "Hoàng Thị Mến", 1972, "Nữ", "Nùng", "Xóm Pò Tao", "Chăn nuôi"])
    ws.append([3, "Lý Văn Dền", "không rõ", "Nam", "Dao", "Xóm Khuổi Lòa", "Trồng rừng"])
    wb.save(path)
    return path


def test_import_nominees_is_previewed_then_one_undoable_edit(qtbot, launch, demo_store,
                                                            tmp_path):
    controller = launch()
    window, store, did = controller.window, controller.store, demo_store.id
    before = store.get_dossier(did)
    memory = LayoutMemory(tmp_path / "layouts.json")
    dialog = SheetImportDialog(window.session, "nominees", _sheet(tmp_path / "ds.xlsx"),
                               window, memory=memory)
    qtbot.addWidget(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kinds.index("resident"))
    assert [dialog.combos[c].currentData() for c in range(7)] == [
        "ignore", "full_name", "birth_year", "gender", "ethnicity", "address", "occupation"]
    preview = dialog.preview
    assert preview.rowCount() == 3
    assert "Xóm Nà Cạn, xã Bình Long" in preview.item(0, 3).text()  # TCVN3 repaired
    assert "TCVN3" in preview.item(0, 4).text()
    assert preview.item(2, 2).text() == "Có lỗi"  # "không rõ" is no year
    assert preview.item(2, 0).checkState() == Qt.CheckState.Unchecked
    assert store.get_dossier(did) == before  # nothing written by the preview
    preview.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # skip Hoàng Thị Mến
    assert dialog.import_button.text() == "Nhập 1 dòng"
    dialog.import_button.click()
    after = store.get_dossier(did)
    added = after.nominees[len(before.nominees):]
    assert [(n.kind, n.full_name, n.address) for n in added] == [
        ("resident", "Nông Văn Páo", "Xóm Nà Cạn, xã Bình Long")]
    assert added[0].id in after.proposal.nominee_ids
    assert memory.recall(dialog.header, "nominees")[1] == "full_name"
    window.undo_action.trigger()
    assert store.get_dossier(did).nominees == before.nominees
    assert store.get_dossier(did).proposal.nominee_ids == before.proposal.nominee_ids


def test_a_row_is_fixed_in_the_preview(qtbot, launch, demo_store, tmp_path, monkeypatch):
    controller = launch()
    dialog = SheetImportDialog(controller.window.session, "nominees",
                               _sheet(tmp_path / "ds.xlsx"), memory=LayoutMemory(
                                   tmp_path / "m.json"))
    qtbot.addWidget(dialog)

    def fill(form_dialog):
        form_dialog.findChild(QLineEdit, "sheet_fix_2").setText("1970")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", fill)
    dialog.fix_row(2)
    row = dialog.plan.rows[2]
    assert row.item.birth_year == 1970 and not row.skip
    assert dialog.preview.item(2, 0).checkState() == Qt.CheckState.Checked


def test_import_council_members_from_xls(qtbot, launch, demo_store, tmp_path):
    controller = launch()
    window, store, did = controller.window, controller.store, demo_store.id
    before = store.get_dossier(did).council.members
    dialog = SheetImportDialog(window.session, "members", XLS, window,
                               memory=LayoutMemory(tmp_path / "m.json"))
    qtbot.addWidget(dialog)
    assert dialog.sheet_combo.currentText() == "Hoi dong"
    assert not dialog.kind_combo.isVisible()
    names = {m.name for m in before}
    new_rows = [r for r in dialog.plan.rows if not r.skip]
    assert all(r.item.name not in names for r in new_rows)
    dialog.import_button.click()
    members = store.get_dossier(did).council.members
    assert members[:len(before)] == before
    assert new_rows and [m.name for m in members[len(before):]] == [
        r.item.name for r in new_rows]
    assert "Lê Văn Bình" in {m.name for m in members}  # read from TCVN3 "Lª V¨n B×nh"
    window.undo_action.trigger()
    assert store.get_dossier(did).council.members == before


# ------------------------------------------------------------------------- paste repair

@pytest.mark.parametrize("editor_type", [QLineEdit, QPlainTextEdit])
def test_paste_of_legacy_text_offers_the_unicode_reading(qtbot, monkeypatch, editor_type):
    paste_repair.install()
    editor = editor_type()
    qtbot.addWidget(editor)
    editor.show()
    editor.setFocus()
    asked = []

    def answer(repair, parent):
        asked.append(repair)
        return repair.text

    monkeypatch.setattr(paste_repair, "ask", answer)
    QGuiApplication.clipboard().setText("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
    target = editor if editor_type is QLineEdit else editor.viewport()
    qtbot.keyClick(target, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    text = editor.text() if editor_type is QLineEdit else editor.toPlainText()
    assert text == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert asked[0].encoding == "tcvn3"
    QGuiApplication.clipboard().setText(" Nguyễn Thị Hoa")  # valid Unicode: no question
    qtbot.keyClick(target, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    text = editor.text() if editor_type is QLineEdit else editor.toPlainText()
    assert text.endswith("Việt Nam Nguyễn Thị Hoa") and len(asked) == 1


def test_paste_dialog_shows_both_readings_when_tcvn3_case_is_unclear(qtbot):
    dialog = paste_repair.PasteRepairDialog(detect("Hµ"))
    qtbot.addWidget(dialog)
    readings = [dialog.findChild(object, f"paste_reading_{i}").text() for i in range(2)]
    assert readings == ["Hà", "HÀ"]
    assert dialog.findChild(object, "paste_ambiguous") is not None
    dialog.group.button(1).setChecked(True)
    dialog.convert.click()
    assert dialog.choice == "HÀ"
    keep = paste_repair.PasteRepairDialog(detect("Coäng hoøa"))
    qtbot.addWidget(keep)
    keep.keep.click()
    assert keep.choice == "Coäng hoøa"


# ------------------------------------------------------------------------- reuse

def test_fill_from_previous_dossier(qtbot, launch, demo_store, monkeypatch):
    from desktop.models import CouncilMeeting, Dossier, Proposal

    controller = launch()
    window, store = controller.window, controller.store
    blank = Dossier(id="hs-moi", pack=demo_store.pack, unit=demo_store.unit,
                    council=CouncilMeeting(), proposal=Proposal())
    store.create_dossier(blank)
    controller.open_dossier("hs-moi")
    window = controller.window
    monkeypatch.setattr(reuse.ReuseDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert reuse.fill_from_previous(window)
    filled = store.get_dossier("hs-moi")
    assert filled.council.members == demo_store.council.members
    assert filled.proposal.signer_name == demo_store.proposal.signer_name
    window.undo_action.trigger()
    assert store.get_dossier("hs-moi").council.members == ()


def test_legacy_texts_already_in_the_dossier_are_converted_after_a_preview(qtbot, launch,
                                                                          demo_store):
    controller = launch()
    store, did = controller.store, demo_store.id
    nominee = demo_store.nominees[0]
    store.update_field(did, "unit.address", "ThÞ trÊn Trïng Kh¸nh")
    store.update_field(did, f"nominees[id={nominee.id}].note", "Hµ")  # case unclear
    controller.open_dossier(did)
    window = controller.window
    dialog = paste_repair.FixTextDialog(window.session, window)
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(r, 2).text(): r for r in range(dialog.table.rowCount())}
    assert set(rows) == {"ThÞ trÊn Trïng Kh¸nh", "Hµ"}
    assert dialog.table.item(rows["ThÞ trÊn Trïng Kh¸nh"], 1).text() == "Thông tin đơn vị · Địa chỉ"
    choice = dialog.choices[rows["Hµ"]]
    assert [choice.itemText(i) for i in range(choice.count())] == ["Hà", "HÀ"]
    choice.setCurrentIndex(1)
    dialog.apply_button.click()
    after = store.get_dossier(did)
    assert after.unit.address == "Thị trấn Trùng Khánh"
    assert after.nominee(nominee.id).note == "HÀ"
    assert not [f for f in window.session.findings if f.code == "text.legacy_encoding"]
    window.undo_action.trigger()
    assert store.get_dossier(did).unit.address == "ThÞ trÊn Trïng Kh¸nh"


def test_paste_from_the_context_menu_asks_too(qtbot, monkeypatch):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    paste_repair.install()
    editor = QLineEdit()
    qtbot.addWidget(editor)
    editor.show()
    monkeypatch.setattr(paste_repair, "ask", lambda repair, parent: repair.text)

    def choose_paste(menu, pos):
        [paste] = [a for a in menu.actions() if a.objectName() == "edit-paste"]
        paste.trigger()

    monkeypatch.setattr(paste_repair, "show_menu", choose_paste)
    QGuiApplication.clipboard().setText("Uû ban nh©n d©n")
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                              editor.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(editor, event)
    assert editor.text() == "Uỷ ban nhân dân"
