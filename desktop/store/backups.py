"""Backups a person can see (bản sao lưu): timestamped copies of the data file.

Each backup is a standalone SQLite file made with SQLite's online backup API, named so a
person can read it: ``hoso-2023-07-03T10-15-00-before-restore.db`` (local time, reason).
Retention: the newest 10, plus the newest of each day for the last 30 days.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.store.errors import translate

#: Why a backup was made; part of its file name.
REASONS = ("daily", "before-migration", "before-export", "before-restore", "manual")
KEEP_LAST = 10
KEEP_DAILY_DAYS = 30
SQLITE_HEADER = b"SQLite format 3\x00"

_TIME_FORMAT = "%Y-%m-%dT%H-%M-%S"
_NAME = re.compile(
    r"^hoso-(?P<time>\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)-(?P<reason>[a-z]+(?:-[a-z]+)*?)"
    r"(?:-(?P<seq>\d+))?\.db$"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file (bản sao lưu): when, why, how big."""

    path: Path
    time: dt.datetime
    reason: str
    size: int
    seq: int = 0

    @property
    def name(self) -> str:
        return self.path.name


def backup_name(when: dt.datetime, reason: str, seq: int = 0) -> str:
    suffix = f"-{seq}" if seq else ""
    return f"hoso-{when.strftime(_TIME_FORMAT)}-{reason}{suffix}.db"


def parse_name(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return BackupInfo(path, dt.datetime.strptime(match["time"], _TIME_FORMAT), match["reason"],
                      size, int(match["seq"] or 0))


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every backup in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    infos = [info for p in folder.glob("hoso-*.db") if (info := parse_name(p))]
    return sorted(infos, key=lambda b: (b.time, b.seq, b.name))


def make_backup(conn: sqlite3.Connection, folder: Path, reason: str,
                when: dt.datetime) -> BackupInfo:
    """Copy the open database into ``folder`` (online backup API), atomically by rename."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    when = when.replace(microsecond=0)
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Within one second, a running number (over all reasons) keeps names apart and
        # in order of making.
        seq = len(list(folder.glob(f"hoso-{when.strftime(_TIME_FORMAT)}-*.db")))
        while (folder / backup_name(when, reason, seq)).exists():
            seq += 1
        target = folder / backup_name(when, reason, seq)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-backup-", suffix=".db", dir=folder)
        os.close(fd)
        dest = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.backup(dest)
            # A standalone file: no -wal beside it, so it can be copied to a USB stick as is.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        _fsync_file(Path(tmp))
        os.replace(tmp, target)
        tmp = None
        _fsync_dir(folder)
    except (sqlite3.Error, OSError) as exc:
        raise translate(exc, folder) from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    info = parse_name(target)
    assert info is not None
    return info


def prune(folder: Path, now: dt.datetime) -> list[Path]:
    """Delete backups outside the retention rule; returns the deleted paths."""
    backups = list_backups(folder)
    keep = {b.path for b in backups[-KEEP_LAST:]}
    newest_of_day: dict[dt.date, BackupInfo] = {}
    for b in backups:
        newest_of_day[b.time.date()] = b  # sorted oldest first: the last one wins
    oldest_day = now.date() - dt.timedelta(days=KEEP_DAILY_DAYS - 1)
    keep |= {b.path for day, b in newest_of_day.items() if day >= oldest_day}
    deleted = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                deleted.append(b.path)
            except OSError:
                pass  # retention is best effort; a left-over backup harms nothing
    return deleted


#: Temporary files a backup (``make_backup``) or the writability probe leaves when HoSo is
#: killed midway; removed at the next start.
TEMP_PATTERNS = (".tmp-backup-*.db", ".tmp-backup-*.db-journal")
PROBE_PATTERN = ".hoso-probe-*"


def clean_temporary(folder: Path, data_folder: Path | None = None) -> list[Path]:
    """Remove the temporary backup files left in ``folder`` by a crash during a backup (and
    stale writability probes in ``data_folder``); returns those that could not be removed,
    for the person to see (``hoso db check``, ``hoso db backups``)."""
    left: list[Path] = []
    found = [p for pattern in TEMP_PATTERNS for p in folder.glob(pattern)] \
        if folder.is_dir() else []
    if data_folder is not None and data_folder.is_dir():
        found += list(data_folder.glob(PROBE_PATTERN))
    for path in sorted(found):
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            left.append(path)
    return left


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def check_file(path: Path) -> bool:
    """True if ``path`` is a SQLite file that passes ``PRAGMA quick_check``."""
    if not is_sqlite_file(path):
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return rows == [("ok",)]


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest backup that passes an integrity check, or None."""
    for info in reversed(list_backups(folder)):
        if check_file(info.path):
            return info
    return None


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
