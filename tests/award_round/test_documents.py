"""Documents of a Giấy khen round: minutes, decision, list, certificates and their placement."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from desktop.demo.giaykhen import DEMO_TODAY, demo_dossiers
from desktop.documents import DocumentsRefused, build_documents, render_document, render_dossier
from desktop.documents.award_round import (
    MM,
    CertificateSet,
    PrintLayout,
    amount_words,
    calibration_pdf,
    place_fields,
)
from desktop.documents.templates import template
from desktop.packs import load_pack

TODAY = dt.date.fromisoformat(DEMO_TODAY)


@pytest.fixture(scope="module")
def demo():
    return demo_dossiers()[0]


@pytest.fixture(scope="module")
def pack(demo):
    return load_pack(demo.pack.id)


@pytest.fixture(scope="module")
def rendered(demo, pack):
    return {r.kind: r for r in render_dossier(demo, pack, today=TODAY)}


@pytest.fixture(scope="module")
def cert_tpl(pack):
    return template("certificate", pack.legal_regime)


def _text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def _lines(data: bytes, page: int = 0) -> list[tuple[str, float, float, float]]:
    """(text, x, y, size) of every text run on a page, in PDF points."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            out.append((text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], size))

    PdfReader(io.BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return out


def test_the_round_renders_minutes_decision_list_and_certificates(rendered):
    assert list(rendered) == ["council_minutes", "award_decision", "award_list", "certificate"]
    assert [r.file_name for r in rendered.values()] == [
        "01_BienBan.pdf", "02_QuyetDinh.pdf", "03_DanhSach.pdf", "04_GiayKhen.pdf"]
    assert rendered["certificate"].page_count == 5  # one page per awardee


def test_minutes_speak_of_the_giay_khen(rendered):
    text = " ".join(_text(rendered["council_minutes"].data).split())
    assert "Về việc xét tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã Bạch Đằng" in text
    assert "số lượng xét tặng Giấy khen do đơn vị quy định" in text
    assert "Bằng khen" not in text


def test_decision_has_grounds_articles_bonus_and_signature(rendered):
    text = " ".join(_text(rendered["award_decision"].data).split())
    assert "Số: 112/QĐ-UBND" in text and "Bạch Đằng, ngày 12 tháng 7 năm 2023" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ BẠCH ĐẰNG" in text
    order = ["Căn cứ Luật Tổ chức chính quyền địa phương", "Căn cứ Luật Thi đua, khen thưởng",
             "Căn cứ Nghị định số 91/2017/NĐ-CP", "Căn cứ Kế hoạch phát động thi đua",
             "Căn cứ Quyết định số 05/QĐ-UBND ngày 10 tháng 01 năm 2023",
             "Xét đề nghị của Hội đồng Thi đua - Khen thưởng xã Bạch Đằng tại Biên bản số "
             "07/BB-HĐTĐKT ngày 10 tháng 7 năm 2023", "QUYẾT ĐỊNH:", "Điều 1.", "Điều 2.",
             "Điều 3.", "Nơi nhận:"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    assert ("Tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã Bạch Đằng cho 01 tập thể, 02 hộ "
            "gia đình và 02 cá nhân (có danh sách kèm theo)") in text
    # 1 collective × 0,6 and 4 persons/households × 0,3 of 1.800.000 đồng (from 01/7/2023)
    assert "mức lương cơ sở 1.800.000 đồng" in text
    assert "Tập thể: 1.080.000 đồng/tập thể (0,6 lần mức lương cơ sở) × 01 tập thể" in text
    assert "Hộ gia đình: 540.000 đồng/hộ (0,3 lần mức lương cơ sở) × 02 hộ = 1.080.000" in text
    assert "Tổng số tiền thưởng: 3.240.000 đồng (Bằng chữ: Ba triệu hai trăm bốn mươi nghìn " \
           "đồng), trích từ Quỹ thi đua, khen thưởng của Ủy ban nhân dân xã Bạch Đằng" in text
    assert text.rstrip().endswith("Hoàng Văn Ữ")
    assert "TM." not in text  # the chairman decides in his own name


def test_list_has_each_awardee_with_bonus_and_book_number(rendered):
    text = " ".join(_text(rendered["award_list"].data).split())
    assert "(Kèm theo Quyết định số 112/QĐ-UBND ngày 12 tháng 7 năm 2023 của Chủ tịch " \
           "Ủy ban nhân dân xã Bạch Đằng)" in text
    for name in ("Xóm Khuổi Lùng", "Hộ ông Bế Văn Sơn", "Hộ bà Lục Thị Hoa", "Đàm Văn Phúc",
                 "Nông Thị Lan"):
        assert name in text
    assert "GK-2023/005" in text
    assert "Tổng cộng: 05 Giấy khen; tiền thưởng 3.240.000 đồng." in text


@pytest.mark.parametrize(("amount", "words"), [
    (3_240_000, "Ba triệu hai trăm bốn mươi nghìn đồng"),
    (1_080_000, "Một triệu không trăm tám mươi nghìn đồng"),
    (2_005_000, "Hai triệu không trăm linh năm nghìn đồng"),
    (447_000, "Bốn trăm bốn mươi bảy nghìn đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (15, "Mười lăm đồng"),
    (24, "Hai mươi tư đồng"),
    (1_000_000_000, "Một tỷ đồng"),
])
def test_amounts_in_words(pack, amount, words):
    assert amount_words(template("award-decision", pack.legal_regime), amount) == words


def test_final_rendering_is_refused_over_the_units_quota(demo, pack):
    over = demo.model_copy(update={"own_rules": demo.own_rules.model_copy(update={
        "quota": demo.own_rules.quota.model_copy(update={"total": 4})})})
    with pytest.raises(DocumentsRefused) as info:
        render_dossier(over, pack, today=TODAY)
    assert "round.quota_exceeded" in info.value.params["codes"]


# ---------------------------------------------------------------------------- placement


def _certificates(demo, pack, layout: PrintLayout) -> CertificateSet:
    doc = next(d for d in build_documents(demo, pack) if d.kind == "certificate")
    return dataclasses.replace(doc, layout=layout)


def _field(lines, text: str):
    return next(line for line in lines if line[0] == text)


def test_certificate_text_sits_where_the_template_and_offsets_say(demo, pack, cert_tpl):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    page_h = 210 * MM
    plain = render_document(_certificates(demo, pack, PrintLayout()), pack).data
    layout = PrintLayout(preprinted=True, dx_mm=3.5, dy_mm=-2.0, printer="Canon LBP2900")
    shifted = render_document(_certificates(demo, pack, layout), pack).data
    fields = {f["id"]: f for f in cert_tpl["fields"]}
    # page 2: the household (list order: hamlet, households, residents)
    name = _field(_lines(shifted, 1), "Hộ ông Bế Văn Sơn")
    width = stringWidth(name[0], "HoSoSerif-Bold", 24)
    centre_mm = (name[1] + width / 2) / MM
    assert centre_mm == pytest.approx(fields["name"]["x_mm"] + 3.5, abs=0.05)
    assert (page_h - name[2]) / MM == pytest.approx(fields["name"]["y_mm"] - 2.0, abs=0.05)
    # every field moves by exactly the offsets against blank paper
    before = {t: (x, y) for t, x, y, _ in _lines(plain, 1)}
    after = {t: (x, y) for t, x, y, _ in _lines(shifted, 1)}
    common = set(before) & set(after)
    assert {"Hộ ông Bế Văn Sơn", "Số vào sổ: GK-2023/002", "Hoàng Văn Ữ",
            "Quyết định số 112/QĐ-UBND, ngày 12/7/2023"} <= common
    for text in common:
        assert after[text][0] - before[text][0] == pytest.approx(3.5 * MM, abs=0.01), text
        assert after[text][1] - before[text][1] == pytest.approx(2.0 * MM, abs=0.01), text
    # pre-printed paper already carries the national title and "GIẤY KHEN"
    assert "GIẤY KHEN" in before and "GIẤY KHEN" not in after
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in after


def test_calibration_marks_where_each_field_starts(pack, cert_tpl):
    layout = PrintLayout(preprinted=True, dx_mm=-1.5, dy_mm=4.0, printer="HP LaserJet")
    data = calibration_pdf(cert_tpl, layout)
    lines = _lines(data)
    text = " ".join(t for t, *_ in lines)
    assert "TRANG CÂN CHỈNH IN GIẤY KHEN" in text and "HP LaserJet" in text
    assert "ngang -1,5 mm, dọc 4 mm" in text
    page_h = 210 * MM
    for f in cert_tpl["fields"]:
        label = [line for line in lines if line[0] == f["label"]]
        if f.get("preprinted"):
            assert not label  # nothing is printed there on pre-printed paper
            continue
        (_, x, y, _), = label
        # the label starts 1.5 mm right of and 1.2 mm above the mark
        assert x / MM - 1.5 == pytest.approx(f["x_mm"] - 1.5, abs=0.05)
        assert (page_h - y) / MM + 1.2 == pytest.approx(f["y_mm"] + 4.0, abs=0.05)


def test_a3_scales_the_layout(demo, pack, cert_tpl):
    doc = _certificates(demo, pack, PrintLayout(paper="A3"))
    data = render_document(doc, pack).data
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert (float(page.mediabox.width) / MM, float(page.mediabox.height) / MM) == \
        pytest.approx((420, 297), abs=0.1)
    title = _field(_lines(data), "GIẤY KHEN")
    assert title[3] == pytest.approx(40 * 1.41421356, abs=0.01)
    y_mm = next(f["y_mm"] for f in cert_tpl["fields"] if f["id"] == "title")
    assert (297 * MM - title[2]) / MM == pytest.approx(y_mm * 1.41421356, abs=0.05)


def test_certificate_docx_has_one_page_per_awardee_at_the_offsets(demo, pack, cert_tpl):
    from docx import Document as open_docx

    layout = PrintLayout(preprinted=True, dx_mm=5.0, dy_mm=3.0)
    data = render_document(_certificates(demo, pack, layout), pack, fmt="docx").data
    word = open_docx(io.BytesIO(data))
    assert len(word.sections) == 5
    assert round(word.sections[0].page_width.mm) == 297
    assert round(word.sections[0].page_height.mm) == 210
    lines = place_fields(cert_tpl, _certificates(demo, pack, layout).pages[0], layout)
    book = next(line for line in lines if line.field_id == "book")
    para = next(p for p in word.paragraphs if p.text == book.text)
    x_mm = next(f["x_mm"] for f in cert_tpl["fields"] if f["id"] == "book")
    assert para.paragraph_format.left_indent.mm == pytest.approx(x_mm + 5.0, abs=0.05)
    name = next(p for p in word.paragraphs if p.text == "Xóm Khuổi Lùng, xã Bạch Đằng")
    fmt_ = name.paragraph_format  # centred on x + dx: equal room on both sides of it
    centre = fmt_.left_indent.mm + (297 - fmt_.left_indent.mm - fmt_.right_indent.mm) / 2
    assert centre == pytest.approx(148.5 + 5.0, abs=0.05)


def test_certificate_docx_frame_only_on_blank_paper(demo, pack):
    from docx import Document as open_docx

    def borders(layout):
        data = render_document(_certificates(demo, pack, layout), pack, fmt="docx").data
        xml = open_docx(io.BytesIO(data)).sections[0]._sectPr.xml
        return "pgBorders" in xml

    assert borders(PrintLayout()) and not borders(PrintLayout(preprinted=True))


def test_a_round_under_the_two_tier_regime_takes_its_law_and_bonus():
    """A ward of the Cao Bằng 2026 pack (regime 2022/ND152) starts a round: the decision
    cites the 2025 local government law and pays the regime's coefficients × the 2026 base
    salary (2.340.000 đồng from 01/7/2024)."""
    from desktop.demo.caobang2026 import demo_dossiers as two_tier
    from desktop.validation import validate
    from desktop.validation.award_round import start_round

    ward = two_tier()[0]
    pack = load_pack(ward.pack.id)
    d = start_round(ward, pack)
    assert d.proposal.symbol == "QĐ-UBND" and d.proposal.signer_title == "CHỦ TỊCH"
    assert d.title == "Xét tặng Giấy khen của Chủ tịch Ủy ban nhân dân phường Thục Phán"
    assert "round.rules_missing" in {f.code for f in validate(d, pack)}  # quota not set yet
    d = d.model_copy(update={"own_rules": d.own_rules.model_copy(update={
        "quota": d.own_rules.quota.model_copy(update={"total": 5})})})
    assert not [f for f in validate(d, pack) if f.severity != "info"
                and f.code != "plan.number_unknown"]
    decision = next(r for r in render_dossier(d, pack) if r.kind == "award_decision")
    text = " ".join(_text(decision.data).split())
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in text
    assert "Nghị định số 152/2025/NĐ-CP" in text and "91/2017" not in text
    assert "(mức lương cơ sở 2.340.000 đồng)" in text
    assert "Tập thể: 702.000 đồng/tập thể (0,3 lần mức lương cơ sở)" in text


def test_a_reviewer_sends_the_round_nothing_back(demo, pack):
    """The provincial reviewer's reading (tests/documents/reviewer.py) of the round's minutes,
    decision, list and certificates, PDF and Word. Articles ("tại Điều 1") and the posts of
    the executors ("công chức Tài chính - Kế toán") are capitalised by convention."""
    from documents.reviewer import Rendered, review

    docs = build_documents(demo, pack)
    bundle = tuple(Rendered(d, render_document(d, pack).data,
                            render_document(d, pack, fmt="docx").data) for d in docs)
    decision = template("award-decision", pack.legal_regime)
    extra = ("tại Điều 1", *dict(decision["executors"]).values())
    faults = review(bundle, demo, pack, extra_sources=extra)
    assert [str(f) for f in faults] == []
