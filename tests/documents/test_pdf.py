"""The PDFs: every dossier field in the text (NFC), embedded fonts only, A4, inside the
margins, byte-stable, the preview watermark on every page, refusal of a final rendering."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from desktop.documents import (
    DocumentsRefused,
    build_documents,
    render_document,
    render_dossier,
)
from desktop.documents.fmt import date_long, date_short, money, number, percent, time_text, upper
from desktop.documents.templates import common
from desktop.models import Collective, Household, Individual, Resident

from .support import (
    TONE_NAMES,
    VIETNAMESE_LETTERS,
    cao_bang,
    demos,
    pdf_pages,
    rendered,
    sonlam,
    sonlam_dossier,
    squash,
    tone_dossier,
)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils is not installed")

KEYS = ["demo-xa-bach-dang", "demo-huyen-trung-khanh", "demo-so-tnmt", "tone", "sonlam"]
MM = 72 / 25.4


def _dossier(key):
    return {"tone": tone_dossier, "sonlam": sonlam_dossier}.get(key, lambda: demos()[key])()


def _pack(key):
    return sonlam() if key == "sonlam" else cao_bang()


def _texts(key, tmp_path) -> dict[str, str]:
    return {r.file_stem: squash(" ".join(pdf_pages(r.data))) for r in rendered(key)}


def _expected_fields(key) -> dict[str, list[str]]:
    """What each document must show, computed from the dossier (stem prefix → strings)."""
    d, pack = _dossier(key), _pack(key)
    p, c = d.proposal, d.council
    ethnic = {g.id: g.label for g in pack.ethnic_groups}
    proposal = [
        f"Số: {p.number}/{p.symbol}", f"{p.place}, {date_long(p.date)}", p.addressee,
        p.signer_name, upper(p.signer_title), upper(p.authority_body), *p.recipients,
        # the ground citing the plan keeps its title (its number may be a line to fill in)
        *(pack.plan.title if g.startswith(pack.plan.title) else g for g in pack.plan.grounds),
        *([p.body] if p.body else []),
    ]
    listing, votes, per_nominee = [], [c.number, c.place, c.chair, c.secretary,
                                       time_text(c.start_time), date_long(c.date),
                                       pack.council.rule_text, c.conclusion], {}
    for m in c.members:
        votes += [m.name, m.position, m.council_role, m.absence_reason]
    base = {"present": sum(m.present for m in c.members),
            "total_members": len(c.members)}.get(pack.council.approval_base)
    for v in c.votes:
        votes.append(percent(v.votes_for, base))
    for n in d.nominees:
        fields = [n.summary]
        if isinstance(n, Collective):
            name, extra = n.name, [n.address, n.head_name, n.functions, str(n.staff_count)]
        elif isinstance(n, Household):
            name = n.head_name
            extra = [str(n.head_birth_year), n.address, n.occupation, ethnic[n.ethnicity],
                     money(n.annual_income_vnd)]
        else:
            assert isinstance(n, Individual | Resident)
            name = n.full_name
            extra = [str(n.birth_year), n.address, ethnic[n.ethnicity], n.occupation]
            if isinstance(n, Individual):
                extra += [n.position, n.workplace]
        listing.append(name)
        votes.append(name)
        for answer in n.criteria.values():
            if answer.evidence:
                fields.append(answer.evidence)
            fields += [number(v) for v in answer.figures.values()]
        # the one-page summary writes dates short (10/01/2023) and its contributions in one
        # sentence (a description's first letter in lower case)
        day = date_long if n.report_form == "full_report" else date_short
        for a in n.achievements:
            fields += [a.description, a.figures, a.evidence, day(a.date_from)]
        for contribution in n.contributions:
            fields.append(contribution.description[1:])
            if contribution.money_vnd:
                fields.append(money(contribution.money_vnd))
            if contribution.land_m2:
                fields.append(f"{number(contribution.land_m2)} m²")
            if contribution.workdays:
                fields.append(f"{number(contribution.workdays)} ngày công")
        per_nominee[n.id] = [name, *extra, *fields]
    return {"01_": proposal, "02_": listing, "03_": votes, "nominees": per_nominee}


@pytest.mark.parametrize("key", KEYS)
def test_every_field_of_the_dossier_is_in_the_pdfs(key, tmp_path):
    texts = _texts(key, tmp_path)
    expected = _expected_fields(key)
    for prefix in ("01_", "02_", "03_"):
        (text,) = [t for stem, t in texts.items() if stem.startswith(prefix)]
        for field in expected[prefix]:
            if field:
                assert squash(field) in text, (prefix, field)
    docs = {r.nominee_ids[0]: r.file_stem for r in rendered(key) if len(r.nominee_ids) == 1
            and r.kind in ("achievement_report", "achievement_summary")}
    for nominee_id, fields in expected["nominees"].items():
        text = texts[docs[nominee_id]]
        for field in fields:
            if field and field != "None":
                # the summary joins an achievement's parts in one sentence: its own period
                # before the bracket is left out
                assert squash(field).rstrip(".") in text, (nominee_id, field)


def test_tone_marks_survive_extraction(tmp_path):
    texts = _texts("tone", tmp_path)
    every = " ".join(texts.values())
    for name in TONE_NAMES:
        assert name in every, name
    report = next(t for stem, t in texts.items() if stem.startswith("04-1_"))
    for letter in VIETNAMESE_LETTERS:
        assert letter in report, letter
    listing = texts["02_DanhSach"]
    assert "Hộ bà Lưu Ỷ Mỹ Hường" in listing
    # upper case in the header, under its superior, without repeating the commune
    assert "UBND XÃ BẠCH ĐẰNG TỔ DÂN PHỐ ỨNG VĂN ỮU" in report


def test_pypdf_reads_the_same_text():
    data = rendered("demo-xa-bach-dang")[0].data
    text = squash(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
    assert "Ủy ban nhân dân xã Bạch Đằng" in text
    assert "Số: 45/TTr-UBND" in text


@pytest.mark.parametrize("key", KEYS)
def test_only_embedded_fonts(key, tmp_path):
    for r in rendered(key):
        path = tmp_path / r.file_name
        path.write_bytes(r.data)
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
        assert out, r.file_name
        for line in out:
            cols = line.split()
            assert cols[0].split("+")[-1].startswith("HoSoSerif"), line
            assert cols[-5:-2] == ["yes", "yes", "yes"], line  # emb sub uni


@pytest.mark.parametrize("key", KEYS)
def test_every_page_is_a4(key):
    for r in rendered(key):
        reader = PdfReader(io.BytesIO(r.data))
        assert len(reader.pages) == r.page_count
        for page in reader.pages:
            size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
            assert size in ((595, 842), (842, 595)), (r.file_name, size)
        if r.kind == "nomination_list":
            assert size == (842, 595)  # landscape, as Decree 30 allows for wide tables


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"([^<]*)</word>")
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


@pytest.mark.parametrize("key", ["demo-huyen-trung-khanh", "sonlam"])
def test_text_sits_inside_the_decree_margins(key, tmp_path):
    page = common(_pack(key).legal_regime)["page"]
    top, bottom = page["margin_top_mm"] * MM, page["margin_bottom_mm"] * MM
    left, right = page["margin_left_mm"] * MM, page["margin_right_mm"] * MM
    tol = 0.6
    for r in rendered(key):
        path = tmp_path / "m.pdf"
        path.write_bytes(r.data)
        html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                              check=True).stdout.decode("utf-8")
        pages = html.split("<page ")[1:]
        assert len(pages) == r.page_count
        for number_, chunk in enumerate(pages, 1):
            width, height = map(float, _PAGE.match("<page " + chunk).groups())
            words = [(*map(float, w[:4]), w[4]) for w in _WORD.findall(chunk)]
            assert words
            for x0, y0, x1, y1, text in words:
                if y1 < top and text == str(number_) and number_ >= 2:
                    continue  # the page number lives in the top margin
                assert x0 >= left - tol and x1 <= width - right + tol, (r.file_name, text)
                assert y0 >= top - tol and y1 <= height - bottom + tol, (r.file_name, text)
            first_page_numbers = [w for w in words if w[3] < top]
            assert (number_ >= 2) == bool(first_page_numbers), (r.file_name, number_)
            assert min(w[0] for w in words) <= left + 4  # text starts at the margin


def test_byte_stable_output():
    dossier = demos()["demo-huyen-trung-khanh"]
    first = [r.data for r in render_dossier(dossier, cao_bang(), today=None, preview=True)]
    second = [r.data for r in render_dossier(dossier, cao_bang(), today=None, preview=True)]
    assert first == second


def test_size_of_a_two_page_document():
    """Dehinted font subsets: a 2-page document stays at or below LibreOffice's ~55 KB."""
    for key in ("demo-xa-bach-dang", "demo-huyen-trung-khanh", "demo-so-tnmt"):
        for r in rendered(key):
            assert len(r.data) <= 55_000 * r.page_count / 2 + 30_000, (r.file_name, len(r.data))
            if r.page_count == 2:
                assert len(r.data) <= 55_000, (r.file_name, len(r.data))


@pytest.mark.parametrize("key", ["demo-so-tnmt", "sonlam"])
def test_watermark_on_every_preview_page(key):
    mark = common(_pack(key).legal_regime)["preview"]["watermark"]
    for r in rendered(key, "pdf", True):
        pages = PdfReader(io.BytesIO(r.data)).pages
        assert len(pages) == r.page_count
        for n, page in enumerate(pages, 1):
            lines = [line.strip() for line in page.extract_text().splitlines()]
            assert mark in lines, (r.file_name, n)
    for r in rendered(key):
        assert all(mark not in page.extract_text()
                   for page in PdfReader(io.BytesIO(r.data)).pages)


def test_final_rendering_refuses_a_dossier_with_errors():
    dossier = demos()["demo-so-tnmt"]
    broken = dossier.model_copy(update={"nominees": dossier.nominees * 2})  # duplicate nominee
    with pytest.raises(DocumentsRefused) as info:
        render_dossier(broken, cao_bang(), today=None)
    assert info.value.params["count"] >= 1
    assert info.value.findings and all(f.blocking for f in info.value.findings)
    assert "hồ sơ còn" in info.value.message("vi")
    previews = render_dossier(broken, cao_bang(), preview=True)
    assert previews and all(r.page_count >= 1 for r in previews)


@pytest.mark.slow
def test_long_texts_and_tables_flow_across_pages(tmp_path):
    """A 60-nominee list repeats its header row; a very long name and text never clip."""
    base = demos()["demo-huyen-trung-khanh"]
    office, farmer = base.nominees
    long_name = "Lò Thị " + "Ngọc " * 30 + "Ánh"
    long_text = ("Thành tích nổi bật trong sản xuất và đời sống. " * 150).strip()
    farmers = tuple(farmer.model_copy(update={"id": f"nd-{i:03d}", "full_name":
                                              long_name if i == 0 else f"Nông Văn Ứng {i}",
                                              "summary": long_text if i == 0 else farmer.summary})
                    for i in range(60))
    dossier = base.model_copy(update={
        "nominees": (office, *farmers),
        "proposal": base.proposal.model_copy(update={
            "nominee_ids": (office.id, *(f.id for f in farmers))}),
    })
    # Rendered without validation (61 nominees break the quota): no watermark in the text.
    docs = {d.file_stem: render_document(d, cao_bang())
            for d in build_documents(dossier, cao_bang())}
    listing = docs["02_DanhSach"]
    assert listing.page_count >= 3
    for n in range(1, listing.page_count + 1):
        page = squash(pdf_pages(listing.data)[n - 1])
        assert "Họ và tên cá nhân, tên tập thể, chủ hộ" in page  # header row on every page
    text = squash(" ".join(pdf_pages(listing.data)))
    assert squash(long_name) in text
    assert "Nông Văn Ứng 59" in text
    summary = next(r for stem, r in docs.items() if stem.startswith("05-1_TTTT_LoThi"))
    assert summary.page_count >= 3
    assert squash(long_text) in squash(" ".join(pdf_pages(summary.data)))



def test_a_name_pasted_with_page_breaks_signs_on_one_line():
    """A name pasted from Word with manual line and page breaks (\x0b, \x0c: "\n" once
    cleaned) is one line under the signature of the Mẫu 07; a 200-character name of such
    pieces (once a signature block taller than a page: rendering failed) renders."""
    import datetime as dt

    from desktop.documents.ir import SignatureRow
    from desktop.models.base import LINE_MAX

    base = demos()["demo-xa-bach-dang"]
    i = next(k for k, n in enumerate(base.nominees) if n.kind == "individual")
    pack = cao_bang()
    for name, expect in (("Nông\x0cThị\x0b\nMai", "Nông Thị Mai"),
                         (("ố\x0c" * LINE_MAX)[:LINE_MAX], " ".join("ố" * (LINE_MAX // 2)))):
        raw = {**base.nominees[i].model_dump(), "full_name": name,
               "report_form": "full_report"}
        nominee = type(base.nominees[i]).model_validate(raw)
        nominees = (*base.nominees[:i], nominee, *base.nominees[i + 1:])
        dossier = base.model_copy(update={"nominees": nominees})
        [report] = [d for d in build_documents(dossier, pack)
                    if d.kind == "achievement_report" and nominee.id in d.nominee_ids]
        signers = [c.name for b in report.blocks if isinstance(b, SignatureRow)
                   for c in (b.left, b.right) if c is not None]
        assert expect in signers
        rendered_pdf = render_document(report, pack)
        assert rendered_pdf.page_count >= 3
    assert render_dossier(dossier, pack, today=dt.date(2023, 7, 3))
