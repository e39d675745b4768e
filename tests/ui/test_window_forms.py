"""What the eyes meet on the step pages: messages only after a field was left or its step
visited, typed dates and times, coded fields read as typed, one box for the report form
that applies, no nonsense figures, data asked once, help per step, a layout that fits."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QCalendarWidget, QScrollArea

from .keys import activate, type_text
from .test_window_keys import _new_dossier


def _enter(qtbot, field, text: str) -> None:
    """Click into a field, replace its text by typing, Tab out (one action each)."""
    field.setFocus()
    field.selectAll()
    type_text(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_blank_form_shows_no_messages_until_left_or_visited(qtbot, launch):
    _, window = _new_dossier(qtbot, launch)
    window.go(2)
    council = window.pages[2]
    date_error = council.form.fields["date"].error
    assert date_error.text() == ""  # required, empty, but nobody has been there yet
    assert "0/0" not in council.quorum.text() and "ít nhất 0" not in council.quorum.text()
    assert "≥ 0" not in council.threshold.text()
    window.go(3)
    window.go(2)  # the step was visited: its messages show now
    assert "Ngày họp Hội đồng" in date_error.text()


def test_date_and_time_fields_read_what_is_typed(qtbot, launch):
    controller, window = _new_dossier(qtbot, launch)
    window.go(2)
    council = window.pages[2]
    day = council.form.field("date")
    assert day.text() == "" and "25/06/2023" in day.placeholderText()
    _enter(qtbot, day, "25062023")
    assert controller.session.dossier.council.date == dt.date(2023, 6, 25)
    assert day.text() == "25/06/2023"
    _enter(qtbot, day, "30/02/2023")
    assert council.form.fields["date"].error.text() == \
        "Ngày họp Hội đồng: ngày 30/02/2023 không có."
    assert controller.session.dossier.council.date == dt.date(2023, 6, 25)  # kept
    start = council.form.field("start_time")
    _enter(qtbot, start, "8h")
    assert controller.session.dossier.council.start_time == dt.time(8, 0)
    assert start.text() == "08:00"
    _enter(qtbot, start, "8h30")
    assert controller.session.dossier.council.start_time == dt.time(8, 30)
    _enter(qtbot, start, "sáng")
    assert "Giờ bắt đầu họp" in council.form.fields["start_time"].error.text()
    assert controller.session.dossier.council.start_time == dt.time(8, 30)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_empty_date_calendar_opens_inside_the_campaign_period(qtbot, launch):
    controller, window = _new_dossier(qtbot, launch)
    window.go(3)
    day = window.pages[3].form.field("date")
    day.setFocus()
    qtbot.keyClick(day, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = day.popup.findChild(QCalendarWidget)
    period = controller.session.pack.achievement_period
    chosen = calendar.selectedDate().toPython()
    assert period.start <= chosen <= period.end
    calendar.clicked.emit(calendar.selectedDate())
    assert controller.session.dossier.proposal.date == chosen


def test_coded_fields_take_the_number_or_the_whole_code(qtbot, launch):
    controller, window = _new_dossier(qtbot, launch)
    window.go(2)
    number = window.pages[2].form.field("number")
    assert "03" in number.placeholderText()
    _enter(qtbot, number, "01/BB-HĐTĐKT")
    assert controller.session.dossier.council.number == "01"
    window.go(3)
    page = window.pages[3]
    _enter(qtbot, page.form.field("number"), "12/TTr-UBND")
    assert controller.session.dossier.proposal.number == "12"
    _enter(qtbot, page.form.field("symbol"), "12/TTr-UBND")
    assert controller.session.dossier.proposal.symbol == "TTr-UBND"
    recipients = page.form.field("recipients")
    recipients.setFocus()
    type_text(qtbot, recipients, "- Như trên;")
    qtbot.keyClick(recipients, Qt.Key.Key_Return)
    type_text(qtbot, recipients, "- Lưu: VT.")
    qtbot.keyClick(recipients, Qt.Key.Key_Tab)
    assert controller.session.dossier.proposal.recipients == ("Như trên;", "Lưu: VT.")
    addressee = page.form.field("addressee")
    assert not hasattr(addressee, "toPlainText")  # one line: no break in the sentence


def test_proposal_offers_place_and_signer_from_step_one(qtbot, launch):
    controller, window = _new_dossier(qtbot, launch)
    unit_form = window.pages[0].form
    _enter(qtbot, unit_form.field("locality"), "Bình Dương")
    _enter(qtbot, unit_form.field("head_name"), "Hoàng Văn Ữ")
    _enter(qtbot, unit_form.field("head_title"), "Chủ tịch Ủy ban nhân dân xã")
    window.go(3)
    p = controller.session.dossier.proposal
    assert (p.place, p.signer_name) == ("Bình Dương", "Hoàng Văn Ữ")
    assert p.signer_title.casefold() == "chủ tịch"  # the regime's title, or the head's
    assert window.pages[3].form.field("signer_name").text() == "Hoàng Văn Ữ"


def test_unit_kind_sets_the_managing_level(qtbot, launch):
    controller, window = _new_dossier(qtbot, launch)
    kind = window.pages[0].form.fields["kind"]
    index = next(i for i, (v, _) in enumerate(kind.choices) if v == "district")
    kind.editor.setCurrentIndex(index)
    kind.editor.activated.emit(index)
    assert controller.session.dossier.unit.managing_level == "district"
    assert window.pages[0].form.fields["managing_level"].read() == "district"


def test_only_the_report_box_that_applies_is_shown(qtbot, launch):
    controller, window = _new_dossier(qtbot, launch)
    window.go(1)
    page = window.pages[1]
    qtbot.mouseClick(page.add_buttons["household"], Qt.MouseButton.LeftButton)
    household = page.current_form
    assert controller.session.dossier.nominees[0].report_form == "summary"
    assert household.summary_bound.editor.isVisibleTo(household)
    assert "tóm tắt" in household.report_note.text()
    qtbot.mouseClick(page.add_buttons["collective"], Qt.MouseButton.LeftButton)
    collective = page.current_form
    assert controller.session.dossier.nominees[1].report_form == "full_report"
    assert not collective.summary_bound.editor.isVisibleTo(collective)
    assert not collective.report_bound.editor.isVisibleTo(collective)  # no choice to make


def test_a_new_nominee_opens_at_the_top_with_its_first_field_focused(qtbot, launch,
                                                                     demo_store):
    controller = launch()
    window = controller.window
    activate(qtbot, window)
    window.resize(1366, 768)
    window.go(1)
    page = window.pages[1]
    page.form_scroll.verticalScrollBar().setValue(400)
    qtbot.mouseClick(page.add_buttons["individual"], Qt.MouseButton.LeftButton)
    assert page.form_scroll.verticalScrollBar().value() == 0
    assert QApplication.focusWidget() is page.current_form.form.field("full_name")


def test_vote_below_threshold_shows_on_step_three_live(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    window.go(2)
    council = window.pages[2]
    council.vote_model.setData(council.vote_model.index(0, 1), "4")
    result = council.vote_model.text(0, len(council.vote_model.columns) - 1)
    assert result.startswith("Chưa đủ")
    assert "4" in council.vote_error.text() or "phiếu" in council.vote_error.text()


def test_f1_opens_the_steps_help_with_the_campaigns_own_texts(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    activate(qtbot, window)
    window.go(1)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window._help_dialog
    text = dialog.browser.toPlainText()
    assert "Bước 2" in text
    first = controller.session.pack.nominee_kinds[0].criteria[0].text
    assert first[:40] in text
    assert "{criteria}" not in text
    dialog.close()
    window.go(2)
    qtbot.mouseClick(window.help_button, Qt.MouseButton.LeftButton)
    assert controller.session.pack.council.rule_text[:40] in \
        window._help_dialog.browser.toPlainText()
    window._help_dialog.close()


def test_pages_fit_an_office_laptop_without_a_horizontal_scrollbar(qtbot, launch,
                                                                   demo_store):
    controller = launch()
    window = controller.window
    for width, height in ((1366, 768), (1280, 720)):
        window.resize(width, height)
        for step in range(4):
            window.go(step)
            qtbot.wait(10)
            page = window.pages[step]
            for area in page.findChildren(QScrollArea):
                if not area.isVisible() or area.widget() is None:
                    continue
                need = area.widget().minimumSizeHint().width()
                assert need <= area.viewport().width(), (step, width, need)
            nominees = controller.session.dossier.nominees if step == 1 else [None]
            for nominee in nominees:  # every kind's form, tables included
                if nominee is not None:
                    page.select(nominee.id)
                    qtbot.wait(10)
                for view in page.findChildren(QAbstractItemView):
                    if view.isVisible():
                        assert view.horizontalScrollBar().maximum() == 0, (
                            step, width, view.objectName())
        page = window.pages[1]
        editor = page.splitter.sizes()[1]
        assert editor >= 0.6 * sum(page.splitter.sizes()), (width, page.splitter.sizes())


def test_a_finding_without_a_visible_field_still_shows_on_its_page(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    window.go(1)
    page = window.pages[1]
    collective = next(n for n in controller.session.dossier.nominees if n.kind == "collective")
    page.select(collective.id)
    # a summary for a collective (an old file, an import): its field is not on the form
    controller.session.set_field(f"nominees[id={collective.id}].report_form", "summary")
    errors = [f for f in controller.session.findings_of(collective.id)
              if f.blocking and (f.path or "").endswith("report_form")]
    assert errors
    assert not page.current_form.report_bound.editor.isVisibleTo(page.current_form)
    assert errors[0].message_vi in page.current_form.others.text()


def test_report_form_follows_the_role(qtbot, launch):
    controller, window = _new_dossier(qtbot, launch)
    window.go(1)
    page = window.pages[1]
    qtbot.mouseClick(page.add_buttons["individual"], Qt.MouseButton.LeftButton)
    form = page.current_form
    role = form.form.fields["role"]
    pack = controller.session.pack
    farmer = next(i for i, (v, _) in enumerate(role.choices) if v == "farmer")
    role.editor.setCurrentIndex(farmer)
    role.editor.activated.emit(farmer)
    assert controller.session.dossier.nominees[0].report_form == "summary"
    assert form.summary_bound.editor.isVisibleTo(form)
    leader = next(i for i, (v, _) in enumerate(role.choices)
                  if v and pack.role(v) is not None and pack.role(v).leadership)
    role.editor.setCurrentIndex(leader)
    role.editor.activated.emit(leader)
    assert controller.session.dossier.nominees[0].report_form == "full_report"
    assert not form.summary_bound.editor.isVisibleTo(form)


def test_the_nominee_splitter_is_remembered(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    window.resize(1366, 768)
    window.go(1)
    splitter = window.pages[1].splitter
    splitter.setSizes([500, 700])
    splitter.splitterMoved.emit(500, 1)  # what dragging the handle reports
    wanted = splitter.sizes()
    controller.switch_language("en")  # the window is retranslated, step 2 rebuilt
    window = controller.window
    window.resize(1366, 768)
    window.go(1)
    assert window.pages[1].splitter.sizes() == wanted


def test_jumping_to_a_date_finding_selects_that_cell(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    activate(qtbot, window)
    session = controller.session
    nominee = next(n for n in session.dossier.nominees if n.achievements)
    session.set_field(f"nominees[id={nominee.id}].achievements[0].date_to", "2019-05-01")
    finding = next(f for f in session.findings_of(nominee.id)
                   if ".achievements[0].date_to" in (f.path or ""))
    window.go(4)
    window.jump_to(finding)
    qtbot.waitUntil(lambda: window.current_step() == 1)
    table = window.pages[1].current_form.achievements
    assert window.isActiveWindow()  # no stray top-level window took the activation
    qtbot.waitUntil(lambda: table.view.hasFocus())
    index = table.view.currentIndex()
    assert (index.row(), table.model.columns[index.column()].field) == (0, "date_to")
    assert table.view.visualRect(index).intersects(table.view.viewport().rect())
    assert finding.message_vi in table.error.text()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # a popup
def test_a_nominee_added_later_starts_quiet_and_ethnicity_reads_without_marks(qtbot,
                                                                             launch):
    controller, window = _new_dossier(qtbot, launch)
    window.go(1)
    window.go(2)
    window.go(1)  # step 2 visited before the nominee existed
    page = window.pages[1]
    qtbot.mouseClick(page.add_buttons["household"], Qt.MouseButton.LeftButton)
    form = page.current_form.form
    assert form.fields["address"].error.text() == ""  # not reached yet: no message
    assert page.current_form.others.text() == ""
    ethnic = form.fields["ethnicity"]
    _enter(qtbot, ethnic.editor.lineEdit(), "Tay")
    tay = next(g.id for g in controller.session.pack.ethnic_groups if g.label == "Tày")
    assert controller.session.dossier.nominees[0].ethnicity == tay
    assert ethnic.error.text() == ""


def test_nominee_step_quotes_the_plans_quota_for_the_unit(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    window.go(1)
    unit = controller.session.dossier.unit
    rule = next(q for q in controller.session.pack.quota_rules
                if unit.kind in q.unit_kinds and q.text)
    assert rule.text in window.pages[1].quota.text()


def test_an_empty_list_is_said_on_step_two_once_visited(qtbot, launch):
    controller, window = _new_dossier(qtbot, launch)
    window.go(1)
    page = window.pages[1]
    assert page.others.text() == ""  # first visit: quiet
    window.go(2)
    window.go(1)
    empty = next(f for f in controller.session.errors() if f.code == "dossier.empty")
    assert empty.message_vi in page.others.text()


def test_a_warning_shows_under_its_field_in_amber(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    activate(qtbot, window)
    window.go(2)
    council = window.pages[2]
    _enter(qtbot, council.form.field("date"), "15/07/2023")  # after the upload window
    warning = next(f for f in controller.session.findings_at("council")
                   if f.code == "council.meeting_date")
    label = council.form.fields["date"].error
    assert warning.message_vi in label.text()
    assert "8a5a00" in label.styleSheet()


def test_a_tables_warning_shows_under_it_in_amber(qtbot, launch, demo_store):
    controller = launch()
    window = controller.window
    window.go(1)
    form = window.pages[1].current_form
    session = controller.session
    session.set_field(f"nominees[id={form.nominee_id}].achievements[0].date_from",
                      "2022-12-01")
    warning = next(f for f in session.findings_of(form.nominee_id)
                   if f.code == "achievement.date_partly_outside")
    assert warning.message_vi in form.achievements.error.text()
    assert "8a5a00" in form.achievements.error.styleSheet()
