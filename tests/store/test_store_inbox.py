"""The store's inbox and returns: schema 4 from its fixture, revisions per sending unit,
notes that cannot change once sent, returns opened once."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from pydantic_core import to_jsonable_python
from sqlite_utils import Database

from desktop.demo import demo_dossier
from desktop.errors import UserError
from desktop.models.consolidation import ReturnFile, ReviewNote
from desktop.store import NewReceived, Store

FIXTURES = Path(__file__).parent / "fixtures"
TZ = dt.timezone(dt.timedelta(hours=7))


def _new(dossier, package: bytes, key: str = "p|xa a") -> NewReceived:
    return NewReceived(
        sender_key=key, unit_name=dossier.unit.name, unit_kind="commune",
        pack_id=dossier.pack.id, pack_version=dossier.pack.version, dossier=dossier,
        package_name="p.zip", package_sha256=hashlib.sha256(package).hexdigest(),
        package=package, manifest_json="{}", findings_made=[], current_pack_version="1.0.0",
        findings_current=[])


def _within(expected: list[dict], actual: list[dict]) -> list[dict]:
    """``actual`` cut to the keys of ``expected`` (fields added by later versions are
    checked to be empty)."""
    out = []
    for want, got in zip(expected, actual, strict=True):
        assert all(got[k] is None for k in set(got) - set(want)), got
        out.append({k: got[k] for k in want})
    return out


@pytest.mark.parametrize("version", [4, 5])
def test_inbox_fixture_keeps_its_inbox(tmp_path, version):
    shutil.copyfile(FIXTURES / f"hoso-schema-{version}.db", tmp_path / "hoso.db")
    expected = json.loads((FIXTURES / f"hoso-schema-{version}.expected.json")
                          .read_text("utf-8"))
    with Store(tmp_path / "hoso.db", daily_backup=False) as store:
        received = expected["inbox"]["received"]
        assert _within(received, to_jsonable_python(store.list_received())) == received
        assert to_jsonable_python(store.review_notes(1, 2)) == expected["inbox"]["notes"]
        assert to_jsonable_python(store.returns_for(1)) == expected["inbox"]["returns"]
        opened = store.opened_notes("demo-xa-bach-dang")
        assert to_jsonable_python(opened) == expected["inbox"]["opened"]
        assert [n.done for n in opened] == [False, True]
        assert store.received_package(1, 1) == b"fixture package 1\n"


def test_inbox_tables_columns(tmp_path):
    with Store(tmp_path / "hoso.db") as store:
        db = Database(store._require().conn)
        assert set(db["received_revisions"].columns_dict) >= {
            "received_id", "revision", "package_sha256", "package", "dossier",
            "findings_made", "findings_current", "differences", "answers", "received_at"}
        assert db["return_notes"].columns_dict == {
            "applied_id": int, "note_id": str, "dossier_id": str, "position": int,
            "data": str, "done_at": str, "answer": str}


def test_second_package_of_a_unit_is_its_next_revision(tmp_path):
    dossier = demo_dossier("demo-xa-bach-dang")
    with Store(tmp_path / "hoso.db") as store:
        assert store.add_received(_new(dossier, b"one")) == (1, 1)
        assert store.add_received(_new(dossier.model_copy(update={"revision": 2}), b"two")) \
            == (1, 2)
        assert store.add_received(_new(dossier, b"three", key="p|xa b")) == (2, 1)
        with pytest.raises(UserError) as exc:
            store.add_received(_new(dossier, b"two"))
        assert exc.value.key == "inbox.already_received"
        rows = store.list_received()
        assert sorted((r.id, r.revision) for r in rows) == [(1, 2), (2, 1)]
        assert store.received_revision(1, 1).dossier.revision == 1
        assert store.received_revision(1).revision == 2
        with pytest.raises(UserError, match="không có lần gửi thứ 5"):
            store.received_revision(1, 5)


def test_sent_notes_stay_and_returns_open_once(tmp_path):
    dossier = demo_dossier("demo-xa-bach-dang")
    with Store(tmp_path / "hoso.db") as store:
        store.create_dossier(dossier)
        store.add_received(_new(dossier, b"one"))
        note = ReviewNote(id="n1", text="Năm sinh không khớp với báo cáo",
                          path="nominees[id=ho-nong-van-thuan].head_birth_year",
                          target="field", nominee_id="ho-nong-van-thuan")
        store.save_review_note(1, note)
        store.save_review_note(1, note.model_copy(update={"text": "Năm sinh sai"}))
        assert [n.note.text for n in store.review_notes(1)] == ["Năm sinh sai"]
        returned = ReturnFile(
            id="r1.1.1", from_unit="Huyện", to_unit=dossier.unit.name, dossier_id=dossier.id,
            revision=1, package_sha256="a" * 64, pack_id=dossier.pack.id,
            decision="returned", date=dt.date(2023, 7, 4),
            created_at=dt.datetime(2023, 7, 4, 8, tzinfo=TZ),
            notes=tuple(n.note for n in store.review_notes(1)))
        store.record_return(1, 1, returned, "b" * 64)
        with pytest.raises(UserError, match="đã được gửi trả"):
            store.save_review_note(1, note)
        assert store.list_received()[0].decision == "returned"
        # the sending unit opens it (twice: once counts)
        store.apply_return(returned, "c" * 64)
        store.apply_return(returned, "c" * 64)
        [opened] = store.opened_notes(dossier.id, open_only=True)
        assert opened.note.path.endswith("head_birth_year") and not opened.done
        store.mark_note_done(dossier.id, "r1.1.1", "n1", answer="Đã sửa năm sinh")
        assert store.opened_notes(dossier.id, open_only=True) == []
        [entry] = [a for a in store.audit_log(dossier.id) if a.path.endswith("notes[n1]")]
        assert entry.new == {"done": True, "answer": "Đã sửa năm sinh"}
        with pytest.raises(UserError, match="không có ý kiến"):
            store.mark_note_done(dossier.id, "r1.1.1", "n9")


def test_a_batch_is_one_transaction_and_a_failed_write_is_undone_alone(tmp_path):
    dossier = demo_dossier("demo-xa-bach-dang")
    with Store(tmp_path / "hoso.db") as store:
        with store.batch():
            store.add_received(_new(dossier, b"one"))
            with pytest.raises(UserError):
                store.add_received(_new(dossier, b"one"))  # the same package: refused alone
            store.add_received(_new(dossier, b"two", key="p|xa b"))
            assert len(store.list_received()) == 2  # seen inside the batch
        assert len(store.list_received()) == 2
        with pytest.raises(RuntimeError), store.batch():
            store.add_received(_new(dossier, b"three", key="p|xa c"))
            raise RuntimeError("the batch fails")
        assert len(store.list_received()) == 2  # all of it undone
        store.add_received(_new(dossier, b"four", key="p|xa d"))  # plain writes again
        assert len(store.list_received()) == 3
    with Store(tmp_path / "hoso.db") as store:  # committed on disk
        assert len(store.list_received()) == 3
