"""The campaign result report form (Tệp → Báo cáo kết quả đợt thi đua…) on the demo district:
section texts, figure overrides and the sent date go to the store through the edit path,
the preview renders them, a district sums the commune it ticks, files are saved."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from desktop.demo import demo_dossiers
from desktop.ui import result_report
from desktop.ui.result_report import FiguresModel, format_number, parse_number

from .keys import type_text

DISTRICT = "demo-huyen-trung-khanh"
COMMUNE = "demo-xa-bach-dang"
SECTION = "Toàn huyện nhân rộng được 25 mô hình “Dân vận khéo”, xây dựng 3 nhà đại đoàn kết."


@pytest.fixture
def district(qtbot, launch):
    """The app open (``--demo``) on the demo district; the demo commune is in its store."""
    controller = launch(demo=True)
    if controller.session.dossier_id != DISTRICT:
        controller.open_dossier(DISTRICT, 0)
    window = controller.window
    window.findChild(QAction, "action_result_report").trigger()
    dialog = window.result_report_dialog
    qtbot.waitExposed(dialog)
    yield controller, window, dialog
    window.runner.wait_all(30000)
    dialog.close()


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def _pdf_text(data: bytes) -> str:
    return _squash(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages))


def _edit_override(qtbot, dialog, key: str, text: str) -> None:
    view, model = dialog.figures_view, dialog.figures_model
    index = model.index(model.row_of(key), FiguresModel.OVERRIDE)
    if not dialog.isActiveWindow():  # as a person clicks back into the form
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)  # edit the cell (as in a spreadsheet)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState,
                    timeout=2000)


def _value(dialog, key: str) -> str:
    model = dialog.figures_model
    return model.index(model.row_of(key), FiguresModel.VALUE).data()


def test_numbers_read_and_written_the_vietnamese_way():
    assert parse_number("1.500.000") == 1_500_000
    assert parse_number("12,5") == 12.5
    assert parse_number(" 43 ") == 43
    assert parse_number("") is None
    for bad in ("nhiều", "12a", "-3", "1,2,3"):
        with pytest.raises(ValueError):
            parse_number(bad)
    assert format_number(5_000_000) == "5.000.000"
    assert format_number(12.5) == "12,5"


def test_report_form_saves_previews_and_clears(qtbot, district, tmp_path, monkeypatch):
    controller, window, dialog = district
    store = controller.store
    assert "Hạn gửi: 10/07/2023" in dialog.deadline.text()
    assert dialog.late.isVisible() and "quá hạn" in dialog.late.text()

    # a district sums the commune it ticks
    assert not dialog.commune_box.isHidden()
    own_total = int(_value(dialog, "nominees.total"))
    commune = next(dialog.commune_list.item(i) for i in range(dialog.commune_list.count())
                   if dialog.commune_list.item(i).data(Qt.ItemDataRole.UserRole) == COMMUNE)
    commune.setCheckState(Qt.CheckState.Checked)
    assert int(_value(dialog, "nominees.total")) == own_total + len(
        store.get_dossier(COMMUNE).nominees)

    # a section typed in Vietnamese is stored when the editor loses the focus
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.tabs.setCurrentIndex(0)
    editor = dialog.section_editors["I.3"]
    editor.setFocus()
    type_text(qtbot, editor, SECTION)
    dialog.section_editors["I.4"].setFocus()
    qtbot.waitUntil(lambda: store.get_dossier(DISTRICT).result_report.sections.get("I.3")
                    == SECTION, timeout=2000)

    # a figure: letters are refused with the field named, a number is stored
    dialog.tabs.setCurrentIndex(1)
    computed_money = dialog.figures_model.rows[
        dialog.figures_model.row_of("contributions.money_vnd")].computed
    _edit_override(qtbot, dialog, "contributions.money_vnd", "nhiều")
    assert "Tiền đóng góp" in dialog.figure_error.text()
    assert "nhiều" in dialog.figure_error.text()
    assert store.get_dossier(DISTRICT).result_report.figure_overrides == {}
    _edit_override(qtbot, dialog, "contributions.money_vnd", "12.500.000")
    assert store.get_dossier(DISTRICT).result_report.figure_overrides == {
        "contributions.money_vnd": 12_500_000}
    assert _value(dialog, "contributions.money_vnd") == "12.500.000"
    assert dialog.figure_error.text() == ""

    # the report number takes digits only
    dialog.tabs.setCurrentIndex(2)
    saved_number = store.get_dossier(DISTRICT).result_report.number
    number = dialog.form.field("number")
    number.setFocus()
    type_text(qtbot, number, "25a")
    qtbot.keyClick(number, Qt.Key.Key_Return)
    assert "Số báo cáo" in dialog.form.fields["number"].error.text()
    assert store.get_dossier(DISTRICT).result_report.number == saved_number  # not stored
    number.selectAll()
    qtbot.keyClick(number, Qt.Key.Key_Delete)
    type_text(qtbot, number, "25")
    qtbot.keyClick(number, Qt.Key.Key_Return)
    assert store.get_dossier(DISTRICT).result_report.number == "25"

    # sent on: stored, the late warning gives way; undo and redo go through the store
    sent_on = dialog.form.field("sent_on")
    sent_on.setFocus()
    qtbot.keyClicks(sent_on, "8-7-2023")  # typed as a secretary types it
    qtbot.keyClick(sent_on, Qt.Key.Key_Return)
    report = store.get_dossier(DISTRICT).result_report
    assert report.sent_on == dt.date(2023, 7, 8)
    assert "quá hạn" not in dialog.late.text() and "08/07/2023" in dialog.late.text()
    window.undo_action.trigger()
    assert store.get_dossier(DISTRICT).result_report.sent_on is None
    assert "quá hạn" in dialog.late.text()
    window.redo_action.trigger()
    assert store.get_dossier(DISTRICT).result_report.sent_on == dt.date(2023, 7, 8)
    assert sent_on.text() == "08/07/2023"

    # everything is in the store after a reload
    report = store.get_dossier(DISTRICT).result_report
    assert report.sections["I.3"] == SECTION
    assert report.figure_overrides == {"contributions.money_vnd": 12_500_000}
    assert report.number == "25"

    # the preview renders the typed text and the overridden figure
    from PySide6.QtPdf import QPdfDocument

    with qtbot.waitSignal(dialog.rendered, timeout=60000):
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.pdf.status() == QPdfDocument.Status.Ready
    assert dialog.pdf.pageCount() >= 1
    text = _pdf_text(dialog.document.data)
    assert _squash(SECTION) in text
    assert "12.500.000" in text
    assert "Số: 25/" in text

    # clearing the override shows (and stores) the computed value again
    dialog.tabs.setCurrentIndex(1)
    model = dialog.figures_model
    dialog.figures_view.setCurrentIndex(model.index(model.row_of("contributions.money_vnd"),
                                                    FiguresModel.LABEL))
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert store.get_dossier(DISTRICT).result_report.figure_overrides == {}
    assert _value(dialog, "contributions.money_vnd") == format_number(computed_money)
    _edit_override(qtbot, dialog, "contributions.workdays", "50")
    assert store.get_dossier(DISTRICT).result_report.figure_overrides == {
        "contributions.workdays": 50}
    _edit_override(qtbot, dialog, "contributions.workdays", "")
    assert store.get_dossier(DISTRICT).result_report.figure_overrides == {}

    # save as PDF and DOCX into a folder
    out = tmp_path / "bao-cao"
    out.mkdir()
    monkeypatch.setattr(result_report, "existing_directory", lambda *a, **k: str(out))
    for button, ext in ((dialog.save_pdf_button, "pdf"), (dialog.save_docx_button, "docx")):
        with qtbot.waitSignal(dialog.saved, timeout=60000) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        path = blocker.args[0]
        assert path is not None and path.parent == out and path.suffix == f".{ext}"
        assert path.stat().st_size > 1000
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_figures_model(qtmodeltester):
    from desktop.packs import load_pack
    from desktop.report import compute_figures

    dossiers = {d.id: d for d in demo_dossiers()}
    pack = load_pack(dossiers[DISTRICT].pack.id)
    model = FiguresModel()
    figures = compute_figures([dossiers[DISTRICT], dossiers[COMMUNE]], pack,
                              overrides={"nominees.total": 7})
    model.set_figures(figures.rows(), {"nominees.total": 7})
    qtmodeltester.check(model)
    edited, rejected = [], []
    model.override_edited.connect(lambda key, value: edited.append((key, value)))
    model.override_rejected.connect(lambda key, text: rejected.append((key, text)))
    index = model.index(0, FiguresModel.OVERRIDE)
    assert index.data() == "7" and model.index(0, FiguresModel.VALUE).data() == "7"
    assert model.setData(index, "1.200")
    assert not model.setData(index, "bảy")
    assert model.setData(index, "")
    assert edited == [("nominees.total", 1200), ("nominees.total", None)]
    assert rejected == [("nominees.total", "bảy")]
    model.set_figures(compute_figures([dossiers[DISTRICT]], pack, overrides={}).rows(), {})
    qtmodeltester.check(model)


def test_deadline_finding_opens_the_report_at_the_sent_date(qtbot, launch):
    controller = launch(demo=True)
    if controller.session.dossier_id != DISTRICT:
        controller.open_dossier(DISTRICT, 0)
    window = controller.window
    finding = next(f for f in controller.session.findings
                   if f.code == "deadline.result_report_late")
    window.jump_to(finding)  # Enter or a double-click on the finding (step 5)
    dialog = window.result_report_dialog
    qtbot.waitExposed(dialog)
    assert dialog.tabs.currentIndex() == 2
    assert dialog.form.field("sent_on").hasFocus() or not dialog.isActiveWindow()
