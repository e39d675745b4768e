"""Deterministic ZIP writing (ghi tệp nén ổn định) and the atomic replace of the package file.

Same members and same ``created_at`` → the same bytes: entries sorted by name, every entry
stamped with one fixed time (``created_at``, never before 1980-01-01, ZIP's epoch), fixed
permissions (regular file, 0644, "Unix" as creator), ZIP_DEFLATED at a fixed level, no
comment, no extra fields. python-docx writes DOCX files (themselves ZIPs) with the current
time on every part, so :func:`normalise_zip` rewrites them the same way before they go in.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

#: Compression of every member (and of the rewritten DOCX parts): deflate at level 6.
COMPRESSION = zipfile.ZIP_DEFLATED
COMPRESS_LEVEL = 6
#: -rw-r--r-- regular file.
FILE_MODE = 0o100644
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_time(when: dt.datetime | None) -> tuple[int, int, int, int, int, int]:
    """A ZIP date-time from the wall-clock time of ``when`` (1980-01-01 when None/earlier)."""
    if when is None or when.year < 1980:
        return ZIP_EPOCH
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = COMPRESSION
    info.create_system = 3  # Unix, so external_attr carries the mode
    info.external_attr = FILE_MODE << 16
    return info


def write_member(zf: zipfile.ZipFile, name: str, data: bytes,
                 stamp: tuple[int, int, int, int, int, int]) -> None:
    """One member with the fixed stamp, mode and compression."""
    zf.writestr(entry(name, stamp), data, compress_type=COMPRESSION,
                compresslevel=COMPRESS_LEVEL)


def write_zip(target, members: Iterable[tuple[str, bytes]],
              stamp: tuple[int, int, int, int, int, int],
              on_member: Callable[[str], None] | None = None) -> None:
    """Write ``members`` sorted by name into ``target`` (a path or a binary file object)."""
    with zipfile.ZipFile(target, "w", compression=COMPRESSION,
                         compresslevel=COMPRESS_LEVEL) as zf:
        for name, data in sorted(members, key=lambda m: m[0]):
            write_member(zf, name, data, stamp)
            if on_member is not None:
                on_member(name)


def normalise_zip(data: bytes, stamp: tuple[int, int, int, int, int, int] = ZIP_EPOCH
                  ) -> bytes:
    """Rewrite a ZIP-based file (DOCX) with fixed times and modes, keeping its part order.

    Part order is kept, not sorted: OOXML readers expect ``[Content_Types].xml`` first.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", compression=COMPRESSION,
                            compresslevel=COMPRESS_LEVEL) as dst:
        for info in src.infolist():
            write_member(dst, info.filename, src.read(info), stamp)
    return out.getvalue()


def replace_atomically(target: Path, write: Callable[[io.BufferedWriter], None], *,
                       before_replace: Callable[[Path], None] | None = None) -> None:
    """Call ``write`` on a temporary file next to ``target``, fsync it, let ``before_replace``
    inspect it, then rename it over ``target``. On any failure (or a cancel) the temporary
    file is removed and ``target`` is untouched."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o644)  # mkstemp makes 0600; a package is meant to be shared
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if before_replace is not None:
            before_replace(Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (POSIX); Windows has no directory handles to flush."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
