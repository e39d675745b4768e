"""Every document of every demo dossier, and its result report, rendered once as PDF and DOCX
(shared by the reviewer's checks and the LibreOffice page-count test)."""

from __future__ import annotations

import functools

from desktop.documents import build_documents, build_result_report, render_document
from desktop.models import CampaignPack, Dossier

from .reviewer import Rendered
from .support import cao_bang, demos


def bundle_of(dossier: Dossier, pack: CampaignPack) -> tuple[Rendered, ...]:
    docs = [*build_documents(dossier, pack), build_result_report([dossier], pack)]
    return tuple(Rendered(doc, render_document(doc, pack, fmt="pdf").data,
                          render_document(doc, pack, fmt="docx").data) for doc in docs)


@functools.cache
def demo_bundle(dossier_id: str) -> tuple[Rendered, ...]:
    return bundle_of(demos()[dossier_id], cao_bang())
