"""Storage errors (lỗi lưu trữ): known environment failures versus bugs.

A known failure (disk full, read-only folder, damaged file, HoSo already running) is shown as
one calm sentence from ``resources/i18n/store.toml``; data already saved is intact because
every write is one transaction. Anything else is a bug and gets a crash report.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.errors import HosoError

if TYPE_CHECKING:
    from desktop.models import Finding
    from desktop.store.backups import BackupInfo


class StorageKnownError(HosoError):
    """An environment problem with the data file (lỗi môi trường): shown as a plain message."""


class StorageBugError(HosoError):
    """An unexpected SQLite error: a bug in HoSo, reported with its details."""


class StoreInUseError(StorageKnownError):
    """Another HoSo (phiên HoSo khác) already has the data file open."""


class StoreDamagedError(StorageKnownError):
    """The data file is damaged (tệp dữ liệu bị hỏng) or is not a SQLite file.

    ``backup`` is the newest backup that passes an integrity check (or None); offer it to the
    user, then call :func:`desktop.store.recover`, which moves the damaged file aside.
    """

    def __init__(self, key: str, /, *, path: Path, backup: BackupInfo | None,
                 **params: Any) -> None:
        super().__init__(key, file=str(path), **params)
        self.path = path
        self.backup = backup


class DossierNotFoundError(HosoError):
    """No dossier (hồ sơ) with this id, or no such revision, in the store."""


class NomineeNotFoundError(HosoError):
    """No nominee (đối tượng) with this id in the dossier."""


class LifecycleError(HosoError):
    """A state change the dossier's state does not allow (e.g. export before validation)."""


class DossierHasErrorsError(LifecycleError):
    """Validation refused: the dossier still has errors (``findings`` lists them)."""

    def __init__(self, key: str, /, *, findings: list[Finding], **params: Any) -> None:
        super().__init__(key, **params)
        self.findings = findings


#: Primary SQLite result codes (sqlite_errorcode & 0xFF) that are environment problems.
_KNOWN_CODES = {
    5: "store.busy",  # SQLITE_BUSY
    6: "store.busy",  # SQLITE_LOCKED
    3: "store.readonly",  # SQLITE_PERM
    8: "store.readonly",  # SQLITE_READONLY
    10: "store.io_error",  # SQLITE_IOERR
    11: "store.corrupt",  # SQLITE_CORRUPT
    13: "store.disk_full",  # SQLITE_FULL
    14: "store.cannot_open",  # SQLITE_CANTOPEN
    26: "store.corrupt",  # SQLITE_NOTADB
}

_ERRNO_KEYS = {
    errno.EACCES: "store.readonly",
    errno.EPERM: "store.readonly",
    errno.EROFS: "store.readonly",
    errno.ENOSPC: "store.disk_full",
    errno.EDQUOT: "store.disk_full",
}


def sqlite_error_key(exc: sqlite3.Error) -> str | None:
    """The message key of a known SQLite failure, or None for a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    return _KNOWN_CODES.get(code & 0xFF)


def translate(exc: BaseException, path: Path | str) -> HosoError:
    """Turn a ``sqlite3.Error`` or ``OSError`` about the data file into a HoSo error."""
    if isinstance(exc, HosoError):
        return exc
    if isinstance(exc, sqlite3.Error):
        key = sqlite_error_key(exc)
        if key is None:
            return StorageBugError("store.bug", file=str(path),
                                   detail=f"{type(exc).__name__}: {exc} "
                                          f"({getattr(exc, 'sqlite_errorname', '?')})")
        return StorageKnownError(key, file=str(path), detail=str(exc))
    if isinstance(exc, OSError):
        key = _ERRNO_KEYS.get(exc.errno or 0, "store.io_error")
        return StorageKnownError(key, file=str(path), detail=exc.strerror or str(exc))
    return StorageBugError("store.bug", file=str(path), detail=f"{type(exc).__name__}: {exc}")
