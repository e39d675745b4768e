"""The window as hands meet it: focus stays in the page after a save, the stepper ignores
typed digits, Ctrl+number / Tiếp / Quay lại reach the steps, tables let Tab out and Enter
add a row, Enter on the start page creates the dossier. Real key events (QTest)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QLineEdit

from desktop.ui.widgets import DateField

from .keys import activate, type_text


def _new_dossier(qtbot, launch, name="Ủy ban nhân dân xã Bình Dương", head=""):
    controller = launch()
    start = controller.window.centralWidget()
    assert start.objectName() == "start_page"
    start.activateWindow()
    type_text(qtbot, start.name, name)
    if head:
        type_text(qtbot, start.head_name, head)
    commune = next(i for i, (v, _) in enumerate(start.kind_choices) if v == "commune")
    start.kind.setCurrentIndex(commune)
    qtbot.keyClick(start.name, Qt.Key.Key_Return)  # Enter: the default button "Tạo hồ sơ"
    window = controller.window
    assert window.objectName() == "main_window"
    activate(qtbot, window)
    return controller, window


def _ctrl(qtbot, window, number: int) -> None:
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)


def test_start_page_enter_creates_and_fills_province_and_level(qtbot, launch):
    controller, window = _new_dossier(qtbot, launch, head="Hoàng Văn Ữ")
    unit = controller.session.dossier.unit
    assert unit.head_name == "Hoàng Văn Ữ"
    window.go(3)  # the proposal offers the signer typed once on the start page
    assert controller.session.dossier.proposal.signer_name == "Hoàng Văn Ữ"
    assert unit.name == "Ủy ban nhân dân xã Bình Dương"
    assert unit.province == controller.session.pack.province == "Cao Bằng"
    assert unit.managing_level == "commune"  # the kind set it


def test_saving_a_field_keeps_focus_in_the_page_and_digits_do_not_switch_steps(
        qtbot, launch):
    controller, window = _new_dossier(qtbot, launch)
    _ctrl(qtbot, window, 2)
    assert window.current_step() == 1
    page = window.pages[1]
    qtbot.mouseClick(page.add_buttons["individual"], Qt.MouseButton.LeftButton)
    form = page.current_form.form
    name = form.field("full_name")
    assert QApplication.focusWidget() is name
    type_text(qtbot, name, "Nông Thị Hoa")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # saves the name
    assert controller.session.dossier.nominees[0].full_name == "Nông Thị Hoa"
    focus = QApplication.focusWidget()
    assert focus is form.field("alias")  # the next field, not the step list
    qtbot.keyClick(focus, Qt.Key.Key_Tab)
    year = QApplication.focusWidget()
    assert year is form.field("birth_year")
    qtbot.keyClicks(year, "1972")  # digits typed after a save: not a step switch
    qtbot.keyClick(year, Qt.Key.Key_Tab)
    assert window.current_step() == 1
    assert controller.session.dossier.nominees[0].birth_year == 1972
    assert page.isAncestorOf(QApplication.focusWidget())


def test_stepper_ignores_typed_digits_and_ctrl_numbers_and_buttons_move(qtbot, launch,
                                                                          demo_store):
    controller = launch()
    window = controller.window
    activate(qtbot, window)
    window.go(1)
    qtbot.mouseClick(window.steps.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.steps.visualItemRect(window.steps.item(1)).center())
    qtbot.keyClicks(window.steps, "5")
    qtbot.keyClicks(window.steps, "7")
    assert window.current_step() == 1
    assert "Ctrl+1" in window.steps.toolTip()
    _ctrl(qtbot, window, 3)
    assert window.current_step() == 2
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.current_step() == 3
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert window.current_step() == 1
    window.go(0)
    assert not window.back_button.isEnabled()
    window.go(6)
    assert not window.next_button.isEnabled()


def test_tab_order_of_the_unit_page_follows_the_fields_top_down(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    activate(qtbot, window)
    window.go(0)
    page = window.pages[0]
    page.title_form.field("title").setFocus()
    seen = []
    for _ in range(16):
        widget = QApplication.focusWidget()
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    fields = [page.title_form.field("title"), *(b.editor for b in page.form.fields.values())]
    assert seen[:len(fields)] == fields
    assert window.steps not in seen


def test_achievements_table_enter_adds_a_row_and_ctrl_tab_leaves(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    activate(qtbot, window)
    window.go(1)
    page = window.pages[1]
    table = page.current_form.achievements
    rows = table.model.rowCount()
    assert rows >= 1
    view = table.view
    view.setFocus()
    last = table.model.index(rows - 1, table.model.columnCount() - 1)
    view.setCurrentIndex(last)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    nominee = controller.session.nominee(page.current_form.nominee_id)
    assert len(nominee.achievements) == rows + 1
    assert view.currentIndex().row() == rows and view.currentIndex().column() == 0
    # typing a date into the new row's first cell: the same parser as the fields
    qtbot.keyClicks(view, "2")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "5062023")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.session.nominee(nominee.id).achievements[-1].date_from
                    is not None)
    assert str(controller.session.nominee(nominee.id).achievements[-1].date_from) == \
        "2023-06-25"
    assert table.model.text(rows, 0) == "25/06/2023"
    # the date column is wide enough for dd/mm/yyyy
    width = view.fontMetrics().horizontalAdvance("25/06/2023")
    assert view.columnWidth(0) > width + 20
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is not view
    assert not view.isAncestorOf(QApplication.focusWidget())


def test_impossible_table_date_says_so_and_saves_nothing(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    activate(qtbot, window)
    window.go(1)
    table = window.pages[1].current_form.achievements
    nominee_id = window.pages[1].current_form.nominee_id
    before = controller.session.nominee(nominee_id).achievements[0].date_from
    view = table.view
    view.setFocus()
    view.setCurrentIndex(table.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "30/02/2023")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "30/02/2023" in table.error.text())
    assert table.error.text() == "Từ ngày, dòng 1: ngày 30/02/2023 không có."
    assert controller.session.nominee(nominee_id).achievements[0].date_from == before


def test_votes_are_typed_row_after_row_with_tab(qtbot, launch, demo_store):
    """Tab skips the nominee's name and the live result: for, against, abstain, next row."""
    controller = launch()
    window = controller.window
    activate(qtbot, window)
    window.go(2)
    council = window.pages[2]
    view, model = council.votes, council.vote_model
    view.setFocus()
    view.setCurrentIndex(model.index(0, 1))
    for text in ("6", "1", "0", "5"):
        # a digit starts editing the cell (Tab opens the next one's editor)
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: view.currentIndex() == model.index(1, 2))
    votes = {v.nominee_id: v for v in controller.session.dossier.council.votes}
    first, second = controller.session.dossier.nominees[:2]
    assert (votes[first.id].votes_for, votes[first.id].votes_against,
            votes[first.id].abstain) == (6, 1, 0)
    assert votes[second.id].votes_for == 5


def test_tab_from_the_last_field_reaches_next(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    activate(qtbot, window)
    window.go(1)
    window.go(0)
    last = window.pages[0].form.field("head_title")
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.next_button
    qtbot.keyClick(window.next_button, Qt.Key.Key_Space)
    assert window.current_step() == 1


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_table_date_cell_calendar_picks_a_day(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    activate(qtbot, window)
    window.go(1)
    form = window.pages[1].current_form
    table, view = form.achievements, form.achievements.view
    view.setFocus()
    view.setCurrentIndex(table.model.index(0, 1))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, DateField) and editor.text()  # the stored day, typed form
    qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = editor.popup.findChild(QCalendarWidget)
    calendar.clicked.emit(QDate(2023, 6, 20))
    qtbot.waitUntil(lambda: str(controller.session.nominee(form.nominee_id)
                                .achievements[0].date_to) == "2023-06-20")
