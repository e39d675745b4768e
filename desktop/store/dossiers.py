"""Dossiers and their revisions (hồ sơ, phiên bản): create, read, edit field by field.

Editing a validated or exported revision opens a new draft revision copied from it; every
edit is one transaction with its audit row. Callers give and get pydantic models.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic_core import to_jsonable_python

from desktop.errors import UserError
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
from desktop.models.award_round import OwnRules
from desktop.store.audit import AuditMixin
from desktop.store.campaigns import CampaignsMixin
from desktop.store.core import _json
from desktop.store.errors import DossierNotFoundError, NomineeNotFoundError, translate
from desktop.store.results import ChangeSet, DossierSummary, RevisionInfo

_NOMINEE = TypeAdapter(Nominee)
_FINDINGS = TypeAdapter(list[Finding])
_SECTIONS = {"unit": Unit, "council": CouncilMeeting, "proposal": Proposal,
             "result_report": ResultReport,
             "own_rules": OwnRules}  # NULL column: a Bằng khen dossier (no round)
_PATH_TOKEN = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]+)\]")


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


def _sync_unit_row(conn: sqlite3.Connection, dossier_id: str, unit_json: str, now: str) -> None:
    """The units row of the dossier's unit follows an edit of the dossier's unit."""
    conn.execute("UPDATE units SET name=?, data=?, updated_at=? WHERE id=(SELECT unit_id "
                 "FROM dossiers WHERE id=?)",
                 (json.loads(unit_json).get("name", ""), unit_json, now, dossier_id))


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


class DossiersMixin(CampaignsMixin, AuditMixin):
    """Units, dossiers, revisions and nominees; JSON dossier files."""

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
            + (',"own_rules":' + row["own_rules"] if row["own_rules"] else "")
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
                "schema_version, title, unit, council, proposal, result_report, own_rules, "
                "created_at, updated_at, snapshot, stored_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (dossier.id, dossier.revision, dossier.state.value, dossier.pack.id,
                 dossier.pack.version, dossier.schema_version, dossier.title,
                 dossier.unit.model_dump_json(), dossier.council.model_dump_json(),
                 dossier.proposal.model_dump_json(), dossier.result_report.model_dump_json(),
                 None if dossier.own_rules is None else dossier.own_rules.model_dump_json(),
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
            "schema_version, title, unit, council, proposal, result_report, own_rules, "
            "created_at, updated_at, stored_at) "
            "SELECT dossier_id, ?, 'draft', pack_id, pack_version, schema_version, title, unit, "
            "council, proposal, result_report, own_rules, created_at, updated_at, ? "
            "FROM revisions "
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

    def _existing_nominee_row(self, conn: sqlite3.Connection, dossier_id: str, revision: int,
                              nominee_id: str | None, index: int | None,
                              shown: str | None = None) -> tuple[int, str]:
        """:meth:`_nominee_row`, or ``NomineeNotFoundError`` naming ``shown`` (else the id or
        ``#index``) when there is no such nominee."""
        row = self._nominee_row(conn, dossier_id, revision, nominee_id, index)
        if row is None:
            raise NomineeNotFoundError("store.nominee_not_found", dossier_id=dossier_id,
                                       nominee_id=shown or nominee_id or f"#{index}")
        return row

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
            row = self._existing_nominee_row(conn, dossier_id, revision, nominee_id, index)
            conn.execute("DELETE FROM nominees WHERE id=?", (row[0],))
            old = json.loads(row[1])
            self._touch(conn, dossier_id, revision, now)
            audits.append(self._audit(conn, dossier_id, revision,
                                      f"nominees[id={old['id']}]", old, None, now))
        return ChangeSet(nominees=True, documents=True, state=created, revision_created=created,
                         dossier_id=dossier_id, revision=revision, audit_ids=tuple(audits))

    def add_nominees(self, dossier_id: str, nominees: Sequence[Nominee]) -> ChangeSet:
        """Append several new nominees in one transaction (sheet import: 2,000 rows would
        take ~15 s as single saves); one audit entry each."""
        now = self._now()
        with self._write() as conn:
            revision, created, audits = self._writable_revision(conn, dossier_id, now)
            start = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM nominees "
                                 "WHERE dossier_id=? AND revision=?",
                                 (dossier_id, revision)).fetchone()[0]
            rows = [(n, n.model_dump_json()) for n in nominees]
            conn.executemany(
                "INSERT INTO nominees (dossier_id, revision, nominee_id, position, kind, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(dossier_id, revision, n.id, start + i, n.kind.value, data)
                 for i, (n, data) in enumerate(rows)])
            self._touch(conn, dossier_id, revision, now)
            for n, data in rows:
                audits.append(self._audit(conn, dossier_id, revision, f"nominees[id={n.id}]",
                                          None, json.loads(data), now))
        return ChangeSet(nominees=True, documents=True, state=created, revision_created=created,
                         dossier_id=dossier_id, revision=revision, audit_ids=tuple(audits))

    def remove_nominees(self, dossier_id: str, nominee_ids: Sequence[str]) -> ChangeSet:
        """Remove several nominees by id in one transaction (undo of :meth:`add_nominees`)."""
        now = self._now()
        with self._write() as conn:
            revision, created, audits = self._writable_revision(conn, dossier_id, now)
            for nominee_id in nominee_ids:
                row = self._existing_nominee_row(conn, dossier_id, revision, nominee_id, None)
                conn.execute("DELETE FROM nominees WHERE id=?", (row[0],))
                audits.append(self._audit(conn, dossier_id, revision,
                                          f"nominees[id={nominee_id}]", json.loads(row[1]),
                                          None, now))
            self._touch(conn, dossier_id, revision, now)
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
            units = column == "unit"
            if units:
                _sync_unit_row(conn, dossier_id, stored, now)
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
            data, old = _set_in(json.loads(old_text) if old_text else {}, parts, value, path)
            new_text = model.model_validate(data).model_dump_json()
            new_data = json.loads(new_text)
            conn.execute(f"UPDATE revisions SET {section}=? WHERE dossier_id=? AND revision=?",
                         (new_text, dossier_id, revision))
            units = section == "unit"
            if units:
                _sync_unit_row(conn, dossier_id, new_text, now)
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
            row = self._existing_nominee_row(conn, dossier_id, revision, nominee_id, index,
                                             shown=which)
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
