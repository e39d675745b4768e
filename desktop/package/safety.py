"""Checks on a ZIP before any of it is read or written anywhere (kiểm tra an toàn tệp nén).

A package comes from another office on a USB stick, so it is untrusted input. Before HoSo
reads a member it checks the central directory: names (no ``../``, absolute paths, drive
letters, backslashes, control characters), no symlinks or other special files, no encrypted
entries, no duplicate names (also after NFC and case folding: Windows and macOS would
merge them), only stored or deflated members, and caps on the number of entries, the size of
each member and of all members together, and on the compression ratio (zip bombs). Members
are then read into memory through :func:`read_member`, which never reads more than the
(checked) declared size: nothing is extracted before every check has passed.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from dataclasses import dataclass

from desktop.package.problems import Problem
from desktop.textutil import nfc

# Caps, sized for real dossiers with a wide margin. A 200-nominee district package holds
# 410 members (PDF + DOCX per document) and weighs ~15 MB (18 MB unpacked); its largest
# member, dossier.json, is under 1 MB (bench/bench_package.py).
#: Entries in one package (10x a 200-nominee district package).
MAX_ENTRIES = 5000
#: Uncompressed size of one member: a scanned, signed PDF may be large, 100 MB is not real.
MAX_MEMBER_BYTES = 100 * 1024 * 1024
#: Uncompressed size of all members together.
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
#: Uncompressed/compressed ratio above which a member is a bomb. PDFs compress ~1x, DOCX
#: parts 5-20x, and dossier.json ~60x when nominees share long texts (bench: 200 nominees);
#: a zip bomb reaches 1000x. Small members are exempt (a short run of spaces compresses
#: well and harms no one).
MAX_RATIO = 200
RATIO_MIN_BYTES = 1024 * 1024

_READ_CHUNK = 1024 * 1024
_SMALL = 8 * 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_ENCRYPTED = 0x1
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


@dataclass(frozen=True)
class Limits:
    """The caps, as one value (tests may pass smaller ones; the defaults are the constants)."""

    max_entries: int = MAX_ENTRIES
    max_member_bytes: int = MAX_MEMBER_BYTES
    max_total_bytes: int = MAX_TOTAL_BYTES
    max_ratio: float = MAX_RATIO
    ratio_min_bytes: int = RATIO_MIN_BYTES


LIMITS = Limits()


def name_problem(name: str) -> Problem | None:
    """What is wrong with an entry name, or None when it is a safe relative path."""
    if _CONTROL.search(name):
        return Problem("package.entry.bad_name", name.encode("unicode_escape").decode("ascii"))
    if _DRIVE.match(name):
        return Problem("package.entry.drive", name)
    if name.startswith(("/", "\\")):
        return Problem("package.entry.absolute", name)
    if "\\" in name:
        return Problem("package.entry.backslash", name)
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return Problem("package.entry.traversal", name)
    if not name or any(p in ("", ".") for p in parts):
        return Problem("package.entry.bad_name", name)
    return None


def _mode_problem(info: zipfile.ZipInfo) -> Problem | None:
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        return Problem("package.entry.symlink", info.filename)
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        return Problem("package.entry.special", info.filename, {"mode": oct(mode)})
    return None


def check_entries(infos: list[zipfile.ZipInfo], limits: Limits = LIMITS) -> list[Problem]:
    """Every problem of the central directory (empty: safe to read the members)."""
    if len(infos) > limits.max_entries:
        return [Problem("package.too_many_entries", "",
                        {"count": len(infos), "limit": limits.max_entries})]
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    total = 0
    for info in infos:
        name = info.filename
        if info.flag_bits & _ENCRYPTED:
            problems.append(Problem("package.entry.encrypted", name))
            continue
        found = _mode_problem(info) or name_problem(name)
        if found:
            problems.append(found)
            continue
        key = nfc(name).casefold()
        if key in seen:
            problems.append(Problem("package.entry.duplicate", name, {"other": seen[key]}))
            continue
        seen[key] = name
        if info.compress_type not in _METHODS:
            problems.append(Problem("package.entry.method", name,
                                    {"method": info.compress_type}))
            continue
        if info.file_size > limits.max_member_bytes:
            problems.append(Problem("package.entry.too_large", name, {
                "size": info.file_size, "limit": limits.max_member_bytes}))
            continue
        if (info.file_size > limits.ratio_min_bytes
                and info.file_size > limits.max_ratio * max(info.compress_size, 1)):
            ratio = info.file_size // max(info.compress_size, 1)
            problems.append(Problem("package.entry.ratio", name,
                                    {"ratio": ratio, "limit": int(limits.max_ratio)}))
            continue
        total += info.file_size
    if total > limits.max_total_bytes:
        problems.append(Problem("package.too_large_total", "",
                                {"size": total, "limit": limits.max_total_bytes}))
    return problems


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo,
                limits: Limits = LIMITS) -> tuple[bytes | None, Problem | None]:
    """The member's bytes, read in memory up to its checked size; or the problem reading it.

    zipfile stops at the declared size and checks the CRC, so a member that inflates to more
    than it declares, or whose bytes were changed in place, is reported as damaged.
    """
    cap = min(info.file_size, limits.max_member_bytes)
    # Read in chunks into one buffer of the declared size: ``fh.read(n)`` would hold the
    # inflated chunks and their joined copy at once (twice a 100 MB member at the peak).
    buffer = bytearray(cap)
    view = memoryview(buffer)
    got = 0
    try:
        with zf.open(info) as fh:
            while got < cap and (chunk := fh.read(min(_READ_CHUNK, cap - got))):
                view[got:got + len(chunk)] = chunk
                got += len(chunk)
            over = fh.read(1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
            NotImplementedError, ValueError) as exc:
        return None, Problem("package.entry.damaged", info.filename,
                             {"reason": type(exc).__name__})
    finally:
        view.release()
    if over or got < cap:
        return None, Problem("package.entry.damaged", info.filename, {"reason": "size"})
    # small members (JSON, the signature) as bytes; a large one stays the bytearray (bytes-
    # like for hashing, pypdf and SQLite), never copied once more
    return (bytes(buffer) if cap <= _SMALL else buffer), None
