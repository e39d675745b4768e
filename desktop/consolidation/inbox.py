"""Receiving packages into the inbox (nhận gói hồ sơ vào hộp hồ sơ nhận).

``receive_package`` verifies a package with :func:`desktop.package.verify_package` (ZIP
safety, manifest, every file's size and SHA-256, the package and PDF signatures when
signed), re-validates its dossier with the pack version it was made with
and with the newest installed version of that pack (differences kept), compares it with the
previous package of the same unit and stores it: a second package from the same unit is
the next revision of the same received dossier. A package whose files were altered is
refused; a dossier that fails the rules is received (the reviewer returns it with notes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.errors import PackError, UserError
from desktop.models import CampaignPack, Dossier, Finding
from desktop.package import ImportRefused, verify_package
from desktop.textutil import fold

if TYPE_CHECKING:
    from desktop.store import Store

#: Problems of verify_package that concern the dossier's content, not the package's
#: integrity: such a package is received, and its findings shown.
CONTENT_PROBLEMS = frozenset({"package.dossier.errors", "package.validation.failed",
                              "package.pack.missing"})
ANSWERS_NAME = "return-answers.json"
ANSWERS_KIND = "return_answers"


@dataclass(frozen=True)
class Received:
    """A package received: where it went in the inbox and what was found."""

    path: Path
    dossier: Dossier
    received_id: int
    revision: int
    unit_name: str
    nominee_count: int
    findings_made: list[Finding] | None
    current_pack_version: str | None
    findings_current: list[Finding] | None
    differences: dict[str, Any]
    problems: list[dict[str, Any]]
    signature: Any = None  # desktop.signing.package.SignatureReport: who signed (issue L)
    signature_info: dict[str, Any] | None = None  # what the inbox keeps of it

    @property
    def errors(self) -> int | None:
        """Errors under the current pack (else the one it was made with); None when
        neither pack is installed, so the dossier could not be checked."""
        found = self.findings_current if self.findings_current is not None \
            else self.findings_made
        return None if found is None else sum(1 for f in found if f.blocking)


def sender_key(pack_id: str, unit_name: str) -> str:
    """Which received dossier a package belongs to: one per (campaign, sending unit); a
    package whose unit name changed but whose dossier id was received before joins that
    one (the unit corrected its name)."""
    return f"{pack_id}|{fold(unit_name)}"


def _current_pack(pack_id: str, packs_dirs: Iterable[Path | str]
                  ) -> tuple[str, CampaignPack] | None:
    from desktop.packs import find_pack, load_pack_file

    try:
        info = find_pack(pack_id, None, packs_dirs)
    except PackError:
        return None
    return info.version, load_pack_file(info.path)


def signature_summary(report) -> dict[str, Any] | None:
    """The package signature as the inbox keeps it: status, signer, trusted, why not."""
    sig = getattr(report, "signature", None)
    if sig is None:
        return None
    return {"status": sig.status,
            "signer": sig.signer.display_name if sig.signer is not None else "",
            "serial": str(sig.signer.serial) if sig.signer is not None else "",
            "trusted": bool(sig.trusted), "trust_note": sig.trust_note,
            "cert_sha256": sig.cert_sha256}


def signature_text(summary: dict[str, Any] | None, *, short: bool = False,
                   lang: str | None = None) -> str:
    """“Chữ ký số: hợp lệ, chứng thư tin cậy — Ủy ban nhân dân xã A” (or the short form for
    a table column); "—" when the package was received before signatures were checked."""
    from desktop.i18n import t

    if summary is None:
        return "—"
    status = summary.get("status")
    key = "absent" if status != "valid" else (
        "valid_trusted" if summary.get("trusted") else "valid")
    prefix = "consolidation.signature.short_" if short else "consolidation.signature."
    return t(prefix + key, lang, signer=summary.get("signer") or "—")


def receive_package(store: Store, path: Path | str, *, packs_dirs: Iterable[Path | str] = (),
                    today: dt.date | None = None, trust_files: Iterable[str] = (),
                    current_packs: dict[str, Any] | None = None) -> Received:
    """Verify, re-validate, compare and store one package; see the module docstring.
    Raises :class:`~desktop.package.ImportRefused` (nothing stored) when the package's files
    do not match its manifest, and :class:`UserError` when it was received already."""
    from desktop.store import NewReceived
    from desktop.validation import validate

    path = Path(path)
    packs_dirs = tuple(packs_dirs)
    report = verify_package(path, packs_dirs=packs_dirs, trust_files=tuple(trust_files))
    # Signatures (desktop.signing) are checked by verify_package: a signature problem is not
    # a content problem, so a package whose signature fails is refused here like one whose
    # files were altered; a signature warning is kept with the package's problems, and the
    # signature's status, signer and trust with the received revision.
    broken = [p for p in report.problems if p.code not in CONTENT_PROBLEMS]
    if broken or report.dossier is None or report.manifest is None:
        raise ImportRefused(path, broken or report.problems)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError("package.unreadable", file=str(path),
                        reason=exc.strerror or str(exc)) from exc
    sha = hashlib.sha256(data).hexdigest()
    if store.has_received_package(sha):
        raise UserError("inbox.already_received", package=path.name)
    dossier, manifest = report.dossier, report.manifest
    day = today or manifest.created_at.date()
    findings_made = list(report.findings) if report.pack is not None else None
    if current_packs is None:
        current_packs = {}
    if dossier.pack.id not in current_packs:  # the newest installed version, once per batch
        current_packs[dossier.pack.id] = _current_pack(dossier.pack.id, packs_dirs)
    current = current_packs[dossier.pack.id]
    if current is None:
        current_version, findings_current = None, None
    elif report.pack is not None and current[0] == dossier.pack.version:
        current_version, findings_current = current[0], findings_made
    else:
        current_version = current[0]
        moved = dossier.model_copy(update={"pack": dossier.pack.model_copy(
            update={"version": current[0]})})
        findings_current = validate(moved, current[1], today=day)
    key = sender_key(dossier.pack.id, dossier.unit.name)
    previous = store.latest_received_for(key)
    if previous is None:  # the same dossier under a corrected unit name: same sender
        known = store.sender_key_of_dossier(dossier.pack.id, dossier.id)
        if known is not None:
            key, previous = known, store.latest_received_for(known)
    from desktop.consolidation.diff import dossier_differences

    differences = dossier_differences(previous[2], dossier) if previous else {}
    answers = None
    entry = next((f for f in manifest.files if f.kind == ANSWERS_KIND), None)
    if entry is not None and entry.path in report.members:
        answers = report.members[entry.path].decode("utf-8")
        json.loads(answers)  # listed and hashed: it reads
    problems = [{"code": p.code, "file": p.file, "message_vi": p.message("vi"),
                 "message_en": p.message("en")}
                for p in [*report.problems, *report.warnings]]
    if report.pack is not None:
        store.record_campaign(report.pack)  # its rules stay readable later
    received_id, revision = store.add_received(NewReceived(
        sender_key=key, unit_name=dossier.unit.name,
        unit_kind=dossier.unit.kind.value if dossier.unit.kind else None,
        pack_id=dossier.pack.id, pack_version=dossier.pack.version, dossier=dossier,
        package_name=path.name, package_sha256=sha, package=data,
        manifest_json=manifest.model_dump_json(), findings_made=findings_made,
        current_pack_version=current_version, findings_current=findings_current,
        problems=problems, differences=differences, answers_json=answers,
        signature=signature_summary(report)))
    return Received(path, dossier, received_id, revision, dossier.unit.name,
                    len(dossier.nominees), findings_made, current_version, findings_current,
                    differences, problems, signature=report.signature,
                    signature_info=signature_summary(report))


def receive_packages(store: Store, paths: Iterable[Path | str], *,
                     packs_dirs: Iterable[Path | str] = (), today: dt.date | None = None,
                     trust_files: Iterable[str] = ()
                     ) -> tuple[list[Received], list[tuple[Path, Exception]]]:
    """Receive several packages in one store transaction (one disk flush: see
    :meth:`Store.batch`); a refused package is left out alone. Returns what was received
    and (path, error) for each refused one."""
    done, failed = [], []
    packs_dirs, trust_files = tuple(packs_dirs), tuple(trust_files)
    current_packs: dict[str, Any] = {}
    with store.batch():
        for path in paths:
            try:
                done.append(receive_package(store, path, packs_dirs=packs_dirs, today=today,
                                            trust_files=trust_files,
                                            current_packs=current_packs))
            except (UserError, ImportRefused) as exc:
                failed.append((Path(path), exc))
    return done, failed
