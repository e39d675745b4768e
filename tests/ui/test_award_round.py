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
