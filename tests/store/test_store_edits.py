"""Edits: one transaction and one audit row each, ChangeSet flags, bad input saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from desktop.demo import demo_dossiers
from desktop.errors import UserError
from desktop.models import CouncilMeeting, Household, Individual, Proposal, Unit
from desktop.store import ChangeSet, NomineeNotFoundError, StorageKnownError, Store

DOSSIER = demo_dossiers()[0]


def test_field_paths(store):
    d = DOSSIER.id
    answer = DOSSIER.nominees[1].criteria.get("hgd-kinh-te")
    old_evidence = answer.evidence if answer else None
    store.update_field(d, "council.members[1].present", False)
    store.update_field(d, "proposal.date", dt.date(2023, 7, 10))
    store.update_field(d, "nominees[1].criteria[hgd-kinh-te].evidence", "Sổ hộ nghèo 2023")
    first = DOSSIER.nominees[0].id
    store.update_field(d, f"nominees[id={first}].note", "Đề nghị ưu tiên")
    got = store.get_dossier(d)
    assert got.council.members[1].present is False
    assert got.proposal.date == dt.date(2023, 7, 10)
    assert got.nominees[1].criteria["hgd-kinh-te"].evidence == "Sổ hộ nghèo 2023"
    assert got.nominees[0].note == "Đề nghị ưu tiên"
    log = store.audit_log(d)[-4:]
    assert [(e.path, e.old, e.new) for e in log] == [
        ("council.members[1].present", DOSSIER.council.members[1].present, False),
        ("proposal.date", DOSSIER.proposal.date.isoformat(), "2023-07-10"),
        ("nominees[1].criteria[hgd-kinh-te].evidence", old_evidence, "Sổ hộ nghèo 2023"),
        (f"nominees[id={first}].note", DOSSIER.nominees[0].note, "Đề nghị ưu tiên"),
    ]
    assert all(e.revision == 1 and e.dossier_id == d for e in log)


def test_bad_values_and_paths_save_nothing(store):
    d = DOSSIER.id
    before, rows = store.get_dossier(d), len(store.audit_log())
    with pytest.raises(ValidationError):
        store.update_field(d, "nominees[0].staff_count", -3)
    with pytest.raises(ValidationError):
        store.update_field(d, "proposal.date", "ngày 32")
    with pytest.raises(UserError) as info:
        store.update_field(d, "council..place", "x")
    assert info.value.message("vi") == "Đường dẫn trường “council..place” không hợp lệ."
    with pytest.raises(NomineeNotFoundError):
        store.update_field(d, "nominees[7].note", "x")
    with pytest.raises(NomineeNotFoundError):
        store.remove_nominee(d, "khong-co")
    assert store.get_dossier(d) == before
    assert len(store.audit_log()) == rows


def test_changesets_for_the_gui(store):
    d = DOSSIER.id
    assert store.set_unit(d, DOSSIER.unit.model_copy(update={"phone": "0206 3852 123"})) == \
        ChangeSet(dossier=True, documents=True, units=True, dossier_id=d, revision=1,
                  audit_ids=(len(store.audit_log()),))
    changes = store.save_nominee(d, Household(id="ho-moi", head_name="Hoàng Văn Páo"))
    assert (changes.nominees, changes.dossier, changes.revision_created) == (True, False, False)
    assert store.set_council(d, CouncilMeeting(place="Nhà văn hóa xóm")).dossier
    assert store.set_proposal(d, Proposal(number="15")).dossier
    assert store.get_dossier(d).council == CouncilMeeting(place="Nhà văn hóa xóm")
    # the unit profile follows the dossier's letterhead
    [(unit_id, unit)] = [(i, u) for i, u in store.list_units() if u.name == DOSSIER.unit.name]
    assert unit.phone == "0206 3852 123"
    assert store.save_unit(Unit(name="UBND xã Nam Tuấn")) > unit_id


def test_nominee_add_replace_move_remove(store):
    d = DOSSIER.id
    ids = [n.id for n in DOSSIER.nominees]
    store.save_nominee(d, Individual(id="moi", full_name="Đinh Thị Lan"))
    store.save_nominee(d, Individual(id="moi", full_name="Đinh Thị Lan Anh"))
    assert [n.id for n in store.get_dossier(d).nominees] == [*ids, "moi"]
    assert store.get_nominee(d, "moi").full_name == "Đinh Thị Lan Anh"
    store.move_nominee(d, "moi", 0)
    assert [n.id for n in store.get_dossier(d).nominees] == ["moi", *ids]
    removed = store.remove_nominee(d, index=0)
    assert removed.nominees
    assert [n.id for n in store.get_dossier(d).nominees] == ids
    last = store.audit_log(d)[-1]
    assert (last.path, last.old["full_name"], last.new) == ("nominees[id=moi]",
                                                            "Đinh Thị Lan Anh", None)


def test_big_dossier_edit_is_one_small_row(tmp_path):
    """10,000 nominees: an edit rewrites one nominee row, not the dossier."""
    from desktop.models import Dossier, PackRef

    nominees = tuple(Individual(id=f"n{i}", full_name=f"Nguyễn Văn Bình {i}")
                     for i in range(10_000))
    with Store(tmp_path / "hoso.db", daily_backup=False) as store:
        store.create_dossier(Dossier(id="lon", pack=PackRef(id="x", version="1.0"),
                                     nominees=nominees))
        conn = store._require().conn
        before = conn.total_changes
        store.update_field("lon", "nominees[id=n9876].position", "Tổ trưởng")
        # one nominee row + revision/dossier timestamps + one audit row
        assert conn.total_changes - before == 4
        assert store.get_nominee("lon", "n9876").position == "Tổ trưởng"


def test_closed_store_says_so(demo_db):
    store = Store(demo_db)
    store.close()
    with pytest.raises(StorageKnownError) as info:
        store.list_dossiers()
    assert info.value.key == "store.closed"
