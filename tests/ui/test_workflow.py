"""The whole workflow as a user: start page, nominee, inline errors, votes, check, preview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from .keys import alt, type_text


def _label(widget, name: str) -> QLabel:
    label = widget.findChild(QLabel, name)
    assert label is not None, name
    return label


def _type(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    type_text(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_first_run_to_preview(qtbot, launch, hoso_data_dir):
    controller = launch()
    start = controller.window.centralWidget()
    assert start.objectName() == "start_page"
    type_text(qtbot, start.name, "Ủy ban nhân dân xã Bình Dương")
    kind = start.kind
    kind.setFocus()
    commune = next(i for i, (v, _) in enumerate(start.kind_choices) if v == "commune")
    kind.setCurrentIndex(commune)
    type_text(qtbot, start.locality, "Hòa An")
    qtbot.mouseClick(start.create_button, Qt.MouseButton.LeftButton)
    window = controller.window
    assert window.objectName() == "main_window"
    session = controller.session
    assert session.dossier.unit.name == "Ủy ban nhân dân xã Bình Dương"

    # step 2: add an individual
    alt(qtbot, window, 2)
    assert window.current_step() == 1
    page = window.pages[1]
    qtbot.mouseClick(page.add_buttons["individual"], Qt.MouseButton.LeftButton)
    assert len(session.dossier.nominees) == 1
    nominee_id = session.dossier.nominees[0].id
    form = page.current_form
    # a blank form shows no message; leaving the empty required field shows it, in
    # Vietnamese, in room kept for it (nothing below moves when it appears)
    assert _label(form, "error_full_name").text() == ""
    name = form.form.field("full_name")
    assert QApplication.focusWidget() is name
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert _label(form, "error_full_name").text() == (
        "Đối tượng thứ 1 (chưa có tên): chưa nhập Họ và tên.")
    assert _label(form, "error_full_name").isVisibleTo(form)

    # letters in the birth year: a message naming the field, nothing saved
    year = form.form.field("birth_year")
    _type(qtbot, year, "19a5")
    assert _label(form, "error_birth_year").text() == (
        "Đối tượng thứ 1: Năm sinh phải là số nguyên; giá trị “19a5” không hợp lệ.")
    with _same(controller) as s:
        assert s.get_nominee(session.dossier_id, nominee_id).birth_year is None
    _type(qtbot, year, "1985")
    assert controller.store.get_nominee(session.dossier_id, nominee_id).birth_year == 1985
    assert _label(form, "error_birth_year").text() == ""

    # fix the name: its error goes away as soon as the edit is committed
    _type(qtbot, form.form.field("full_name"), "Nông Thị Hoa")
    assert controller.store.get_nominee(session.dossier_id, nominee_id).full_name == \
        "Nông Thị Hoa"
    assert _label(form, "error_full_name").text() == ""
    assert page.model.text(0, 2) == "Nông Thị Hoa"

    # step 3: votes through the grid (a cell edit, committed with Enter)
    alt(qtbot, window, 3)
    council = window.pages[2]
    index = council.vote_model.index(0, 1)
    council.votes.setFocus()
    council.votes.setCurrentIndex(index)
    # typing a digit on a cell starts editing it (as in a spreadsheet); Enter commits
    qtbot.keyClicks(council.votes, "7")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop
    qtbot.waitUntil(lambda: session.dossier.council.votes != ())
    votes = controller.store.get_dossier(session.dossier_id).council.votes
    assert [(v.nominee_id, v.votes_for) for v in votes] == [(nominee_id, 7)]
    assert "cần" in council.threshold.text() or "≥" in council.threshold.text()

    # step 5: the findings panel; Enter on a finding jumps to its field
    alt(qtbot, window, 5)
    check = window.pages[4]
    assert check.model.rowCount() >= 1
    assert check.model.counts["error"] == len(session.errors()) > 0
    leaf = _first_leaf(check.model, nominee_id)
    check.view.setCurrentIndex(leaf)
    qtbot.keyClick(check.view, Qt.Key.Key_Return)  # Enter on a finding: jump to its field
    qtbot.waitUntil(lambda: window.current_step() == 1)

    # step 6: preview renders off the GUI thread into QPdfView
    alt(qtbot, window, 6)
    preview = window.pages[5]
    qtbot.waitUntil(lambda: preview.list.count() > 0, timeout=30000)
    qtbot.waitUntil(lambda: preview.pdf.status() == QPdfDocument.Status.Ready, timeout=10000)
    assert preview.pdf.pageCount() >= 1
    assert "BẢN XEM TRƯỚC" in preview.status.text()
    assert preview.view.document() is preview.pdf


class _same:
    """The app's own store (a second Store on the same file is refused while it runs)."""

    def __init__(self, controller) -> None:
        self.store = controller.store

    def __enter__(self):
        return self.store

    def __exit__(self, *exc) -> None:
        pass


def _first_leaf(model, nominee_id):
    from desktop.ui.item_models import OBJECT_ROLE

    for r in range(model.rowCount()):
        group = model.index(r, 0)
        if model.data(group, OBJECT_ROLE) != f"group:{nominee_id}":
            continue
        doc = model.index(0, 0, group)
        return model.index(0, 0, doc)
    raise AssertionError("no finding for the nominee")


def test_demo_opens_last_dossier_and_buttons_are_vietnamese(qtbot, launch):
    controller = launch(demo=True)
    window = controller.window
    assert window.objectName() == "main_window"
    texts = [window.steps.item(i).text() for i in range(window.steps.count())]
    assert texts == ["1. Đơn vị", "2. Đối tượng đề nghị", "3. Họp Hội đồng", "4. Tờ trình",
                     "5. Kiểm tra", "6. Xem trước", "7. Xuất hồ sơ"]
    assert window.pages[1].model.rowCount() >= 1
    assert window.findChild(QPushButton, "add_household") is not None


def test_export_writes_a_package_that_verifies(qtbot, launch, demo_store, documents):
    from desktop.package import verify_package

    controller = launch()
    window = controller.window
    window.go(6)
    page = window.pages[6]
    assert page.button.isEnabled(), page.state.text()
    qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result is not None or bool(page.error.text()), timeout=60000)
    assert page.error.text() == ""
    result = page.result
    assert result.path.is_file() and result.path.parent == documents  # the user's Documents
    assert verify_package(result.path).ok
    text = page.outcome.text()
    assert result.sha256 in text and "hợp lệ" in text
    assert controller.store.get_dossier(demo_store.id).state == "exported"
