"""Backups a person can see: names, daily copy, retention, restore of the exact data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.demo import demo_dossiers
from desktop.models import Individual
from desktop.store import Store
from desktop.store.backups import KEEP_DAILY_DAYS, KEEP_LAST, backup_name, list_backups, prune


def _all(store: Store) -> dict:
    return {s.id: store.get_dossier(s.id) for s in store.list_dossiers()}


def test_daily_backup_on_open_once_a_day(demo_db, clock):
    Store(demo_db, clock=clock).close()
    Store(demo_db, clock=clock).close()
    assert [b.name for b in list_backups(demo_db.parent / "backups")] == [
        "hoso-2023-07-03T10-15-00-daily.db"]
    clock.advance(days=1)
    Store(demo_db, clock=clock).close()
    assert len(list_backups(demo_db.parent / "backups")) == 2


def test_backup_list_shows_time_reason_size(store, clock):
    first = store.backup("manual")
    second = store.backup("before-export")  # same second: a readable suffix, no clash
    assert first.name == "hoso-2023-07-03T10-15-00-manual-1.db"  # after the daily one
    assert second.name == "hoso-2023-07-03T10-15-00-before-export-2.db"
    again = store.backup("manual")
    assert again.name == "hoso-2023-07-03T10-15-00-manual-3.db"
    listed = store.list_backups()  # newest first
    assert [b.name for b in listed][:2] == [again.name, second.name]
    assert first in listed
    assert all(b.size == b.path.stat().st_size > 0 for b in listed)
    assert listed[0].time == dt.datetime(2023, 7, 3, 10, 15, 0)
    assert listed[0].reason == "manual"
    # a standalone file: no -wal/-shm beside backups
    assert not list((store.backup_dir).glob("*-wal"))


def test_restore_brings_back_exact_data(store, clock):
    dossier_id = demo_dossiers()[0].id
    original = _all(store)
    snapshot = store.backup("manual")
    clock.advance(minutes=1)
    store.update_field(dossier_id, "title", "Đã sửa sau khi sao lưu")
    store.save_nominee(dossier_id, Individual(id="nguoi-them", full_name="Đàm Văn Ước"))
    store.remove_nominee(demo_dossiers()[1].id, "lam-van-thang")
    edited = _all(store)
    assert edited != original

    clock.advance(minutes=1)
    changes = store.restore(snapshot)
    assert changes.dossier and changes.nominees
    assert _all(store) == original
    # the data before the restore was itself backed up, and can be restored back
    [before] = [b for b in store.list_backups() if b.reason == "before-restore"]
    assert before.name == "hoso-2023-07-03T10-17-00-before-restore.db"
    store.restore(before)
    assert _all(store) == edited
    assert store.integrity_check() == []
    store.close()
    with Store(store.path, clock=clock) as reopened:
        assert _all(reopened) == edited


def test_retention_last_ten_and_one_a_day_for_thirty_days(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    now = dt.datetime(2023, 7, 31, 12, 0, 0)
    made: list[Path] = []
    for day in range(45):  # three backups a day for 45 days
        for hour in (8, 12, 17):
            when = now - dt.timedelta(days=day) + dt.timedelta(hours=hour - 12)
            path = folder / backup_name(when, "daily" if hour == 8 else "manual")
            path.write_bytes(b"x")
            made.append(path)
    prune(folder, now)
    kept = list_backups(folder)
    newest = sorted(made, key=lambda p: p.name)[-KEEP_LAST:]
    assert {b.path for b in kept} >= set(newest)
    days = {b.time.date() for b in kept}
    assert days == {now.date() - dt.timedelta(days=d) for d in range(KEEP_DAILY_DAYS)}
    # one a day (the day's newest) outside the last 10
    older = [b for b in kept if b.path not in newest]
    assert all(b.time.hour == 17 for b in older)
    assert len(kept) == KEEP_LAST + KEEP_DAILY_DAYS - 4  # the last 10 span 4 days
