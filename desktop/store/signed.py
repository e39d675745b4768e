"""Signed copies (bản ký, đóng dấu, quét): the scanned PDF of a document of a revision."""

from __future__ import annotations

import sqlite3

from desktop.errors import UserError
from desktop.store.dossiers import DossiersMixin
from desktop.store.errors import DossierNotFoundError
from desktop.store.results import ChangeSet, SignedCopy


class SignedCopiesMixin(DossiersMixin):
    """Attach, list and remove the signed copies of a revision's documents."""

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


def _signed_path(document_id: str, nominee_id: str | None) -> str:
    """The audit path of a signed copy: ``signed_copies[proposal]``, ``…[report/n1]``."""
    return f"signed_copies[{document_id}{'/' + nominee_id if nominee_id else ''}]"
