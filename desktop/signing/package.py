"""The package signature (chữ ký số của gói) and its offline verification.

``manifest.json.p7s`` is a CMS SignedData (DER) made by the unit's identity over the exact
bytes of ``manifest.json``: every member's SHA-256 and size, the app and pack versions and
the unit. The signed bytes are kept inside the signature (encapsulated, as ``openssl cms
-sign -nodetach`` does): the verifier compares them with ``manifest.json`` and with every
member, so a member changed after signing is named even when the forger fixed its hash in
``manifest.json``. ``openssl cms -verify -inform DER -in manifest.json.p7s`` reads it too.

:func:`verify_signature` reports the package signature valid / invalid / absent, who signed
(subject, issuer, serial, validity), whether the chain reaches a trusted root (shipped data
plus ``--trust`` files), and each PDF's PAdES status; revocation is "not checked offline".
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from desktop.package.manifest import MANIFEST_NAME
from desktop.package.problems import Problem

if TYPE_CHECKING:
    from desktop.signing.identity import OpenedIdentity, SignerInfo

SIGNATURE_NAME = "manifest.json.p7s"
Status = Literal["valid", "invalid", "absent"]


def sign_manifest(manifest: bytes, opened: OpenedIdentity) -> bytes:
    """The CMS signature (DER) of ``manifest`` by ``opened``, the manifest encapsulated."""
    info = asyncio.run(opened.signer.async_sign_general_data(manifest, "sha256",
                                                             detached=False))
    return info.dump()


@dataclass(frozen=True)
class PdfSignature:
    """The PAdES status of one PDF member."""

    path: str
    status: Literal["valid", "invalid", "modified", "absent", "unreadable"]
    signer: str = ""
    trusted: bool = False
    level: str = ""  # "B-B" or "B-T" (a timestamp inside)
    cert_sha256: str = ""  # the signer's certificate

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "status": self.status, "signer": self.signer,
                "trusted": self.trusted, "level": self.level,
                "cert_sha256": self.cert_sha256}


@dataclass
class SignatureReport:
    """What :func:`verify_signature` found."""

    status: Status = "absent"
    signer: SignerInfo | None = None
    trusted: bool = False
    trust_note: str = ""  # why the chain is not trusted
    revocation: str = "not_checked_offline"
    cert_sha256: str = ""  # the package signer's certificate
    pdfs: list[PdfSignature] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status,
                "signer": None if self.signer is None else self.signer.as_json(),
                "trusted": self.trusted, "trust_note": self.trust_note,
                "revocation": self.revocation,
                "pdfs": [p.as_json() for p in self.pdfs],
                "problems": [p.as_json() for p in self.problems],
                "warnings": [p.as_json() for p in self.warnings]}


def _context(roots):
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(trust_roots=list(roots), allow_fetching=False,
                             revocation_mode="soft-fail")


def _key_usage():
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    return KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"},
                               match_all_key_usages=False)


def pdf_status(name: str, data: bytes, roots) -> PdfSignature:
    """The PAdES status of the last signature of ``data`` (HoSo signs once)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    from desktop.signing.identity import SignerInfo

    if b"/ByteRange" not in data:  # no signature dictionary at all (cheap, no parsing)
        return PdfSignature(name, "absent")
    # A package is hostile input: whatever a damaged or crafted PDF makes the parser or the
    # validator raise is a verdict on that member, never a crash of `hoso verify`.
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:
        return PdfSignature(name, "unreadable")
    if not signatures:
        return PdfSignature(name, "absent")
    embedded = signatures[-1]
    try:
        status = validate_pdf_signature(embedded, _context(roots),
                                        key_usage_settings=_key_usage(), skip_diff=True)
    except Exception:
        return PdfSignature(name, "invalid")
    signer = SignerInfo.of(status.signing_cert).display_name
    level = "B-T" if status.timestamp_validity is not None else "B-B"
    cert = status.signing_cert.sha256.hex()
    if not (status.intact and status.valid):
        return PdfSignature(name, "invalid", signer, False, level, cert)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return PdfSignature(name, "modified", signer, status.trusted, level, cert)
    return PdfSignature(name, "valid", signer, status.trusted, level, cert)


def _check_cms(data: bytes, report: SignatureReport, roots) -> bytes | None:
    """Validate the package signature; its signed manifest bytes, or None when invalid."""
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import async_validate_cms_signature
    from pyhanko.sign.validation.status import StandardCMSSignatureStatus

    from desktop.signing.identity import SignerInfo

    try:  # hostile input: any failure to parse is "unreadable", never a crash
        info = cms.ContentInfo.load(data)
        signed_data = info["content"]
        content = signed_data["encap_content_info"]["content"]
        signed = bytes(content.native) if content.native is not None else None
    except Exception:
        report.problems.append(Problem("signing.verify.unreadable", SIGNATURE_NAME))
        return None
    if signed is None:
        report.problems.append(Problem("signing.verify.detached", SIGNATURE_NAME))
        return None
    try:
        status = asyncio.run(async_validate_cms_signature(
            signed_data, status_cls=StandardCMSSignatureStatus,
            validation_context=_context(roots), key_usage_settings=_key_usage()))
    except Exception as exc:  # a crafted signature (unknown algorithm…): invalid
        report.problems.append(Problem("signing.verify.bad_signature", SIGNATURE_NAME,
                                       {"reason": type(exc).__name__}))
        return None
    report.signer = SignerInfo.of(status.signing_cert)
    report.cert_sha256 = status.signing_cert.sha256.hex()
    if not (status.intact and status.valid):
        report.problems.append(Problem("signing.verify.bad_signature", SIGNATURE_NAME,
                                       {"reason": "digest/signature"}))
        return None
    report.trusted = bool(status.trusted)
    if not report.trusted:
        indic = status.trust_problem_indic
        report.trust_note = indic.name if indic is not None else ""
    return signed


def verify_signature(members: Mapping[str, bytes], *, trust_files: tuple[str, ...] = (),
                     require: bool = False) -> SignatureReport:
    """Check the package signature and every PDF's; ``members`` maps names to bytes (all
    the ZIP's members, as :func:`desktop.package.verify.verify_package` read them)."""
    from desktop.signing.trust import trust_roots

    roots = trust_roots(trust_files)
    report = SignatureReport()
    # one PDF at a time: ``members`` may read each from the ZIP only when asked
    report.pdfs = [pdf_status(name, members[name], roots) for name in sorted(members)
                   if name.lower().endswith(".pdf")]
    p7s = members.get(SIGNATURE_NAME)
    if p7s is None:
        report.status = "absent"
        signed_pdfs = [p.path for p in report.pdfs if p.status != "absent"]
        if signed_pdfs:  # the PDFs carry signatures: the package's was taken away
            report.problems.append(Problem("signing.verify.removed", SIGNATURE_NAME,
                                           {"files": ", ".join(signed_pdfs[:3])}))
        elif require:
            report.problems.append(Problem("signing.verify.required", SIGNATURE_NAME))
        return report  # unsigned: ``status`` says so (``hoso verify`` prints it)
    signed = _check_cms(p7s, report, roots)
    if signed is None:
        report.status = "invalid"
        return report
    current = members.get(MANIFEST_NAME)
    if current != signed:
        report.problems.append(Problem("signing.verify.manifest_changed", MANIFEST_NAME))
    try:
        entries = {str(f["path"]): f for f in json.loads(signed.decode("utf-8"))["files"]}
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        report.problems.append(Problem("signing.verify.unreadable", SIGNATURE_NAME))
        report.status = "invalid"
        return report
    for name, entry in sorted(entries.items()):
        data = members.get(name)
        if data is None:
            report.problems.append(Problem("signing.verify.member_missing", name))
        elif hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            report.problems.append(Problem("signing.verify.member_changed", name))
    for name in sorted(set(members) - set(entries) - {MANIFEST_NAME, SIGNATURE_NAME}):
        report.problems.append(Problem("signing.verify.member_added", name))
    for pdf in report.pdfs:
        if pdf.status in ("invalid", "modified", "unreadable"):
            report.problems.append(Problem(f"signing.verify.pdf_{pdf.status}", pdf.path))
        elif pdf.status == "absent":
            report.warnings.append(Problem("signing.verify.pdf_absent", pdf.path,
                                           level="warning"))
        elif pdf.cert_sha256 != report.cert_sha256:  # a document signed by someone else
            report.problems.append(Problem("signing.verify.pdf_other_signer", pdf.path,
                                           {"signer": pdf.signer}))
    report.status = "invalid" if report.problems else "valid"
    return report
