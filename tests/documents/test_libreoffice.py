"""The DOCX twin paginates like the PDF: LibreOffice converts every demo DOCX (documents and
result reports) and each gets the PDF's page count; no name or date is broken in either.

One ``soffice`` call converts the whole batch, with its own profile in a temporary folder
(a few seconds). Skipped when LibreOffice is not installed; CI installs it
(``libreoffice-writer-nogui`` and ``fonts-liberation2`` in packaging/debian-packages.txt).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from .demo_bundle import demo_bundle
from .reviewer import check_breaks, check_pages, pdf_pages, protected_phrases
from .support import cao_bang, demos

DEMO_IDS = ("demo-xa-bach-dang", "demo-huyen-trung-khanh", "demo-so-tnmt")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed")
    tmp = tmp_path_factory.mktemp("lo")
    for dossier_id in DEMO_IDS:
        for item in demo_bundle(dossier_id):
            (tmp / f"{dossier_id}__{item.name}.docx").write_bytes(item.docx)
    out = tmp / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out),
                    *sorted(str(p) for p in tmp.glob("*.docx"))],
                   check=True, capture_output=True, timeout=300, env={**os.environ,
                                                                      "HOME": str(tmp)})
    return out


@pytest.mark.parametrize("dossier_id", DEMO_IDS)
def test_docx_has_the_pdf_page_count(converted, dossier_id):
    counts = []
    for item in demo_bundle(dossier_id):
        pdf_pages_count = len(PdfReader(io.BytesIO(item.pdf)).pages)
        lo_pdf = (converted / f"{dossier_id}__{item.name}.pdf").read_bytes()
        counts.append((item.name, pdf_pages_count, len(PdfReader(io.BytesIO(lo_pdf)).pages)))
    assert all(p == d for _, p, d in counts), counts


@pytest.mark.parametrize("dossier_id", DEMO_IDS)
def test_no_name_or_date_broken_and_no_stranded_heading_in_the_docx(converted, dossier_id):
    phrases = protected_phrases(demos()[dossier_id], cao_bang())
    faults = []
    for item in demo_bundle(dossier_id):
        lo_pdf = (converted / f"{dossier_id}__{item.name}.pdf").read_bytes()
        pages = pdf_pages(lo_pdf)
        faults += check_breaks(item.name, pages, phrases, fmt="DOCX")
        faults += check_pages(item.name, item.document, pages, fmt="DOCX")
    assert not faults, "\n".join(map(str, faults))
