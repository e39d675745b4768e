"""The audit log (nhật ký thay đổi): every edit writes one row with its old and new value."""

from __future__ import annotations

import sqlite3
from typing import Any

from desktop.store.core import StoreBase, _json, _loads
from desktop.store.results import AuditEntry


class AuditMixin(StoreBase):
    """Write audit rows (inside a caller's transaction) and read the log."""

    def _audit(self, conn: sqlite3.Connection, dossier_id: str, revision: int, path: str,
               old: Any, new: Any, now: str) -> int:
        cur = conn.execute(
            "INSERT INTO audit_log (at, dossier_id, revision, path, old_value, new_value) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (now, dossier_id, revision, path,
             None if old is None else _json(old), None if new is None else _json(new)))
        return int(cur.lastrowid or 0)

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
