"""Recovery of a damaged data file (khôi phục tệp dữ liệu): never a dead end.

When the data file cannot be used (``StoreDamagedError``: not SQLite, or it fails the
integrity check), a person has three ways on, the same in the window and on the command line
(``hoso db recover``, ``hoso db restore N``): restore a good backup, start an empty data file,
or stop. Either way the damaged file is kept beside the new one, renamed
``hoso-damaged-<time>.db`` (with its ``-wal``/``-shm``), never deleted.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.store import backups as bk
from desktop.store.core import recover


@dataclass(frozen=True)
class Recovered:
    """What :func:`recover_data_file` did: where the damaged file went, and the backup the
    data now comes from (None: an empty data file was started)."""

    kept_as: Path | None
    restored: bk.BackupInfo | None


def recover_data_file(path: str | os.PathLike[str], backup: bk.BackupInfo | None = None, *,
                      use_backup: bool = True,
                      clock: Callable[[], dt.datetime] | None = None) -> Recovered:
    """Move the damaged file aside and put ``backup`` (default: the newest good one; none
    with ``use_backup=False``) in its place; without one, the next open starts an empty
    data file. Raises ``StoreInUseError`` when another HoSo has the file open."""
    path = Path(path)
    if use_backup and backup is None:
        backup = bk.newest_good_backup(path.parent / "backups")
    if not use_backup:
        backup = None
    aside = recover(path, backup, clock=clock)
    return Recovered(aside, backup)
