"""A provincial reviewer reads every document of every demo dossier (and its result report)
and of generated dossiers, in PDF and DOCX: nothing to send back (see ``reviewer.py``).

Before the fixes of issue 14 these checks found 60 faults on the three demo dossiers
(doubled "thi đua Thi đua", routing wording, reports dated after the council, stranded
headings, lonely signature pages, broken dates and names, blank "Số:", repeated localities
in headers, cut criteria, a period before a bracket, "Nông dân, Xóm …").
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models import Dossier, Gender

from .demo_bundle import bundle_of, demo_bundle
from .reviewer import Fault, check_breaks, check_pages, check_wording, pdf_pages, review
from .support import cao_bang, demos

DEMO_IDS = ("demo-xa-bach-dang", "demo-huyen-trung-khanh", "demo-so-tnmt")


@pytest.mark.parametrize("dossier_id", DEMO_IDS)
def test_a_reviewer_sends_nothing_back(dossier_id):
    faults = review(demo_bundle(dossier_id), demos()[dossier_id], cao_bang())
    assert not faults, "\n".join(map(str, faults))


def test_the_checks_find_what_a_reviewer_found():
    """Each check fires on the faults of issue 14 (so a green run means something)."""
    allowed = {"Pò", "Peo", "Đình", "Phong"}
    texts = ["Hội đồng nghe báo cáo của đợt thi đua Thi đua lập thành tích",
             "Chức vụ, đơn vị: Nông dân, Xóm Pò Peo, xã Đình Phong",
             "- Trồng dưa hấu theo hợp đồng bao tiêu sản phẩm. (từ ngày 10/01/2023)",
             "d) Có tinh thần tương thân, tương ái giúp đỡ các hộ gia đình khác cùng…: đạt."]
    checks = sorted(f.check for f in check_wording("x", texts, allowed))
    assert checks == ["capital", "capital", "doubled", "punctuation", "punctuation"]
    page_one = ["I. KẾT QUẢ", "Nội dung", "Số đối tượng được đề nghị khen thưởng theo loại:"]
    from desktop.documents.ir import Document, Paragraph, SignatureColumn, SignatureRow

    doc = Document("d", "proposal", "t", "x", (
        Paragraph.of("Kính đề nghị xem xét./."),
        SignatureRow(right=SignatureColumn(("CHỦ TỊCH",), "", "Hoàng Văn Ữ"))))
    faults = check_pages("x", doc, [page_one, ["Kính đề nghị xem xét./.", "CHỦ TỊCH",
                                               "Hoàng Văn Ữ"]])
    assert sorted(f.check for f in faults) == ["lonely", "stranded"]
    broken = check_breaks("x", [["…ái quốc (11/6/1948 -", "11/6/2023) của …",
                                 "chỉ tiêu kinh tế", "- xã hội, trong đó", "đề nghị tỉnh Cao",
                                 "Bằng xem xét"]], ["tỉnh Cao Bằng"])
    assert len(broken) == 3


# ---------------------------------------------------------------- generated dossiers

NAMES = ("Hoàng Thị Ngọc Ánh", "Lục Văn Đông", "Nông Thị Hường", "Đàm Quốc Việt", "Bế Ỷ Lan")


@st.composite
def dossiers(draw) -> Dossier:
    """A demo dossier with another subset of nominees, other names, report forms and dates."""
    base = demos()[draw(st.sampled_from(DEMO_IDS))]
    nominees = list(base.nominees)
    keep = draw(st.lists(st.sampled_from(range(len(nominees))), min_size=1,
                         max_size=len(nominees), unique=True))
    chosen = []
    for i in sorted(keep):
        n = nominees[i]
        update: dict = {}
        if n.kind == "household":
            update = {"head_name": draw(st.sampled_from(NAMES)),
                      "head_gender": draw(st.sampled_from([Gender.MALE, Gender.FEMALE])),
                      "report_form": draw(st.sampled_from(["summary", "full_report"]))}
        elif n.kind == "individual":
            update = {"full_name": draw(st.sampled_from(NAMES))}
        chosen.append(n.model_copy(update=update))
    council_day = draw(st.dates(dt.date(2023, 6, 20), dt.date(2023, 6, 30)))
    proposal_day = council_day + dt.timedelta(days=draw(st.integers(0, 3)))
    dossier = base.model_copy(update={
        "nominees": tuple(chosen),
        "council": base.council.model_copy(update={
            "date": council_day,
            "votes": tuple(v for v in base.council.votes
                           if v.nominee_id in {n.id for n in chosen})}),
        "proposal": base.proposal.model_copy(update={
            "date": proposal_day, "nominee_ids": tuple(n.id for n in chosen)}),
    })
    return Dossier.model_validate(dossier.model_dump())


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(dossiers())
def test_generated_dossiers_pass_the_reviewer(dossier):
    faults: list[Fault] = review(bundle_of(dossier, cao_bang()), dossier, cao_bang())
    assert not faults, "\n".join(map(str, faults))


def test_pages_are_read_from_the_pdf():
    """The page checks read real pages: the first demo's Mẫu 07 has several."""
    pages = [pdf_pages(r.pdf) for r in demo_bundle("demo-xa-bach-dang")
             if r.document.kind == "achievement_report"]
    assert pages and all(len(p) >= 2 for p in pages)


@pytest.mark.parametrize("dossier_id", DEMO_IDS)
def test_every_summary_fits_on_one_page(dossier_id):
    """Practice: a tóm tắt thành tích is one page (5–15 lines of achievements)."""
    for item in demo_bundle(dossier_id):
        if item.document.kind == "achievement_summary":
            assert len(pdf_pages(item.pdf)) == 1, item.name
