"""A Giấy khen round in the window: chosen when the dossier is created, its rules set on
the first step's second tab (quota, period, criteria), findings leading back there."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .keys import type_text


def _create_round(qtbot, launch):
    controller = launch()
    start = controller.window.centralWidget()
    type_text(qtbot, start.name, "Ủy ban nhân dân xã Bình Dương")
    start.kind.setCurrentIndex(next(i for i, (v, _) in enumerate(start.kind_choices)
                                    if v == "commune"))
    type_text(qtbot, start.locality, "Bình Dương")
    picker = start.award_form
    assert picker.itemText(1) == ("Giấy khen của Chủ tịch Ủy ban nhân dân xã Bình Dương "
                                  "(đơn vị tự xét tặng)")
    assert picker.itemText(0).startswith("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
    picker.setCurrentIndex(1)
    qtbot.mouseClick(start.create_button, Qt.MouseButton.LeftButton)
    return controller


def test_create_a_round_and_set_its_quota_and_criteria(qtbot, launch):
    controller = _create_round(qtbot, launch)
    session, window = controller.session, controller.window
    d = session.dossier
    assert d.own_rules is not None and d.title.startswith("Xét tặng Giấy khen của Chủ tịch")
    assert d.proposal.signer_title == "CHỦ TỊCH" and d.proposal.authority == "direct"
    # the campaign's criteria to start from, no quota yet: Kiểm tra says so
    assert [e.kind for e in d.own_rules.criteria] == [s.kind for s in session.pack.nominee_kinds]
    assert any(f.code == "round.rules_missing" and f.path == "own_rules.quota"
               for f in session.findings)
    assert window.steps.item(3).text() == "4. Quyết định"  # the head's decision
    step = window.pages[0]
    assert step.objectName() == "round_unit_step"
    step.setCurrentWidget(step.rules)
    rules = step.rules
    assert "chưa quy định số lượng Giấy khen" in rules.quota.error.text()
    # the unit decides: at most 3 awards, no collective
    rules.quota.total.setValue(3)
    rules.quota.total.editingFinished.emit()
    rules.quota.per_kind["collective"].setValue(0)
    rules.quota.per_kind["collective"].editingFinished.emit()
    assert session.dossier.own_rules.quota.total == 3
    assert session.dossier.own_rules.quota.per_kind == {"collective": 0}
    assert not any(f.code == "round.rules_missing" for f in session.findings)
    assert rules.quota.error.text() == ""
    # a household criterion reworded and one added
    box = next(b for b in rules.criteria if b.kind == "household")
    box.table.item(0, 0).setText("Chấp hành tốt hương ước, quy ước của xóm.")
    box.add()
    own = session.dossier.own_rules.kind_criteria("household")
    assert own[0].text == "Chấp hành tốt hương ước, quy ước của xóm."
    assert own[-1].id == "gk-household-1" and len(own) == len(
        session.campaign_pack.kind_spec("household").criteria) + 1
    # saved in the data file, and undone like any edit
    stored = session.store.get_dossier(session.dossier_id)  # read back from the data file
    assert stored.own_rules.quota.total == 3
    assert stored.own_rules.kind_criteria("household") == own
    box.reset()
    assert session.dossier.own_rules.kind_criteria("household") is None
    session.undo_stack.undo()
    assert session.dossier.own_rules.kind_criteria("household")[-1].id == "gk-household-1"


def test_a_quota_finding_leads_to_the_rules_tab(qtbot, launch):
    controller = _create_round(qtbot, launch)
    session, window = controller.session, controller.window
    finding = next(f for f in session.findings if f.code == "round.rules_missing")
    window.jump_to(finding)
    assert window.current_step() == 0
    step = window.pages[0]
    qtbot.waitUntil(lambda: step.currentWidget() is step.rules, timeout=2000)


def test_the_nominee_page_asks_the_units_own_criteria(qtbot, launch, hoso_data_dir):
    from desktop.demo.giaykhen import demo_dossiers
    from desktop.store import Store

    dossier = demo_dossiers()[0]
    with Store(data_dir=hoso_data_dir) as store:
        store.create_dossier(dossier)
    controller = launch()
    session, window = controller.session, controller.window
    assert session.dossier.id == dossier.id
    assert not [f for f in session.findings if f.severity == "error"]
    window.go(1)
    page = window.pages[1]
    page.select("ho-be-van-son")
    fields = page.current_form.criteria.fields
    assert "criteria[gk-hgd-san-xuat].met" in fields  # the commune's criterion …
    assert "criteria[hgd-tuong-tro].met" not in fields  # … not the campaign's
    # the unit adds a household criterion: the household's page asks it at once
    window.go(0)
    rules = window.pages[0].rules
    box = next(b for b in rules.criteria if b.kind == "household")
    box.add()
    window.go(1)
    page.select("ho-luc-thi-hoa")
    assert "criteria[gk-household-1].met" in page.current_form.criteria.fields
    assert any(f.code == "criterion.missing" and f.nominee_id == "ho-luc-thi-hoa"
               for f in session.findings)


def test_print_certificates_with_the_printers_saved_offsets(qtbot, launch, hoso_data_dir,
                                                            tmp_path):
    import io

    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from desktop.demo.giaykhen import demo_dossiers
    from desktop.documents.award_round import MM
    from desktop.store import Store
    from desktop.store.printer_offsets import PrinterOffsets, load_offsets

    with Store(data_dir=hoso_data_dir) as store:
        store.create_dossier(demo_dossiers()[0])
    controller = launch()
    window = controller.window
    action = window.findChild(type(window.menuBar().actions()[0]), "action_print_certificates")
    assert action is not None and action.text() == "In Giấy khen…"
    dialog = window.print_certificates()
    dialog.printer.setEditText("Canon LBP2900")
    dialog.dx.setValue(45)  # the spin box stops at the limit
    assert dialog.dx.value() == 30
    dialog.dx.setValue(2.5)
    dialog.dy.setValue(-1.0)
    assert dialog.save()
    assert dialog.message.text() == ("Đã lưu độ lệch cho máy in “Canon LBP2900”: ngang 2,5 mm, "
                                     "dọc -1 mm.")
    assert load_offsets("Canon LBP2900", hoso_data_dir) == PrinterOffsets(2.5, -1.0)
    # another dialog later starts from the saved offsets of the printer
    again = window.print_certificates()
    again.printer.setEditText("Canon LBP2900")
    assert (again.dx.value(), again.dy.value()) == (2.5, -1.0)
    # the certificates carry the offsets: the name moved 2.5 mm right, 1 mm up
    data = again.certificates()
    assert PdfReader(io.BytesIO(data)).pages[0].mediabox.width > 800  # A4 landscape

    def name_at(pdf: bytes) -> tuple[float, float]:
        found = []
        PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=lambda t, cm, tm, f, s: (
            found.append((tm[4], tm[5])) if t.strip() == "Xóm Khuổi Lùng, xã Bạch Đằng"
            else None))
        return found[0]

    again.dx.setValue(0)
    again.dy.setValue(0)
    zero = again.certificates()
    again.load_offsets()
    (x0, y0), (x1, y1) = name_at(zero), name_at(data)
    assert (round((x1 - x0) / MM, 2), round((y1 - y0) / MM, 2)) == (2.5, 1.0)
    # printed on a PDF printer: one landscape page per awardee
    out = tmp_path / "printed.pdf"

    def pdf_printer():
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(150)
        return printer

    again.printer_factory = pdf_printer
    again.print_pdf(data)
    qtbot.waitUntil(lambda: getattr(again, "sent", 0) == 5, timeout=20000)
    page = PdfReader(str(out)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert len(PdfReader(str(out)).pages) == 5
    assert again.message.text() == "Đã gửi 5 trang tới máy in."


def test_the_result_report_counts_the_units_own_round(qtbot, launch, hoso_data_dir):
    from desktop.demo import demo_dossiers as bang_khen
    from desktop.demo.giaykhen import demo_dossiers
    from desktop.store import Store
    from desktop.ui.result_report import FiguresModel

    own = bang_khen()[0]
    with Store(data_dir=hoso_data_dir) as store:
        store.create_dossier(own)
    controller = launch()
    assert controller.session.dossier_id == own.id
    controller.session.store.create_dossier(demo_dossiers()[0])  # the commune's round
    window = controller.window
    window.show_result_report()
    dialog = window.result_report_dialog
    qtbot.waitExposed(dialog)
    assert dialog.commune_box.title() == "Giấy khen của đơn vị"
    item = dialog.commune_list.item(0)
    assert item.checkState() == Qt.CheckState.Checked
    assert item.text().endswith("(5 Giấy khen)")
    model = dialog.figures_model
    row = model.row_of("awards.giay_khen")
    assert model.index(row, FiguresModel.VALUE).data() == "5"
    window.runner.wait_all(30000)
    dialog.close()



def test_step_4_of_a_round_is_the_decision_not_a_proposal(qtbot, launch, hoso_data_dir):
    from PySide6.QtWidgets import QLabel

    from desktop.demo import demo_dossiers as bang_khen
    from desktop.demo.giaykhen import demo_dossiers
    from desktop.store import Store

    round_, own = demo_dossiers()[0], bang_khen()[0]
    with Store(data_dir=hoso_data_dir) as store:
        store.create_dossier(round_)
    controller = launch()
    controller.session.store.create_dossier(own)  # the unit's Bằng khen dossier too

    def step_4(dossier_id: str):
        controller.open_dossier(dossier_id, step=3)
        window = controller.window
        assert controller.session.dossier.id == dossier_id
        page = window.pages[3]
        qtbot.waitExposed(page)
        shown = [w.text() for w in page.findChildren(QLabel) if w.isVisible()]
        return page, shown

    page, shown = step_4(round_.id)
    assert page.heading.text() == "Bước 4. Quyết định khen thưởng"
    assert not [t for t in shown if "Kính gửi" in t or "tờ trình" in t.lower()]
    assert {"Số quyết định\u00a0*", "Ký hiệu quyết định\u00a0*",
            "Ngày ký quyết định\u00a0*", "Nơi nhận",
            "Thứ tự trong danh sách kèm theo Quyết định"} <= set(shown)
    assert page.form.field("number").text() == "112"  # the demo's decision 112/QĐ-UBND
    symbol = page.form.field("symbol")
    assert symbol.text() == "QĐ-UBND"
    # the example uses the decision template's code and the unit's own code, not TTr
    assert symbol.placeholderText() == "ví dụ QĐ-UBND"
    assert "“12/QĐ-UBND”" in page.findChild(QLabel, "hint_number").text()
    assert page.order_model.rowCount() == 5  # the awardees' order in the attached list
    # the Bằng khen dossier's step 4 is still the tờ trình, with its Kính gửi
    page, shown = step_4(own.id)
    assert page.heading.text() == "Bước 4. Tờ trình đề nghị khen thưởng"
    assert page.form.field("addressee").isVisible()
    assert any("Kính gửi" in t for t in shown)
    assert page.form.field("symbol").placeholderText() == "ví dụ TTr-UBND"
