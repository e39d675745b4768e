"""The inbox and returns (hộp hồ sơ nhận, trả lại hồ sơ) of the store.

A forwarding unit keeps every package it received (the whole ZIP, so the files a taken
nominee needs can go into its own package), grouped per sending unit's dossier: a second
package from the same unit is the next *received revision*, never a second dossier. The
reviewer's notes and the return files made are kept with the received revision. On the
sending unit's side, an opened return file and each of its notes are kept with the dossier
until the secretary marks them done. The service that verifies, re-validates and compares
packages is :mod:`desktop.consolidation`; this module only stores and reads.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter

from desktop.errors import UserError
from desktop.models import Dossier, Finding
from desktop.models.consolidation import (
    ReturnDecision,
    ReturnFile,
    ReviewNote,
)
from desktop.store.audit import AuditMixin
from desktop.store.core import _json
from desktop.store.errors import DossierNotFoundError
from desktop.store.results import ChangeSet

_FINDINGS = TypeAdapter(list[Finding])


@dataclass(frozen=True)
class NewReceived:
    """What the consolidation service hands the store for one received package."""

    sender_key: str
    unit_name: str
    unit_kind: str | None
    pack_id: str
    pack_version: str
    dossier: Dossier
    package_name: str
    package_sha256: str
    package: bytes
    manifest_json: str
    findings_made: list[Finding] | None  # None: the pack it was made with is not available
    current_pack_version: str | None
    findings_current: list[Finding] | None
    problems: list[dict[str, Any]] = field(default_factory=list)
    differences: dict[str, Any] = field(default_factory=dict)
    answers_json: str | None = None
    signature: dict[str, Any] | None = None  # status, signer, trusted, cert_sha256


@dataclass(frozen=True)
class ReceivedSummary:
    """One line of the inbox list (danh sách hồ sơ nhận)."""

    id: int
    revision: int
    unit_name: str
    unit_kind: str | None
    pack_id: str
    pack_version: str
    dossier_id: str
    dossier_revision: int
    nominee_count: int
    nominee_names: tuple[str, ...]
    errors_made: int | None
    errors_current: int | None
    warnings_current: int | None
    received_at: str
    decision: ReturnDecision | None
    decision_reason: str
    package_name: str
    package_sha256: str
    has_differences: bool
    answered_notes: int
    signature: dict[str, Any] | None = None


@dataclass(frozen=True)
class ReceivedRevision:
    """A received revision in full: its dossier, findings, differences and answers."""

    id: int
    revision: int
    revisions: int  # how many revisions the received dossier has
    unit_name: str
    unit_kind: str | None
    dossier: Dossier
    package_name: str
    package_sha256: str
    size: int
    manifest: dict[str, Any]
    pack_version: str
    findings_made: tuple[Finding, ...] | None
    current_pack_version: str | None
    findings_current: tuple[Finding, ...] | None
    problems: tuple[dict[str, Any], ...]
    differences: dict[str, Any]
    answers: dict[str, Any] | None
    received_at: str
    decision: ReturnDecision | None
    decision_reason: str
    signature: dict[str, Any] | None = None


@dataclass(frozen=True)
class StoredNote:
    """A reviewer's note as stored, with the return it went out in (None: not yet sent)."""

    received_id: int
    revision: int
    note: ReviewNote
    created_at: str
    return_id: str | None


@dataclass(frozen=True)
class ReturnRecord:
    """A return file made for a received revision."""

    received_id: int
    revision: int
    return_file: ReturnFile
    sha256: str
    created_at: str


@dataclass(frozen=True)
class OpenedNote:
    """A note of a return the unit opened, on its own dossier (until marked done)."""

    dossier_id: str
    return_id: str
    from_unit: str
    decision: ReturnDecision
    note: ReviewNote
    done_at: str | None
    answer: str
    applied_at: str

    @property
    def done(self) -> bool:
        return self.done_at is not None


def _findings(text: str | None) -> tuple[Finding, ...] | None:
    return None if text is None else tuple(_FINDINGS.validate_json(text))


def _errors(text: str | None, severity: str = "error") -> int | None:
    if text is None:
        return None
    return sum(1 for f in json.loads(text) if f.get("severity") == severity)


class InboxMixin(AuditMixin):
    """Received packages, review notes and returns; opened returns on the sender's side."""

    # ------------------------------------------------------------------ received packages

    def has_received_package(self, package_sha256: str) -> tuple[int, int] | None:
        """(received id, revision) of a package already received, else None."""
        rows = self._query("SELECT received_id, revision FROM received_revisions WHERE "
                           "package_sha256=?", (package_sha256,))
        return (rows[0][0], rows[0][1]) if rows else None

    def latest_received_for(self, sender_key: str) -> tuple[int, int, Dossier] | None:
        """The latest received revision of a sending unit's dossier: (id, revision, dossier)."""
        rows = self._query(
            "SELECT d.id, r.revision, r.dossier FROM received_dossiers d JOIN "
            "received_revisions r ON r.received_id = d.id AND r.revision = d.current_revision "
            "WHERE d.sender_key=?", (sender_key,))
        if not rows:
            return None
        return rows[0][0], rows[0][1], Dossier.model_validate_json(rows[0][2])

    def sender_key_of_dossier(self, pack_id: str, dossier_id: str) -> str | None:
        """The sending unit key under which a dossier id of a campaign was received (so a
        unit that corrected its name stays the same received dossier)."""
        rows = self._query("SELECT sender_key FROM received_dossiers WHERE pack_id=? AND "
                           "dossier_id=? ORDER BY id DESC LIMIT 1", (pack_id, dossier_id))
        return rows[0][0] if rows else None

    def add_received(self, new: NewReceived) -> tuple[int, int]:
        """Store a received package as a new received dossier or as the next revision of the
        one from the same sending unit. Returns (received id, revision)."""
        now = self._now()
        findings = (None if new.findings_made is None
                    else _FINDINGS.dump_json(new.findings_made).decode("utf-8"))
        current = (None if new.findings_current is None
                   else _FINDINGS.dump_json(new.findings_current).decode("utf-8"))
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM received_revisions WHERE package_sha256=?",
                            (new.package_sha256,)).fetchone():
                raise UserError("inbox.already_received", package=new.package_name)
            row = conn.execute("SELECT id, current_revision FROM received_dossiers WHERE "
                               "sender_key=?", (new.sender_key,)).fetchone()
            if row is None:
                received_id = int(conn.execute(
                    "INSERT INTO received_dossiers (sender_key, unit_name, unit_kind, pack_id, "
                    "dossier_id, current_revision, first_received_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
                    (new.sender_key, new.unit_name, new.unit_kind, new.pack_id,
                     new.dossier.id, now, now)).lastrowid or 0)
                revision = 1
            else:
                received_id, revision = int(row[0]), int(row[1]) + 1
                # a new package is not reviewed yet: the earlier decision stays in returns
                conn.execute("UPDATE received_dossiers SET current_revision=?, unit_name=?, "
                             "unit_kind=?, dossier_id=?, decision=NULL, decision_reason='', "
                             "updated_at=? WHERE id=?",
                             (revision, new.unit_name, new.unit_kind, new.dossier.id, now,
                              received_id))
            conn.execute(
                "INSERT INTO received_revisions (received_id, revision, package_name, "
                "package_sha256, package, size, manifest, dossier, dossier_revision, "
                "pack_version, nominee_count, findings_made, current_pack_version, "
                "findings_current, problems, differences, answers, received_at, signature) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (received_id, revision, new.package_name, new.package_sha256,
                 sqlite3.Binary(new.package), len(new.package), new.manifest_json,
                 new.dossier.model_dump_json(), new.dossier.revision, new.pack_version,
                 len(new.dossier.nominees), findings, new.current_pack_version, current,
                 _json(new.problems), _json(new.differences), new.answers_json, now,
                 None if new.signature is None else _json(new.signature)))
        return received_id, revision

    def list_received(self) -> list[ReceivedSummary]:
        """The inbox: every received dossier at its latest revision, newest first."""
        rows = self._query(
            "SELECT d.id, r.revision, d.unit_name, d.unit_kind, d.pack_id, r.pack_version, "
            "d.dossier_id, r.dossier_revision, r.nominee_count, r.dossier, r.findings_made, "
            "r.findings_current, r.received_at, d.decision, d.decision_reason, "
            "r.package_name, r.package_sha256, r.differences, r.answers, r.signature "
            "FROM received_dossiers d JOIN received_revisions r ON r.received_id = d.id "
            "AND r.revision = d.current_revision ORDER BY r.received_at DESC, d.id DESC")
        out = []
        for r in rows:
            nominees = json.loads(r[9]).get("nominees", [])
            names = tuple(n.get("name") or n.get("full_name") or n.get("head_name") or n["id"]
                          for n in nominees)
            answers = json.loads(r[18]) if r[18] else None
            out.append(ReceivedSummary(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], names,
                _errors(r[10]), _errors(r[11]), _errors(r[11], "warning"), r[12],
                ReturnDecision(r[13]) if r[13] else None, r[14], r[15], r[16],
                bool(json.loads(r[17])),
                sum(1 for n in answers["notes"] if n.get("done")) if answers else 0,
                json.loads(r[19]) if r[19] else None))
        return out

    def received_revision(self, received_id: int, revision: int | None = None
                          ) -> ReceivedRevision:
        """A received revision (the latest when ``revision`` is None)."""
        head = self._query("SELECT current_revision, unit_name, unit_kind, decision, "
                           "decision_reason FROM received_dossiers WHERE id=?", (received_id,))
        if not head:
            raise UserError("inbox.not_found", received_id=received_id)
        latest, unit_name, unit_kind, decision, reason = head[0]
        revision = latest if revision is None else revision
        rows = self._query(
            "SELECT package_name, package_sha256, size, manifest, dossier, pack_version, "
            "findings_made, current_pack_version, findings_current, problems, differences, "
            "answers, received_at, signature FROM received_revisions WHERE received_id=? AND "
            "revision=?",
            (received_id, revision))
        if not rows:
            raise UserError("inbox.revision_not_found", received_id=received_id,
                            revision=revision)
        r = rows[0]
        return ReceivedRevision(
            received_id, revision, latest, unit_name, unit_kind,
            Dossier.model_validate_json(r[4]), r[0], r[1], r[2], json.loads(r[3]), r[5],
            _findings(r[6]), r[7], _findings(r[8]), tuple(json.loads(r[9])),
            json.loads(r[10]), json.loads(r[11]) if r[11] else None, r[12],
            ReturnDecision(decision) if decision else None, reason,
            json.loads(r[13]) if r[13] else None)

    def received_package(self, received_id: int, revision: int) -> bytes:
        """The bytes of a received package, as it arrived."""
        rows = self._query("SELECT package FROM received_revisions WHERE received_id=? AND "
                           "revision=?", (received_id, revision))
        if not rows:
            raise UserError("inbox.revision_not_found", received_id=received_id,
                            revision=revision)
        return bytes(rows[0][0])

    # ------------------------------------------------------------------ review notes

    def save_review_note(self, received_id: int, note: ReviewNote,
                         revision: int | None = None) -> None:
        """Add a note to a received revision (the latest by default), or replace the unsent
        note with the same id."""
        now = self._now()
        with self._write() as conn:
            if revision is None:
                row = conn.execute("SELECT current_revision FROM received_dossiers WHERE id=?",
                                   (received_id,)).fetchone()
                if row is None:
                    raise UserError("inbox.not_found", received_id=received_id)
                revision = int(row[0])
            sent = conn.execute("SELECT return_id FROM review_notes WHERE received_id=? AND "
                                "revision=? AND note_id=?",
                                (received_id, revision, note.id)).fetchone()
            if sent is not None and sent[0] is not None:
                raise UserError("inbox.note_sent", note_id=note.id)
            conn.execute("DELETE FROM review_notes WHERE received_id=? AND revision=? AND "
                         "note_id=?", (received_id, revision, note.id))
            conn.execute(
                "INSERT INTO review_notes (received_id, revision, note_id, target, path, "
                "nominee_id, document, text, label, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (received_id, revision, note.id, note.target.value, note.path,
                 note.nominee_id, note.document, note.text, note.label, now))

    def review_notes(self, received_id: int, revision: int | None = None, *,
                     unsent_only: bool = False) -> list[StoredNote]:
        """The notes of a received revision (the latest by default), in the order written."""
        if revision is None:
            revision = self.received_revision(received_id).revision
        sql = ("SELECT n.note_id, n.target, n.path, n.nominee_id, n.document, n.text, n.label, "
               "n.created_at, r.return_id FROM review_notes n LEFT JOIN returns r ON "
               "r.id = n.return_id WHERE n.received_id=? AND n.revision=?")
        if unsent_only:
            sql += " AND n.return_id IS NULL"
        rows = self._query(sql + " ORDER BY n.id", (received_id, revision))
        return [StoredNote(received_id, revision, ReviewNote(
            id=r[0], target=r[1], path=r[2], nominee_id=r[3], document=r[4], text=r[5],
            label=r[6]), r[7], r[8]) for r in rows]

    def remove_review_note(self, received_id: int, revision: int, note_id: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM review_notes WHERE received_id=? AND revision=? AND "
                         "note_id=? AND return_id IS NULL", (received_id, revision, note_id))

    # ------------------------------------------------------------------ returns (reviewer)

    def record_return(self, received_id: int, revision: int, return_file: ReturnFile,
                      sha256: str) -> None:
        """Keep a return file made for a received revision; its notes count as sent and the
        received dossier takes its decision."""
        now = self._now()
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO returns (return_id, received_id, revision, decision, reason, data, "
                "sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (return_file.id, received_id, revision, return_file.decision.value,
                 return_file.reason, return_file.model_dump_json(), sha256, now))
            row_id = int(cur.lastrowid or 0)
            for note in return_file.notes:
                conn.execute(
                    "INSERT INTO review_notes (received_id, revision, note_id, target, path, "
                    "nominee_id, document, text, label, created_at, return_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (received_id, "
                    "revision, note_id) DO UPDATE SET return_id=excluded.return_id, "
                    "text=excluded.text, target=excluded.target, path=excluded.path, "
                    "nominee_id=excluded.nominee_id, document=excluded.document, "
                    "label=excluded.label",
                    (received_id, revision, note.id, note.target.value, note.path,
                     note.nominee_id, note.document, note.text, note.label, now, row_id))
            conn.execute("UPDATE received_dossiers SET decision=?, decision_reason=?, "
                         "updated_at=? WHERE id=?",
                         (return_file.decision.value, return_file.reason, now, received_id))

    def returns_for(self, received_id: int) -> list[ReturnRecord]:
        rows = self._query("SELECT revision, data, sha256, created_at FROM returns WHERE "
                           "received_id=? ORDER BY id", (received_id,))
        return [ReturnRecord(received_id, r[0], ReturnFile.model_validate_json(r[1]), r[2],
                             r[3]) for r in rows]

    def return_by_id(self, return_id: str) -> ReturnRecord | None:
        rows = self._query("SELECT received_id, revision, data, sha256, created_at FROM returns "
                           "WHERE return_id=?", (return_id,))
        if not rows:
            return None
        r = rows[0]
        return ReturnRecord(r[0], r[1], ReturnFile.model_validate_json(r[2]), r[3], r[4])

    # ------------------------------------------------------------------ returns (sender)

    def apply_return(self, return_file: ReturnFile, sha256: str) -> ChangeSet:
        """Open a return file on the dossier it names: its notes show on the fields they
        concern until marked done. Opening the same file twice changes nothing."""
        dossier_id = return_file.dossier_id
        now = self._now()
        with self._write() as conn:
            row = conn.execute("SELECT current_revision FROM dossiers WHERE id=?",
                               (dossier_id,)).fetchone()
            if row is None:
                raise DossierNotFoundError("store.dossier_not_found", dossier_id=dossier_id)
            if conn.execute("SELECT 1 FROM applied_returns WHERE dossier_id=? AND sha256=?",
                            (dossier_id, sha256)).fetchone():
                return ChangeSet(dossier_id=dossier_id, revision=int(row[0]))
            applied = int(conn.execute(
                "INSERT INTO applied_returns (dossier_id, return_id, sha256, data, applied_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (dossier_id, return_file.id, sha256, return_file.model_dump_json(),
                 now)).lastrowid or 0)
            conn.executemany(
                "INSERT INTO return_notes (applied_id, note_id, dossier_id, position, data) "
                "VALUES (?, ?, ?, ?, ?)",
                [(applied, n.id, dossier_id, i, n.model_dump_json())
                 for i, n in enumerate(return_file.notes)])
            audit = self._audit(conn, dossier_id, int(row[0]), f"returns[{return_file.id}]",
                                None, {"decision": return_file.decision.value,
                                       "from": return_file.from_unit,
                                       "notes": len(return_file.notes), "sha256": sha256},
                                now)
        return ChangeSet(dossier=True, dossier_id=dossier_id, revision=int(row[0]),
                         audit_ids=(audit,))

    def opened_notes(self, dossier_id: str, *, open_only: bool = False) -> list[OpenedNote]:
        """The notes of the returns opened on a dossier (the latest return's first)."""
        sql = ("SELECT a.return_id, a.data, n.data, n.done_at, n.answer, a.applied_at "
               "FROM return_notes n JOIN applied_returns a ON a.id = n.applied_id "
               "WHERE n.dossier_id=?")
        if open_only:
            sql += " AND n.done_at IS NULL"
        rows = self._query(sql + " ORDER BY a.id DESC, n.position", (dossier_id,))
        out = []
        heads: dict[str, ReturnFile] = {}
        for r in rows:
            head = heads.get(r[0])
            if head is None:
                head = heads[r[0]] = ReturnFile.model_validate_json(r[1])
            out.append(OpenedNote(dossier_id, r[0], head.from_unit, head.decision,
                                  ReviewNote.model_validate_json(r[2]), r[3], r[4], r[5]))
        return out

    def latest_opened_return(self, dossier_id: str) -> tuple[ReturnFile, str] | None:
        """The last return file opened on a dossier and its SHA-256."""
        rows = self._query("SELECT data, sha256 FROM applied_returns WHERE dossier_id=? "
                           "ORDER BY id DESC LIMIT 1", (dossier_id,))
        return (ReturnFile.model_validate_json(rows[0][0]), rows[0][1]) if rows else None

    def mark_note_done(self, dossier_id: str, return_id: str, note_id: str, *,
                       done: bool = True, answer: str = "") -> ChangeSet:
        """Mark a note of an opened return done (đã xử lý) or open again; audited."""
        from desktop.textutil import clean

        now = self._now()
        with self._write() as conn:
            row = conn.execute(
                "SELECT n.applied_id, n.done_at, n.answer FROM return_notes n JOIN "
                "applied_returns a ON a.id = n.applied_id WHERE n.dossier_id=? AND "
                "a.return_id=? AND n.note_id=? ORDER BY a.id DESC LIMIT 1",
                (dossier_id, return_id, note_id)).fetchone()
            if row is None:
                raise UserError("returns.note_not_found", note_id=note_id,
                                dossier_id=dossier_id)
            answer = clean(answer)
            conn.execute("UPDATE return_notes SET done_at=?, answer=? WHERE applied_id=? AND "
                         "note_id=?", (now if done else None, answer, row[0], note_id))
            revision = int(conn.execute("SELECT current_revision FROM dossiers WHERE id=?",
                                        (dossier_id,)).fetchone()[0])
            audit = self._audit(conn, dossier_id, revision,
                                f"returns[{return_id}].notes[{note_id}]",
                                {"done": row[1] is not None, "answer": row[2]},
                                {"done": done, "answer": answer}, now)
        return ChangeSet(dossier=True, dossier_id=dossier_id, revision=revision,
                         audit_ids=(audit,))
