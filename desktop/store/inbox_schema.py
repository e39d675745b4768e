"""Tables of the inbox and returns (hộp thư hồ sơ nhận, trả lại hồ sơ): migration 0004.

``received_dossiers``  one row per sending unit's dossier (keyed by pack and unit): its
                 latest received revision and the latest decision (tiếp nhận / trả lại /
                 không tiếp nhận).
``received_revisions`` one row per received package: the whole package as a BLOB (its files
                 are carried into the forwarding unit's own package), its manifest and
                 dossier JSON, the findings with the pack it was made with and with the
                 current pack, and the differences from the previous revision; a package is
                 received once (its SHA-256 is unique).
``review_notes``   the reviewer's notes (ý kiến) on a received revision; ``return_id`` is set
                 once they went out in a return.
``returns``        the return files made (decision, notes, canonical JSON and its SHA-256).
``applied_returns`` / ``return_notes``  on the sending unit's side: the return files it
                 opened and each note, until the secretary marks it done.

Migration 0005 (``0005_inbox_signature``): ``received_revisions.signature``, the package
signature as checked on receipt (status valid / absent, signer, trusted, certificate
SHA-256; JSON), NULL for packages received before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def m0004_inbox(db: Database) -> None:
    for statement in _V4:
        db.execute(statement)


def m0005_inbox_signature(db: Database) -> None:
    db.execute("ALTER TABLE received_revisions ADD COLUMN signature TEXT")


_V4 = (
    """CREATE TABLE received_dossiers (
        id INTEGER PRIMARY KEY,
        sender_key TEXT NOT NULL UNIQUE,
        unit_name TEXT NOT NULL,
        unit_kind TEXT,
        pack_id TEXT NOT NULL,
        dossier_id TEXT NOT NULL,
        current_revision INTEGER NOT NULL,
        decision TEXT CHECK (decision IN ('accepted', 'returned', 'rejected')),
        decision_reason TEXT NOT NULL DEFAULT '',
        first_received_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE received_revisions (
        received_id INTEGER NOT NULL REFERENCES received_dossiers(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        package_name TEXT NOT NULL,
        package_sha256 TEXT NOT NULL UNIQUE,
        package BLOB NOT NULL,
        size INTEGER NOT NULL,
        manifest TEXT NOT NULL,
        dossier TEXT NOT NULL,
        dossier_revision INTEGER NOT NULL,
        pack_version TEXT NOT NULL,
        nominee_count INTEGER NOT NULL,
        findings_made TEXT,
        current_pack_version TEXT,
        findings_current TEXT,
        problems TEXT NOT NULL DEFAULT '[]',
        differences TEXT NOT NULL DEFAULT '{}',
        answers TEXT,
        received_at TEXT NOT NULL,
        PRIMARY KEY (received_id, revision)
    )""",
    """CREATE TABLE returns (
        id INTEGER PRIMARY KEY,
        return_id TEXT NOT NULL UNIQUE,
        received_id INTEGER NOT NULL,
        revision INTEGER NOT NULL,
        decision TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL,
        FOREIGN KEY (received_id, revision) REFERENCES received_revisions(received_id, revision)
            ON DELETE CASCADE
    )""",
    """CREATE TABLE review_notes (
        id INTEGER PRIMARY KEY,
        received_id INTEGER NOT NULL,
        revision INTEGER NOT NULL,
        note_id TEXT NOT NULL,
        target TEXT NOT NULL,
        path TEXT NOT NULL DEFAULT '',
        nominee_id TEXT,
        document TEXT,
        text TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        return_id INTEGER REFERENCES returns(id) ON DELETE SET NULL,
        UNIQUE (received_id, revision, note_id),
        FOREIGN KEY (received_id, revision) REFERENCES received_revisions(received_id, revision)
            ON DELETE CASCADE
    )""",
    """CREATE TABLE applied_returns (
        id INTEGER PRIMARY KEY,
        dossier_id TEXT NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
        return_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        data TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        UNIQUE (dossier_id, sha256)
    )""",
    """CREATE TABLE return_notes (
        applied_id INTEGER NOT NULL REFERENCES applied_returns(id) ON DELETE CASCADE,
        note_id TEXT NOT NULL,
        dossier_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        data TEXT NOT NULL,
        done_at TEXT,
        answer TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (applied_id, note_id)
    )""",
    "CREATE INDEX return_notes_dossier ON return_notes(dossier_id)",
)
