"""Signed copies in the store: attach, list, replace, remove, audit; schema 3 from 1 and 2."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.demo import demo_dossiers
from desktop.errors import UserError
from desktop.models import DossierState
from desktop.store import DossierNotFoundError, Store
from desktop.store import schema as store_schema

FIXTURES = Path(__file__).resolve().parents[1] / "store" / "fixtures"
PDF = b"%PDF-1.4 fake copy for the store\n"


@pytest.fixture
def clock():
    moments = iter(dt.datetime(2023, 7, 3, 10, 15) + dt.timedelta(seconds=k)
                   for k in range(10**5))
    return lambda: next(moments)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "hoso.db", daily_backup=False) as s:
        for dossier in demo_dossiers():
            s.create_dossier(dossier)
        yield s


def test_attach_list_replace_remove_with_audit(store):
    did = "demo-xa-bach-dang"
    changes = store.attach_signed_copy(did, "proposal", PDF, file_name="01_ToTrinh_BanKy.pdf",
                                       page_count=2)
    assert changes.signed_copies and changes.documents and not changes.state
    assert (changes.dossier_id, changes.revision) == (did, 1)
    [copy] = store.signed_copies(did)
    assert (copy.document_id, copy.nominee_id, copy.page_count, copy.size) == (
        "proposal", None, 2, len(PDF))
    assert copy.sha256 == hashlib.sha256(PDF).hexdigest() and copy.data == PDF
    assert store.signed_copies(did, with_data=False)[0].data == b""
    nominee = demo_dossiers()[0].nominees[0].id
    store.attach_signed_copy(did, "achievement_report", PDF + b"2", nominee_id=nominee,
                             file_name="04_BCTT_BanKy.pdf", page_count=3)
    store.attach_signed_copy(did, "proposal", PDF + b"new", file_name="01_ToTrinh_BanKy.pdf",
                             page_count=3)  # replaces
    assert [(c.key, c.page_count) for c in store.signed_copies(did)] == [
        (("achievement_report", nominee), 3), (("proposal", None), 3)]
    store.remove_signed_copy(did, "proposal")
    assert [c.key for c in store.signed_copies(did)] == [("achievement_report", nominee)]
    paths = [(a.path, a.old and a.old["page_count"], a.new and a.new["page_count"])
             for a in store.audit_log(did) if a.path.startswith("signed_copies")]
    assert paths == [("signed_copies[proposal]", None, 2),
                     (f"signed_copies[achievement_report/{nominee}]", None, 3),
                     ("signed_copies[proposal]", 2, 3), ("signed_copies[proposal]", 3, None)]
    with pytest.raises(UserError) as caught:
        store.remove_signed_copy(did, "proposal")
    assert caught.value.message("vi") == (
        "Hồ sơ “demo-xa-bach-dang” chưa có bản ký của văn bản signed_copies[proposal].")


def test_copies_belong_to_their_revision(store):
    did = "demo-huyen-trung-khanh"
    store.validate(did, today=dt.date(2023, 7, 3))
    store.attach_signed_copy(did, "council_minutes", PDF, file_name="03_BB.pdf", page_count=1)
    assert store.revision_info(did).state == DossierState.VALIDATED  # not an edit
    store.update_field(did, "title", "Bản sửa")  # a new draft revision starts without
    assert store.revision_info(did).revision == 2
    assert store.signed_copies(did) == []
    assert [c.revision for c in store.signed_copies(did, 1)] == [1]


def test_empty_copy_and_unknown_dossier_change_nothing(store):
    before = store.audit_log()
    with pytest.raises(UserError):
        store.attach_signed_copy("demo-xa-bach-dang", "proposal", b"", file_name="x.pdf",
                                 page_count=1)
    with pytest.raises(DossierNotFoundError):
        store.attach_signed_copy("no-such", "proposal", PDF, file_name="x.pdf", page_count=1)
    assert store.audit_log() == before


@pytest.mark.parametrize("version", [1, 2])
def test_older_fixture_upgrades_to_3_without_copies(version, tmp_path, clock):
    path = tmp_path / "hoso.db"
    shutil.copyfile(FIXTURES / f"hoso-schema-{version}.db", path)
    with Store(path, clock=clock) as store:
        assert store.schema_version() == store_schema.latest_version() >= 3
        columns = Database(store._require().conn)["signed_copies"].columns_dict
        assert columns["data"] is bytes and columns["nominee_id"] is str
        summaries = store.list_dossiers()
        for summary in summaries:
            for info in store.list_revisions(summary.id):
                assert store.signed_copies(summary.id, info.revision) == []
        did = summaries[0].id
        store.attach_signed_copy(did, "proposal", PDF, file_name="01.pdf", page_count=1)
        assert [c.sha256 for c in store.signed_copies(did)] == [
            hashlib.sha256(PDF).hexdigest()]
        assert store.integrity_check() == []


def test_schema_3_fixture_keeps_its_copies(tmp_path, clock):
    path = tmp_path / "hoso.db"
    shutil.copyfile(FIXTURES / "hoso-schema-3.db", path)
    expected = json.loads((FIXTURES / "hoso-schema-3.expected.json").read_text("utf-8"))
    with Store(path, clock=clock) as store:
        for dossier_id, revisions in expected["signed_copies"].items():
            for revision, copies in revisions.items():
                got = [{"document_id": c.document_id, "nominee_id": c.nominee_id,
                        "file_name": c.file_name, "sha256": c.sha256,
                        "page_count": c.page_count, "size": c.size}
                       for c in store.signed_copies(dossier_id, int(revision))]
                assert got == copies
                for c in store.signed_copies(dossier_id, int(revision)):
                    assert hashlib.sha256(c.data).hexdigest() == c.sha256
