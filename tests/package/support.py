"""Shared data of the package tests: dossiers, one export per session, ZIP surgery helpers."""

from __future__ import annotations

import datetime as dt
import struct
import warnings
import zipfile
from pathlib import Path

from desktop.models import Dossier

ROOT = Path(__file__).resolve().parents[2]
TEST_PACKS = ROOT / "tests" / "packs"
CREATED = dt.datetime(2023, 7, 3, 10, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
SONLAM_CREATED = dt.datetime(2024, 11, 6, 9, 30, 0,
                             tzinfo=dt.timezone(dt.timedelta(hours=7)))


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def write_zip(path: Path, content: dict[str, bytes] | list[tuple[str, bytes]]) -> Path:
    """A plain ZIP (deflated) of ``content``, in the given order (duplicates allowed)."""
    items = content.items() if isinstance(content, dict) else content
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf, \
            warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": the corpus wants them
        for name, data in items:
            info = zipfile.ZipInfo(name, date_time=(2023, 7, 3, 10, 15, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path


def rewrite(src: Path, dst: Path, *, drop: tuple[str, ...] = (),
            replace: dict[str, bytes] | None = None,
            add: dict[str, bytes] | None = None) -> Path:
    """A copy of the package ZIP with members dropped, replaced or added."""
    content = {k: v for k, v in members(src).items() if k not in drop}
    content.update(replace or {})
    content.update(add or {})
    return write_zip(dst, content)


def patch_central(data: bytes, name: str, *, flag_bits: int | None = None,
                  file_size: int | None = None, compress_size: int | None = None) -> bytes:
    """Change fields of ``name``'s central-directory record (what readers trust first)."""
    out = bytearray(data)
    pos = 0
    while True:
        pos = out.find(b"PK\x01\x02", pos)
        if pos < 0:
            raise KeyError(name)
        name_len = struct.unpack_from("<H", out, pos + 28)[0]
        if bytes(out[pos + 46:pos + 46 + name_len]).decode("utf-8") == name:
            break
        pos += 4
    if flag_bits is not None:
        struct.pack_into("<H", out, pos + 8, flag_bits)
    if compress_size is not None:
        struct.pack_into("<I", out, pos + 20, compress_size)
    if file_size is not None:
        struct.pack_into("<I", out, pos + 24, file_size)
    return bytes(out)


def zeros_member(path: Path, name: str, size: int, extra: dict[str, bytes] | None = None
                 ) -> Path:
    """A ZIP with ``size`` zero bytes streamed into one member (a few KB on disk)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for k, v in (extra or {}).items():
            zf.writestr(k, v)
        info = zipfile.ZipInfo(name, date_time=(2023, 7, 3, 10, 15, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w") as fh:
            chunk = bytes(1 << 20)
            left = size
            while left:
                n = min(left, len(chunk))
                fh.write(chunk[:n])
                left -= n
    return path


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` with its bytes (None for folders): a snapshot."""
    out: dict[str, bytes | None] = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        out[rel] = None if p.is_dir() or p.is_symlink() else p.read_bytes()
    return out


def with_errors(dossier: Dossier) -> Dossier:
    """The dossier with a blocking error (no proposal date)."""
    return dossier.model_copy(update={"proposal": dossier.proposal.model_copy(
        update={"date": None})})


def flip_byte(data: bytes, index: int | None = None) -> bytes:
    buf = bytearray(data)
    i = len(buf) // 2 if index is None else index
    buf[i] ^= 0x01
    return bytes(buf)



