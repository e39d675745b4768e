"""Signed copies (bản ký, đóng dấu, quét): from photos and scans to one PDF per document.

After printing, signing and stamping, a secretary scans or photographs the pages; HoSo turns
them into one upright PDF under the portal's per-file limit and keeps it with the dossier.
Pillow and pypdf do every image and PDF operation (no Qt, no reportlab, no SQL here).

Public API (for the GUI, ``hoso attach`` and the package export)::

    draft = SignedCopyDraft.from_files(paths)      # ScanInputError names an unreadable file
    draft.move(old, new) / reorder(order) / rotate(i, 90) / remove(i) / add_files(paths)
    thumbnail(draft, i, max_px=256) -> PNG bytes
    build_pdf(draft, limit_bytes, name=…) -> BuiltCopy(data, page_count, report)
    document_targets(dossier, pack) -> [DocumentTarget]   # with ``required`` from the pack
    find_target(dossier, pack, document_id, nominee_id) -> DocumentTarget
    document_page_count(dossier, pack, target) -> int     # pages of the generated PDF
    prepare_copy(draft, target, pack, document_pages=n) -> PreparedCopy(data, notes)
    attach(store, dossier_id, prepared) -> ChangeSet;  write_copy(folder, prepared)
    load_copies(folder, dossier, pack);  missing_copies(dossier, pack, copies)
"""

from desktop.scans.build import (
    DEFAULT_LIMIT_MB,
    BuildReport,
    BuiltCopy,
    PageNote,
    build_pdf,
    has_colour,
    limit_bytes,
)
from desktop.scans.draft import DraftPage, SignedCopyDraft, page_image, thumbnail
from desktop.scans.errors import CopyTooLarge, ScanInputError
from desktop.scans.service import (
    CopyNote,
    DocumentTarget,
    LoadedCopy,
    PreparedCopy,
    attach,
    document_page_count,
    document_targets,
    find_target,
    load_copies,
    missing_copies,
    prepare_copy,
    prepare_files,
    write_copy,
)
from desktop.scans.sources import IMAGE_FORMATS, Source, open_source

__all__ = [
    "DEFAULT_LIMIT_MB",
    "IMAGE_FORMATS",
    "BuildReport",
    "BuiltCopy",
    "CopyNote",
    "CopyTooLarge",
    "DocumentTarget",
    "DraftPage",
    "LoadedCopy",
    "PageNote",
    "PreparedCopy",
    "ScanInputError",
    "SignedCopyDraft",
    "Source",
    "attach",
    "build_pdf",
    "document_page_count",
    "document_targets",
    "find_target",
    "has_colour",
    "limit_bytes",
    "load_copies",
    "missing_copies",
    "open_source",
    "page_image",
    "prepare_copy",
    "prepare_files",
    "thumbnail",
    "write_copy",
]
