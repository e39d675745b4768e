"""Schema migrations: from blank, from every released fixture, backup first, all or nothing."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from desktop.models import Dossier, ResultReport
from desktop.store import StorageBugError, Store
from desktop.store import schema as store_schema
from desktop.store.backups import list_backups

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("hoso-schema-*.db"))


def _version(path: Path) -> int:
    match = re.search(r"hoso-schema-(\d+)\.db$", path.name)
    assert match
    return int(match.group(1))


def _schema(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return {name: sql for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")}
    finally:
        conn.close()


def _extended(fail: bool = False) -> Migrations:
    """The real migrations plus a made-up next one (what the next release would add)."""
    extended = Migrations(store_schema.MIGRATION_SET)
    for migration in store_schema.migrations._migrations:
        extended(name=migration.name)(migration.fn)

    @extended(name="9999_test_dossier_note")
    def m_next(db: Database) -> None:
        db.execute("ALTER TABLE dossiers ADD COLUMN note TEXT NOT NULL DEFAULT ''")
        if fail:
            raise RuntimeError("migration failed halfway")

    return extended


def test_every_released_version_has_a_fixture():
    assert [_version(p) for p in FIXTURE_FILES] == list(
        range(1, store_schema.latest_version() + 1))


def test_blank_file_gets_exact_schema(tmp_path):
    with Store(tmp_path / "hoso.db") as store:
        assert store.schema_version() == store_schema.latest_version()
        db = Database(store._require().conn)
        assert db["nominees"].columns_dict == {
            "id": int, "dossier_id": str, "revision": int, "nominee_id": str,
            "position": int, "kind": str, "data": str}
        assert db["audit_log"].columns_dict == {
            "id": int, "at": str, "dossier_id": str, "revision": int, "path": str,
            "old_value": str, "new_value": str}
        assert set(db.table_names()) == {
            "_sqlite_migrations", "units", "campaigns", "dossiers", "revisions", "nominees",
            "audit_log", "sqlite_sequence", "signed_copies", "received_dossiers",
            "received_revisions", "review_notes", "returns", "applied_returns",
            "return_notes"}
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert not (tmp_path / "backups").exists()  # nothing to protect in a blank file


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_opens_upgraded_with_its_data(fixture, tmp_path, clock):
    path = tmp_path / "hoso.db"
    shutil.copyfile(fixture, path)
    expected = json.loads(fixture.with_suffix(".expected.json").read_text(encoding="utf-8"))
    with Store(path, clock=clock) as store:
        assert store.schema_version() == store_schema.latest_version()
        assert store.integrity_check() == []
        for dossier_id, revisions in expected["dossiers"].items():
            for revision, data in revisions.items():
                got = store.get_revision(dossier_id, int(revision))
                # an older file's dossiers, read by today's model (new fields at defaults)
                want = json.loads(Dossier.model_validate(data).model_dump_json())
                assert json.loads(got.model_dump_json()) == want
    reasons = [b.reason for b in list_backups(tmp_path / "backups")]
    if _version(fixture) < store_schema.latest_version():
        assert "before-migration" in reasons
    assert reasons  # at least the daily backup: the data is protected either way
    fresh = tmp_path / "fresh" / "hoso.db"
    Store(fresh).close()
    assert _schema(path) == _schema(fresh)  # only migrations shape the schema


def test_upgrade_takes_a_backup_first(tmp_path, clock):
    """A v2 migration (made up here) runs after a backup holding the v1 data unchanged."""
    fixture = FIXTURE_FILES[-1]
    path = tmp_path / "hoso.db"
    shutil.copyfile(fixture, path)
    with Store(path, clock=clock, migrations=_extended()) as store:
        assert store.schema_version() == store_schema.latest_version() + 1
        assert store._query("SELECT note FROM dossiers LIMIT 1") == [("",)]
    [backup] = [b for b in list_backups(tmp_path / "backups") if b.reason == "before-migration"]
    assert backup.name == "hoso-2023-07-03T10-15-00-before-migration.db"
    assert _schema(backup.path) == _schema(fixture)
    with Store(backup.path, daily_backup=False) as old:
        assert old.schema_version() == store_schema.latest_version()
        assert len(old.list_dossiers()) == 3


def test_failed_migration_changes_nothing(tmp_path, clock):
    fixture = FIXTURE_FILES[-1]
    path = tmp_path / "hoso.db"
    shutil.copyfile(fixture, path)
    before = _schema(path)
    with pytest.raises((RuntimeError, StorageBugError)):
        Store(path, clock=clock, migrations=_extended(fail=True))
    assert _schema(path) == before
    with Store(path, clock=clock) as store:  # the released code still opens it
        assert store.schema_version() == store_schema.latest_version()
        assert "note" not in Database(store._require().conn)["dossiers"].columns_dict


def test_schema_1_upgrades_to_2_with_an_empty_result_report(tmp_path, clock):
    """v1 → v2 adds ``revisions.result_report``: every old revision reads as an empty report
    (all defaults), and the upgraded file stores a report like a new one."""
    path = tmp_path / "hoso.db"
    shutil.copyfile(FIXTURES / "hoso-schema-1.db", path)
    with Store(path, clock=clock) as store:
        assert store.schema_version() >= 2
        columns = Database(store._require().conn)["revisions"].columns_dict
        assert columns["result_report"] is str
        for summary in store.list_dossiers():
            for info in store.list_revisions(summary.id):
                got = store.get_revision(summary.id, info.revision)
                assert got.result_report == ResultReport()
        dossier_id = store.list_dossiers()[0].id
        report = ResultReport(number="07", symbol="BC-UBND", sections={"I.3": "Kết quả."})
        changes = store.set_result_report(dossier_id, report)
        assert changes.dossier and changes.documents
        assert store.get_dossier(dossier_id).result_report == report
        [entry] = [a for a in store.audit_log(dossier_id) if a.path == "result_report"]
        assert entry.old == {}  # the migration's default: a report with every field unset
        assert entry.new["sections"] == {"I.3": "Kết quả."}


def test_schema_2_fixture_keeps_its_result_report(tmp_path, clock):
    path = tmp_path / "hoso.db"
    shutil.copyfile(FIXTURES / "hoso-schema-2.db", path)
    with Store(path, clock=clock) as store:
        report = store.get_dossier("demo-xa-bach-dang").result_report
        assert (report.number, report.symbol, report.sent_on.isoformat()) == (
            "25", "BC-UBND", "2023-07-08")
        assert report.figure_overrides == {"achievements.total": 6}


def test_an_up_to_date_file_opens_without_sqlite_utils(tmp_path):
    """The app's usual start: the file has every migration, so opening it and reading a
    dossier need no sqlite-utils (its import is ~60 ms of the start); an older file still
    gets its migrations."""
    import subprocess
    import sys

    with Store(data_dir=tmp_path / "current") as store:
        assert store.schema_version() == len(store_schema.STEPS)
    old = tmp_path / "old" / "hoso.db"
    old.parent.mkdir()
    shutil.copyfile(FIXTURE_FILES[0], old)
    code = ("import sys; from desktop.store import Store\n"
            "with Store(data_dir=sys.argv[1]) as s: s.list_dossiers()\n"
            "first = 'sqlite_utils' in sys.modules\n"
            "with Store(data_dir=sys.argv[2]) as s: print(first, 'sqlite_utils' in sys.modules,"
            " s.schema_version())")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "current"),
                          str(old.parent)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", str(len(store_schema.STEPS))]
