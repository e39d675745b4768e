"""The DOCX twin: opens with python-docx, same key texts as the PDF, Decree 30 page set-up."""

from __future__ import annotations

import io

import pytest
from docx import Document as open_docx
from docx.shared import Mm
from pypdf import PdfReader

from desktop.documents import build_documents, render_dossier
from desktop.documents.ir import Header, Table

from .support import cao_bang, demos, rendered, squash

KEYS = ["demo-xa-bach-dang", "demo-huyen-trung-khanh", "demo-so-tnmt", "sonlam"]


def _all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return squash(" ".join(parts).replace("\u00a0", " "))


@pytest.mark.parametrize("key", KEYS)
def test_docx_has_the_same_key_texts(key):
    pdfs = {r.file_stem: r for r in rendered(key)}
    for r in rendered(key, "docx"):
        assert r.file_name.endswith(".docx") and r.page_count is None
        doc = open_docx(io.BytesIO(r.data))
        text = _all_text(doc)
        assert r.file_stem in pdfs
        document = next(d for d in _ir(key) if d.file_stem == r.file_stem)
        for snippet in document.texts():
            assert squash(snippet.replace("\u00a0", " ")) in text, (r.file_name, snippet)


def _ir(key):
    from .support import sonlam, sonlam_dossier

    if key == "sonlam":
        return build_documents(sonlam_dossier(), sonlam())
    return build_documents(demos()[key], cao_bang())


def test_docx_page_setup_and_fonts():
    docs = {r.file_stem: open_docx(io.BytesIO(r.data))
            for r in rendered("demo-huyen-trung-khanh", "docx")}
    proposal = docs["01_ToTrinh"]
    section = proposal.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                  section.left_margin, section.right_margin)] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer
    assert 'instr="PAGE"' in section.header._element.xml
    assert proposal.styles["Normal"].font.name == "Times New Roman"
    # The header table has no borders; the list table repeats its header row.
    assert 'w:val="nil"' in proposal.tables[0]._tbl.xml
    listing = docs["02_DanhSach"].sections[0]
    assert listing.page_width > listing.page_height
    assert "w:tblHeader" in docs["02_DanhSach"].tables[-1]._tbl.xml
    assert abs(listing.left_margin - Mm(30)) < Mm(0.1)


def test_docx_preview_is_marked():
    dossier = demos()["demo-so-tnmt"]
    for r in render_dossier(dossier, cao_bang(), fmt="docx", preview=True):
        xml = open_docx(io.BytesIO(r.data)).sections[0].first_page_header._element.xml
        assert "BẢN XEM TRƯỚC" in xml


def test_ir_header_is_first_block_of_every_document():
    for doc in _ir("demo-xa-bach-dang"):
        assert isinstance(doc.blocks[0], Header)
    assert any(isinstance(b, Table) for b in _ir("demo-xa-bach-dang")[1].blocks)


def test_docx_is_vietnamese_and_made_by_hoso_at_the_dossier_revision_time():
    """Word spell-checks Vietnamese (vi-VN), and the properties name HoSo and a real time."""
    import zipfile

    dossier = demos()["demo-xa-bach-dang"]
    for r in rendered("demo-xa-bach-dang", "docx"):
        archive = zipfile.ZipFile(io.BytesIO(r.data))
        styles = archive.read("word/styles.xml").decode("utf-8")
        assert '<w:lang w:val="vi-VN"' in styles
        app = archive.read("docProps/app.xml").decode("utf-8")
        assert "<Application>HoSo</Application>" in app and "Macintosh" not in app
        core = open_docx(io.BytesIO(r.data)).core_properties
        assert core.author == core.last_modified_by == "HoSo"
        assert core.created == dossier.updated_at.astimezone(core.created.tzinfo)
        assert core.created.year != 2000


def test_pdf_dates_are_the_dossier_revision_time_and_no_font_is_left_unembedded(tmp_path):
    import subprocess

    from desktop.documents import render_result_report

    dossier = demos()["demo-huyen-trung-khanh"]
    stamp = dossier.updated_at.strftime("D:%Y%m%d%H%M%S")
    report = render_result_report([dossier], cao_bang())
    for r in (*rendered("demo-huyen-trung-khanh"), report):
        info = PdfReader(io.BytesIO(r.data)).metadata
        assert info["/CreationDate"].startswith(stamp), r.file_name
        assert info["/ModDate"].startswith(stamp)
    path = tmp_path / "report.pdf"
    path.write_bytes(report.data)  # the charts' renderer used to start in Helvetica
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts


def test_validation_report_is_dated_by_today_and_headed_like_the_unit():
    """The packaged validation report: the date line is the day the rules were checked at
    (--today), its creation time the validation time, its header the unit's one header."""
    import datetime as dt

    from desktop.documents.ir import Header
    from desktop.documents.validation_report import build_validation_report

    dossier = demos()["demo-xa-bach-dang"]
    at = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)
    doc = build_validation_report(dossier, cao_bang(), [], validated_at=at, pack_sha256="0" * 64,
                                  app_version="1.0", today=dt.date(2023, 7, 3))
    header = doc.blocks[0]
    assert isinstance(header, Header)
    assert header.place_date == "Bạch Đằng, ngày 03 tháng 7 năm 2023"
    proposal_header = build_documents(dossier, cao_bang())[0].blocks[0]
    assert (header.parent_body, header.issuing_body) == (proposal_header.parent_body,
                                                         proposal_header.issuing_body)
    assert doc.created == at
