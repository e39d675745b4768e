"""File-system helpers: atomic writes, so a failure midway never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop.errors import UserError


def write_atomic(target: Path | str, data: bytes) -> Path:
    """Write ``data`` to a temporary file next to ``target``, fsync it, then rename it over.

    The previous ``target`` (if any) stays byte-identical until the rename, and no temporary
    file is left behind on failure. ``OSError`` becomes a :class:`UserError` naming the file.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UserError("file.cannot_write", file=str(target),
                        reason=exc.strerror or str(exc)) from exc
    return target
