"""The result report counts the unit's own Giấy khen beside the Bằng khen it proposed."""

from __future__ import annotations

import io

from pypdf import PdfReader

from desktop.demo import demo_dossiers
from desktop.demo.giaykhen import demo_dossiers as round_dossiers
from desktop.documents import render_result_report
from desktop.packs import load_pack
from desktop.report import compute_figures


def test_the_units_giay_khen_is_an_award_row_not_a_proposal():
    own, awarded = demo_dossiers()[0], round_dossiers()[0]
    pack = load_pack(own.pack.id)
    alone = compute_figures([own], pack)
    both = compute_figures([own, awarded], pack)
    # the Bằng khen proposal's figures are unchanged …
    assert both.nominees_total == alone.nominees_total
    assert both.contributions == alone.contributions and both.units == alone.units
    # … and the commune's five Giấy khen appear as awards it gave
    row = both.awards[-1]
    assert (row.key, row.value) == ("awards.giay_khen", 5)
    assert row.label == "Giấy khen của Chủ tịch Ủy ban nhân dân xã Bạch Đằng"
    assert both.awards[:-1] == alone.awards
    report = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        render_result_report([own, awarded], pack).data)).pages).split())
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân xã Bạch Đằng" in report


def test_several_units_rounds_are_summed_under_one_label():
    awarded = round_dossiers()[0]
    other = awarded.model_copy(update={"unit": awarded.unit.model_copy(
        update={"name": "Ủy ban nhân dân xã Hồng Việt"})})
    pack = load_pack(awarded.pack.id)
    row = compute_figures([demo_dossiers()[0], awarded, other], pack).awards[-1]
    assert row.value == 10
    assert row.label == "Giấy khen của thủ trưởng các cơ quan, đơn vị, địa phương"


def test_a_report_of_a_round_alone_counts_its_awards():
    awarded = round_dossiers()[0]
    pack = load_pack(awarded.pack.id)
    figures = compute_figures([awarded], pack)
    assert figures.nominees_total.value == 0 and figures.units == (awarded.unit.name,)
    assert figures.awards[-1].value == 5
    assert render_result_report([awarded], pack).page_count >= 1
