"""What the store's methods return (résultats): plain frozen dataclasses, no SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.models import DossierState, Finding, PackRef
from desktop.store.packdiff import RuleChange


@dataclass(frozen=True)
class ChangeSet:
    """What a store write changed (thay đổi), for the GUI's single ``store_changed`` signal.

    Views refresh only for the flags they show. ``revision_created`` is set when editing a
    validated or exported dossier opened a new draft revision. ``audit_ids`` are the audit
    rows written (their old values make undo possible).
    """

    nominees: bool = False
    dossier: bool = False
    documents: bool = False
    state: bool = False
    revision_created: bool = False
    units: bool = False
    signed_copies: bool = False
    dossier_id: str | None = None
    revision: int | None = None
    audit_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class DossierSummary:
    """One line of the dossier list (danh sách hồ sơ)."""

    id: str
    revision: int
    state: DossierState
    title: str
    pack: PackRef
    unit_name: str
    nominee_count: int
    updated_at: str


@dataclass(frozen=True)
class RevisionInfo:
    """A revision (phiên bản) of a dossier with its validation and export records."""

    dossier_id: str
    revision: int
    state: DossierState
    pack: PackRef
    pack_sha256: str | None
    validated_at: str | None
    findings: tuple[Finding, ...]
    package_name: str | None
    package_sha256: str | None
    exported_at: str | None
    stored_at: str


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit log (nhật ký thay đổi): values are decoded JSON (None if absent)."""

    id: int
    at: str
    dossier_id: str
    revision: int
    path: str
    old: Any
    new: Any


@dataclass(frozen=True)
class SignedCopy:
    """The signed copy (bản ký, đóng dấu, quét) of one document of a revision, as a PDF.

    ``nominee_id`` is None for documents of the whole dossier (tờ trình, biên bản). ``data``
    is empty when read with ``with_data=False`` (lists that only show names and sizes).
    """

    dossier_id: str
    revision: int
    document_id: str
    nominee_id: str | None
    file_name: str
    sha256: str
    page_count: int
    size: int
    added_at: str
    data: bytes = field(default=b"", repr=False)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.document_id, self.nominee_id)


@dataclass(frozen=True)
class ValidationRecord:
    """The outcome of :meth:`Store.validate`: the store changes and the remaining findings
    (warnings and info only; errors refuse validation)."""

    changes: ChangeSet
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class DossierPackReport:
    """How one draft fares under a new pack version: findings that are new (answers that
    became invalid) and findings that went away."""

    dossier_id: str
    revision: int
    old_version: str
    new_findings: tuple[Finding, ...]
    resolved: tuple[Finding, ...]
    findings: tuple[Finding, ...]
    moved: bool = False


@dataclass(frozen=True)
class PackRevalidationReport:
    """Report of :meth:`Store.revalidate_for_pack` (báo cáo kiểm tra lại theo gói mới)."""

    pack_id: str
    new_version: str
    rule_changes: dict[str, tuple[RuleChange, ...]] = field(default_factory=dict)
    old_pack_missing: tuple[str, ...] = ()  # old versions whose rules could not be read
    dossiers: tuple[DossierPackReport, ...] = ()
