"""The local store (kho dữ liệu): one SQLite file that never loses a secretary's work.

Every edit is one transaction with its audit row, committed before the call returns. The
file runs in WAL mode with ``synchronous=FULL``: a commit is on disk (fsync of the WAL) when
the call returns, so neither ``kill -9`` nor a power cut loses a returned edit. Callers give
and get pydantic models; rows exist only in this module.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter
from pydantic_core import to_jsonable_python

from desktop.errors import PackError, UserError
from desktop.models import (
    CampaignPack,
    CouncilMeeting,
    Dossier,
    DossierState,
    Finding,
    Nominee,
    PackRef,
    Proposal,
    ResultReport,
    Unit,
)
from desktop.store import backups as bk
from desktop.store import schema
from desktop.store.errors import (
    DossierHasErrorsError,
    DossierNotFoundError,
    LifecycleError,
    NomineeNotFoundError,
    StorageKnownError,
    StoreDamagedError,
    StoreInUseError,
    sqlite_error_key,
    translate,
)
from desktop.store.lock import FileLock, LockHeldError
from desktop.store.packdiff import RuleChange, diff_packs
from desktop.store.schema import schema_version

if TYPE_CHECKING:  # sqlite-utils is loaded only when migrations must run (see _migrate)
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

FILE_NAME = "hoso.db"
BACKUP_FOLDER = "backups"

_NOMINEE = TypeAdapter(Nominee)
_FINDINGS = TypeAdapter(list[Finding])
_SECTIONS = {"unit": Unit, "council": CouncilMeeting, "proposal": Proposal,
             "result_report": ResultReport}
_PATH_TOKEN = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]+)\]")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ChangeSet:
    """What a store write changed (thay đổi), for the GUI's single ``store_changed`` signal.

    Views refresh only for the flags they show. ``revision_created`` is set when editing a
    validated or exported dossier opened a new draft revision. ``audit_ids`` are the audit
    rows written (their old values make undo possible).
    """

    nominees: bool = False
    dossier: bool = False
    documents: bool = False
    state: bool = False
    revision_created: bool = False
    units: bool = False
    signed_copies: bool = False
    dossier_id: str | None = None
    revision: int | None = None
    audit_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class DossierSummary:
    """One line of the dossier list (danh sách hồ sơ)."""

    id: str
    revision: int
    state: DossierState
    title: str
    pack: PackRef
    unit_name: str
    nominee_count: int
    updated_at: str


@dataclass(frozen=True)
class RevisionInfo:
    """A revision (phiên bản) of a dossier with its validation and export records."""

    dossier_id: str
    revision: int
    state: DossierState
    pack: PackRef
    pack_sha256: str | None
    validated_at: str | None
    findings: tuple[Finding, ...]
    package_name: str | None
    package_sha256: str | None
    exported_at: str | None
    stored_at: str


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit log (nhật ký thay đổi): values are decoded JSON (None if absent)."""

    id: int
    at: str
    dossier_id: str
    revision: int
    path: str
    old: Any
    new: Any


@dataclass(frozen=True)
class SignedCopy:
    """The signed copy (bản ký, đóng dấu, quét) of one document of a revision, as a PDF.

    ``nominee_id`` is None for documents of the whole dossier (tờ trình, biên bản). ``data``
    is empty when read with ``with_data=False`` (lists that only show names and sizes).
    """

    dossier_id: str
    revision: int
    document_id: str
    nominee_id: str | None
    file_name: str
    sha256: str
    page_count: int
    size: int
    added_at: str
    data: bytes = field(default=b"", repr=False)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.document_id, self.nominee_id)


@dataclass(frozen=True)
class ValidationRecord:
    """The outcome of :meth:`Store.validate`: the store changes and the remaining findings
    (warnings and info only; errors refuse validation)."""

    changes: ChangeSet
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class DossierPackReport:
    """How one draft fares under a new pack version: findings that are new (answers that
    became invalid) and findings that went away."""

    dossier_id: str
    revision: int
    old_version: str
    new_findings: tuple[Finding, ...]
    resolved: tuple[Finding, ...]
    findings: tuple[Finding, ...]
    moved: bool = False


@dataclass(frozen=True)
class PackRevalidationReport:
    """Report of :meth:`Store.revalidate_for_pack` (báo cáo kiểm tra lại theo gói mới)."""

    pack_id: str
    new_version: str
    rule_changes: dict[str, tuple[RuleChange, ...]] = field(default_factory=dict)
    old_pack_missing: tuple[str, ...] = ()  # old versions whose rules could not be read
    dossiers: tuple[DossierPackReport, ...] = ()


# --------------------------------------------------------------------------- helpers


def default_path(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """``<data folder>/hoso.db`` (``--data-dir``, else ``$HOSO_DATA_DIR``, else platformdirs)."""
    from desktop.paths import data_dir as user_data_dir

    return user_data_dir(data_dir) / FILE_NAME


def _json(value: Any) -> str:
    return json.dumps(to_jsonable_python(value), ensure_ascii=False, separators=(",", ":"))


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _parse_path(path: str) -> list[str]:
    parts: list[str] = []
    pos = 0
    while pos < len(path):
        match = _PATH_TOKEN.match(path, pos)
        if not match or match.end() == pos:
            raise UserError("store.bad_path", path=path)
        parts.append(match.group(1) if match.group(1) is not None else f"[{match.group(2)}]")
        pos = match.end()
    if not parts or parts[0].startswith("["):
        raise UserError("store.bad_path", path=path)
    return parts


def _set_in(data: Any, parts: list[str], value: Any, path: str) -> tuple[Any, Any]:
    """Set ``value`` at ``parts`` inside JSON data; returns (new data, old value)."""
    if not parts:
        return value, data
    head, rest = parts[0], parts[1:]
    key: Any = head[1:-1] if head.startswith("[") else head
    if isinstance(data, list):
        if not (head.startswith("[") and key.isdigit() and int(key) < len(data)):
            raise UserError("store.bad_path", path=path)
        index = int(key)
        new_item, old = _set_in(data[index], rest, value, path)
        return [*data[:index], new_item, *data[index + 1:]], old
    if data is None and rest == [] and not head.startswith("["):
        data = {}
    if not isinstance(data, dict):
        raise UserError("store.bad_path", path=path)
    child = data.get(key)
    if child is None and rest:
        child = {}
    new_child, old = _set_in(child, rest, value, path)
    return {**data, key: new_child}, (old if key in data else None)


def _get_in(data: Any, parts: list[str]) -> Any:
    for head in parts:
        key: Any = head[1:-1] if head.startswith("[") else head
        if isinstance(data, list):
            data = data[int(key)]
        elif isinstance(data, dict):
            data = data.get(key)
        else:
            return None
    return data


# --------------------------------------------------------------------------- the store


class Store:
    """The local store: ``Store(path)`` or ``Store(data_dir=...)``; close it (or use ``with``).

    Opening takes the lock file, checks the file (``PRAGMA quick_check``), runs pending
    migrations after a backup, and makes the daily backup. Methods are thread-safe (one
    write at a time) so the GUI may call them from a worker thread.
    """

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
        self._open()

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
            self._connect()
            self._check_integrity()
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

    def __enter__(self) -> Store:
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
        """One transaction: BEGIN IMMEDIATE … COMMIT; anything raised rolls it back."""
        with self._mutex:
            conn = self._require_conn()
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

    def _audit(self, conn: sqlite3.Connection, dossier_id: str, revision: int, path: str,
               old: Any, new: Any, now: str) -> int:
        cur = conn.execute(
            "INSERT INTO audit_log (at, dossier_id, revision, path, old_value, new_value) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (now, dossier_id, revision, path,
             None if old is None else _json(old), None if new is None else _json(new)))
        return int(cur.lastrowid or 0)

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

    # ------------------------------------------------------------------ campaigns

    def _pack_sha(self, pack: CampaignPack) -> str | None:
        from desktop.packs import find_pack, load_pack_file

        try:
            info = find_pack(pack.id, pack.version, self.packs_dirs)
        except PackError:
            return None
        return info.sha256 if load_pack_file(info.path) == pack else None

    def _record_campaign(self, conn: sqlite3.Connection, ref: PackRef,
                         pack: CampaignPack | None, now: str) -> None:
        row = conn.execute("SELECT pack_json FROM campaigns WHERE pack_id=? AND pack_version=?",
                           (ref.id, ref.version)).fetchone()
        if row is not None and row[0] is not None:
            return
        if pack is None:
            pack = self._installed_pack(ref)
        values = (pack.model_dump_json() if pack else None,
                  self._pack_sha(pack) if pack else None, pack.title if pack else "")
        if row is None:
            conn.execute("INSERT INTO campaigns (pack_id, pack_version, pack_json, pack_sha256, "
                         "title, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                         (ref.id, ref.version, *values, now))
        elif pack is not None:
            conn.execute("UPDATE campaigns SET pack_json=?, pack_sha256=?, title=? "
                         "WHERE pack_id=? AND pack_version=?", (*values, ref.id, ref.version))

    def _installed_pack(self, ref: PackRef) -> CampaignPack | None:
        from desktop.packs import load_pack

        try:
            return load_pack(ref.id, ref.version, self.packs_dirs)
        except PackError:
            return None

    def campaign_pack(self, ref: PackRef) -> CampaignPack | None:
        """The pack a dossier was made with: installed, else the store's JSON snapshot."""
        pack = self._installed_pack(ref)
        if pack is not None:
            return pack
        rows = self._query("SELECT pack_json FROM campaigns WHERE pack_id=? AND pack_version=?",
                           (ref.id, ref.version))
        if rows and rows[0][0]:
            return CampaignPack.model_validate_json(rows[0][0])
        return None

    def list_campaigns(self) -> list[tuple[PackRef, str, str | None]]:
        """Recorded campaigns: (pack ref, title, pack sha256)."""
        rows = self._query("SELECT pack_id, pack_version, title, pack_sha256 FROM campaigns "
                           "ORDER BY pack_id, pack_version")
        return [(PackRef(id=r[0], version=r[1]), r[2], r[3]) for r in rows]

    # ------------------------------------------------------------------ units

    def save_unit(self, unit: Unit, unit_id: int | None = None) -> int:
        """Store a unit profile (đơn vị); returns its id."""
        now = self._now()
        with self._write() as conn:
            if unit_id is None:
                cur = conn.execute("INSERT INTO units (name, data, created_at, updated_at) "
                                   "VALUES (?, ?, ?, ?)",
                                   (unit.name, unit.model_dump_json(), now, now))
                return int(cur.lastrowid or 0)
            conn.execute("UPDATE units SET name=?, data=?, updated_at=? WHERE id=?",
                         (unit.name, unit.model_dump_json(), now, unit_id))
            return unit_id

    def list_units(self) -> list[tuple[int, Unit]]:
        rows = self._query("SELECT id, data FROM units ORDER BY name, id")
        return [(r[0], Unit.model_validate_json(r[1])) for r in rows]

    # ------------------------------------------------------------------ dossiers: read

    def _revision_row(self, dossier_id: str, revision: int | None = None) -> sqlite3.Row:
        with self._mutex:
            conn = self._require_conn()
            conn.row_factory = sqlite3.Row
            try:
                if revision is None:
                    row = conn.execute(
                        "SELECT r.* FROM revisions r JOIN dossiers d ON d.id = r.dossier_id "
                        "AND d.current_revision = r.revision WHERE d.id = ?",
                        (dossier_id,)).fetchone()
                else:
                    row = conn.execute("SELECT * FROM revisions WHERE dossier_id=? AND "
                                       "revision=?", (dossier_id, revision)).fetchone()
            except sqlite3.Error as exc:
                raise translate(exc, self.path) from exc
            finally:
                conn.row_factory = None
        if row is None:
            if revision is None:
                raise DossierNotFoundError("store.dossier_not_found", dossier_id=dossier_id)
            raise DossierNotFoundError("store.revision_not_found", dossier_id=dossier_id,
                                       revision=revision)
        return row

    def _assemble(self, row: sqlite3.Row) -> Dossier:
        if row["snapshot"] is not None:
            snap = Dossier.model_validate_json(row["snapshot"])
            return snap.model_copy(update={"state": DossierState(row["state"])})
        nominees = self._query("SELECT data FROM nominees WHERE dossier_id=? AND revision=? "
                               "ORDER BY position", (row["dossier_id"], row["revision"]))
        text = (
            '{"schema_version":' + str(row["schema_version"])
            + ',"id":' + json.dumps(row["dossier_id"])
            + ',"revision":' + str(row["revision"])
            + ',"state":' + json.dumps(row["state"])
            + ',"pack":' + _json({"id": row["pack_id"], "version": row["pack_version"]})
            + ',"title":' + json.dumps(row["title"], ensure_ascii=False)
            + ',"unit":' + row["unit"]
            + ',"nominees":[' + ",".join(n[0] for n in nominees) + "]"
            + ',"council":' + row["council"]
            + ',"proposal":' + row["proposal"]
            + ',"result_report":' + row["result_report"]
            + ',"created_at":' + (row["created_at"] or "null")
            + ',"updated_at":' + (row["updated_at"] or "null")
            + "}"
        )
        return Dossier.model_validate_json(text)

    def get_dossier(self, dossier_id: str) -> Dossier:
        """The current revision of a dossier, as a model."""
        return self._assemble(self._revision_row(dossier_id))

    def get_revision(self, dossier_id: str, revision: int) -> Dossier:
        """An earlier (or the current) revision; validated revisions come from their
        frozen snapshot."""
        return self._assemble(self._revision_row(dossier_id, revision))

    def has_dossier(self, dossier_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM dossiers WHERE id=?", (dossier_id,)))

    def get_nominee(self, dossier_id: str, nominee_id: str):
        row = self._revision_row(dossier_id)
        rows = self._query("SELECT data FROM nominees WHERE dossier_id=? AND revision=? AND "
                           "nominee_id=? ORDER BY position LIMIT 1",
                           (dossier_id, row["revision"], nominee_id))
        if not rows:
            raise NomineeNotFoundError("store.nominee_not_found", dossier_id=dossier_id,
                                       nominee_id=nominee_id)
        return _NOMINEE.validate_json(rows[0][0])

    def list_dossiers(self) -> list[DossierSummary]:
        rows = self._query(
            "SELECT d.id, r.revision, r.state, r.title, r.pack_id, r.pack_version, r.unit, "
            "(SELECT count(*) FROM nominees n WHERE n.dossier_id = r.dossier_id "
            " AND n.revision = r.revision), d.updated_at "
            "FROM dossiers d JOIN revisions r ON r.dossier_id = d.id "
            "AND r.revision = d.current_revision ORDER BY d.updated_at DESC, d.id")
        return [DossierSummary(r[0], r[1], DossierState(r[2]), r[3],
                               PackRef(id=r[4], version=r[5]), json.loads(r[6]).get("name", ""),
                               r[7], r[8]) for r in rows]

    def _info(self, row: sqlite3.Row) -> RevisionInfo:
        findings = tuple(_FINDINGS.validate_json(row["validation"])) if row["validation"] else ()
        return RevisionInfo(row["dossier_id"], row["revision"], DossierState(row["state"]),
                            PackRef(id=row["pack_id"], version=row["pack_version"]),
                            row["pack_sha256"], row["validated_at"], findings,
                            row["package_name"], row["package_sha256"], row["exported_at"],
                            row["stored_at"])

    def revision_info(self, dossier_id: str, revision: int | None = None) -> RevisionInfo:
        return self._info(self._revision_row(dossier_id, revision))

    def list_revisions(self, dossier_id: str) -> list[RevisionInfo]:
        current = self._revision_row(dossier_id)
        return [self.revision_info(dossier_id, n) for n in range(1, current["revision"] + 1)
                if self._query("SELECT 1 FROM revisions WHERE dossier_id=? AND revision=?",
                               (dossier_id, n))]

    def audit_log(self, dossier_id: str | None = None, *, after_id: int = 0
                  ) -> list[AuditEntry]:
        sql = ("SELECT id, at, dossier_id, revision, path, old_value, new_value FROM audit_log "
               "WHERE id > ?")
        params: list[Any] = [after_id]
        if dossier_id is not None:
            sql += " AND dossier_id = ?"
            params.append(dossier_id)
        rows = self._query(sql + " ORDER BY id", params)
        return [AuditEntry(r[0], r[1], r[2], r[3], r[4], _loads(r[5]), _loads(r[6]))
                for r in rows]

    # ------------------------------------------------------------------ dossiers: write

    def create_dossier(self, dossier: Dossier, *, pack: CampaignPack | None = None,
                       unit_id: int | None = None) -> ChangeSet:
        """Store a new dossier exactly as given (also the JSON import path).

        The unit becomes a unit profile unless ``unit_id`` names one; the pack's JSON is kept
        once per (id, version) so its rules stay readable after an upgrade.
        """
        now = self._now()
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM dossiers WHERE id=?", (dossier.id,)).fetchone():
                raise UserError("store.dossier_exists", dossier_id=dossier.id)
            self._record_campaign(conn, dossier.pack, pack, now)
            if unit_id is None and dossier.unit != Unit():
                unit_json = dossier.unit.model_dump_json()
                found = conn.execute("SELECT id FROM units WHERE data=?", (unit_json,)).fetchone()
                unit_id = found[0] if found else int(conn.execute(
                    "INSERT INTO units (name, data, created_at, updated_at) VALUES (?, ?, ?, ?)",
                    (dossier.unit.name, unit_json, now, now)).lastrowid or 0)
            conn.execute("INSERT INTO dossiers (id, unit_id, current_revision, created_at, "
                         "updated_at) VALUES (?, ?, ?, ?, ?)",
                         (dossier.id, unit_id, dossier.revision, now, now))
            data = json.loads(dossier.model_dump_json())
            frozen = dossier.state != DossierState.DRAFT
            conn.execute(
                "INSERT INTO revisions (dossier_id, revision, state, pack_id, pack_version, "
                "schema_version, title, unit, council, proposal, result_report, created_at, "
                "updated_at, snapshot, stored_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (dossier.id, dossier.revision, dossier.state.value, dossier.pack.id,
                 dossier.pack.version, dossier.schema_version, dossier.title,
                 dossier.unit.model_dump_json(), dossier.council.model_dump_json(),
                 dossier.proposal.model_dump_json(), dossier.result_report.model_dump_json(),
                 None if data["created_at"] is None else json.dumps(data["created_at"]),
                 None if data["updated_at"] is None else json.dumps(data["updated_at"]),
                 dossier.model_dump_json() if frozen else None, now))
            conn.executemany(
                "INSERT INTO nominees (dossier_id, revision, nominee_id, position, kind, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(dossier.id, dossier.revision, n.id, i, n.kind.value, n.model_dump_json())
                 for i, n in enumerate(dossier.nominees)])
            audit = self._audit(conn, dossier.id, dossier.revision, "", None,
                                {"created": dossier.id, "nominees": len(dossier.nominees)}, now)
        return ChangeSet(nominees=True, dossier=True, documents=True, state=True, units=True,
                         dossier_id=dossier.id, revision=dossier.revision, audit_ids=(audit,))

    def _writable_revision(self, conn: sqlite3.Connection, dossier_id: str, now: str
                           ) -> tuple[int, bool, list[int]]:
        """The current revision if it is a draft; else a new draft copied from it."""
        row = conn.execute("SELECT r.revision, r.state FROM revisions r JOIN dossiers d ON "
                           "d.id = r.dossier_id AND d.current_revision = r.revision "
                           "WHERE d.id = ?", (dossier_id,)).fetchone()
        if row is None:
            raise DossierNotFoundError("store.dossier_not_found", dossier_id=dossier_id)
        revision, state = row
        if state == DossierState.DRAFT:
            return revision, False, []
        new = int(conn.execute("SELECT max(revision) FROM revisions WHERE dossier_id=?",
                               (dossier_id,)).fetchone()[0]) + 1
        conn.execute(
            "INSERT INTO revisions (dossier_id, revision, state, pack_id, pack_version, "
            "schema_version, title, unit, council, proposal, result_report, created_at, "
            "updated_at, stored_at) "
            "SELECT dossier_id, ?, 'draft', pack_id, pack_version, schema_version, title, unit, "
            "council, proposal, result_report, created_at, updated_at, ? FROM revisions "
            "WHERE dossier_id=? AND revision=?", (new, now, dossier_id, revision))
        conn.execute(
            "INSERT INTO nominees (dossier_id, revision, nominee_id, position, kind, data) "
            "SELECT dossier_id, ?, nominee_id, position, kind, data FROM nominees "
            "WHERE dossier_id=? AND revision=?", (new, dossier_id, revision))
        conn.execute("UPDATE dossiers SET current_revision=? WHERE id=?", (new, dossier_id))
        audit = self._audit(conn, dossier_id, new, "revision", revision, new, now)
        return new, True, [audit]

    def _touch(self, conn: sqlite3.Connection, dossier_id: str, revision: int,
               now: str) -> None:
        stamp = json.dumps(self._clock().astimezone().isoformat())
        conn.execute("UPDATE revisions SET updated_at=? WHERE dossier_id=? AND revision=?",
                     (stamp, dossier_id, revision))
        conn.execute("UPDATE dossiers SET updated_at=? WHERE id=?", (now, dossier_id))

    def _nominee_row(self, conn: sqlite3.Connection, dossier_id: str, revision: int,
                     nominee_id: str | None, index: int | None) -> tuple[int, str] | None:
        if index is not None:
            return conn.execute("SELECT id, data FROM nominees WHERE dossier_id=? AND "
                                "revision=? ORDER BY position LIMIT 1 OFFSET ?",
                                (dossier_id, revision, index)).fetchone()
        return conn.execute("SELECT id, data FROM nominees WHERE dossier_id=? AND revision=? "
                            "AND nominee_id=? ORDER BY position LIMIT 1",
                            (dossier_id, revision, nominee_id)).fetchone()

    def save_nominee(self, dossier_id: str, nominee: Nominee, *,
                     index: int | None = None) -> ChangeSet:
        """Add a nominee, or replace the one with the same id (or at ``index``)."""
        now = self._now()
        with self._write() as conn:
            revision, created, audits = self._writable_revision(conn, dossier_id, now)
            row = self._nominee_row(conn, dossier_id, revision, nominee.id, index)
            if index is not None and row is None:
                raise NomineeNotFoundError("store.nominee_not_found", dossier_id=dossier_id,
                                           nominee_id=f"#{index}")
            new_json = nominee.model_dump_json()
            if row is None:
                position = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM nominees "
                                        "WHERE dossier_id=? AND revision=?",
                                        (dossier_id, revision)).fetchone()[0]
                conn.execute("INSERT INTO nominees (dossier_id, revision, nominee_id, position, "
                             "kind, data) VALUES (?, ?, ?, ?, ?, ?)",
                             (dossier_id, revision, nominee.id, position, nominee.kind.value,
                              new_json))
                old = None
            else:
                conn.execute("UPDATE nominees SET nominee_id=?, kind=?, data=? WHERE id=?",
                             (nominee.id, nominee.kind.value, new_json, row[0]))
                old = json.loads(row[1])
            self._touch(conn, dossier_id, revision, now)
            audits.append(self._audit(conn, dossier_id, revision, f"nominees[id={nominee.id}]",
                                      old, json.loads(new_json), now))
        return ChangeSet(nominees=True, documents=True, state=created, revision_created=created,
                         dossier_id=dossier_id, revision=revision, audit_ids=tuple(audits))

    def remove_nominee(self, dossier_id: str, nominee_id: str | None = None, *,
                       index: int | None = None) -> ChangeSet:
        """Remove a nominee (by id, or by ``index`` in the list). Other documents that name
        it (proposal list, votes) are the caller's to update; the rule engine checks them."""
        now = self._now()
        with self._write() as conn:
            revision, created, audits = self._writable_revision(conn, dossier_id, now)
            row = self._nominee_row(conn, dossier_id, revision, nominee_id, index)
            if row is None:
                raise NomineeNotFoundError("store.nominee_not_found", dossier_id=dossier_id,
                                           nominee_id=nominee_id or f"#{index}")
            conn.execute("DELETE FROM nominees WHERE id=?", (row[0],))
            old = json.loads(row[1])
            self._touch(conn, dossier_id, revision, now)
            audits.append(self._audit(conn, dossier_id, revision,
                                      f"nominees[id={old['id']}]", old, None, now))
        return ChangeSet(nominees=True, documents=True, state=created, revision_created=created,
                         dossier_id=dossier_id, revision=revision, audit_ids=tuple(audits))

    def move_nominee(self, dossier_id: str, nominee_id: str, new_index: int) -> ChangeSet:
        """Move a nominee to ``new_index`` in the list order."""
        now = self._now()
        with self._write() as conn:
            revision, created, audits = self._writable_revision(conn, dossier_id, now)
            rows = conn.execute("SELECT id, nominee_id FROM nominees WHERE dossier_id=? AND "
                                "revision=? ORDER BY position", (dossier_id, revision)).fetchall()
            old_order = [r[1] for r in rows]
            at = next((i for i, r in enumerate(rows) if r[1] == nominee_id), None)
            if at is None:
                raise NomineeNotFoundError("store.nominee_not_found", dossier_id=dossier_id,
                                           nominee_id=nominee_id)
            moved = rows.pop(at)
            rows.insert(max(0, min(new_index, len(rows))), moved)
            conn.executemany("UPDATE nominees SET position=? WHERE id=?",
                             [(-1 - i, r[0]) for i, r in enumerate(rows)])
            conn.executemany("UPDATE nominees SET position=? WHERE id=?",
                             [(i, r[0]) for i, r in enumerate(rows)])
            self._touch(conn, dossier_id, revision, now)
            audits.append(self._audit(conn, dossier_id, revision, "nominees.order", old_order,
                                      [r[1] for r in rows], now))
        return ChangeSet(nominees=True, documents=True, state=created, revision_created=created,
                         dossier_id=dossier_id, revision=revision, audit_ids=tuple(audits))

    def _set_column(self, dossier_id: str, column: str, value: Any, stored: str,
                    path: str) -> ChangeSet:
        now = self._now()
        with self._write() as conn:
            revision, created, audits = self._writable_revision(conn, dossier_id, now)
            old = conn.execute(f"SELECT {column} FROM revisions WHERE dossier_id=? AND "
                               "revision=?", (dossier_id, revision)).fetchone()[0]
            conn.execute(f"UPDATE revisions SET {column}=? WHERE dossier_id=? AND revision=?",
                         (stored, dossier_id, revision))
            units = False
            if column == "unit":
                conn.execute("UPDATE units SET name=?, data=?, updated_at=? WHERE id=(SELECT "
                             "unit_id FROM dossiers WHERE id=?)",
                             (json.loads(stored).get("name", ""), stored, now, dossier_id))
                units = True
            self._touch(conn, dossier_id, revision, now)
            old_value = old if column == "title" else json.loads(old)
            audits.append(self._audit(conn, dossier_id, revision, path, old_value, value, now))
        return ChangeSet(dossier=True, documents=True, state=created, revision_created=created,
                         units=units, dossier_id=dossier_id, revision=revision,
                         audit_ids=tuple(audits))

    def set_title(self, dossier_id: str, title: str) -> ChangeSet:
        from desktop.textutil import clean

        title = clean(title)
        return self._set_column(dossier_id, "title", title, title, "title")

    def set_unit(self, dossier_id: str, unit: Unit) -> ChangeSet:
        """Replace the dossier's unit (đơn vị); its unit profile follows."""
        text = unit.model_dump_json()
        return self._set_column(dossier_id, "unit", json.loads(text), text, "unit")

    def set_council(self, dossier_id: str, council: CouncilMeeting) -> ChangeSet:
        """Replace the council meeting (biên bản họp Hội đồng)."""
        text = council.model_dump_json()
        return self._set_column(dossier_id, "council", json.loads(text), text, "council")

    def set_proposal(self, dossier_id: str, proposal: Proposal) -> ChangeSet:
        """Replace the proposal (tờ trình)."""
        text = proposal.model_dump_json()
        return self._set_column(dossier_id, "proposal", json.loads(text), text, "proposal")

    def set_result_report(self, dossier_id: str, report: ResultReport) -> ChangeSet:
        """Replace the campaign result report (báo cáo kết quả đợt thi đua): its section
        texts, number, signer, corrected figures and the day it was sent. Like every edit of
        a validated or exported dossier, it opens a new draft revision (the exported package
        stays tied to its revision)."""
        text = report.model_dump_json()
        return self._set_column(dossier_id, "result_report", json.loads(text), text,
                                "result_report")

    def update_field(self, dossier_id: str, path: str, value: Any) -> ChangeSet:
        """Set one field: ``title``, ``unit.name``, ``council.members[2].present``,
        ``proposal.date``, ``nominees[3].full_name`` (by index, as in ``Finding.path``) or
        ``nominees[id=n1].criteria[work_results].met`` (by id).

        The changed section is validated with its model; ``pydantic.ValidationError``
        propagates and nothing is saved. One transaction, one audit row (old and new value).
        """
        parts = _parse_path(path)
        jvalue = to_jsonable_python(value)
        head = parts[0]
        if head == "title" and len(parts) == 1:
            return self.set_title(dossier_id, value)
        if head in _SECTIONS:
            return self._update_section(dossier_id, head, parts[1:], jvalue, path)
        if head == "nominees" and len(parts) >= 2:
            return self._update_nominee(dossier_id, parts[1][1:-1], parts[2:], jvalue, path)
        raise UserError("store.bad_path", path=path)

    def _update_section(self, dossier_id: str, section: str, parts: list[str], value: Any,
                        path: str) -> ChangeSet:
        now = self._now()
        model = _SECTIONS[section]
        with self._write() as conn:
            revision, created, audits = self._writable_revision(conn, dossier_id, now)
            old_text = conn.execute(f"SELECT {section} FROM revisions WHERE dossier_id=? AND "
                                    "revision=?", (dossier_id, revision)).fetchone()[0]
            data, old = _set_in(json.loads(old_text), parts, value, path)
            new_text = model.model_validate(data).model_dump_json()
            new_data = json.loads(new_text)
            conn.execute(f"UPDATE revisions SET {section}=? WHERE dossier_id=? AND revision=?",
                         (new_text, dossier_id, revision))
            units = False
            if section == "unit":
                conn.execute("UPDATE units SET name=?, data=?, updated_at=? WHERE id=(SELECT "
                             "unit_id FROM dossiers WHERE id=?)",
                             (new_data.get("name", ""), new_text, now, dossier_id))
                units = True
            self._touch(conn, dossier_id, revision, now)
            audits.append(self._audit(conn, dossier_id, revision, path, old,
                                      _get_in(new_data, parts), now))
        return ChangeSet(dossier=True, documents=True, state=created, revision_created=created,
                         units=units, dossier_id=dossier_id, revision=revision,
                         audit_ids=tuple(audits))

    def _update_nominee(self, dossier_id: str, which: str, parts: list[str], value: Any,
                        path: str) -> ChangeSet:
        if which.startswith("id="):
            nominee_id, index = which[3:], None
        elif which.isdigit():
            nominee_id, index = None, int(which)
        else:
            nominee_id, index = which, None
        now = self._now()
        with self._write() as conn:
            revision, created, audits = self._writable_revision(conn, dossier_id, now)
            row = self._nominee_row(conn, dossier_id, revision, nominee_id, index)
            if row is None:
                raise NomineeNotFoundError("store.nominee_not_found", dossier_id=dossier_id,
                                           nominee_id=which)
            data, old = _set_in(json.loads(row[1]), parts, value, path)
            nominee = _NOMINEE.validate_python(data)
            new_text = nominee.model_dump_json()
            new_data = json.loads(new_text)
            conn.execute("UPDATE nominees SET nominee_id=?, kind=?, data=? WHERE id=?",
                         (nominee.id, nominee.kind.value, new_text, row[0]))
            self._touch(conn, dossier_id, revision, now)
            audits.append(self._audit(conn, dossier_id, revision, path, old,
                                      _get_in(new_data, parts), now))
        return ChangeSet(nominees=True, documents=True, state=created, revision_created=created,
                         dossier_id=dossier_id, revision=revision, audit_ids=tuple(audits))

    # ------------------------------------------------------------------ lifecycle

    def _pack_for(self, ref: PackRef, pack: CampaignPack | None) -> CampaignPack:
        if pack is not None:
            return pack
        found = self.campaign_pack(ref)
        if found is None:
            from desktop.packs import find_pack

            find_pack(ref.id, ref.version, self.packs_dirs)  # raises the Vietnamese PackError
            raise PackError("pack.version_not_found", pack_id=ref.id, version=ref.version,
                            available="—")
        return found

    def validate(self, dossier_id: str, pack: CampaignPack | None = None, *,
                 today: dt.date | None = None) -> ValidationRecord:
        """Check the current draft; with zero errors freeze it as ``validated``.

        The frozen snapshot (full dossier JSON), the pack id, version and SHA-256 and the
        findings are stored. With errors nothing changes and :class:`DossierHasErrorsError`
        carries them. A validated or exported revision returns its stored findings.
        """
        from desktop.validation import validate

        row = self._revision_row(dossier_id)
        if row["state"] != DossierState.DRAFT:
            return ValidationRecord(ChangeSet(dossier_id=dossier_id, revision=row["revision"]),
                                    self._info(row).findings)
        dossier = self._assemble(row)
        pack = self._pack_for(dossier.pack, pack)
        findings = validate(dossier, pack, today=today)
        errors = [f for f in findings if f.blocking]
        if errors:
            raise DossierHasErrorsError("store.has_errors", findings=errors, count=len(errors),
                                        dossier_id=dossier_id)
        sha = self._pack_sha(pack)
        frozen = dossier.model_copy(update={"state": DossierState.VALIDATED})
        now = self._now()
        with self._write() as conn:
            current = conn.execute("SELECT state, updated_at FROM revisions WHERE "
                                   "dossier_id=? AND revision=?",
                                   (dossier_id, row["revision"])).fetchone()
            if current is None or tuple(current) != (DossierState.DRAFT.value,
                                                     row["updated_at"]) or conn.execute(
                    "SELECT current_revision FROM dossiers WHERE id=?",
                    (dossier_id,)).fetchone()[0] != row["revision"]:
                raise LifecycleError("store.changed_meanwhile", dossier_id=dossier_id)
            self._record_campaign(conn, dossier.pack, pack, now)
            conn.execute(
                "UPDATE revisions SET state='validated', snapshot=?, pack_sha256=?, "
                "validation=?, validated_at=? WHERE dossier_id=? AND revision=?",
                (frozen.model_dump_json(), sha,
                 _FINDINGS.dump_json(findings).decode("utf-8"), now, dossier_id,
                 row["revision"]))
            conn.execute("UPDATE dossiers SET updated_at=? WHERE id=?", (now, dossier_id))
            audit = self._audit(conn, dossier_id, row["revision"], "state", "draft",
                                {"state": "validated", "pack": dossier.pack.model_dump(),
                                 "pack_sha256": sha}, now)
        return ValidationRecord(ChangeSet(dossier=True, state=True, dossier_id=dossier_id,
                                          revision=row["revision"], audit_ids=(audit,)),
                                tuple(findings))

    def mark_exported(self, dossier_id: str, package_name: str,
                      package_sha256: str) -> ChangeSet:
        """Record the exported package (tên tệp gói, SHA-256) of a validated revision.
        Take ``backup("before-export")`` before writing the package."""
        if not re.fullmatch(r"[0-9a-f]{64}", package_sha256):
            raise UserError("store.bad_sha256", value=package_sha256)
        now = self._now()
        with self._write() as conn:
            row = conn.execute("SELECT r.revision, r.state, r.package_name, r.package_sha256 "
                               "FROM revisions r JOIN dossiers d ON d.id = r.dossier_id AND "
                               "d.current_revision = r.revision WHERE d.id = ?",
                               (dossier_id,)).fetchone()
            if row is None:
                raise DossierNotFoundError("store.dossier_not_found", dossier_id=dossier_id)
            revision, state, old_name, old_sha = row
            if state == DossierState.DRAFT:
                raise LifecycleError("store.export_needs_validation", dossier_id=dossier_id)
            conn.execute("UPDATE revisions SET state='exported', package_name=?, "
                         "package_sha256=?, exported_at=? WHERE dossier_id=? AND revision=?",
                         (package_name, package_sha256, now, dossier_id, revision))
            conn.execute("UPDATE dossiers SET updated_at=? WHERE id=?", (now, dossier_id))
            audit = self._audit(conn, dossier_id, revision, "state",
                                {"state": state, "package_name": old_name,
                                 "package_sha256": old_sha},
                                {"state": "exported", "package_name": package_name,
                                 "package_sha256": package_sha256}, now)
        return ChangeSet(state=True, dossier=True, dossier_id=dossier_id, revision=revision,
                         audit_ids=(audit,))

    # ------------------------------------------------------------------ signed copies

    def _current_revision(self, conn: sqlite3.Connection, dossier_id: str) -> int:
        row = conn.execute("SELECT current_revision FROM dossiers WHERE id=?",
                           (dossier_id,)).fetchone()
        if row is None:
            raise DossierNotFoundError("store.dossier_not_found", dossier_id=dossier_id)
        return int(row[0])

    def attach_signed_copy(self, dossier_id: str, document_id: str, data: bytes, *,
                           file_name: str, page_count: int, nominee_id: str | None = None,
                           revision: int | None = None) -> ChangeSet:
        """Keep ``data`` (a PDF) as the signed copy of a document of the current revision
        (or ``revision``), replacing the one it had. Not an edit of the dossier: a validated
        or exported revision keeps its state. One transaction, one audit row (old and new
        file name, SHA-256, pages, size)."""
        import hashlib

        if not data or page_count < 1:
            raise UserError("scans.store_empty", file=file_name)
        sha = hashlib.sha256(data).hexdigest()
        now = self._now()
        new = {"file_name": file_name, "sha256": sha, "page_count": page_count,
               "size": len(data)}
        with self._write() as conn:
            if revision is None:
                revision = self._current_revision(conn, dossier_id)
            elif conn.execute("SELECT 1 FROM revisions WHERE dossier_id=? AND revision=?",
                              (dossier_id, revision)).fetchone() is None:
                raise DossierNotFoundError("store.revision_not_found", dossier_id=dossier_id,
                                           revision=revision)
            key = (dossier_id, revision, document_id, nominee_id or "")
            old = conn.execute("SELECT file_name, sha256, page_count, size FROM signed_copies "
                               "WHERE dossier_id=? AND revision=? AND document_id=? AND "
                               "nominee_id=?", key).fetchone()
            conn.execute("DELETE FROM signed_copies WHERE dossier_id=? AND revision=? AND "
                         "document_id=? AND nominee_id=?", key)
            conn.execute("INSERT INTO signed_copies (dossier_id, revision, document_id, "
                         "nominee_id, file_name, data, sha256, page_count, size, added_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (*key, file_name, sqlite3.Binary(data), sha, page_count, len(data),
                          now))
            conn.execute("UPDATE dossiers SET updated_at=? WHERE id=?", (now, dossier_id))
            audit = self._audit(conn, dossier_id, revision,
                                _signed_path(document_id, nominee_id),
                                None if old is None else dict(zip(new, old, strict=True)),
                                new, now)
        return ChangeSet(documents=True, signed_copies=True, dossier_id=dossier_id,
                         revision=revision, audit_ids=(audit,))

    def signed_copies(self, dossier_id: str, revision: int | None = None, *,
                      with_data: bool = True) -> list[SignedCopy]:
        """The signed copies of the current revision (or ``revision``), by document id and
        nominee id."""
        if revision is None:
            revision = self.revision_info(dossier_id).revision
        data = "data" if with_data else "x''"
        rows = self._query(
            f"SELECT document_id, nominee_id, file_name, sha256, page_count, size, added_at, "
            f"{data} FROM signed_copies WHERE dossier_id=? AND revision=? "
            "ORDER BY document_id, nominee_id", (dossier_id, revision))
        return [SignedCopy(dossier_id, revision, r[0], r[1] or None, r[2], r[3], r[4], r[5],
                           r[6], bytes(r[7])) for r in rows]

    def remove_signed_copy(self, dossier_id: str, document_id: str, *,
                           nominee_id: str | None = None,
                           revision: int | None = None) -> ChangeSet:
        """Remove a document's signed copy (audited; the old record stays in the audit log)."""
        now = self._now()
        with self._write() as conn:
            if revision is None:
                revision = self._current_revision(conn, dossier_id)
            key = (dossier_id, revision, document_id, nominee_id or "")
            old = conn.execute("SELECT file_name, sha256, page_count, size FROM signed_copies "
                               "WHERE dossier_id=? AND revision=? AND document_id=? AND "
                               "nominee_id=?", key).fetchone()
            if old is None:
                raise UserError("scans.store_not_found", dossier_id=dossier_id,
                                document=_signed_path(document_id, nominee_id))
            conn.execute("DELETE FROM signed_copies WHERE dossier_id=? AND revision=? AND "
                         "document_id=? AND nominee_id=?", key)
            conn.execute("UPDATE dossiers SET updated_at=? WHERE id=?", (now, dossier_id))
            audit = self._audit(conn, dossier_id, revision,
                                _signed_path(document_id, nominee_id),
                                dict(zip(("file_name", "sha256", "page_count", "size"), old,
                                         strict=True)), None, now)
        return ChangeSet(documents=True, signed_copies=True, dossier_id=dossier_id,
                         revision=revision, audit_ids=(audit,))

    # ------------------------------------------------------------------ pack revisions

    def move_to_pack(self, dossier_id: str, pack: CampaignPack) -> ChangeSet:
        """Write the dossier against another version of its pack (an edit, audited)."""
        now = self._now()
        with self._write() as conn:
            revision, created, audits = self._writable_revision(conn, dossier_id, now)
            old = conn.execute("SELECT pack_id, pack_version FROM revisions WHERE "
                               "dossier_id=? AND revision=?", (dossier_id, revision)).fetchone()
            if old[0] != pack.id:
                raise UserError("store.other_pack", dossier_id=dossier_id, pack_id=pack.id)
            self._record_campaign(conn, PackRef(id=pack.id, version=pack.version), pack, now)
            conn.execute("UPDATE revisions SET pack_version=? WHERE dossier_id=? AND "
                         "revision=?", (pack.version, dossier_id, revision))
            self._touch(conn, dossier_id, revision, now)
            audits.append(self._audit(conn, dossier_id, revision, "pack.version", old[1],
                                      pack.version, now))
        return ChangeSet(dossier=True, documents=True, state=created, revision_created=created,
                         dossier_id=dossier_id, revision=revision, audit_ids=tuple(audits))

    def revalidate_for_pack(self, new_pack: CampaignPack, *, move: bool = False,
                            today: dt.date | None = None) -> PackRevalidationReport:
        """Re-check the drafts made under older versions of ``new_pack``'s campaign.

        Reports the rule changes per old version (old rules from the installed pack, else
        the store's JSON copy) and, per draft, the findings the new rules add (answers that
        became invalid) or clear. Nothing is deleted; drafts move to the new version only
        with ``move=True`` (or later with :meth:`move_to_pack`).
        """
        from desktop.validation import validate

        now = self._now()
        with self._write() as conn:
            self._record_campaign(conn, PackRef(id=new_pack.id, version=new_pack.version),
                                  new_pack, now)
        rows = self._query(
            "SELECT r.dossier_id, r.revision, r.pack_version FROM revisions r JOIN dossiers d "
            "ON d.id = r.dossier_id AND d.current_revision = r.revision WHERE r.pack_id=? AND "
            "r.pack_version<>? AND r.state='draft' ORDER BY r.dossier_id",
            (new_pack.id, new_pack.version))
        old_packs: dict[str, CampaignPack | None] = {}
        for _, _, version in rows:
            if version not in old_packs:
                old_packs[version] = self.campaign_pack(PackRef(id=new_pack.id, version=version))
        rule_changes = {v: tuple(diff_packs(p, new_pack)) for v, p in old_packs.items() if p}
        reports = []
        new_ref = PackRef(id=new_pack.id, version=new_pack.version)
        for dossier_id, revision, version in rows:
            dossier = self.get_revision(dossier_id, revision)
            old_pack = old_packs[version]
            before = validate(dossier, old_pack, today=today) if old_pack else []
            after = validate(dossier.model_copy(update={"pack": new_ref}), new_pack,
                             today=today)

            def key(f: Finding) -> tuple:
                return (f.code, f.severity, f.path, f.nominee_id, f.document)

            before_keys, after_keys = {key(f) for f in before}, {key(f) for f in after}
            moved = False
            if move:
                self.move_to_pack(dossier_id, new_pack)
                moved = True
            reports.append(DossierPackReport(
                dossier_id, revision, version,
                tuple(f for f in after if key(f) not in before_keys),
                tuple(f for f in before if key(f) not in after_keys),
                tuple(after), moved))
        return PackRevalidationReport(
            new_pack.id, new_pack.version, rule_changes,
            tuple(sorted(v for v, p in old_packs.items() if p is None)), tuple(reports))

    # ------------------------------------------------------------------ JSON files

    def import_dossier_file(self, path: str | os.PathLike[str]) -> ChangeSet:
        """Import a dossier JSON file (the format of ``hoso demo``/``validate``)."""
        from desktop.dossierfile import read_dossier_data

        return self.create_dossier(Dossier.model_validate(read_dossier_data(path)))

    def export_dossier_file(self, dossier_id: str, path: str | os.PathLike[str],
                            revision: int | None = None) -> Path:
        """Write a dossier (the current or a given revision) as a JSON file, atomically."""
        from desktop.dossierfile import write_dossier_file

        dossier = (self.get_dossier(dossier_id) if revision is None
                   else self.get_revision(dossier_id, revision))
        return write_dossier_file(dossier, path)

    # ------------------------------------------------------------------ checks

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check`` plus foreign keys: an empty list means healthy."""
        problems = [r[0] for r in self._query("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in self._query("PRAGMA foreign_key_check")]
        return problems


def _signed_path(document_id: str, nominee_id: str | None) -> str:
    """The audit path of a signed copy: ``signed_copies[proposal]``, ``…[report/n1]``."""
    return f"signed_copies[{document_id}{'/' + nominee_id if nominee_id else ''}]"


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
