"""Signed copies of a dossier's documents: which documents need one, build, check, save.

A document is identified by its pack document id and, for per-nominee documents, the
nominee id (:class:`DocumentTarget`). :func:`prepare_copy` builds the PDF from a draft under
the pack's per-file limit and checks its page count against the generated document's;
:func:`attach` stores it (``Store.attach_signed_copy``) or :func:`write_copy` writes it as
``<file stem>_BanKy.pdf`` into a folder, the name :func:`load_copies` and the package use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import UserError
from desktop.models import CampaignPack, Dossier
from desktop.package.manifest import signed_copy_name
from desktop.scans.build import BuiltCopy, build_pdf, limit_bytes
from desktop.scans.draft import SignedCopyDraft
from desktop.scans.sources import open_source

if TYPE_CHECKING:
    from desktop.store import ChangeSet, Store


@dataclass(frozen=True)
class DocumentTarget:
    """A document of the dossier a signed copy belongs to."""

    document_id: str
    nominee_id: str | None
    title_vi: str
    file_stem: str
    required: bool  # the pack asks for a signed copy in the final package

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.document_id, self.nominee_id)

    @property
    def copy_name(self) -> str:
        return signed_copy_name(self.file_stem)


@dataclass(frozen=True)
class CopyNote:
    """A warning about a prepared copy: ``code`` is a message key of ``scans.*``."""

    code: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        from desktop import i18n

        return i18n.t(self.code, lang, **self.params)


@dataclass(frozen=True)
class PreparedCopy:
    """A built copy ready to save, with its warnings (page count, default limit)."""

    target: DocumentTarget
    built: BuiltCopy
    document_pages: int | None
    notes: tuple[CopyNote, ...] = ()

    @property
    def data(self) -> bytes:
        return self.built.data

    @property
    def page_count(self) -> int:
        return self.built.page_count

    @property
    def file_name(self) -> str:
        return self.target.copy_name


@dataclass(frozen=True)
class LoadedCopy:
    """A signed copy read from a folder (the shape ``desktop.package`` export takes)."""

    document_id: str
    nominee_id: str | None
    file_name: str
    page_count: int
    data: bytes = field(repr=False)


def document_targets(dossier: Dossier, pack: CampaignPack) -> list[DocumentTarget]:
    """Every document of the dossier, in file order, with the pack's signed-copy rule."""
    from desktop.documents import build_documents

    specs = {s.id: s for s in pack.documents}
    out = []
    for doc in build_documents(dossier, pack):
        spec = specs.get(doc.doc_id)
        per_nominee = bool(spec and spec.per_nominee)
        nominee = doc.nominee_ids[0] if per_nominee and doc.nominee_ids else None
        out.append(DocumentTarget(doc.doc_id, nominee, doc.title_vi, doc.file_stem,
                                  bool(spec and spec.signed_copy_required)))
    return out


def find_target(dossier: Dossier, pack: CampaignPack, document_id: str,
                nominee_id: str | None = None) -> DocumentTarget:
    """The document ``document_id`` (of ``nominee_id`` when per nominee); a UserError lists
    the documents there are."""
    targets = document_targets(dossier, pack)
    for target in targets:
        if target.document_id == document_id and (
                target.nominee_id == nominee_id or (nominee_id is None
                                                    and target.nominee_id is None)):
            return target
    if nominee_id is None and any(t.document_id == document_id and t.nominee_id
                                  for t in targets):
        raise UserError("scans.needs_nominee", document=document_id, nominees=", ".join(
            str(t.nominee_id) for t in targets if t.document_id == document_id))
    raise UserError("scans.unknown_document", document=_label(document_id, nominee_id),
                    documents=", ".join(_label(*t.key) for t in targets))


def _label(document_id: str, nominee_id: str | None) -> str:
    return f"{document_id} --nominee {nominee_id}" if nominee_id else document_id


def document_page_count(dossier: Dossier, pack: CampaignPack, target: DocumentTarget
                        ) -> int | None:
    """Pages of the generated PDF of ``target`` (rendered without watermark)."""
    from desktop.documents import build_documents, render_document

    for doc in build_documents(dossier, pack):
        if doc.doc_id == target.document_id and doc.file_stem == target.file_stem:
            return render_document(doc, pack, fmt="pdf").page_count
    return None


def prepare_copy(draft: SignedCopyDraft, target: DocumentTarget, pack: CampaignPack, *,
                 document_pages: int | None = None) -> PreparedCopy:
    """Build the copy under the pack's per-file limit (:class:`~desktop.scans.CopyTooLarge`
    otherwise) and note what differs from the generated document."""
    from desktop.package.sizes import mb_text

    limit, from_pack = limit_bytes(pack.portal.max_file_mb)
    built = build_pdf(draft, limit, name=target.copy_name, limit_from_pack=from_pack)
    notes = []
    if document_pages is not None and built.page_count != document_pages:
        notes.append(CopyNote("scans.pages_differ", {
            "file": target.copy_name, "pages": built.page_count, "expected": document_pages,
            "title": target.title_vi}))
    if not from_pack:
        notes.append(CopyNote("scans.default_limit", {"limit": mb_text(limit / 1_000_000)}))
    return PreparedCopy(target, built, document_pages, tuple(notes))


def prepare_files(dossier: Dossier, pack: CampaignPack, document_id: str,
                  paths: Iterable[str | Path], *, nominee_id: str | None = None
                  ) -> PreparedCopy:
    """``hoso attach`` in one call: the target, the files as a draft, the built copy."""
    target = find_target(dossier, pack, document_id, nominee_id)
    draft = SignedCopyDraft.from_files(paths)
    return prepare_copy(draft, target, pack,
                        document_pages=document_page_count(dossier, pack, target))


def attach(store: Store, dossier_id: str, copy: PreparedCopy, *,
           revision: int | None = None) -> ChangeSet:
    """Save the prepared copy in the store for the dossier (replacing an older one)."""
    return store.attach_signed_copy(dossier_id, copy.target.document_id, copy.data,
                                    file_name=copy.file_name, page_count=copy.page_count,
                                    nominee_id=copy.target.nominee_id, revision=revision)


def write_copy(folder: str | Path, copy: PreparedCopy) -> Path:
    """Write the copy as ``folder/<file stem>_BanKy.pdf``, atomically."""
    from desktop.fsutil import write_atomic

    return write_atomic(Path(folder) / copy.file_name, copy.data)


def load_copies(folder: str | Path, dossier: Dossier, pack: CampaignPack) -> list[LoadedCopy]:
    """The copies in ``folder`` named as :func:`write_copy` names them (others ignored);
    each is checked as a readable PDF (:class:`~desktop.scans.ScanInputError`)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError("scans.folder_not_found", folder=str(folder))
    out = []
    for target in document_targets(dossier, pack):
        path = folder / target.copy_name
        if not path.is_file():
            continue
        source = open_source(path)
        if source.kind != "pdf":
            from desktop.scans.errors import ScanInputError

            raise ScanInputError("scans.source.not_pdf", file=path.name)
        out.append(LoadedCopy(target.document_id, target.nominee_id, target.copy_name,
                              source.page_count, source.data))
    return out


def missing_copies(dossier: Dossier, pack: CampaignPack,
                   copies: Iterable[object]) -> list[DocumentTarget]:
    """The documents the pack wants a signed copy of that have none among ``copies``
    (objects with ``document_id`` and ``nominee_id``)."""
    have = {(c.document_id, c.nominee_id or None) for c in copies}  # type: ignore[attr-defined]
    return [t for t in document_targets(dossier, pack) if t.required and t.key not in have]
