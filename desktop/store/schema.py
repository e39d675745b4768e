"""Schema of the data file (lược đồ dữ liệu), built only by migrations.

Each migration is a named step of the ``hoso`` set (sqlite-utils ``Migrations``), applied in
one transaction together with its record in ``_sqlite_migrations``. Never edit or reorder a
released migration: add one, bump nothing else, and add a fixture of the old version with
``tests/store/fixtures/make_fixtures.py``. The schema version is the number of applied
migrations.

Version 1:

``units``        unit profiles (đơn vị) a dossier can start from: ``data`` is the Unit JSON.
``campaigns``    one row per (pack id, version): the pack file's SHA-256 and a JSON snapshot of
                 the pack, so old rules stay readable after the pack is upgraded.
``dossiers``     one row per dossier (hồ sơ): its current revision and unit profile.
``revisions``    one row per revision: state, pack, the small parts of the dossier as JSON
                 columns (unit, council, proposal), and once validated the frozen snapshot,
                 the validation result and the export record.
``nominees``     one row per nominee per revision (Nominee JSON), ordered by ``position``:
                 editing one nominee rewrites one small row, whatever the dossier's size.
                 Nominee ids are not unique here: an imported draft may repeat one (the
                 rule engine reports it), and the store keeps it as it came.
``audit_log``    one row per edit: when, dossier, revision, field path, old and new JSON.

Version 2 (``0002_result_report``):

``revisions.result_report``  the campaign result report (báo cáo kết quả đợt thi đua) of the
                 revision as ResultReport JSON; ``'{}'`` (all defaults) for older revisions.

Version 3 (``0003_signed_copies``):

``signed_copies``  the signed copies (bản ký, đóng dấu, quét) of a revision's documents: one
                 PDF per (document id, nominee id; ``''`` for documents of the whole dossier),
                 kept as a BLOB in this file with its SHA-256, page count and size, so an
                 attach is one transaction with its audit row and backups and restores carry
                 the copies with the dossier. A copy belongs to the revision it was attached
                 to (the printed document it scans); a new draft revision starts without.

Version 4 (``0004_inbox``): received packages, review notes and returns; version 5
(``0005_inbox_signature``): the signature of each received package as checked on receipt;
see ``desktop/store/inbox_schema.py``.
"""

from __future__ import annotations

import functools
import sqlite3
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # sqlite-utils is imported only to apply migrations (see ``migrations``)
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "hoso"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' record of applied migrations


def m0001_initial(db: Database) -> None:
    for statement in _V1:
        db.execute(statement)


def m0002_result_report(db: Database) -> None:
    db.execute("ALTER TABLE revisions ADD COLUMN result_report TEXT NOT NULL DEFAULT '{}'")


def m0003_signed_copies(db: Database) -> None:
    db.execute("""CREATE TABLE signed_copies (
        id INTEGER PRIMARY KEY,
        dossier_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        document_id TEXT NOT NULL,
        nominee_id TEXT NOT NULL DEFAULT '',
        file_name TEXT NOT NULL,
        data BLOB NOT NULL,
        sha256 TEXT NOT NULL,
        page_count INTEGER NOT NULL,
        size INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        UNIQUE (dossier_id, revision, document_id, nominee_id),
        FOREIGN KEY (dossier_id, revision) REFERENCES revisions(dossier_id, revision)
            ON DELETE CASCADE
    )""")


_V1 = (
    """CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        data TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE campaigns (
        pack_id TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        pack_sha256 TEXT,
        title TEXT NOT NULL DEFAULT '',
        pack_json TEXT,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (pack_id, pack_version)
    )""",
    """CREATE TABLE dossiers (
        id TEXT PRIMARY KEY,
        unit_id INTEGER REFERENCES units(id) ON DELETE SET NULL,
        current_revision INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE revisions (
        dossier_id TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('draft', 'validated', 'exported')),
        pack_id TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        title TEXT NOT NULL,
        unit TEXT NOT NULL,
        council TEXT NOT NULL,
        proposal TEXT NOT NULL,
        created_at TEXT,
        updated_at TEXT,
        snapshot TEXT,
        pack_sha256 TEXT,
        validation TEXT,
        validated_at TEXT,
        package_name TEXT,
        package_sha256 TEXT,
        exported_at TEXT,
        stored_at TEXT NOT NULL,
        PRIMARY KEY (dossier_id, revision),
        FOREIGN KEY (pack_id, pack_version) REFERENCES campaigns(pack_id, pack_version)
    )""",
    """CREATE TABLE nominees (
        id INTEGER PRIMARY KEY,
        dossier_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        nominee_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        UNIQUE (dossier_id, revision, position),
        FOREIGN KEY (dossier_id, revision) REFERENCES revisions(dossier_id, revision)
            ON DELETE CASCADE
    )""",
    "CREATE INDEX nominees_by_id ON nominees(dossier_id, revision, nominee_id)",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        dossier_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        path TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT
    )""",
    "CREATE INDEX audit_log_dossier ON audit_log(dossier_id, revision, id)",
)


from desktop.store.inbox_schema import (  # noqa: E402  (inbox and returns)
    m0004_inbox,
    m0005_inbox_signature,
)

#: The migrations of the ``hoso`` set, in the order they apply: (name, function).
STEPS = (
    ("0001_initial", m0001_initial),
    ("0002_result_report", m0002_result_report),
    ("0003_signed_copies", m0003_signed_copies),
    ("0004_inbox", m0004_inbox),
    ("0005_inbox_signature", m0005_inbox_signature),
)
MIGRATION_NAMES = tuple(name for name, _ in STEPS)


def build_migrations() -> Migrations:
    """The sqlite-utils ``Migrations`` of :data:`STEPS`."""
    from sqlite_utils.migrations import Migrations

    built = Migrations(MIGRATION_SET)
    for name, step in STEPS:
        built(name=name)(step)
    return built


@functools.cache
def default_migrations() -> Migrations:
    """The app's own migration set, built on first use: opening an up-to-date file needs no
    sqlite-utils (:func:`up_to_date`), and importing it is ~60 ms of the app's start."""
    return build_migrations()


def __getattr__(name: str) -> Any:
    """``schema.migrations`` (the name the tests and older code use): the same set."""
    if name == "migrations":
        return default_migrations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def up_to_date(conn: sqlite3.Connection) -> bool:
    """Whether every migration of :data:`STEPS` is recorded as applied (plain SQL)."""
    try:
        rows = conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                            (MIGRATION_SET,)).fetchall()
    except sqlite3.OperationalError:  # no such table: a new file
        return False
    return set(MIGRATION_NAMES) <= {row[0] for row in rows}


def schema_version(db: Database, migration_set: Migrations | None = None) -> int:
    """How many migrations of the set the file has applied (0 for a new file)."""
    return len((migration_set or default_migrations()).applied(db))


def latest_version(migration_set: Migrations | None = None) -> int:
    return len((migration_set or default_migrations())._migrations)


def unknown_migrations(conn: sqlite3.Connection) -> list[str]:
    """Migrations of the ``hoso`` set the file records but this HoSo does not know: the
    file was written by a newer HoSo (its schema is newer). Empty for a known or new file."""
    try:
        rows = conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                            (MIGRATION_SET,)).fetchall()
    except sqlite3.OperationalError:  # no such table: a new file
        return []
    return sorted({row[0] for row in rows} - set(MIGRATION_NAMES))
