"""The store's core (lõi): open, check, migrate and close the SQLite file, one-transaction
writes, backups and recovery. The per-concern mixins (dossiers, audit, campaigns, lifecycle,
signed copies) build on :class:`StoreBase`; :class:`desktop.store.store.Store` combines them.

Every edit is one transaction with its audit row, committed before the call returns. The
file runs in WAL mode with ``synchronous=FULL``: a commit is on disk (fsync of the WAL) when
the call returns, so neither ``kill -9`` nor a power cut loses a returned edit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from pydantic_core import to_jsonable_python

from desktop.store import backups as bk
from desktop.store import schema
from desktop.store.errors import (
    StorageKnownError,
    StoreDamagedError,
    StoreInUseError,
    sqlite_error_key,
    translate,
)
from desktop.store.lock import FileLock, LockHeldError
from desktop.store.results import ChangeSet
from desktop.store.schema import schema_version

if TYPE_CHECKING:  # sqlite-utils is loaded only when migrations must run (see _migrate)
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

FILE_NAME = "hoso.db"
BACKUP_FOLDER = "backups"


def default_path(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """``<data folder>/hoso.db`` (``--data-dir``, else ``$HOSO_DATA_DIR``, else platformdirs)."""
    from desktop.paths import data_dir as user_data_dir

    return user_data_dir(data_dir) / FILE_NAME


def _json(value: Any) -> str:
    return json.dumps(to_jsonable_python(value), ensure_ascii=False, separators=(",", ":"))


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


class StoreBase:
    """Open, check, migrate and close the file; transactions; backups. See ``Store``."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *,
                 data_dir: str | os.PathLike[str] | None = None,
                 packs_dirs: Iterable[str | os.PathLike[str]] = (),
                 clock: Callable[[], dt.datetime] | None = None,
                 migrations: Migrations | None = None,
                 daily_backup: bool = True) -> None:
        self.path = Path(path) if path is not None else default_path(data_dir)
        self.backup_dir = self.path.parent / BACKUP_FOLDER
        self.packs_dirs = tuple(str(p) for p in packs_dirs)
        self._clock = clock or dt.datetime.now
        self._migrations = migrations  # None: the app's own (desktop.store.schema)
        self._daily_backup = daily_backup
        self._lock = FileLock(self.path.with_name(self.path.name + ".lock"))
        self._mutex = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._db: Database | None = None
        #: Temporary backup files a crash left that could not be removed (shown by
        #: ``hoso db check``/``db backups``; the others are removed at every start).
        self.leftover_temp: list[Path] = []
        #: Migrations the file has and this HoSo does not know: a newer HoSo wrote it, so it
        #: is open read-only (every write raises ``store.newer_schema``).
        self.newer_schema: list[str] = []
        self._batch_depth = 0  # > 0 inside batch(): writes are savepoints of its transaction
        self._open()

    @property
    def read_only(self) -> bool:
        return bool(self.newer_schema)

    # ------------------------------------------------------------------ open / close

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except LockHeldError as exc:
            raise StoreInUseError("store.in_use", file=str(self.path)) from exc
        except OSError as exc:
            raise _folder_error(exc, self.path.parent) from exc
        try:
            _probe_writable(self.path)
            if self.path.exists() and self.path.stat().st_size and not bk.is_sqlite_file(
                    self.path):
                raise self._damaged("store.not_sqlite")
            self.leftover_temp = bk.clean_temporary(self.backup_dir, self.path.parent)
            self._connect()
            self._check_integrity()
            self.newer_schema = schema.unknown_migrations(self._require_conn())
            if self.newer_schema:  # never write a file of a newer HoSo: read it only
                self._require_conn().execute("PRAGMA query_only=ON")
                return
            self._migrate()
            if self._daily_backup:
                self._make_daily_backup()
        except BaseException:
            self._close_connection()
            self._lock.release()
            raise

    def _damaged(self, key: str) -> StoreDamagedError:
        self._close_connection()
        good = bk.newest_good_backup(self.backup_dir)
        return StoreDamagedError(key, path=self.path, backup=good,
                                 backup_name=good.name if good else "—")

    def _connect(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        self._conn = conn
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            # Durability: WAL + synchronous=FULL fsyncs the WAL on every commit, so an edit
            # whose save returned survives kill -9 *and* a power cut. NORMAL would survive
            # kill -9 but may lose the last commits on power loss.
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StorageKnownError("store.readonly", file=str(self.path), detail=mode)
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA fullfsync=ON")  # macOS: a real flush to the platter
        except sqlite3.DatabaseError as exc:
            if sqlite_error_key(exc) == "store.corrupt":
                raise self._damaged("store.damaged") from exc
            raise translate(exc, self.path) from exc

    def _check_integrity(self) -> None:
        assert self._conn is not None
        try:
            rows = self._conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            if sqlite_error_key(exc) == "store.corrupt":
                raise self._damaged("store.damaged") from exc
            raise translate(exc, self.path) from exc
        if rows != [("ok",)]:
            raise self._damaged("store.damaged")

    def _migrate(self) -> None:
        try:
            if self._migrations is None and schema.up_to_date(self._require_conn()):
                return  # the usual case: no sqlite-utils needed to open the file
            db = self._require()
            pending = self._migration_set().pending(db)
            if not pending:
                return
            if db.table_names():
                self.backup("before-migration")
            self._migration_set().apply(db)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def _make_daily_backup(self) -> None:
        today = self._clock().date()
        if any(b.time.date() == today for b in bk.list_backups(self.backup_dir)):
            return
        if not self._query("SELECT 1 FROM dossiers UNION ALL SELECT 1 FROM units LIMIT 1"):
            return  # nothing to protect yet
        self.backup("daily")

    def close(self) -> None:
        """Checkpoint the WAL into the file (so it can be copied alone) and release the lock."""
        with self._mutex:
            if self._conn is not None:
                try:
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except sqlite3.Error:
                    pass  # the data is safe in the WAL; SQLite replays it on next open
            self._close_connection()
            self._lock.release()

    def _close_connection(self) -> None:
        conn, self._conn, self._db = self._conn, None, None
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def schema_version(self) -> int:
        return schema_version(self._require(), self._migration_set())

    def _migration_set(self) -> Migrations:
        return self._migrations if self._migrations is not None else schema.default_migrations()

    # ------------------------------------------------------------------ plumbing

    def _require_conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StorageKnownError("store.closed", file=str(self.path))
        return self._conn

    def _require(self) -> Database:
        """The sqlite-utils view of the connection (migrations), made on first use."""
        conn = self._require_conn()
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(conn, execute_plugins=False)
        return self._db

    def _now(self) -> str:
        return self._clock().astimezone().isoformat(timespec="milliseconds")

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row | tuple]:
        with self._mutex:
            conn = self._require_conn()
            try:
                return conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: BEGIN IMMEDIATE … COMMIT; anything raised rolls it back. Inside
        :meth:`batch`, a savepoint of the batch's transaction instead (undone alone)."""
        self._refuse_if_read_only()
        with self._mutex:
            conn = self._require_conn()
            if self._batch_depth:
                try:
                    conn.execute("SAVEPOINT hoso_write")
                    try:
                        yield conn
                    except BaseException:
                        conn.execute("ROLLBACK TO hoso_write")
                        conn.execute("RELEASE hoso_write")
                        raise
                    conn.execute("RELEASE hoso_write")
                except (sqlite3.Error, OSError) as exc:
                    raise translate(exc, self.path) from exc
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except (sqlite3.Error, OSError) as exc:
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                raise translate(exc, self.path) from exc

    def _refuse_if_read_only(self) -> None:
        if self.newer_schema:
            raise StorageKnownError("store.newer_schema", file=str(self.path),
                                    migrations=", ".join(self.newer_schema))

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many writes as one transaction, so one fsync (receiving 160 packages): each write
        inside is a savepoint, undone alone when it fails; the whole is committed at the
        end, or undone if the batch itself raises. Other threads' writes wait meanwhile."""
        with self._write():
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1

    # ------------------------------------------------------------------ backups

    def backup(self, reason: str = "manual") -> bk.BackupInfo:
        """A timestamped copy of the file in ``backups/`` (before export: ``before-export``),
        then the retention rule (last 10, one a day for 30 days)."""
        with self._mutex:
            info = bk.make_backup(self._require_conn(), self.backup_dir, reason, self._clock())
            bk.prune(self.backup_dir, self._clock())
            return info

    def list_backups(self) -> list[bk.BackupInfo]:
        """Backups, newest first."""
        return list(reversed(bk.list_backups(self.backup_dir)))

    def restore(self, backup: bk.BackupInfo | Path | str) -> ChangeSet:
        """Replace the data with a backup's; the current data is backed up first."""
        source = Path(backup.path if isinstance(backup, bk.BackupInfo) else backup)
        if not bk.check_file(source):
            raise StorageKnownError("store.backup_unusable", file=str(source))
        self._refuse_if_read_only()
        with self._mutex:
            conn = self._require_conn()
            self.backup("before-restore")
            try:
                src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
                try:
                    src.backup(conn)
                finally:
                    src.close()
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc
            self._migrate()
        return ChangeSet(nominees=True, dossier=True, documents=True, state=True, units=True)

    # ------------------------------------------------------------------ checks

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` plus foreign keys: an empty list means healthy."""
        problems = [r[0] for r in self._query("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in self._query("PRAGMA foreign_key_check")]
        return problems



def _folder_error(exc: OSError, folder: Path) -> StorageKnownError | Exception:
    """An OSError about the data folder: "read-only folder" names the folder."""
    error = translate(exc, folder)
    if getattr(error, "key", None) == "store.readonly":
        return StorageKnownError("store.readonly_folder", file=str(folder),
                                 detail=exc.strerror or str(exc))
    return error


def _probe_writable(db_path: Path) -> None:
    """Fail early, with the file untouched, when the folder cannot take a write."""
    try:
        fd, name = tempfile.mkstemp(prefix=".hoso-probe-", dir=db_path.parent)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        raise _folder_error(exc, db_path.parent) from exc
    if db_path.exists() and not os.access(db_path, os.W_OK):
        raise StorageKnownError("store.readonly", file=str(db_path), detail="")


def recover(db_path: str | os.PathLike[str], backup: bk.BackupInfo | Path | None = None,
            *, clock: Callable[[], dt.datetime] | None = None) -> Path | None:
    """After :class:`StoreDamagedError`: move the damaged file aside (renamed with a
    timestamp, never deleted) and, if given, put the backup in its place. Returns the new
    name of the damaged file (None if there was none)."""
    db_path = Path(db_path)
    lock = FileLock(db_path.with_name(db_path.name + ".lock"))
    try:
        lock.acquire()
    except LockHeldError as exc:
        raise StoreInUseError("store.in_use", file=str(db_path)) from exc
    except OSError as exc:
        raise translate(exc, db_path) from exc
    try:
        stamp = (clock or dt.datetime.now)().strftime("%Y-%m-%dT%H-%M-%S")
        aside: Path | None = None
        if db_path.exists():
            seq = 0
            while True:
                suffix = f"-{seq}" if seq else ""
                aside = db_path.with_name(f"{db_path.stem}-damaged-{stamp}{suffix}"
                                          f"{db_path.suffix}")
                if not aside.exists():
                    break
                seq += 1
            os.replace(db_path, aside)
            for extra in ("-wal", "-shm"):
                side = db_path.with_name(db_path.name + extra)
                if side.exists():
                    os.replace(side, aside.with_name(aside.name + extra))
        if backup is not None:
            source = Path(backup.path if isinstance(backup, bk.BackupInfo) else backup)
            src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
            dest = sqlite3.connect(db_path, isolation_level=None)
            try:
                src.backup(dest)
            finally:
                dest.close()
                src.close()
        return aside
    except (sqlite3.Error, OSError) as exc:
        raise translate(exc, db_path) from exc
    finally:
        lock.release()
