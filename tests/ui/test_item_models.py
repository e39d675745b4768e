"""Every Qt item model passes QAbstractItemModelTester and formats its cells."""

from __future__ import annotations

import pytest

from desktop.demo import demo_dossiers
from desktop.models import CouncilMeeting
from desktop.packs import load_pack
from desktop.ui.item_models import (
    Column,
    FindingsModel,
    NomineeTableModel,
    ProposalOrderModel,
    RecordTableModel,
)
from desktop.ui.pages import ACHIEVEMENT_COLUMNS, CONTRIBUTION_COLUMNS, MEMBER_COLUMNS
from desktop.validation import validate


@pytest.fixture(scope="module")
def demo():
    dossier = demo_dossiers()[0]
    return dossier, load_pack(dossier.pack.id)


def test_nominee_table_model(qtmodeltester, demo):
    dossier, pack = demo
    model = NomineeTableModel(pack)
    qtmodeltester.check(model)
    model.set_nominees(dossier.nominees, {dossier.nominees[1].id: 2})
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert [model.text(1, c) for c in range(model.columnCount())] == [
        "2", "Hộ gia đình", "Nông Văn Thuận", "1968",
        "Xóm Nà Mè, xã Bạch Đằng, huyện Hòa An, tỉnh Cao Bằng", "Tóm tắt thành tích", "2"]
    # an edit of one nominee keeps the rows (narrow dataChanged), a removal resets
    changed = dossier.nominees[0].model_copy(update={"name": "Xóm Mới"})
    model.set_nominees((changed, dossier.nominees[1]), {})
    assert model.text(0, 2) == "Xóm Mới"
    model.set_nominees(dossier.nominees[:1], {})
    assert model.rowCount() == 1


@pytest.mark.parametrize("columns", [MEMBER_COLUMNS, ACHIEVEMENT_COLUMNS, CONTRIBUTION_COLUMNS])
def test_record_table_models(qtmodeltester, demo, columns):
    dossier, _ = demo
    model = RecordTableModel(columns)
    if columns is MEMBER_COLUMNS:
        rows = [m.model_dump(mode="json") for m in dossier.council.members]
    elif columns is ACHIEVEMENT_COLUMNS:
        rows = [a.model_dump(mode="json") for n in dossier.nominees for a in n.achievements]
    else:
        rows = [c.model_dump(mode="json") for n in dossier.nominees for c in n.contributions]
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == len(rows)


def test_record_model_formats_and_emits_raw_edits(qtmodeltester):
    model = RecordTableModel([Column("day", "ui.contributions.col.date", "date"),
                              Column("money", "ui.contributions.col.money_vnd", "money"),
                              Column("ok", "ui.council.col.present", "bool")])
    model.set_rows([{"day": "2023-03-05", "money": 1500000, "ok": True}])
    qtmodeltester.check(model)
    assert model.text(0, 0) == "05/03/2023"
    assert model.text(0, 1) == "1.500.000"
    edits = []
    model.edited.connect(lambda row, field, value: edits.append((row, field, value)))
    model.setData(model.index(0, 1), "2.000.000")
    model.setData(model.index(0, 2), 0, 10)  # CheckStateRole, unchecked
    assert edits == [(0, "money", "2000000"), (0, "ok", False)]
    assert model.text(0, 1) == "1.500.000"  # unchanged until the store says so


def test_findings_model(qapp, qtmodeltester, demo):
    dossier, pack = demo
    broken = dossier.model_copy(update={"council": CouncilMeeting()})
    findings = validate(broken, pack)
    model = FindingsModel()
    model.set_findings(findings, broken, pack)
    qtmodeltester.check(model)
    assert model.counts["error"] == sum(1 for f in findings if f.blocking) > 0
    groups = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert groups[0].startswith("Hồ sơ chung — ")


def test_proposal_order_model(qtmodeltester, demo):
    dossier, _ = demo
    model = ProposalOrderModel(dossier.nominee)
    qtmodeltester.check(model)
    model.set_ids((*dossier.proposal.nominee_ids, "missing"))
    qtmodeltester.check(model)
    assert [model.text(r) for r in range(model.rowCount())] == [
        "Xóm Nà Mè, xã Bạch Đằng", "Nông Văn Thuận", "Nông Thị Mai", "missing"]
    model.set_ids(tuple(reversed(dossier.proposal.nominee_ids)))
    assert model.rowCount() == 3 and model.text(0) == "Nông Thị Mai"
