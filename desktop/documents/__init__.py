"""Documents of the dossier (văn bản hồ sơ): the only user of reportlab and python-docx.

Public API (for the GUI preview, the package export and ``hoso render``)::

    render_dossier(dossier, pack, *, fmt="pdf", preview=False, today=None)
        -> list[RenderedDocument]            # every document, in file order
    build_documents(dossier, pack) -> list[Document]   # the IR, without rendering
    render_document(document, pack, *, fmt="pdf", watermark=None) -> RenderedDocument
    build_result_report(dossiers, pack) -> Document   # báo cáo kết quả đợt thi đua
    render_result_report(dossiers, pack, *, fmt="pdf") -> RenderedDocument
    proposal / nomination_list / council_minutes / achievement_reports / achievement_summaries
        (dossier, pack, *, fmt="pdf", preview=False) -> list[RenderedDocument]
    DocumentsRefused                         # final rendering while validate() finds errors

Content first (``build``: dossier × pack × ``resources/templates`` → :mod:`ir`), then layout
(:mod:`pdf`, :mod:`docx`). The PDF is byte-stable for the same input.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Literal

from desktop.documents.build import build_documents, ordered_nominees
from desktop.documents.ir import Document, SignatureBox
from desktop.documents.result_report import build_result_report, render_result_report
from desktop.documents.templates import TemplateError, common
from desktop.documents.validation_report import render_validation_report
from desktop.errors import HosoError
from desktop.models import CampaignPack, Dossier, Finding

Format = Literal["pdf", "docx"]
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DocumentsRefused(HosoError):
    """Final rendering refused: the dossier still has errors (``params``: count, codes)."""

    def __init__(self, findings: list[Finding]) -> None:
        errors = [f for f in findings if f.blocking]
        codes = sorted({f.code for f in errors})
        super().__init__("documents.refused", count=len(errors), codes=", ".join(codes))
        self.findings = errors


@dataclass(frozen=True)
class RenderedDocument:
    """One rendered file: ``file_stem`` ASCII ("04-1_BCTT_XomNaMe"), ``title_vi`` for people.

    ``page_count`` is known for PDF only (None for DOCX: Word paginates it).
    """

    id: str
    kind: str
    file_stem: str
    title_vi: str
    data: bytes
    media_type: str
    page_count: int | None
    nominee_ids: tuple[str, ...] = ()
    #: PDF only: where its signature spaces were drawn (for desktop.signing)
    signature_boxes: tuple[SignatureBox, ...] = ()

    @property
    def extension(self) -> str:
        return "pdf" if self.media_type == PDF_TYPE else "docx"

    @property
    def file_name(self) -> str:
        return f"{self.file_stem}.{self.extension}"


def render_document(document: Document, pack: CampaignPack, *, fmt: Format = "pdf",
                    watermark: str | None = None) -> RenderedDocument:
    """Render one IR document as PDF or DOCX."""
    shared = common(pack.legal_regime)
    if fmt == "pdf":
        from desktop.documents.pdf import render_pdf_boxes

        data, pages, boxes = render_pdf_boxes(document, shared, watermark=watermark)
        media, count = PDF_TYPE, pages
    elif fmt == "docx":
        from desktop.documents.docx import render_docx

        data, media, count = render_docx(document, shared, watermark=watermark), DOCX_TYPE, None
        boxes = ()
    else:
        raise HosoError("documents.bad_format", format=fmt)
    return RenderedDocument(document.doc_id, document.kind, document.file_stem,
                            document.title_vi, data, media, count, document.nominee_ids,
                            boxes)


#: Below this many documents, starting worker processes costs more than it saves.
PARALLEL_MIN_DOCUMENTS = 24
_worker_pack: CampaignPack | None = None


def _init_worker(pack: CampaignPack) -> None:
    global _worker_pack
    _worker_pack = pack


def _render_in_worker(document: Document, fmt: Format, watermark: str | None
                      ) -> RenderedDocument:
    assert _worker_pack is not None
    return render_document(document, _worker_pack, fmt=fmt, watermark=watermark)


def render_documents(documents: Sequence[Document], pack: CampaignPack, *, fmt: Format = "pdf",
                     watermark: str | None = None, workers: int | None = None
                     ) -> Iterator[RenderedDocument]:
    """Render many documents, yielding them in order (for progress and cancelling).

    A district's batch (hundreds of reports) is spread over worker processes, one per core
    (at most 4); ``spawn`` processes, never ``fork``: the GUI calls this from a Qt thread.
    Each document is rendered on its own, so the bytes are the same as a serial run. Closing
    the generator cancels what has not started. If the workers cannot be used, the rest is
    rendered here.
    """
    documents = list(documents)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4)
    if workers < 2 or len(documents) < PARALLEL_MIN_DOCUMENTS:
        for document in documents:
            yield render_document(document, pack, fmt=fmt, watermark=watermark)
        return
    done = 0
    try:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                   initargs=(pack,), mp_context=get_context("spawn"))
    except (OSError, ValueError):
        pool = None
    if pool is not None:
        try:
            futures = [pool.submit(_render_in_worker, d, fmt, watermark) for d in documents]
            for future in futures:
                rendered = future.result()
                done += 1
                yield rendered
        except BrokenProcessPool:
            pass  # a worker died (out of memory, killed): finish in this process
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    for document in documents[done:]:
        yield render_document(document, pack, fmt=fmt, watermark=watermark)


def check_renderable(dossier: Dossier, pack: CampaignPack, *, preview: bool,
                     today: dt.date | None = None) -> list[Finding]:
    """Validate; raise :class:`DocumentsRefused` for a final rendering with errors."""
    from desktop.validation import validate

    findings = validate(dossier, pack, today=today)
    if not preview and any(f.blocking for f in findings):
        raise DocumentsRefused(findings)
    return findings


def watermark_text(pack: CampaignPack) -> str:
    return str(common(pack.legal_regime)["preview"]["watermark"])


def render_dossier(dossier: Dossier, pack: CampaignPack, *, fmt: Format = "pdf",
                   preview: bool = False, today: dt.date | None = None,
                   kinds: tuple[str, ...] | None = None) -> list[RenderedDocument]:
    """Every document of the dossier (or only those of ``kinds``), in file order.

    Final rendering (``preview=False``) refuses with :class:`DocumentsRefused` while
    ``validate()`` finds errors; a preview is always possible and every page carries the
    watermark "BẢN XEM TRƯỚC – HỒ SƠ CÒN LỖI" (text from template data).
    """
    check_renderable(dossier, pack, preview=preview, today=today)
    mark = watermark_text(pack) if preview else None
    return [render_document(doc, pack, fmt=fmt, watermark=mark)
            for doc in build_documents(dossier, pack) if kinds is None or doc.kind in kinds]


def _kind(kind: str):
    def render(dossier: Dossier, pack: CampaignPack, *, fmt: Format = "pdf",
               preview: bool = False, today: dt.date | None = None) -> list[RenderedDocument]:
        return render_dossier(dossier, pack, fmt=fmt, preview=preview, today=today,
                              kinds=(kind,))

    render.__name__ = kind
    render.__doc__ = f"Only the {kind.replace('_', ' ')} document(s) of the dossier."
    return render


proposal = _kind("proposal")  # tờ trình
nomination_list = _kind("nomination_list")  # danh sách đề nghị
council_minutes = _kind("council_minutes")  # biên bản họp Hội đồng
achievement_reports = _kind("achievement_report")  # báo cáo thành tích (Mẫu 07)
achievement_summaries = _kind("achievement_summary")  # tóm tắt thành tích

__all__ = [
    "DOCX_TYPE",
    "PDF_TYPE",
    "Document",
    "DocumentsRefused",
    "RenderedDocument",
    "TemplateError",
    "achievement_reports",
    "achievement_summaries",
    "build_documents",
    "build_result_report",
    "check_renderable",
    "council_minutes",
    "nomination_list",
    "ordered_nominees",
    "proposal",
    "render_document",
    "render_documents",
    "render_dossier",
    "render_result_report",
    "render_validation_report",
    "watermark_text",
]
