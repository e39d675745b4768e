"""Verify a package (kiểm tra gói): is it whole, untouched, and does its dossier still pass?

``verify_package(path)`` opens the ZIP (a file that is missing or no ZIP at all raises
:class:`~desktop.errors.UserError`: exit code 2 in the CLI), runs the safety checks of
:mod:`desktop.package.safety` on its directory, reads every member in memory, checks the
manifest (JSON, format version, schema), every listed file's size and SHA-256, that no file
is missing or extra, that the manifest agrees with ``dossier.json``, and re-validates the
embedded dossier with the named pack (it must be installed; a pack file whose SHA-256
differs from the manifest's is a warning with the reason). Signed copies are members like
the others (size and SHA-256 checked); each must name a listed document file, and a
``final`` package must hold every one the pack requires. Each problem names its file.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop.errors import HosoError, UserError
from desktop.models import CampaignPack, Dossier, Finding
from desktop.package.manifest import (
    DOSSIER_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    REPORT_JSON_NAME,
    REPORT_PDF_NAME,
    Manifest,
    ManifestFile,
)
from desktop.package.problems import Problem
from desktop.package.safety import LIMITS, Limits, check_entries, read_member

REQUIRED = (DOSSIER_NAME, REPORT_JSON_NAME, REPORT_PDF_NAME)


@dataclass
class VerifyReport:
    """What :func:`verify_package` found; ``ok`` when there is no problem (warnings allowed)."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    manifest: Manifest | None = None
    dossier: Dossier | None = None
    pack: CampaignPack | None = None
    findings: list[Finding] = field(default_factory=list)
    #: The JSON members (manifest.json, dossier.json, validation.json) as read; other
    #: members are never held (see :func:`read_checked_member`).
    members: dict[str, bytes] = field(default_factory=dict, repr=False)
    signature: Any = None  # desktop.signing.package.SignatureReport (after the checks)
    pack_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "ok": self.ok,
            "problems": [p.as_json() for p in self.problems],
            "warnings": [p.as_json() for p in self.warnings],
            "manifest": None if self.manifest is None else self.manifest.model_dump(mode="json"),
            "findings": [f.model_dump(mode="json") for f in self.findings],
            "signature": None if self.signature is None else self.signature.as_json(),
        }


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open a package for reading; unreadable input raises :class:`UserError`.

    Only a regular file is opened (:func:`desktop.fsutil.open_regular`: a device or a FIFO is
    refused before it is opened, so ``hoso verify /dev/zero`` neither blocks nor reads
    without end); closing the ZipFile closes the file.
    """
    from desktop.fsutil import open_regular

    try:
        fh = open_regular(path)
    except UserError as exc:
        key = {"file.not_found": "package.not_found",
               "file.is_directory": "package.not_a_file"}.get(exc.key)
        if key is not None:
            raise UserError(key, file=str(path)) from exc
        raise
    try:
        zf = _OwnedZip(fh)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        fh.close()
        raise UserError("package.not_zip", file=str(path)) from exc
    except OSError as exc:
        fh.close()
        raise UserError("package.unreadable", file=str(path),
                        reason=exc.strerror or str(exc)) from exc
    return zf


class _OwnedZip(zipfile.ZipFile):
    """A ZipFile that closes the file object it was given."""

    def close(self) -> None:
        fp = self.fp
        try:
            super().close()
        finally:
            if fp is not None:
                fp.close()


def _field_path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "-"


def _load_json(data: bytes, name: str, problems: list[Problem]) -> Any:
    from desktop.fsutil import JsonRefused, loads_bounded

    try:
        return loads_bounded(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        problems.append(Problem("package.file.bad_json", name))
    except JsonRefused as exc:  # too deep, or a number of thousands of digits
        problems.append(Problem(exc.key, name, exc.params))
    return None


def _check_manifest(data: bytes, report: VerifyReport) -> Manifest | None:
    raw = _load_json(data, MANIFEST_NAME, report.problems)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        report.problems.append(Problem("package.file.bad_json", MANIFEST_NAME))
        return None
    version = raw.get("format_version")
    if version != FORMAT_VERSION:
        report.problems.append(Problem("package.manifest.format_version", MANIFEST_NAME, {
            "found": "—" if version is None else version, "supported": FORMAT_VERSION}))
        return None
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        report.problems.append(Problem("package.manifest.invalid", MANIFEST_NAME, {
            "field": _field_path(err["loc"]), "type": err["type"]}))
        return None


#: Members held in memory while checking (JSON parsed afterwards); every other member is
#: read in chunks to hash it, never held whole.
_HELD = (DOSSIER_NAME, REPORT_JSON_NAME,
         "return-answers.json")  # the notes a package answers (desktop.consolidation.inbox)
#: Largest manifest.json: 5000 entries of ~400 bytes.
MAX_MANIFEST_BYTES = 8 * 1024 * 1024
_CHUNK = 1024 * 1024


def _stream_sha256(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str | None, str]:
    """SHA-256 and size of a member read in chunks (never held whole), or the reason it
    cannot be read. zipfile stops at the declared size and checks the CRC."""
    import hashlib

    digest, size = hashlib.sha256(), 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                if size > info.file_size:
                    return None, "size"
                digest.update(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
            NotImplementedError, ValueError) as exc:
        return None, type(exc).__name__
    return digest.hexdigest(), ""


def check_signed_pdf(data: bytes, entry: ManifestFile) -> Problem | None:
    """A signed copy must be a PDF that opens, with the page count the manifest says."""
    info = entry.signed_copy
    if not data.startswith(b"%PDF-"):
        return Problem("package.signed.not_pdf", entry.path)
    try:
        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(data), strict=False).pages)
    except Exception as exc:  # any failure of pypdf on hostile bytes
        return Problem("package.signed.not_pdf", entry.path, {"reason": type(exc).__name__})
    if info is not None and pages != info.page_count:
        return Problem("package.signed.page_count", entry.path,
                       {"expected": info.page_count, "found": pages})
    return None


def _check_files(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], manifest: Manifest,
                 report: VerifyReport, limits: Limits) -> None:
    """Each listed member: a name HoSo gives, present, its declared size the manifest's
    (checked before reading), then its SHA-256 read in chunks; JSON members are kept for
    the checks that follow, signed copies opened as PDF. Unlisted members are extra."""
    import hashlib

    from desktop.package.names import MemberNames

    names = MemberNames(report.pack)
    by_name = {i.filename: i for i in infos}
    listed: set[str] = set()
    for entry in manifest.files:
        if entry.path in listed or entry.path == MANIFEST_NAME:
            report.problems.append(Problem("package.manifest.duplicate", entry.path))
            continue
        listed.add(entry.path)
        found = names.problem(entry)
        if found is not None:
            report.problems.append(found)
            continue
        info = by_name.get(entry.path)
        if info is None or info.is_dir():
            report.problems.append(Problem("package.file.missing", entry.path))
            continue
        if info.file_size != entry.size:
            report.problems.append(Problem("package.file.size", entry.path,
                                           {"expected": entry.size, "found": info.file_size}))
            continue
        if entry.path in _HELD or entry.signed_copy is not None:
            data, problem = read_member(zf, info, limits)
            if problem is not None:
                report.problems.append(problem)
                continue
            assert data is not None
            sha = hashlib.sha256(data).hexdigest()
        else:
            data = None
            sha, reason = _stream_sha256(zf, info)
            if sha is None:
                report.problems.append(Problem("package.entry.damaged", entry.path,
                                               {"reason": reason}))
                continue
        if sha != entry.sha256:
            report.problems.append(Problem("package.file.hash", entry.path))
            continue
        if entry.signed_copy is not None:
            assert data is not None
            if (problem := check_signed_pdf(data, entry)) is not None:
                report.problems.append(problem)
        elif data is not None:
            report.members[entry.path] = data
    from desktop.signing.package import SIGNATURE_NAME

    for info in infos:
        if info.filename == SIGNATURE_NAME:  # the package signature (small): kept for it
            data, problem = read_member(zf, info, limits)
            if problem is not None:
                report.problems.append(problem)
            elif data is not None:
                report.members[SIGNATURE_NAME] = data
        elif info.filename not in listed and info.filename != MANIFEST_NAME:
            report.problems.append(Problem("package.file.extra", info.filename))
    for name in REQUIRED:
        if name not in listed:
            report.problems.append(Problem("package.file.required", name))


def _intact(report: VerifyReport, name: str) -> bytes | None:
    """The bytes of ``name`` when no problem was reported for it."""
    if any(p.file == name for p in report.problems):
        return None
    return report.members.get(name)


def _check_dossier(manifest: Manifest, report: VerifyReport,
                   packs_dirs: Iterable[Path | str]) -> None:
    from desktop.models import DOSSIER_SCHEMA_VERSION
    from desktop.validation import parse_dossier, validate

    data = _intact(report, DOSSIER_NAME)
    if data is None:
        return
    raw = _load_json(data, DOSSIER_NAME, report.problems)
    if raw is None:
        return
    if not isinstance(raw, dict) or raw.get("schema_version") != DOSSIER_SCHEMA_VERSION:
        report.problems.append(Problem("package.dossier.format", DOSSIER_NAME))
        return
    dossier, input_findings = parse_dossier(raw)
    if dossier is None:
        first = input_findings[0].message_vi if input_findings else ""
        report.problems.append(Problem("package.dossier.invalid", DOSSIER_NAME,
                                       {"reason": first}))
        return
    report.dossier = dossier
    pairs = {
        "dossier.id": (manifest.dossier.id, dossier.id),
        "dossier.revision": (manifest.dossier.revision, dossier.revision),
        "pack.id": (manifest.pack.id, dossier.pack.id),
        # pack.version may differ: a dossier written for another version of the pack is
        # checked with the installed one (warning dossier.pack_version), which the manifest
        # names; the re-check below uses that one too
        "unit.name": (manifest.unit.name, dossier.unit.name),
        "unit.kind": (manifest.unit.kind, dossier.unit.kind.value if dossier.unit.kind
                      else None),
    }
    for name, (in_manifest, in_dossier) in pairs.items():
        if in_manifest != in_dossier:
            report.problems.append(Problem("package.manifest.mismatch", MANIFEST_NAME, {
                "field": name, "manifest": in_manifest, "dossier": in_dossier}))
    pack = report.pack
    if pack is None:
        report.problems.append(Problem("package.pack.missing", DOSSIER_NAME, {
            "pack_id": manifest.pack.id, "version": manifest.pack.version,
            "reason": report.pack_error}))
        return
    today = _validation_day(report) or manifest.created_at.date()
    report.findings = validate(dossier, pack, today=today)
    errors = [f for f in report.findings if f.blocking]
    if errors:
        report.problems.append(Problem("package.dossier.errors", DOSSIER_NAME, {
            "count": len(errors), "codes": ", ".join(sorted({f.code for f in errors})),
            "first": errors[0].message_vi}))


def _find_pack(manifest: Manifest, report: VerifyReport,
               packs_dirs: Iterable[Path | str]) -> None:
    """The installed pack the manifest names (its documents name the members); a pack file
    whose SHA-256 differs from the manifest's is a warning."""
    from desktop.packs import find_pack, load_pack_file

    try:
        info = find_pack(manifest.pack.id, manifest.pack.version, packs_dirs)
        pack = load_pack_file(info.path)
    except HosoError as exc:
        report.pack_error = exc.message("vi")
        return
    report.pack = pack
    if info.sha256 != manifest.pack.sha256:
        report.warnings.append(Problem("package.pack.sha_differs", str(info.path), {
            "pack_id": pack.id, "version": pack.version, "expected": manifest.pack.sha256,
            "found": info.sha256}, level="warning"))


def _validation_day(report: VerifyReport) -> dt.date | None:
    """The day the export checked the rules at (``validation.json``), if it reads well."""
    data = _intact(report, REPORT_JSON_NAME)
    if data is None:
        return None
    raw = _load_json(data, REPORT_JSON_NAME, report.problems)
    if not isinstance(raw, dict):
        return None
    counts = raw.get("counts")
    if raw.get("passed") is not True or not isinstance(counts, dict) or counts.get("error"):
        report.problems.append(Problem("package.validation.failed", REPORT_JSON_NAME))
    try:
        return dt.date.fromisoformat(str(raw.get("today")))
    except ValueError:
        report.problems.append(Problem("package.validation.invalid", REPORT_JSON_NAME))
        return None


def _check_signed(manifest: Manifest, report: VerifyReport) -> None:
    listed = {f.path for f in manifest.files}
    for source in manifest.sources:  # a consolidated dossier's received files are listed
        for name in source.files:
            if name not in listed:
                report.problems.append(Problem("package.source.missing", MANIFEST_NAME,
                                               {"file": name, "unit": source.unit_name}))
    for entry in manifest.signed_copies:
        assert entry.signed_copy is not None
        if entry.signed_copy.of not in listed:
            report.problems.append(Problem("scans.verify.orphan", entry.path,
                                           {"of": entry.signed_copy.of}))
    if not manifest.final or report.dossier is None or report.pack is None:
        return
    from desktop.signing.package import SIGNATURE_NAME

    if SIGNATURE_NAME in report.members:
        return  # signed digitally (checked by check_signature): no scan needed
    from desktop.documents import build_documents
    from desktop.package.export import _signed_key

    have = {(e.signed_copy.document_id, e.signed_copy.nominee_id)
            for e in manifest.signed_copies if e.signed_copy is not None}
    missing = []
    for document in build_documents(report.dossier, report.pack):
        key, required = _signed_key(document, report.pack)
        if required and key not in have:
            missing.append(document.title_vi)
    if missing:
        report.problems.append(Problem("scans.verify.missing", MANIFEST_NAME, {
            "count": len(missing), "documents": "; ".join(missing)}))


def verify_package(path: Path | str, *, packs_dirs: Iterable[Path | str] = (),
                   limits: Limits = LIMITS, trust_files: tuple[str, ...] = (),
                   require_signature: bool = False) -> VerifyReport:
    """Check a package; see the module docstring. Never writes anything. The signatures
    are checked by :func:`check_signature` (``trust_files``: extra trusted roots;
    ``require_signature``: an unsigned package is a problem)."""
    report = _verify_package(path, packs_dirs=packs_dirs, limits=limits)
    check_signature(report, trust_files=trust_files, require=require_signature, limits=limits)
    return report


class _ZipMembers(Mapping[str, bytes]):
    """The package's members by name, each read (bounded by ``limits``) only when asked
    for: the signature check looks at every PDF, one at a time, never all at once."""

    def __init__(self, zf: zipfile.ZipFile, limits: Limits, held: dict[str, bytes],
                 damaged: set[str]):
        self._zf, self._limits, self._held = zf, limits, held
        # members already reported damaged or unreadable are left out, as if absent
        self._infos = {i.filename: i for i in zf.infolist()
                       if not i.is_dir() and i.filename not in damaged}

    def __getitem__(self, name: str) -> bytes:
        if name in self._held:
            return self._held[name]
        data, problem = read_member(self._zf, self._infos[name], self._limits)
        if problem is not None or data is None:
            raise KeyError(name)
        return data

    def get(self, name, default=None):  # type: ignore[override]
        try:
            return self[name]
        except KeyError:
            return default

    def __iter__(self):
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


def check_signature(report: VerifyReport, *, trust_files: tuple[str, ...] = (),
                    require: bool = False, limits: Limits = LIMITS) -> None:
    """The package signature and the PDFs' (desktop.signing), added to ``report``."""
    if report.manifest is None:
        return  # unreadable entries: nothing to check a signature against
    from desktop.signing.package import verify_signature

    with open_zip(report.path) as zf:
        damaged = {p.file for p in report.problems
                   if p.code in ("package.entry.damaged", "package.file.hash",
                                 "package.file.size")}
        members = _ZipMembers(zf, limits, report.members, damaged)
        report.signature = verify_signature(members, trust_files=trust_files,
                                            require=require)
    seen = {(p.code, p.file) for p in report.problems}
    report.problems += [p for p in report.signature.problems if (p.code, p.file) not in seen]
    report.warnings += report.signature.warnings


def _verify_package(path: Path | str, *, packs_dirs: Iterable[Path | str] = (),
                    limits: Limits = LIMITS) -> VerifyReport:
    """The checks before the signatures.

    Memory stays bounded whatever the package holds: the manifest is read first (at most
    :data:`MAX_MANIFEST_BYTES`), each member's declared size is compared with it before
    the member is read, and members are hashed in chunks; only ``dossier.json``,
    ``validation.json``, the package signature (kept in ``report.members``) and one signed
    copy at a time are held.
    """
    path = Path(path)
    report = VerifyReport(path)
    with open_zip(path) as zf:
        try:
            infos = zf.infolist()
        except (zipfile.BadZipFile, ValueError) as exc:  # pragma: no cover - opened fine
            raise UserError("package.not_zip", file=str(path)) from exc
        report.problems = check_entries(infos, limits)
        if report.problems:
            return report
        minfo = next((i for i in infos if i.filename == MANIFEST_NAME), None)
        if minfo is None:
            report.problems.append(Problem("package.manifest.missing", MANIFEST_NAME))
            return report
        if minfo.file_size > MAX_MANIFEST_BYTES:
            report.problems.append(Problem("package.entry.too_large", MANIFEST_NAME, {
                "size": minfo.file_size, "limit": MAX_MANIFEST_BYTES}))
            return report
        manifest_data, problem = read_member(zf, minfo, limits)
        if problem is not None:
            report.problems.append(problem)
            return report
        assert manifest_data is not None
        manifest = _check_manifest(manifest_data, report)
        if manifest is None:
            return report
        report.manifest = manifest
        report.members[MANIFEST_NAME] = manifest_data
        _find_pack(manifest, report, packs_dirs)
        _check_files(zf, infos, manifest, report, limits)
    try:
        _check_dossier(manifest, report, packs_dirs)
    except HosoError as exc:  # pragma: no cover - a pack that breaks while loading
        report.problems.append(Problem("package.pack.missing", DOSSIER_NAME, {
            "pack_id": manifest.pack.id, "version": manifest.pack.version,
            "reason": exc.message("vi")}))
    _check_signed(manifest, report)
    return report


def read_checked_member(zf: zipfile.ZipFile, entry: ManifestFile,
                        limits: Limits = LIMITS) -> bytes:
    """One listed member, read again (bounded) and checked against the manifest's size and
    SHA-256: the import holds the verified package's members one at a time, never all."""
    import hashlib

    info = zf.getinfo(entry.path)
    data, problem = read_member(zf, info, limits)
    if problem is None and (data is None or len(data) != entry.size
                            or hashlib.sha256(data).hexdigest() != entry.sha256):
        problem = Problem("package.file.hash", entry.path)
    if problem is not None:
        raise UserError("package.changed_during_import", file=entry.path,
                        reason=problem.message())
    assert data is not None
    return data
