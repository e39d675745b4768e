"""The local store (kho dữ liệu): the only home of SQL, ``sqlite3`` and sqlite-utils.

Public API::

    Store(path=None, *, data_dir=None, packs_dirs=(), clock=None)   # open, check, migrate
    store.create_dossier(dossier) / get_dossier(id) / get_revision(id, n) / list_dossiers()
    store.save_nominee(id, nominee) / remove_nominee / move_nominee / update_field(id, path, v)
    store.set_unit / set_council / set_proposal / set_title / set_result_report -> ChangeSet
    store.validate(id) -> ValidationRecord;  store.mark_exported(id, name, sha256)
    store.revalidate_for_pack(pack) -> PackRevalidationReport;  store.move_to_pack(id, pack)
    store.attach_signed_copy(id, document_id, pdf, …) / signed_copies(id) / remove_signed_copy
    store.backup(reason) / list_backups() / restore(backup);  recover(path, backup)
    store.audit_log(id)

``Store`` is composed of one mixin per concern (``core``, ``audit``, ``campaigns``,
``dossiers``, ``lifecycle``, ``signed``, ``inbox``); see ``desktop/store/store.py``.

Errors: :class:`StorageKnownError` (and its kinds) for environment problems, with Vietnamese
messages from ``resources/i18n/store.toml``; :class:`StorageBugError` for the rest.
"""

from desktop.store.backups import BackupInfo, check_file, list_backups, newest_good_backup
from desktop.store.errors import (
    DossierHasErrorsError,
    DossierNotFoundError,
    LifecycleError,
    NomineeNotFoundError,
    StorageBugError,
    StorageKnownError,
    StoreDamagedError,
    StoreInUseError,
)
from desktop.store.inbox import (
    NewReceived,
    OpenedNote,
    ReceivedRevision,
    ReceivedSummary,
    ReturnRecord,
    StoredNote,
)
from desktop.store.packdiff import RuleChange, diff_packs
from desktop.store.recovery import Recovered, recover_data_file
from desktop.store.store import (
    FILE_NAME,
    AuditEntry,
    ChangeSet,
    DossierPackReport,
    DossierSummary,
    PackRevalidationReport,
    RevisionInfo,
    SignedCopy,
    Store,
    ValidationRecord,
    default_path,
    recover,
)

__all__ = [
    "FILE_NAME",
    "AuditEntry",
    "BackupInfo",
    "ChangeSet",
    "DossierHasErrorsError",
    "DossierNotFoundError",
    "DossierPackReport",
    "DossierSummary",
    "LifecycleError",
    "NewReceived",
    "NomineeNotFoundError",
    "OpenedNote",
    "PackRevalidationReport",
    "ReceivedRevision",
    "ReceivedSummary",
    "Recovered",
    "ReturnRecord",
    "RevisionInfo",
    "RuleChange",
    "SignedCopy",
    "StorageBugError",
    "StorageKnownError",
    "Store",
    "StoreDamagedError",
    "StoreInUseError",
    "StoredNote",
    "ValidationRecord",
    "check_file",
    "default_path",
    "diff_packs",
    "list_backups",
    "newest_good_backup",
    "recover",
    "recover_data_file",
]
