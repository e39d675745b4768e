"""One edit path: store at once, undo/redo through the store, bad input saves nothing,
the language switch, backups."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from .keys import type_text


def _commit(qtbot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    type_text(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_undo_redo_restore_the_stored_value(qtbot, launch, demo_store):
    controller = launch()
    window, store, did = controller.window, controller.store, demo_store.id
    window.go(0)
    name = window.pages[0].form.field("name")
    old = store.get_dossier(did).unit.name
    _commit(qtbot, name, "Ủy ban nhân dân xã Đức Long")
    assert store.get_dossier(did).unit.name == "Ủy ban nhân dân xã Đức Long"
    window.undo_action.trigger()
    assert store.get_dossier(did).unit.name == old
    assert name.text() == old
    window.redo_action.trigger()
    assert store.get_dossier(did).unit.name == "Ủy ban nhân dân xã Đức Long"
    assert name.text() == "Ủy ban nhân dân xã Đức Long"


def test_add_and_remove_nominee_undo(qtbot, launch, demo_store):
    controller = launch()
    window, store, did = controller.window, controller.store, demo_store.id
    window.go(1)
    page = window.pages[1]
    before = [n.id for n in store.get_dossier(did).nominees]
    qtbot.mouseClick(page.add_buttons["resident"], Qt.MouseButton.LeftButton)
    after = store.get_dossier(did)
    assert len(after.nominees) == len(before) + 1
    new_id = after.nominees[-1].id
    assert new_id in after.proposal.nominee_ids
    window.undo_action.trigger()
    assert [n.id for n in store.get_dossier(did).nominees] == before
    assert new_id not in store.get_dossier(did).proposal.nominee_ids
    page.view.setCurrentIndex(page.model.index(0, 0))
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert [n.id for n in store.get_dossier(did).nominees] == before[1:]
    window.undo_action.trigger()
    assert [n.id for n in store.get_dossier(did).nominees] == before


def test_bad_money_keeps_the_stored_value(qtbot, launch, demo_store):
    controller = launch()
    window, store, did = controller.window, controller.store, demo_store.id
    window.go(1)
    page = window.pages[1]
    household = next(i for i, n in enumerate(demo_store.nominees) if n.kind == "household")
    page.select(demo_store.nominees[household].id)
    form = page.current_form
    income = form.form.field("annual_income_vnd")
    stored = store.get_dossier(did).nominees[household].annual_income_vnd
    _commit(qtbot, income, "nhiều")
    error = form.findChild(QLabel, "error_annual_income_vnd")
    assert "Thu nhập" in error.text() or "nhiều" in error.text()
    assert store.get_dossier(did).nominees[household].annual_income_vnd == stored
    _commit(qtbot, income, "120.000.000")
    assert store.get_dossier(did).nominees[household].annual_income_vnd == 120_000_000
    assert error.text() == ""


def test_language_switch_changes_visible_texts(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    window.go(2)
    assert window.steps.item(0).text() == "1. Đơn vị"
    assert window.menuBar().actions()[0].text() == "&Tệp"
    english = window.findChild(type(window.undo_action), "action_lang_en")
    english.trigger()
    new = controller.window
    assert new is window  # retranslated in place, not rebuilt
    assert new.steps.item(0).text() == "1. Unit"
    assert new.menuBar().actions()[0].text() == "&File"
    assert new.current_step() == 2  # state kept
    assert "members present" in new.pages[2].quorum.text()
    vietnamese = new.findChild(type(window.undo_action), "action_lang_vi")
    vietnamese.trigger()
    assert controller.window.steps.item(1).text() == "2. Đối tượng đề nghị"
    assert "thành viên dự họp" in controller.window.pages[2].quorum.text()


def test_quorum_and_threshold_are_live(qtbot, launch, demo_store):
    controller = launch()
    controller.window.go(2)
    page = controller.window.pages[2]
    members = demo_store.council.members
    present = sum(m.present for m in members)
    assert page.quorum.text().startswith(f"{present}/{len(members)} thành viên dự họp — đủ 2/3")
    assert page.threshold.text().startswith("Mỗi đối tượng cần ≥ ")
    model = page.members.model
    for row in range(len(members)):  # untick "present" for everyone
        if members[row].present:
            model.setData(model.index(row, 3), Qt.CheckState.Unchecked.value,
                          Qt.ItemDataRole.CheckStateRole)
    assert page.quorum.text().startswith(f"0/{len(members)} thành viên dự họp — chưa đủ 2/3")


def test_qt_dialog_buttons_are_translated(qtbot, launch, demo_store):
    from PySide6.QtWidgets import QDialogButtonBox

    launch()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = sorted(b.text().replace("&", "") for b in box.buttons())
    assert texts == ["Hủy", "OK"]
