"""The inbox window, consolidation with checkboxes, and a returned dossier's notes on its
fields and in Kiểm tra (issue M)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton

from desktop.consolidation import make_return, receive_package
from desktop.demo import demo_dossier
from desktop.package import export_package
from desktop.packs import load_pack
from desktop.store import Store

TODAY = dt.date(2023, 7, 10)


def _commune():
    from consolidation.conftest import two_nominees

    base = two_nominees(demo_dossier("demo-xa-bach-dang"))
    return base.model_copy(update={"id": "xa-thu-a", "unit": base.unit.model_copy(
        update={"name": "Ủy ban nhân dân xã Thử A"})})


def _package(tmp_path, store: Store):
    dossier = _commune()
    store.create_dossier(dossier)
    pack = load_pack(dossier.pack.id, dossier.pack.version)
    return export_package(dossier, pack, tmp_path / "out", store=store, today=TODAY,
                          formats=("pdf",)).path


def test_inbox_lists_and_consolidates_with_checkboxes(qtbot, launch, hoso_data_dir, tmp_path):
    with Store(tmp_path / "xa" / "hoso.db") as commune:
        package = _package(tmp_path, commune)
    with Store(data_dir=hoso_data_dir) as store:
        store.create_dossier(demo_dossier("demo-huyen-trung-khanh"))
        receive_package(store, package, today=TODAY)
    window = launch().window
    window.show_inbox()
    dialog = window.inbox_dialog
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, 1)) == "Ủy ban nhân dân xã Thử A"
    assert "Ủy ban nhân dân xã Thử A" in dialog.detail.toPlainText()
    tree = dialog.consolidation.tree
    household = tree.topLevelItem(0).child(1)
    assert household.text(0) == "Nông Văn Thuận"
    household.setCheckState(0, Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.consolidation.apply_button, Qt.MouseButton.LeftButton)
    taken = window.session.dossier.nominee("ho-nong-van-thuan")
    assert taken is not None and taken.origin.unit_name == "Ủy ban nhân dân xã Thử A"
    assert "ho-nong-van-thuan" in window.session.dossier.proposal.nominee_ids
    status = dialog.consolidation.status.text()
    assert "1 đối tượng lấy từ hồ sơ nhận, 2 đối tượng của đơn vị" in status
    assert "Ủy ban nhân dân xã Thử A: 01" in status  # the quota finding names the commune
    assert "đã đưa vào" in dialog.consolidation.tree.topLevelItem(0).child(1).text(2)
    # untick: it leaves the dossier again
    dialog.consolidation.tree.topLevelItem(0).child(1).setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.consolidation.apply_button, Qt.MouseButton.LeftButton)
    assert window.session.dossier.nominee("ho-nong-van-thuan") is None
    dialog.close()


def test_returned_dossier_shows_notes_on_fields_and_in_check(qtbot, launch, hoso_data_dir,
                                                            tmp_path):
    with Store(data_dir=hoso_data_dir) as commune:
        package = _package(tmp_path, commune)
    with Store(tmp_path / "huyen" / "hoso.db") as district:
        received = receive_package(district, package, today=TODAY)
        made = make_return(district, received.received_id, {"decision": "returned", "notes": [
            {"path": "nominees[id=ho-nong-van-thuan].head_birth_year",
             "text": "Năm sinh không khớp với báo cáo"}]}, tmp_path / "tl",
            reviewer=demo_dossier("demo-huyen-trung-khanh").unit, pdf=False)
    window = launch().window
    assert window.findChild(QAction, "action_open_return") is not None
    from desktop.consolidation import apply_return_file

    apply_return_file(window.session.store, made.json_path)  # what the menu entry does
    window.session.reload()
    window.go(1)
    window.pages[1].select("ho-nong-van-thuan")
    labels = [w for w in window.findChildren(QLabel, "return_note_head_birth_year")
              if w.isVisibleTo(window)]
    assert labels, "the note is shown under the field"
    assert "Năm sinh không khớp với báo cáo" in labels[0].text()
    assert "Ủy ban nhân dân huyện Trùng Khánh" in labels[0].text()
    window.go(4)
    check = window.pages[4]
    panel = check.return_notes
    assert panel.isVisibleTo(window)
    [box] = panel.findChildren(QCheckBox, "return_note_done_n1")
    assert "Năm sinh không khớp với báo cáo" in box.text()
    box.setChecked(True)
    assert window.session.store.opened_notes("xa-thu-a", open_only=True) == []
    assert not panel.findChildren(QCheckBox, "return_note_done_n1") or \
        not any(b.isVisibleTo(window) for b in panel.findChildren(QCheckBox))
    # done: the note leaves its field too
    window.go(1)
    window.pages[1].select("ho-nong-van-thuan")
    assert not [w for w in window.findChildren(QLabel, "return_note_head_birth_year")
                if w.isVisibleTo(window)]


def test_notes_dialog_writes_the_return(qtbot, launch, hoso_data_dir, tmp_path):
    from desktop.ui.inbox import NotesDialog

    with Store(tmp_path / "xa" / "hoso.db") as commune:
        package = _package(tmp_path, commune)
    with Store(data_dir=hoso_data_dir) as store:
        store.create_dossier(demo_dossier("demo-huyen-trung-khanh"))
        received = receive_package(store, package, today=TODAY)
    window = launch().window
    dialog = NotesDialog(window.session, received.received_id, window)
    qtbot.addWidget(dialog)
    # a returned dossier needs a note: the message says so and nothing is written
    dialog.export(str(tmp_path / "tl"))
    assert "ít nhất một ý kiến" in dialog.error.text()
    assert not (tmp_path / "tl").exists() or not list((tmp_path / "tl").iterdir())
    dialog.where.setCurrentIndex(2)  # the household
    index = dialog.field.findData("nominees[id=ho-nong-van-thuan].head_birth_year")
    dialog.field.setCurrentIndex(index)
    dialog.text.setText("Năm sinh không khớp với báo cáo")
    qtbot.mouseClick(dialog.findChild(QPushButton, "note_add"), Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 1
    assert "Nông Văn Thuận: Năm sinh của chủ hộ" in dialog.list.item(0).text()
    from unittest import mock

    with mock.patch("desktop.ui.inbox.QMessageBox.information"):
        dialog.export(str(tmp_path / "tl"))
    assert dialog.error.text() == ""
    assert dialog.made.json_path.is_file() and dialog.made.pdf_path.is_file()
    assert [n.text for n in dialog.made.return_file.notes] == ["Năm sinh không khớp với báo cáo"]
    assert "đã gửi" in dialog.list.item(0).text()
