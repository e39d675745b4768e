"""The local store (kho dữ liệu): one SQLite file that never loses a secretary's work.

:class:`Store` combines one mixin per concern, each in its own module:

- ``core``: open, check, migrate, close; transactions; backups, restore, recover
- ``audit``: the audit log;  ``campaigns``: the packs dossiers were made with
- ``dossiers``: units, dossiers, revisions, nominees, field edits, JSON files
- ``lifecycle``: validate, mark exported, pack upgrades
- ``signed``: signed copies of documents
- ``inbox``: received packages, review notes, returns (and returns opened by the sender)

Callers give and get pydantic models; rows exist only in ``desktop.store``. The names below
stay importable from here as before.
"""

from __future__ import annotations

from desktop.store.core import (
    BACKUP_FOLDER,
    FILE_NAME,
    StoreBase,
    default_path,
    recover,
)
from desktop.store.inbox import InboxMixin
from desktop.store.lifecycle import LifecycleMixin
from desktop.store.results import (
    AuditEntry,
    ChangeSet,
    DossierPackReport,
    DossierSummary,
    PackRevalidationReport,
    RevisionInfo,
    SignedCopy,
    ValidationRecord,
)
from desktop.store.signed import SignedCopiesMixin

__all__ = [
    "BACKUP_FOLDER",
    "FILE_NAME",
    "AuditEntry",
    "ChangeSet",
    "DossierPackReport",
    "DossierSummary",
    "PackRevalidationReport",
    "RevisionInfo",
    "SignedCopy",
    "Store",
    "ValidationRecord",
    "default_path",
    "recover",
]


class Store(SignedCopiesMixin, LifecycleMixin, InboxMixin, StoreBase):
    """The local store: ``Store(path)`` or ``Store(data_dir=...)``; close it (or use ``with``).

    Opening takes the lock file, checks the file (``PRAGMA quick_check``), runs pending
    migrations after a backup, and makes the daily backup. Methods are thread-safe (one
    write at a time) so the GUI may call them from a worker thread.
    """
