"""Safe import of a package (nhập gói hồ sơ): a district reading a commune's package.

Nothing is written before every check of :func:`~desktop.package.verify.verify_package`
has passed (safety of the ZIP directory, member names, manifest, hashes, signed copies that
open as PDFs, the dossier re-validated): members are hashed in chunks with size caps, never
extracted to find out what they are, and never all held in memory. Then
the dossier goes into the store (keeping its id; if the store already holds that id, under
a new id with a numeric suffix, never overwriting) and/or the files into a new folder under
``target_dir`` (built in a temporary folder, renamed into place as a whole).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import i18n
from desktop.errors import HosoError, UserError
from desktop.package.manifest import MANIFEST_NAME
from desktop.package.problems import Problem
from desktop.package.safety import LIMITS, Limits, name_problem
from desktop.package.verify import VerifyReport, open_zip, read_checked_member, verify_package

if TYPE_CHECKING:
    from desktop.store import Store

_MAX_ID = 64


class ImportRefused(HosoError):
    """The package failed a check; ``problems`` lists every one (the message names the first)."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__("package.import_refused", package=path.name,
                         reason=first.message(), more=len(problems) - 1)
        self.problems = problems

    def message(self, lang: str | None = None) -> str:
        text = i18n.t("package.import_refused", lang, package=self.params["package"],
                      reason=self.problems[0].message(lang))
        if len(self.problems) > 1:
            text += " " + i18n.t("package.import_more", lang, count=len(self.problems) - 1)
        return text


@dataclass(frozen=True)
class ImportResult:
    """What was imported: the dossier id in the store (``renamed`` when it had to change) and
    the folder the files went to."""

    original_id: str
    dossier_id: str | None
    folder: Path | None
    report: VerifyReport

    @property
    def renamed(self) -> bool:
        return self.dossier_id is not None and self.dossier_id != self.original_id


def free_dossier_id(store: Store, dossier_id: str) -> str:
    """``dossier_id`` if the store does not hold it, else ``<id>-2``, ``<id>-3``…"""
    if not store.has_dossier(dossier_id):
        return dossier_id
    k = 2
    while True:
        suffix = f"-{k}"
        candidate = dossier_id[:_MAX_ID - len(suffix)] + suffix
        if not store.has_dossier(candidate):
            return candidate
        k += 1


def _free_folder(parent: Path, name: str) -> Path:
    candidate, k = parent / name, 2
    while candidate.exists():
        candidate, k = parent / f"{name}-{k}", k + 1
    return candidate


def extract_members(path: Path, report: VerifyReport, target_dir: Path, name: str,
                    limits: Limits = LIMITS) -> Path:
    """Copy the verified package (its manifest as read, then each listed member, one at a
    time in chunks, hashed again against the manifest) into a new folder
    ``target_dir/name`` (suffixed if taken)."""
    manifest = report.manifest
    assert manifest is not None
    import hashlib

    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".import-", dir=target_dir))
    except OSError as exc:
        raise UserError("package.cannot_write", folder=str(target_dir),
                        reason=exc.strerror or str(exc)) from exc
    try:
        root = tmp.resolve()
        with open(tmp / MANIFEST_NAME, "xb") as fh:
            fh.write(report.members[MANIFEST_NAME])
            os.fsync(fh.fileno())
        with open_zip(path) as zf:
            for entry in sorted(manifest.files, key=lambda e: e.path):
                member = entry.path
                if name_problem(member) is not None:  # verified already; never trust twice
                    raise UserError("package.entry.traversal", file=member)
                dest = (tmp / member).resolve()
                if root not in dest.parents:
                    raise UserError("package.entry.traversal", file=member)
                dest.parent.mkdir(parents=True, exist_ok=True)
                digest, size = hashlib.sha256(), 0
                with zf.open(entry.path) as src, open(dest, "xb") as fh:
                    while chunk := src.read(1024 * 1024):
                        size += len(chunk)
                        if size > min(entry.size, limits.max_member_bytes):
                            break
                        digest.update(chunk)
                        fh.write(chunk)
                    fh.flush()
                    os.fsync(fh.fileno())
                if size != entry.size or digest.hexdigest() != entry.sha256:
                    raise UserError("package.changed_during_import", file=member,
                                    reason=i18n.t("package.file.hash", file=member))
        folder = _free_folder(target_dir, name)
        os.rename(tmp, folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise UserError("package.cannot_write", folder=str(target_dir),
                        reason=exc.strerror or str(exc)) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def import_package(path: Path | str, *, store: Store | None = None,
                   target_dir: Path | str | None = None, packs_dirs: Iterable[Path | str] = (),
                   limits: Limits = LIMITS) -> ImportResult:
    """Verify, then import into ``store`` and/or extract into a new folder under
    ``target_dir``. Raises :class:`ImportRefused` (nothing written) when a check fails."""
    if store is None and target_dir is None:
        raise TypeError("import_package needs a store or a target_dir")
    path = Path(path)
    report = verify_package(path, packs_dirs=packs_dirs, limits=limits)
    if not report.ok:
        raise ImportRefused(path, report.problems)
    dossier = report.dossier
    assert dossier is not None and report.manifest is not None
    folder = None
    if target_dir is not None:
        folder = extract_members(path, report, Path(target_dir), path.stem, limits)
    new_id = None
    if store is not None:
        # the signed copies come along, read again one at a time (never all in memory):
        # first all checked once more against the manifest, so nothing is written if the
        # file changed since it was verified, then each read again to store it
        with open_zip(path) as zf:
            for entry in report.manifest.signed_copies:
                read_checked_member(zf, entry, limits)
            new_id = free_dossier_id(store, dossier.id)
            stored = (dossier if new_id == dossier.id
                      else dossier.model_copy(update={"id": new_id}))
            store.create_dossier(stored, pack=report.pack)
            for entry in report.manifest.signed_copies:
                info = entry.signed_copy
                assert info is not None
                store.attach_signed_copy(new_id, info.document_id,
                                         read_checked_member(zf, entry, limits),
                                         file_name=entry.path, page_count=info.page_count,
                                         nominee_id=info.nominee_id, revision=stored.revision)
    return ImportResult(dossier.id, new_id, folder, report)
