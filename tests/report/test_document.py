"""The result report as PDF and DOCX: every outline heading in order (both packs), the
secretary's text, the computed figures, vector charts, the district's per-commune chart."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from documents.support import (
    ROOT,
    cao_bang,
    demos,
    pdf_pages,
    pdf_text,
    sonlam,
    sonlam_dossier,
    squash,
)
from pypdf import PdfReader

from desktop.documents import build_result_report, render_result_report
from desktop.documents.fmt import money, number
from desktop.documents.ir import Chart
from desktop.models import ResultReport
from desktop.report import compute_figures

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils is not installed")

BAR_FILL = b".231373 .356863 .478431 rg"  # charts.BAR_COLOR, only the chart bars use it
SAMPLES = ROOT / "docs" / "samples"


def _headings(items, depth=0):
    formats = ["{number}. {title}", "{number}. {title}", "{number}) {title}"]
    for item in items:
        yield formats[min(depth, 2)].format(number=item.number, title=item.title)
        yield from _headings(item.children, depth + 1)


def _assert_in_order(text: str, parts: list[str]) -> None:
    at = 0
    for part in parts:
        found = text.find(squash(part), at)
        assert found >= 0, f"{part!r} missing or out of order"
        at = found + 1


def _report(dossiers, pack, **sections):
    own = dossiers[0].model_copy(update={"result_report": ResultReport(
        number="25", symbol="BC-UBND", sections=sections)})
    return [own, *dossiers[1:]]


CASES = {
    "caobang": lambda: (_report([demos()["demo-xa-bach-dang"]], cao_bang(),
                                **{"I.1": "Ủy ban nhân dân xã ban hành Kế hoạch số 12/KH-UBND.",
                                   "III": "Phát huy vai trò của các đoàn thể."}), cao_bang()),
    "sonlam": lambda: (_report([sonlam_dossier()], sonlam(),
                               **{"II.2.a": "Hoàn thành 17/19 tiêu chí."}), sonlam()),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_outline_heading_in_order_with_text_and_figures(case, tmp_path):
    dossiers, pack = CASES[case]()
    pdf = render_result_report(dossiers, pack)
    text = squash(pdf_text(pdf.data, tmp_path))
    spec = pack.result_report
    # a commune only forwards (the pack's routing): it reports to the district it files with
    recipient = dossiers[0].proposal.addressee if dossiers[0].unit.kind == "commune" \
        else spec.addressee
    _assert_in_order(text, ["BÁO CÁO", spec.title, *_headings(spec.outline),
                            "Nơi nhận:", recipient])
    assert "Số: 25/BC-UBND" in text
    for path, body in dossiers[0].result_report.sections.items():
        assert squash(body) in text, path
    figures = compute_figures(dossiers, pack)
    text = squash(" ".join(pdf_pages(pdf.data)))  # pypdf keeps table rows in one piece
    placed = {t for item in _walk(spec.outline) for t in item.figure_tables}
    if "nominees" in placed:
        for row in figures.nominees_by_kind:
            assert squash(f"{row.label} {number(row.value)}") in text
    if "contributions" in placed:
        workdays, money_row, land = figures.contributions
        assert squash(f"{number(workdays.value)} ngày công; {money(int(money_row.value))}; "
                      f"{number(land.value)} m² đất") in text
    if "awards" in placed:
        for row in figures.awards:
            assert squash(f"{row.label} {number(row.value)}") in text


def _walk(items):
    for item in items:
        yield item
        yield from _walk(item.children)


def test_charts_are_vector_drawings_with_their_labels(tmp_path):
    dossiers, pack = CASES["caobang"]()
    document = build_result_report(dossiers, pack)
    charts = [b for b in document.blocks if isinstance(b, Chart)]
    assert [c.title for c in charts] == [
        "Biểu đồ: số đối tượng đề nghị khen thưởng theo loại",
        "Biểu đồ: số đối tượng thuộc diện ưu tiên theo nhóm"]
    data = render_result_report(dossiers, pack).data
    streams = b"".join(p.get_contents().get_data() for p in PdfReader(io.BytesIO(data)).pages)
    bars = re.findall(rb"[\d.]+ [\d.]+ [\d.]+ [\d.]+ re", streams)
    assert BAR_FILL in streams and bars  # filled rectangles, not an image
    assert b"/Subtype /Image" not in data
    text = squash(pdf_text(data, tmp_path))
    for chart in charts:
        assert squash(chart.title) in text
        for label in chart.labels:
            assert squash(label) in text


def test_district_report_sums_its_commune_and_charts_each_unit(tmp_path):
    district, commune = demos()["demo-huyen-trung-khanh"], demos()["demo-xa-bach-dang"]
    pdf = render_result_report([district, commune], cao_bang())
    text = squash(pdf_text(pdf.data, tmp_path))
    assert "Tổng số đã huy động: 43 ngày công; 5.000.000 đồng; 200 m² đất." in text
    assert "Tổng số đối tượng đề nghị khen thưởng: 05" in text
    for title in ("Biểu đồ: ngày công đóng góp theo đơn vị",
                  "Biểu đồ: tiền đóng góp theo đơn vị (đồng)",
                  "Biểu đồ: diện tích đất hiến theo đơn vị (m²)"):
        assert title in text
    assert "Số liệu tổng hợp từ hồ sơ của: Ủy ban nhân dân huyện Trùng Khánh; Ủy ban nhân " \
           "dân xã Bạch Đằng." in text
    single = squash(pdf_text(render_result_report([commune], cao_bang()).data, tmp_path))
    assert "theo đơn vị" not in single  # one unit: no per-commune chart


def test_docx_twin_has_the_same_headings_and_the_chart_numbers():
    dossiers, pack = CASES["caobang"]()
    docx = render_result_report(dossiers, pack, fmt="docx")
    xml = zipfile.ZipFile(io.BytesIO(docx.data)).read("word/document.xml").decode("utf-8")
    xml = xml.replace("\u00a0", " ")  # names and dates are kept on one line with no-break spaces
    for heading in _headings(pack.result_report.outline):
        assert heading in xml
    # real charts, not tables: one native chart part per chart of the PDF, same numbers
    archive = zipfile.ZipFile(io.BytesIO(docx.data))
    parts = sorted(n for n in archive.namelist() if n.startswith("word/charts/chart"))
    document = build_result_report(dossiers, pack)
    expected = [b for b in document.blocks if isinstance(b, Chart)]
    assert len(parts) == len(expected) >= 2
    for name, chart in zip(parts, expected, strict=True):
        part = archive.read(name).decode("utf-8")
        assert chart.title in part and 'c:barDir val="bar"' in part
        for label, value in zip(chart.labels, chart.values, strict=True):
            assert f"<c:v>{label}</c:v>" in part and f"<c:v>{value:g}</c:v>" in part
    assert "chart+xml" in archive.read("[Content_Types].xml").decode("utf-8")


def test_sample_png_of_the_district_report(tmp_path):
    """docs/samples/result-report-district-p2.png is page 2 of this report (charts)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    district, commune = demos()["demo-huyen-trung-khanh"], demos()["demo-xa-bach-dang"]
    path = tmp_path / "report.pdf"
    path.write_bytes(render_result_report([district, commune], cao_bang()).data)
    subprocess.run(["pdftoppm", "-r", "60", "-f", "2", "-l", "2", "-png", str(path),
                    str(tmp_path / "page")], check=True)
    [png] = tmp_path.glob("page*.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (SAMPLES / "result-report-district-p2.png").exists()


def test_an_overridden_contribution_total_adds_up_with_an_adjustment_row():
    """A hand-corrected total must not leave per-commune rows that no longer add up."""
    district, commune = demos()["demo-huyen-trung-khanh"], demos()["demo-xa-bach-dang"]
    district = district.model_copy(update={"result_report": ResultReport(
        figure_overrides={"contributions.workdays": 120})})
    document = build_result_report([district, commune], cao_bang())
    [table] = [b for b in document.blocks
               if hasattr(b, "rows") and any(c.text == "Tổng cộng" for r in b.rows for c in r)
               and len(b.columns) == 5]
    labels = [row[1].text for row in table.rows]
    assert labels[-2:] == ["Điều chỉnh theo số liệu của đơn vị", "Tổng cộng"]
    units, adjustment, total = table.rows[:-2], table.rows[-2], table.rows[-1]
    unit_sum = sum(int(row[2].text.replace(".", "")) for row in units)
    assert unit_sum == 43
    assert adjustment[2].text == "77" and adjustment[3].text == ""  # money not overridden
    assert total[2].text == "120" == str(unit_sum + 77)
