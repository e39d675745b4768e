"""Issue 15: a newer HoSo's data file is opened read-only; temporary backup files are cleaned
(and listed when they cannot be); a damaged data file has a way back on the command line
(``db recover``, ``db restore N``) and in the window (restore, new file, quit)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from desktop.cli import main
from desktop.demo import demo_dossiers
from desktop.store import StorageKnownError, Store, StoreDamagedError
from desktop.store.schema import MIGRATION_SET, MIGRATIONS_TABLE


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _from_the_future(db) -> None:
    conn = sqlite3.connect(db)
    conn.execute(f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) "
                 "VALUES (?, '0099_from_a_newer_hoso', '2031-01-01')", (MIGRATION_SET,))
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_newer_schema_is_opened_read_only_and_never_written(demo_db, clock):
    _from_the_future(demo_db)
    before = _sha(demo_db)
    with Store(demo_db, clock=clock) as store:
        assert store.read_only and store.newer_schema == ["0099_from_a_newer_hoso"]
        assert len(store.list_dossiers()) == len(demo_dossiers())  # still readable
        with pytest.raises(StorageKnownError) as info:
            store.update_field(demo_dossiers()[0].id, "title", "Sửa")
        assert info.value.key == "store.newer_schema"
        assert "cập nhật HoSo" in info.value.message("vi")
    assert _sha(demo_db) == before
    assert not (demo_db.parent / "backups").exists()  # not even a daily backup


def test_cli_on_a_newer_data_file(demo_db, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("HOSO_DATA_DIR", str(demo_db.parent))
    _from_the_future(demo_db)
    assert main(["db", "check"]) == 0
    assert "phiên bản HoSo mới hơn" in capsys.readouterr().out
    assert main(["demo", "--out", str(tmp_path / "demo")]) == 0
    source = next((tmp_path / "demo").glob("*.json"))
    assert main(["db", "import", str(source)]) == 2  # the command cannot run
    assert "chỉ đọc" in capsys.readouterr().err


def test_temporary_backup_files_are_cleaned_and_the_rest_listed(demo_db, clock, capsys,
                                                                monkeypatch):
    folder = demo_db.parent / "backups"
    folder.mkdir()
    left = [folder / f".tmp-backup-{i}.db" for i in range(3)]
    for path in left:
        path.write_bytes(b"half a backup")
    stuck = folder / ".tmp-backup-stuck.db"  # a folder: unlink fails, as a locked file would
    stuck.mkdir()
    (stuck / "x").write_bytes(b"")
    with Store(demo_db, clock=clock) as store:
        assert store.leftover_temp == [stuck]
    assert not any(p.exists() for p in left)
    monkeypatch.setenv("HOSO_DATA_DIR", str(demo_db.parent))
    assert main(["db", "backups"]) == 0
    assert ".tmp-backup-stuck.db" in capsys.readouterr().out
    assert main(["db", "check"]) == 0
    assert "Không xóa được tệp tạm" in capsys.readouterr().out


def _damage(db) -> None:
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)
    data = bytearray(db.read_bytes())
    data[100:4096 * 3] = b"\xff" * (4096 * 3 - 100)
    db.write_bytes(bytes(data))


def test_db_recover_without_backup_starts_an_empty_file(demo_db, capsys, monkeypatch):
    monkeypatch.setenv("HOSO_DATA_DIR", str(demo_db.parent))
    _damage(demo_db)
    damaged = demo_db.read_bytes()
    assert main(["db", "check"]) == 1  # damage found: printed, with the way out
    out = capsys.readouterr().out
    assert "hỏng" in out and "hoso db recover" in out
    assert main(["db", "recover"]) == 0
    out = capsys.readouterr().out
    assert "bắt đầu một tệp dữ liệu mới" in out
    [kept] = demo_db.parent.glob("hoso-damaged-*.db")
    assert kept.read_bytes() == damaged  # kept beside, never deleted
    assert main(["db", "check"]) == 0
    assert main(["db", "recover"]) == 0
    assert "không bị hỏng" in capsys.readouterr().out


def test_db_recover_restores_the_newest_good_backup(demo_db, clock, capsys, monkeypatch):
    with Store(demo_db, clock=clock) as store:
        store.backup("manual")
    monkeypatch.setenv("HOSO_DATA_DIR", str(demo_db.parent))
    _damage(demo_db)
    assert main(["db", "recover"]) == 0
    assert "Đã khôi phục dữ liệu từ bản sao lưu" in capsys.readouterr().out
    with Store(demo_db, clock=clock) as store:
        assert len(store.list_dossiers()) == len(demo_dossiers())
    assert list(demo_db.parent.glob("hoso-damaged-*.db"))


def test_db_restore_works_on_a_damaged_file(demo_db, clock, capsys, monkeypatch):
    with Store(demo_db, clock=clock) as store:
        store.backup("manual")
    monkeypatch.setenv("HOSO_DATA_DIR", str(demo_db.parent))
    _damage(demo_db)
    with pytest.raises(StoreDamagedError):
        Store(demo_db, clock=clock)
    assert main(["db", "restore", "1"]) == 0
    with Store(demo_db, clock=clock) as store:
        assert len(store.list_dossiers()) == len(demo_dossiers())


def test_window_offers_restore_new_file_and_quit(qtbot, demo_db, clock, monkeypatch):
    from desktop.ui import app, recovery

    box, choices = recovery.recovery_box("Tệp hỏng", "hoso-2023-07-03T10-15-00-manual.db")
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(
        ["Khôi phục bản sao lưu", "Bắt đầu tệp dữ liệu mới", "Thoát"])
    assert sorted(choices.values()) == ["new", "quit", "restore"]
    box, choices = recovery.recovery_box("Tệp hỏng", None)  # no backup: no restore button
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == ["Bắt đầu tệp dữ liệu mới", "Thoát"]

    _damage(demo_db)
    shown = []
    monkeypatch.setattr(recovery, "ask_recovery", lambda message, backup, parent=None: "new")
    monkeypatch.setattr(recovery, "show_recovered", lambda *a, **k: shown.append(a))
    store = app.open_store(demo_db.parent, daily_backup=False)
    assert store is not None  # never a dead end: a new, empty data file
    store.close()
    assert shown and list(demo_db.parent.glob("hoso-damaged-*.db"))
    _damage(demo_db)
    monkeypatch.setattr(recovery, "ask_recovery", lambda message, backup, parent=None: "quit")
    assert app.open_store(demo_db.parent, daily_backup=False) is None
    shutil.rmtree(demo_db.parent)
