"""Export (xuất gói hồ sơ): one validated, deterministic, tamper-evident ZIP per dossier.

``export_package(dossier, pack, out_dir)`` (or the generator :func:`export_steps`, which the
GUI runs off its thread) refuses a dossier with errors (:class:`ExportRefused` carries the
findings), renders every document as PDF and DOCX, adds ``dossier.json``, the validation
report (``validation.json`` and a one-page ``validation.pdf``) and ``manifest.json``, and
writes the ZIP to a temporary name in ``out_dir`` that is fsynced and renamed over the final
name: a failure or a cancel leaves any previous package byte-identical and no temporary
file. The same dossier, pack and ``created_at`` give the same bytes.

Signed copies (bản ký, đóng dấu, quét; from ``signed_copies`` or, with a ``store``, the
store's copies of the revision) go in as ``<file stem>_BanKy.pdf`` next to their document.
A preview package (default) may lack some: ``ExportResult.missing_signed`` names them. A
``final`` package (for upload) refuses with :class:`SignedCopiesMissing` while a document
the pack marks ``signed_copy_required`` has none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Generator, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from desktop import __version__
from desktop.errors import HosoError, UserError
from desktop.i18n import t
from desktop.models import CampaignPack, Dossier, Finding
from desktop.package import archive, sizes
from desktop.package.manifest import (
    DOSSIER_NAME,
    FORMAT_VERSION,
    JSON_TYPE,
    MANIFEST_NAME,
    REPORT_JSON_NAME,
    REPORT_PDF_NAME,
    SIGNED_COPY_KIND,
    AppInfo,
    DossierInfo,
    Manifest,
    ManifestFile,
    PackInfo,
    SignedCopyInfo,
    UnitInfo,
    manifest_bytes,
    signed_copy_name,
    vietnam_time,
)
from desktop.progress import CancelToken, Progress, run_to_end

if TYPE_CHECKING:
    from desktop.signing import SignerInfo, SigningOptions
    from desktop.store import Store

FORMATS: tuple[str, ...] = ("pdf", "docx")
#: Unit-name prefixes shortened in package names, matched on the ASCII-folded, lower-case name.
_ABBREVIATIONS = (("uy ban nhan dan", "UBND"), ("hoi dong nhan dan", "HDND"),
                  ("hop tac xa", "HTX"))
_MAX_UNIT_STEM = 40


class ExportRefused(HosoError):
    """The dossier still has errors; ``findings`` is the whole validation result."""

    def __init__(self, findings: list[Finding]) -> None:
        errors = [f for f in findings if f.blocking]
        super().__init__("package.export_refused", count=len(errors),
                         codes=", ".join(sorted({f.code for f in errors})))
        self.findings = findings
        self.errors = errors


class SignedCopiesMissing(HosoError):
    """A final package without a signed copy the pack requires; ``missing`` lists them."""

    def __init__(self, missing: list[MissingSignedCopy]) -> None:
        super().__init__("scans.export.missing", count=len(missing),
                         documents="; ".join(m.title_vi for m in missing))
        self.missing = missing


class SignedCopyLike(Protocol):
    """A signed copy as export takes it (``desktop.store.SignedCopy``,
    ``desktop.scans.LoadedCopy``)."""

    document_id: str
    nominee_id: str | None
    page_count: int
    data: bytes


@dataclass(frozen=True)
class MissingSignedCopy:
    """A document the pack wants a signed copy of, without one."""

    document_id: str
    nominee_id: str | None
    title_vi: str
    file_stem: str


@dataclass(frozen=True)
class Member:
    """A file of the package before it is zipped."""

    path: str
    data: bytes
    title_vi: str
    kind: str
    media_type: str
    signed: SignedCopyInfo | None = None

    def entry(self) -> ManifestFile:
        return ManifestFile(path=self.path, title_vi=self.title_vi, kind=self.kind,
                            media_type=self.media_type, size=len(self.data),
                            sha256=hashlib.sha256(self.data).hexdigest(),
                            signed_copy=self.signed)


@dataclass(frozen=True)
class ExportResult:
    """The written package: where, how big, its SHA-256, the manifest and the size report."""

    path: Path
    size: int
    sha256: str
    manifest: Manifest
    findings: tuple[Finding, ...]
    size_notes: tuple[sizes.SizeNote, ...]
    final: bool = False
    missing_signed: tuple[MissingSignedCopy, ...] = ()  # allowed in a preview package only
    signer: SignerInfo | None = None  # signed package (manifest.json.p7s, PAdES PDFs)
    signature_level: str = ""  # "B-B" or "B-T" when signed

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def size_text(self) -> str:
        return sizes.size_text(self.size)

    @property
    def size_warnings(self) -> list[sizes.SizeNote]:
        return [n for n in self.size_notes if n.is_warning]


# ---------------------------------------------------------------- names


def unit_stem(name: str) -> str:
    """"Ủy ban nhân dân xã Bạch Đằng" → "UBNDxaBachDang" (ASCII, no spaces)."""
    from desktop.documents.fmt import ascii_fold

    words = [w for w in "".join(c if c.isalnum() else " " for c in ascii_fold(name)).split()]
    out, i, after_abbrev = [], 0, False
    lowered = [w.lower() for w in words]
    while i < len(words):
        for phrase, abbrev in _ABBREVIATIONS:
            size = len(phrase.split())
            if lowered[i:i + size] == phrase.split():
                out.append(abbrev)
                i, after_abbrev = i + size, True
                break
        else:
            word = words[i]
            out.append(word.lower() if after_abbrev else word[:1].upper() + word[1:].lower())
            after_abbrev = False
            i += 1
    stem = "".join(out).encode("ascii", "ignore").decode("ascii")
    return stem[:_MAX_UNIT_STEM] or "DonVi"


def package_name(dossier: Dossier, pack: CampaignPack, created_at: dt.datetime) -> str:
    """``HoSo_<unit>_<campaign>_<date>_r<revision>.zip``, ASCII only."""
    return (f"HoSo_{unit_stem(dossier.unit.name)}_{pack.id}_"
            f"{vietnam_time(created_at).date().isoformat()}_r{dossier.revision}.zip")


def _unique_paths(members: list[Member]) -> list[Member]:
    """Member paths unique even for case-insensitive file systems (a suffix when needed)."""
    taken: set[str] = set()
    out = []
    for m in members:
        stem, dot, ext = m.path.rpartition(".")
        path, k = m.path, 2
        while path.casefold() in taken:
            path, k = f"{stem}_{k}{dot}{ext}", k + 1
        taken.add(path.casefold())
        out.append(m if path == m.path else Member(path, m.data, m.title_vi, m.kind,
                                                   m.media_type, m.signed))
    return out


# ---------------------------------------------------------------- content


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def validation_record(dossier: Dossier, pack: CampaignPack, findings: Iterable[Finding], *,
                      pack_sha256: str, validated_at: dt.datetime, today: dt.date
                      ) -> dict[str, Any]:
    """The content of ``validation.json``: the export's validation, every finding included."""
    findings = list(findings)
    return {
        "format_version": FORMAT_VERSION,
        "app": {"name": "HoSo", "version": __version__},
        "pack": {"id": pack.id, "version": pack.version, "sha256": pack_sha256},
        "dossier": {"id": dossier.id, "revision": dossier.revision},
        "validated_at": validated_at.isoformat(),
        "today": today.isoformat(),
        "passed": not any(f.blocking for f in findings),
        "counts": {s: sum(1 for f in findings if f.severity == s)
                   for s in ("error", "warning", "info")},
        "findings": [f.model_dump(mode="json") for f in findings],
    }


def _pack_sha(pack: CampaignPack, packs_dirs: Iterable[Path | str]) -> str:
    from desktop.packs import find_pack

    return find_pack(pack.id, pack.version, packs_dirs).sha256


def _signed_key(document: Any, pack: CampaignPack) -> tuple[tuple[str, str | None], bool]:
    """(document id, nominee id or None) of a built document, and whether the pack wants
    its signed copy."""
    spec = next((s for s in pack.documents if s.id == document.doc_id), None)
    nominee = (document.nominee_ids[0] if spec is not None and spec.per_nominee
               and document.nominee_ids else None)
    return (document.doc_id, nominee), bool(spec and spec.signed_copy_required)


def _write_error(folder: Path, exc: OSError) -> UserError:
    return UserError("package.cannot_write", folder=str(folder), reason=exc.strerror or str(exc))


# ---------------------------------------------------------------- the job


def export_steps(dossier: Dossier, pack: CampaignPack, out_dir: Path | str, *,
                 created_at: dt.datetime | None = None, today: dt.date | None = None,
                 store: Store | None = None, pack_sha256: str | None = None,
                 packs_dirs: Iterable[Path | str] = (), formats: tuple[str, ...] = FORMATS,
                 cancel: CancelToken | None = None,
                 signed_copies: Iterable[SignedCopyLike] | None = None, final: bool = False,
                 signing: SigningOptions | None = None
                 ) -> Generator[Progress, None, ExportResult]:
    """The export as a job: yields :class:`Progress`, returns the :class:`ExportResult`.

    ``created_at`` (naive = Vietnam time; default now) stamps the manifest and every ZIP
    entry; ``today`` (default: its date) is the date the rules are checked at.
    ``pack_sha256`` defaults to the SHA-256 of the installed pack file (``packs_dirs``).
    With a ``store``, the dossier (the store's current revision) is validated there if still
    a draft, the store is backed up ("before-export") before the package is written and the
    package is recorded with ``mark_exported`` after. ``signed_copies`` default to the
    store's copies of the dossier's revision (none without a store); ``final`` refuses with
    :class:`SignedCopiesMissing` when a required one is missing. ``signing`` (an unlocked
    identity, see :mod:`desktop.signing`) signs every PDF (PAdES) and the manifest
    (``manifest.json.p7s``). Raises
    :class:`ExportRefused`, :class:`SignedCopiesMissing`,
    :class:`~desktop.progress.Cancelled` or :class:`UserError` (target folder problems).
    """
    from desktop.documents import build_documents, render_documents, render_validation_report
    from desktop.validation import validate

    token = cancel or CancelToken()
    created = vietnam_time(created_at)
    today = today or created.date()
    stamp = archive.zip_time(created)
    folder = Path(out_dir)

    yield Progress(0, 1, t("package.progress.validate"))
    findings = validate(dossier, pack, today=today)
    if any(f.blocking for f in findings):
        raise ExportRefused(findings)
    # A dossier never saved (a file from `hoso demo`) has no revision time: its documents
    # stand for the package's time, so the same input still gives the same bytes.
    documents = [d if d.created else replace(d, created=created)
                 for d in build_documents(dossier, pack)]
    if signed_copies is None and store is not None:
        signed_copies = store.signed_copies(dossier.id, dossier.revision)
    copies = {(c.document_id, c.nominee_id or None): c for c in signed_copies or ()}
    missing: list[MissingSignedCopy] = []
    signed_members: list[Member] = []
    for document in documents:
        key, required = _signed_key(document, pack)
        copy = copies.get(key)
        if copy is None:
            if required:
                missing.append(MissingSignedCopy(key[0], key[1], document.title_vi,
                                                 document.file_stem))
            continue
        generated = f"{document.file_stem}.{'pdf' if 'pdf' in formats else formats[0]}"
        signed_members.append(Member(
            signed_copy_name(document.file_stem), bytes(copy.data),
            t("scans.package.title", "vi", title=document.title_vi), SIGNED_COPY_KIND,
            "application/pdf", SignedCopyInfo(of=generated, document_id=key[0],
                                              nominee_id=key[1], page_count=copy.page_count)))
    if signing is not None:
        missing = []  # documents signed digitally by the unit need no scanned copy
    if final and missing:
        raise SignedCopiesMissing(missing)
    sources: tuple[Any, ...] = ()
    if store is not None:  # consolidation: received files of taken nominees, answered notes
        from desktop.consolidation.extras import export_extras

        extras = export_extras(store, dossier)
        signed_members += extras.members
        sources = extras.sources
    sha = pack_sha256 or _pack_sha(pack, packs_dirs)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(folder, exc) from exc
    token.check()

    total = 2 + len(documents) * len(formats) + 1
    done = 1
    members: list[Member] = []
    spaces: dict[str, Any] = {}  # PDF path -> the unit's signature space (signing)
    for fmt in formats:
        token.check()
        yield Progress(done, total, t("package.progress.render", title=documents[0].title_vi,
                                      format=fmt.upper()))
        batch = render_documents(documents, pack, fmt=fmt)  # type: ignore[arg-type]
        try:
            for rendered in batch:
                token.check()
                data = (rendered.data if fmt == "pdf"
                        else archive.normalise_zip(rendered.data, stamp))
                members.append(Member(rendered.file_name, data, rendered.title_vi,
                                      rendered.kind, rendered.media_type))
                spaces[rendered.file_name] = rendered.signature_boxes
                done += 1
                yield Progress(done, total, t("package.progress.render",
                                              title=rendered.title_vi, format=fmt.upper()))
        finally:
            batch.close()  # on cancel: stop the workers before leaving
    token.check()
    yield Progress(done, total, t("package.progress.report"))
    report = render_validation_report(dossier, pack, findings, validated_at=created,
                                      pack_sha256=sha, app_version=__version__, today=today)
    record = validation_record(dossier, pack, findings, pack_sha256=sha, validated_at=created,
                               today=today)
    from desktop.dossierfile import dossier_json

    members += signed_members
    members.sort(key=lambda m: m.path)
    members = _unique_paths(members)
    members += [
        Member(REPORT_PDF_NAME, report.data, report.title_vi, "validation_report",
               report.media_type),
        Member(REPORT_JSON_NAME, _json_bytes(record), t("package.title.validation_json", "vi"),
               "validation", JSON_TYPE),
        Member(DOSSIER_NAME, dossier_json(dossier).encode("utf-8"),
               t("package.title.dossier_json", "vi"), "dossier", JSON_TYPE),
    ]
    if signing is not None:
        members = yield from _sign_members(members, spaces, signing, token)
    manifest = Manifest(
        app=AppInfo(version=__version__),
        pack=PackInfo(id=pack.id, version=pack.version, sha256=sha),
        unit=UnitInfo(name=dossier.unit.name,
                      kind=dossier.unit.kind.value if dossier.unit.kind else None),
        dossier=DossierInfo(id=dossier.id, revision=dossier.revision, title=dossier.title),
        created_at=created,
        files=tuple(sorted((m.entry() for m in members), key=lambda f: f.path)),
        final=final,
        sources=sources,
    )
    done += 1
    notes = sizes.check_files(pack.portal, [(m.path, len(m.data)) for m in members
                                            if m.media_type != JSON_TYPE])

    if store is not None:
        from desktop.models import DossierState

        if store.revision_info(dossier.id).state == DossierState.DRAFT:
            store.validate(dossier.id, pack, today=today)
        store.backup("before-export")

    token.check()
    yield Progress(done, total, t("package.progress.write"))
    target = folder / package_name(dossier, pack, created)
    entries = [(m.path, m.data) for m in members] + [(MANIFEST_NAME, manifest_bytes(manifest))]
    if signing is not None:
        from desktop.signing import SIGNATURE_NAME, sign_manifest

        entries.append((SIGNATURE_NAME, sign_manifest(manifest_bytes(manifest),
                                                      signing.opened)))
    written: dict[str, Any] = {}

    def write(fh) -> None:
        archive.write_zip(fh, entries, stamp, on_member=lambda _name: token.check())

    def check(tmp: Path) -> None:
        digest = hashlib.sha256()
        with tmp.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        with zipfile.ZipFile(tmp) as zf:
            bad = zf.testzip()
        if bad is not None:  # pragma: no cover - the disk returned other bytes
            raise UserError("package.write_check_failed", file=bad)
        written.update(size=tmp.stat().st_size, sha256=digest.hexdigest())

    try:
        archive.replace_atomically(target, write, before_replace=check)
    except OSError as exc:
        raise _write_error(folder, exc) from exc
    notes += sizes.check_package(pack.portal, target.name, written["size"])
    notes += sizes.unknown_limits(pack.portal)
    if store is not None:
        store.mark_exported(dossier.id, target.name, written["sha256"])
    yield Progress(total, total, t("package.progress.done"))
    return ExportResult(target, written["size"], written["sha256"], manifest, tuple(findings),
                        tuple(notes), final, tuple(missing),
                        signing.opened.info if signing is not None else None,
                        signing.level if signing is not None else "")


def _sign_members(members: list[Member], spaces: dict[str, Any], signing: SigningOptions,
                  token: CancelToken) -> Generator[Progress, None, list[Member]]:
    """Every PDF member signed (desktop.signing): documents in their signature block,
    the others (attachments, signed copies, validation report) at the top right."""
    from desktop.signing import ToSign, sign_pdfs, unit_space

    pdfs = [m for m in members if m.media_type == "application/pdf"]
    items = [ToSign(m.path, m.data, unit_space(spaces.get(m.path))) for m in pdfs]
    job = sign_pdfs(items, signing, token.check)
    done = 0
    try:
        while True:
            path = next(job)
            yield Progress(done, len(items), t("signing.progress", file=path))
            done += 1
    except StopIteration as stop:
        signed: dict[str, bytes] = stop.value
    return [Member(m.path, signed[m.path], m.title_vi, m.kind, m.media_type, m.signed)
            if m.path in signed else m for m in members]


def export_package(dossier: Dossier, pack: CampaignPack, out_dir: Path | str, *,
                   created_at: dt.datetime | None = None, today: dt.date | None = None,
                   store: Store | None = None, pack_sha256: str | None = None,
                   packs_dirs: Iterable[Path | str] = (), formats: tuple[str, ...] = FORMATS,
                   cancel: CancelToken | None = None,
                   signed_copies: Iterable[SignedCopyLike] | None = None,
                   final: bool = False, signing: SigningOptions | None = None
                   ) -> ExportResult:
    """:func:`export_steps` run to its end (for the CLI and tests)."""
    return run_to_end(export_steps(dossier, pack, out_dir, created_at=created_at, today=today,
                                   store=store, pack_sha256=pack_sha256, packs_dirs=packs_dirs,
                                   formats=formats, cancel=cancel,
                                   signed_copies=signed_copies, final=final,
                                   signing=signing))
