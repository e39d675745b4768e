"""Damage and contention: corrupt file, not SQLite, read-only folder, full disk, second
instance. Each gives its Vietnamese message and leaves the saved data as it was."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import envkit
import pytest

from desktop.demo import demo_dossiers
from desktop.models import Individual
from desktop.store import (
    StorageKnownError,
    Store,
    StoreDamagedError,
    StoreInUseError,
    check_file,
    recover,
)
from desktop.store.errors import translate

ENVKIT = Path(__file__).with_name("envkit.py")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _all(store: Store) -> dict:
    return {s.id: store.get_dossier(s.id) for s in store.list_dossiers()}


def _corrupt(path: Path) -> None:
    """Overwrite the middle of the file (b-tree pages) with garbage, keep the header."""
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page, len(data), page * 2):
        data[start:start + 64] = b"\xde\xad\xbe\xef" * 16
    path.write_bytes(bytes(data))


# ------------------------------------------------------------------- damaged files


def test_corrupt_file_offers_newest_good_backup_and_is_kept(demo_db, clock):
    with Store(demo_db, clock=clock) as store:
        expected = _all(store)
        store.backup("manual")
        clock.advance(minutes=5)
        good = store.backup("before-export")
    # a damaged newer backup is passed over
    bad = good.path.with_name("hoso-2023-07-03T10-30-00-manual.db")
    bad.write_bytes(b"not a database at all" * 100)
    _corrupt(demo_db)
    damaged_bytes = demo_db.read_bytes()

    with pytest.raises(StoreDamagedError) as info:
        Store(demo_db, clock=clock)
    err = info.value
    assert err.key == "store.damaged"
    assert err.backup is not None and err.backup.path == good.path
    assert err.message("vi") == (
        f"Tệp dữ liệu {demo_db} bị hỏng và không dùng được. Bản sao lưu tốt gần nhất: "
        "hoso-2023-07-03T10-20-00-before-export.db. Tệp hỏng sẽ được giữ lại, không bị xóa.")
    assert demo_db.read_bytes() == damaged_bytes  # opening changed nothing

    aside = recover(demo_db, err.backup, clock=clock)
    assert aside is not None and aside.name == "hoso-damaged-2023-07-03T10-20-00.db"
    assert aside.read_bytes() == damaged_bytes  # kept, never deleted
    with Store(demo_db, clock=clock) as store:
        assert _all(store) == expected
        assert store.integrity_check() == []


def test_not_a_sqlite_file(tmp_path, clock):
    path = tmp_path / "hoso.db"
    path.write_text("Đây là một văn bản, không phải cơ sở dữ liệu.\n" * 50, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreDamagedError) as info:
        Store(path, clock=clock)
    assert info.value.key == "store.not_sqlite"
    assert info.value.backup is None
    assert info.value.message("vi") == (
        f"Tệp {path} không phải tệp dữ liệu của HoSo. Bản sao lưu tốt gần nhất: —. "
        "Tệp này sẽ được giữ lại, không bị xóa.")
    assert path.read_bytes() == before
    aside = recover(path, None, clock=clock)
    assert aside is not None and aside.read_bytes() == before
    with Store(path, clock=clock) as store:  # start afresh
        assert store.list_dossiers() == []


# ------------------------------------------------------------------- second instance


def test_second_instance_in_process(demo_db):
    with Store(demo_db) as first:
        with pytest.raises(StoreInUseError) as info:
            Store(demo_db)
        assert info.value.message("vi") == (
            f"HoSo đang được mở ở một cửa sổ khác trên máy này (tệp dữ liệu {demo_db}). "
            "Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại HoSo.")
        assert len(first.list_dossiers()) == 3  # the first one works on


def test_second_instance_process_and_stale_lock_after_kill(demo_db):
    holder = subprocess.Popen([sys.executable, str(ENVKIT), str(demo_db), "hold"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        second = subprocess.run([sys.executable, str(ENVKIT), str(demo_db)],
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 3
        assert second.stdout.splitlines() == [
            "error store.in_use",
            f"HoSo đang được mở ở một cửa sổ khác trên máy này (tệp dữ liệu {demo_db}). "
            "Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại HoSo."]
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        holder.stdout.close()
    # the OS dropped the dead holder's lock: no stale lock blocks the next start
    with Store(demo_db) as store:
        assert len(store.list_dossiers()) == 3


# ------------------------------------------------------------------- read-only


needs_permissions = pytest.mark.skipif(
    not envkit.can_drop_root_file_powers(),
    reason="running as root without CAP_SETPCAP: cannot make chmod bind root")


def _open_in_child(db: Path) -> subprocess.CompletedProcess:
    """Open the store in a child that obeys file permissions even when we are root."""
    preexec = envkit.drop_root_file_powers if os.geteuid() == 0 else None
    return subprocess.run([sys.executable, str(ENVKIT), str(db)], capture_output=True,
                          text=True, timeout=60, preexec_fn=preexec)


@needs_permissions
def test_read_only_folder(demo_db):
    """As root, the child drops CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH so chmod really binds."""
    before = _sha(demo_db)
    folder = demo_db.parent
    os.chmod(folder, 0o555)
    try:
        result = _open_in_child(demo_db)
    finally:
        os.chmod(folder, 0o755)
    assert result.returncode == 3, result.stderr
    assert result.stdout.splitlines() == [
        "error store.readonly_folder",
        f"Thư mục dữ liệu {folder} chỉ cho phép đọc nên HoSo không ghi được vào đó. "
        "Dữ liệu đã lưu không bị thay đổi. Hãy chọn thư mục khác hoặc nhờ quản trị máy cấp "
        "quyền ghi."]
    assert _sha(demo_db) == before
    assert [p.name for p in folder.iterdir()] == ["hoso.db"]  # not even a lock file
    assert _open_in_child(demo_db).stdout == "opened 3\n"  # writable again: all there


@needs_permissions
def test_read_only_file(demo_db):
    before = _sha(demo_db)
    os.chmod(demo_db, 0o444)
    try:
        result = _open_in_child(demo_db)
    finally:
        os.chmod(demo_db, 0o644)
    assert result.returncode == 3, result.stderr
    assert result.stdout.splitlines() == [
        "error store.readonly",
        f"Tệp dữ liệu {demo_db} chỉ cho phép đọc nên HoSo không ghi được. Dữ liệu đã lưu "
        "không bị thay đổi. Hãy nhờ quản trị máy cấp quyền ghi cho tệp này."]
    assert _sha(demo_db) == before


# ------------------------------------------------------------------- disk full


def test_disk_full_keeps_saved_data(demo_db):
    dossier_id = demo_dossiers()[0].id
    with Store(demo_db) as store:
        expected = _all(store)
        audit_rows = len(store.audit_log())
        conn = store._require().conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        # Simulated full disk: the file may not grow by a single page.
        conn.execute(f"PRAGMA max_page_count={pages}")
        big = Individual(id="nguoi-rat-dai", full_name="Nguyễn Văn A",
                         summary="Thành tích. " * 1600, note="Ghi chú. " * 2000)
        with pytest.raises(StorageKnownError) as info:
            store.save_nominee(dossier_id, big)
        assert info.value.key == "store.disk_full"
        assert info.value.message("vi") == (
            "Ổ đĩa đã đầy nên không lưu được thay đổi vừa rồi. Dữ liệu đã lưu trước đó vẫn "
            "nguyên vẹn. Hãy giải phóng dung lượng ổ đĩa rồi thử lại.")
        assert _all(store) == expected
        assert len(store.audit_log()) == audit_rows
        conn.execute("PRAGMA max_page_count=1073741823")
        store.update_field(dossier_id, "title", "Sau khi giải phóng ổ đĩa")  # works again
    with Store(demo_db) as store:
        assert store.integrity_check() == []
        after = _all(store)
        assert after[dossier_id].title == "Sau khi giải phóng ổ đĩa"
        assert {k: v for k, v in after.items() if k != dossier_id} == {
            k: v for k, v in expected.items() if k != dossier_id}


def test_os_errors_map_to_known_messages(tmp_path):
    full = translate(OSError(28, "No space left on device"), tmp_path)
    assert isinstance(full, StorageKnownError) and full.key == "store.disk_full"
    ro = translate(OSError(30, "Read-only file system"), tmp_path)
    assert ro.key == "store.readonly"
    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = 5  # as sqlite3 sets it
    assert translate(busy, tmp_path).key == "store.busy"
    bug = sqlite3.OperationalError("no such column: x")
    bug.sqlite_errorcode = 1
    assert translate(bug, tmp_path).key == "store.bug"


def test_check_file(demo_db, tmp_path):
    assert check_file(demo_db)
    other = tmp_path / "x.db"
    other.write_bytes(b"hello")
    assert not check_file(other)
