"""The IR of each document: content, order and wording sources (pack vs templates)."""

from __future__ import annotations

import re

import pytest

from desktop.documents import build_documents, ordered_nominees
from desktop.documents.build import Context, vote_lines
from desktop.documents.ir import Header, Paragraph, SignatureRow, Table, Title
from desktop.models import nominee_name

from .support import cao_bang, demos, sonlam, sonlam_dossier

DEMO_IDS = ["demo-xa-bach-dang", "demo-huyen-trung-khanh", "demo-so-tnmt"]


def _docs(key):
    if key == "sonlam":
        return build_documents(sonlam_dossier(), sonlam())
    return build_documents(demos()[key], cao_bang())


@pytest.mark.parametrize("key", [*DEMO_IDS, "sonlam"])
def test_one_document_per_pack_entry_and_nominee(key):
    docs = _docs(key)
    dossier = sonlam_dossier() if key == "sonlam" else demos()[key]
    stems = [d.file_stem for d in docs]
    assert len(stems) == len(set(stems))
    # readable, Windows-safe: ASCII letters, digits, "-", "_"; short enough for any path
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{1,64}", s) for s in stems)
    assert stems[:3] == ["01_ToTrinh", "02_DanhSach", "03_BienBan"]
    per_nominee = [d for d in docs if d.kind in ("achievement_report", "achievement_summary")]
    assert len(per_nominee) == len(dossier.nominees)
    for doc in per_nominee:
        (nid,) = doc.nominee_ids
        nominee = dossier.nominee(nid)
        expected = "achievement_report" if nominee.report_form == "full_report" \
            else "achievement_summary"
        assert doc.kind == expected
        assert re.match(r"04-\d+_BCTT_" if expected == "achievement_report"
                        else r"05-\d+_TTTT_", doc.file_stem)


@pytest.mark.parametrize("key", [*DEMO_IDS, "sonlam"])
def test_cross_document_lists_agree(key):
    """Same nominees, same order: list, minutes vote table, per-nominee documents."""
    docs = {d.kind: d for d in _docs(key)}
    per_nominee = [d.nominee_ids[0] for d in _docs(key)
                   if d.kind in ("achievement_report", "achievement_summary")]
    order = docs["nomination_list"].nominee_ids
    assert docs["proposal"].nominee_ids == order
    assert docs["council_minutes"].nominee_ids == order
    # Per-nominee files are sorted by file number first, then in the shared order.
    reports = [n for n in order if n in per_nominee]
    assert sorted(per_nominee, key=order.index) == reports
    list_names = [row[1].text for row in docs["nomination_list"].blocks[-1].rows
                  if len(row) > 1]
    vote_table = next(b for b in docs["council_minutes"].blocks
                      if isinstance(b, Table) and b.header_rows[0][3].text == "Đồng ý")
    assert list_names == [row[1].text for row in vote_table.rows]


def test_order_groups_kinds_in_pack_order():
    dossier = demos()["demo-xa-bach-dang"]
    reordered = dossier.model_copy(update={"proposal": dossier.proposal.model_copy(
        update={"nominee_ids": tuple(reversed(dossier.proposal.nominee_ids))})})
    kinds = [n.kind for n in ordered_nominees(reordered, cao_bang())]
    assert kinds == ["collective", "individual", "household"]


def test_proposal_ir_exactly():
    doc = _docs("demo-so-tnmt")[0]
    header, title, addressee = doc.blocks[:3]
    assert header == Header("UBND TỈNH CAO BẰNG", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
                            "Số: 1385/TTr-STNMT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                            "Độc lập - Tự do - Hạnh phúc",
                            "Cao Bằng, ngày 30 tháng 6 năm 2023")
    assert title == Title(("TỜ TRÌNH",),
                          ("Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",))
    assert addressee == Paragraph.of("Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng.",
                                     "addressee")
    texts = doc.texts()
    plan = cao_bang().plan
    for ground in plan.grounds:
        if ground.startswith(plan.title):  # the plan's number is unknown: a line to fill in
            ground = (f"{plan.title} số ……/KH-UBND ngày …/…/…… của {plan.issuer}")
            assert not plan.number
        assert f"Căn cứ {ground};" in texts
    assert ("Căn cứ Biên bản họp số 04/BB-HĐTĐKT ngày 29 tháng 6 năm 2023 của Hội đồng "
            "Thi đua - Khen thưởng Sở Tài nguyên và Môi trường.") in texts
    assert ("Sở Tài nguyên và Môi trường đề nghị Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng xem "
            "xét, tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể (có danh "
            "sách kèm theo).") in texts
    sign = doc.blocks[-1]
    assert isinstance(sign, SignatureRow)
    assert sign.right.lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert sign.right.name == "Phùng Văn Hải"
    assert sign.left.label == "Nơi nhận:"
    assert sign.left.entries[-1] == "- Lưu: VT, VP."


def test_district_header_is_one_body_on_two_lines():
    header = _docs("demo-huyen-trung-khanh")[0].blocks[0]
    assert (header.parent_body, header.issuing_body, header.parent_bold) == (
        "ỦY BAN NHÂN DÂN", "HUYỆN TRÙNG KHÁNH", True)


def test_minutes_vote_arithmetic_follows_the_pack():
    ctx = Context(demos()["demo-huyen-trung-khanh"], cao_bang())
    base, required, lines = vote_lines(ctx)
    assert (base, required) == (9, 7)  # 70 % of the 9 members present → 6.3 → 7
    assert [(nominee_name(line.nominee), line.votes_for, line.passed) for line in lines] == [
        ("Phòng Nông nghiệp và Phát triển nông thôn huyện Trùng Khánh", 9, True),
        ("Lãm Văn Thắng", 8, True)]
    ctx = Context(sonlam_dossier(), sonlam())
    base, required, _ = vote_lines(ctx)
    assert (base, required) == (11, 10)  # 90 % of all 11 members → 9.9 → 10


def test_minutes_texts():
    doc = next(d for d in _docs("demo-xa-bach-dang") if d.kind == "council_minutes")
    texts = doc.texts()
    assert "Số: 03/BB-HĐTĐKT" in texts
    assert "Vào hồi 08 giờ 00 phút, ngày 26 tháng 6 năm 2023." in " ".join(texts)
    assert cao_bang().council.rule_text in texts
    assert ("- Triệu Văn Sáng, Ủy viên: Đi học lớp bồi dưỡng tại huyện;") in texts
    assert "Có mặt 7/9 thành viên Hội đồng (77,8%); vắng mặt 2 thành viên." in " ".join(texts)
    assert [("THƯ KÝ",), ("CHỦ TỌA",)] == [doc.blocks[-1].left.lines, doc.blocks[-1].right.lines]


def test_made_up_pack_wording_reaches_the_documents():
    docs = {d.kind: d for d in _docs("sonlam")}
    pack = sonlam()
    minutes = " ".join(docs["council_minutes"].texts())
    assert pack.council.rule_text in minutes
    assert "phong trào thi đua theo chuyên đề" in minutes  # 2022/ND98 regime wording
    assert "tổng số thành viên Hội đồng: 11 thành viên" in minutes
    assert "Bằng khen của Ủy ban nhân dân tỉnh Sơn Lâm" in minutes
    proposal = docs["proposal"].texts()
    for ground in pack.plan.grounds:
        if ground.startswith(pack.plan.title) and not pack.plan.number:
            ground = f"{pack.plan.title} số ……/KH-UBND ngày …/…/…… của {pack.plan.issuer}"
        assert f"Căn cứ {ground};" in proposal
    assert docs["nomination_list"].title_vi == next(
        d.title for d in pack.documents if d.id == "danh-sach")
    report = " ".join(docs["achievement_report"].texts())
    assert "Tỷ lệ chỉ tiêu hoàn thành vượt kế hoạch: 12,5%" in report
    assert "Số tiêu chí nông thôn mới đạt chuẩn: 17 tiêu chí" in report
    assert "phong trào thi đua theo chuyên đề: " + pack.title in report
    summary = docs["achievement_summary"]
    assert summary.title_vi.startswith("Báo cáo tóm tắt thành tích")


def test_list_attached_to_the_proposal_when_the_pack_has_no_list_document():
    pack = cao_bang()
    pack = pack.model_copy(update={"documents": tuple(
        d for d in pack.documents if d.template != "nomination-list")})
    docs = build_documents(demos()["demo-xa-bach-dang"], pack)
    assert "nomination_list" not in {d.kind for d in docs}
    proposal = docs[0]
    assert any(isinstance(b, Table) for b in proposal.blocks)
    assert "III. HỘ GIA ĐÌNH" in proposal.texts()


def test_every_ir_string_is_nfc():
    import unicodedata

    for key in [*DEMO_IDS, "sonlam"]:
        for doc in _docs(key):
            for text in doc.texts():
                assert unicodedata.is_normalized("NFC", text)


def test_the_summary_is_short_and_the_report_keeps_the_full_wording():
    """Tóm tắt thành tích: the particulars in one paragraph, one paragraph per criterion (the
    start of its wording, the result, the evidence as written); Mẫu 07 keeps every word."""
    dossier = demos()["demo-huyen-trung-khanh"]
    pack = cao_bang()
    docs = build_documents(dossier, pack)
    summary = next(d for d in docs if d.kind == "achievement_summary")
    nominee = next(n for n in dossier.nominees if n.id == summary.nominee_ids[0])
    paragraphs = [b.text for b in summary.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0].startswith(f"Họ và tên: {nominee.full_name}; Năm sinh: "
                                    f"{nominee.birth_year}; ")
    spec = pack.kind_spec(nominee.kind)
    for i, crit in enumerate(spec.criteria):
        (line,) = [p for p in paragraphs if p.startswith(f"{'abcdefgh'[i]}) ")]
        assert len(line) < len(crit.text) + 400
        answer = nominee.criteria[crit.id]
        assert ": đạt. " in line and answer.evidence in line
        if len(crit.text) > 90:  # its first whole clause, never cut inside a phrase
            assert crit.text not in line and "…" not in line.split(": đạt.")[0]
            assert crit.text.startswith(line[3:].split(": đạt.")[0])
    report = next(d for d in docs if d.kind == "achievement_report")
    text = " ".join(report.texts())
    reported = next(n for n in dossier.nominees if n.id == report.nominee_ids[0])
    for crit in pack.kind_spec(reported.kind).criteria:
        assert crit.text in text
