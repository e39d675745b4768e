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
import json
import zipfile
from collections.abc import Iterable
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
    members: dict[str, bytes] = field(default_factory=dict, repr=False)
    signature: Any = None  # desktop.signing.package.SignatureReport (after the checks)

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
    """Open a package for reading; unreadable input raises :class:`UserError`."""
    if not path.exists():
        raise UserError("package.not_found", file=str(path))
    if path.is_dir():
        raise UserError("package.not_a_file", file=str(path))
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise UserError("package.not_zip", file=str(path)) from exc
    except OSError as exc:
        raise UserError("package.unreadable", file=str(path),
                        reason=exc.strerror or str(exc)) from exc


def _field_path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "-"


def _load_json(data: bytes, name: str, problems: list[Problem]) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        problems.append(Problem("package.file.bad_json", name))
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


def _check_files(manifest: Manifest, report: VerifyReport, damaged: set[str]) -> None:
    import hashlib

    listed: set[str] = set()
    for entry in manifest.files:
        if entry.path in listed or entry.path == MANIFEST_NAME:
            report.problems.append(Problem("package.manifest.duplicate", entry.path))
            continue
        listed.add(entry.path)
        if entry.path in damaged:
            continue
        data = report.members.get(entry.path)
        if data is None:
            report.problems.append(Problem("package.file.missing", entry.path))
        elif len(data) != entry.size:
            report.problems.append(Problem("package.file.size", entry.path,
                                           {"expected": entry.size, "found": len(data)}))
        elif hashlib.sha256(data).hexdigest() != entry.sha256:
            report.problems.append(Problem("package.file.hash", entry.path))
    from desktop.signing.package import SIGNATURE_NAME

    for name in sorted(set(report.members) | damaged):
        if name not in listed and name not in (MANIFEST_NAME, SIGNATURE_NAME):
            report.problems.append(Problem("package.file.extra", name))
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
    from desktop.errors import PackError
    from desktop.models import DOSSIER_SCHEMA_VERSION
    from desktop.packs import find_pack, load_pack_file
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
        "pack.version": (manifest.pack.version, dossier.pack.version),
        "unit.name": (manifest.unit.name, dossier.unit.name),
        "unit.kind": (manifest.unit.kind, dossier.unit.kind.value if dossier.unit.kind
                      else None),
    }
    for name, (in_manifest, in_dossier) in pairs.items():
        if in_manifest != in_dossier:
            report.problems.append(Problem("package.manifest.mismatch", MANIFEST_NAME, {
                "field": name, "manifest": in_manifest, "dossier": in_dossier}))
    try:
        info = find_pack(dossier.pack.id, dossier.pack.version, packs_dirs)
        pack = load_pack_file(info.path)
    except PackError as exc:
        report.problems.append(Problem("package.pack.missing", DOSSIER_NAME, {
            "pack_id": dossier.pack.id, "version": dossier.pack.version,
            "reason": exc.message("vi")}))
        return
    report.pack = pack
    if info.sha256 != manifest.pack.sha256:
        report.warnings.append(Problem("package.pack.sha_differs", str(info.path), {
            "pack_id": pack.id, "version": pack.version, "expected": manifest.pack.sha256,
            "found": info.sha256}, level="warning"))
    today = _validation_day(report) or manifest.created_at.date()
    report.findings = validate(dossier, pack, today=today)
    errors = [f for f in report.findings if f.blocking]
    if errors:
        report.problems.append(Problem("package.dossier.errors", DOSSIER_NAME, {
            "count": len(errors), "codes": ", ".join(sorted({f.code for f in errors})),
            "first": errors[0].message_vi}))


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
    check_signature(report, trust_files=trust_files, require=require_signature)
    return report


def check_signature(report: VerifyReport, *, trust_files: tuple[str, ...] = (),
                    require: bool = False) -> None:
    """The package signature and the PDFs' (desktop.signing), added to ``report``."""
    if not report.members:
        return  # unreadable entries: nothing to check a signature against
    from desktop.signing.package import verify_signature

    report.signature = verify_signature(report.members, trust_files=trust_files,
                                        require=require)
    seen = {(p.code, p.file) for p in report.problems}
    report.problems += [p for p in report.signature.problems if (p.code, p.file) not in seen]
    report.warnings += report.signature.warnings


def _verify_package(path: Path | str, *, packs_dirs: Iterable[Path | str] = (),
                    limits: Limits = LIMITS) -> VerifyReport:
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
        damaged: set[str] = set()
        for info in infos:
            data, problem = read_member(zf, info, limits)
            if problem is not None:
                report.problems.append(problem)
                damaged.add(info.filename)
            elif info.is_dir():
                damaged.add(info.filename)  # folders are never part of a package
                report.problems.append(Problem("package.file.extra", info.filename))
            else:
                report.members[info.filename] = data  # type: ignore[assignment]
    manifest_data = report.members.get(MANIFEST_NAME)
    if manifest_data is None:
        if MANIFEST_NAME not in damaged:
            report.problems.append(Problem("package.manifest.missing", MANIFEST_NAME))
        return report
    manifest = _check_manifest(manifest_data, report)
    if manifest is None:
        return report
    report.manifest = manifest
    _check_files(manifest, report, damaged - {n for n in damaged if n.endswith("/")})
    try:
        _check_dossier(manifest, report, packs_dirs)
    except HosoError as exc:  # pragma: no cover - a pack that breaks while loading
        report.problems.append(Problem("package.pack.missing", DOSSIER_NAME, {
            "pack_id": manifest.pack.id, "version": manifest.pack.version,
            "reason": exc.message("vi")}))
    _check_signed(manifest, report)
    return report
