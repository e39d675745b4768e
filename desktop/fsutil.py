"""File-system helpers: atomic writes, so a failure midway never leaves a half-written file;
bounded readers, so no file HoSo opens (a device, a FIFO, a huge or deeply nested JSON) can
block it, fill its memory or reach a traceback."""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

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


# ---------------------------------------------------------------- bounded readers (issue 15)

#: Largest dossier file, pack file or JSON member HoSo reads whole: a 10,000-nominee
#: dossier is ~25 MB of JSON.
MAX_READ_BYTES = 100 * 1024 * 1024
#: Deepest nesting of JSON HoSo accepts: a dossier nests 6 levels, a manifest 4.
MAX_JSON_DEPTH = 32
#: Most digits of a JSON integer: beyond the bounds of every model field (money has 15
#: digits), so a 40-digit count is refused by its field, naming it; Python stops at 4300.
MAX_INT_DIGITS = 100

_KINDS = ((stat.S_ISDIR, "directory"), (stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "device"),
          (stat.S_ISBLK, "device"), (stat.S_ISSOCK, "socket"))


def _special(mode: int) -> str | None:
    return next((name for test, name in _KINDS if test(mode)), None if stat.S_ISREG(mode)
                else "special")


def open_regular(path: Path | str) -> BinaryIO:
    """Open a regular file for reading, never a device, FIFO or socket.

    The path is checked with ``os.stat`` before it is opened (opening a FIFO would block
    until someone writes into it), opened with ``O_NONBLOCK`` where there is one (should a FIFO
    be swapped in between) and checked again with ``fstat``. Raises :class:`UserError`:
    ``file.not_found``, ``file.is_directory``, ``file.special`` or ``file.unreadable``.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError as exc:
        raise UserError("file.not_found", file=str(path)) from exc
    except (OSError, ValueError) as exc:
        raise UserError("file.unreadable", file=str(path),
                        reason=getattr(exc, "strerror", None) or str(exc)) from exc
    kind = _special(mode)
    if kind == "directory":
        raise UserError("file.is_directory", file=str(path))
    if kind is not None:
        raise UserError("file.special", file=str(path), kind=kind)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UserError("file.unreadable", file=str(path), reason=exc.strerror or str(exc)) from exc
    try:
        kind = _special(os.fstat(fd).st_mode)
        if kind is not None:
            raise UserError("file.special", file=str(path), kind=kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: Path | str, limit: int = MAX_READ_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (``file.too_large`` beyond)."""
    with open_regular(path) as fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            if size > limit:
                raise UserError("file.too_large", file=str(path), size=size, limit=limit)
            data = fh.read(limit + 1)
        except OSError as exc:
            raise UserError("file.unreadable", file=str(path),
                            reason=exc.strerror or str(exc)) from exc
    if len(data) > limit:  # grew while being read
        raise UserError("file.too_large", file=str(path), size=len(data), limit=limit)
    return data


class JsonRefused(ValueError):
    """JSON that HoSo will not parse: too deep, or a number with too many digits."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def json_depth(text: str) -> int:
    """How deep arrays and objects nest in ``text`` (strings skipped), without parsing it."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = deepest = 0
    for ch in brackets:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JsonRefused("file.number_too_long", digits=len(text.lstrip("-")),
                          start=text[:12], limit=MAX_INT_DIGITS)
    return int(text)


def loads_bounded(text: str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` that refuses nesting deeper than ``max_depth`` and integers longer than
    :data:`MAX_INT_DIGITS` digits with :class:`JsonRefused` (they would raise RecursionError
    or ValueError deep inside the parser, or print as hundreds of digits); malformed JSON
    raises ``json.JSONDecodeError`` as usual. ``NaN`` and ``Infinity`` parse (Python's json
    reads them): the models refuse them with the field's name."""
    depth = json_depth(text)
    if depth > max_depth:
        raise JsonRefused("file.too_deep", depth=depth, limit=max_depth)
    try:
        return json.loads(text, parse_int=_parse_int)
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise JsonRefused("file.too_deep", depth=depth, limit=max_depth) from exc
