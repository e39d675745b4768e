"""The result report's deadline rule (exact messages, quiet once sent) and ``hoso report``."""

from __future__ import annotations

import datetime as dt
import json

from documents.support import cao_bang, demos

from desktop.cli import main
from desktop.dossierfile import write_dossier_file
from desktop.models import ResultReport
from desktop.validation import validate


def _report_findings(dossier, day):
    return [f for f in validate(dossier, cao_bang(), today=day)
            if f.code.startswith("deadline.result_report")]


def test_info_until_the_deadline_then_a_warning():
    dossier = demos()["demo-xa-bach-dang"]
    [due] = _report_findings(dossier, dt.date(2023, 7, 10))
    assert (due.code, due.severity, due.document) == (
        "deadline.result_report_due", "info", "result_report")
    assert due.message_vi == ("Báo cáo kết quả đợt thi đua gửi Sở Nội vụ (qua Ban Thi đua - "
                              "Khen thưởng tỉnh) chậm nhất ngày 10/07/2023.")
    [late] = _report_findings(dossier, dt.date(2023, 7, 11))
    assert (late.code, late.severity, late.path) == (
        "deadline.result_report_late", "warning", "result_report.sent_on")
    assert late.message_vi == (
        "Đã quá hạn gửi báo cáo kết quả đợt thi đua (chậm nhất ngày 10/07/2023); hôm nay là "
        "ngày 11/07/2023 và báo cáo chưa được ghi là đã gửi.")
    assert late.message_en == ("The campaign result report was due by 10/07/2023; today is "
                               "11/07/2023 and the report is not marked as sent.")


def test_a_sent_report_is_quiet():
    dossier = demos()["demo-xa-bach-dang"]
    sent = dossier.model_copy(update={"result_report": ResultReport(
        sent_on=dt.date(2023, 7, 9))})
    assert _report_findings(sent, dt.date(2023, 8, 1)) == []


def test_demo_dossiers_have_no_error_on_the_first_upload_day():
    """Only the warning that the Cao Bằng pack does not know its plan's number."""
    assert not cao_bang().plan.number
    for dossier in demos().values():
        findings = validate(dossier, cao_bang(), today=dt.date(2023, 7, 3))
        assert [f.code for f in findings if f.severity != "info"] == ["plan.number_unknown"]


def test_hoso_report_district_with_commune(tmp_path, capsys):
    district = write_dossier_file(demos()["demo-huyen-trung-khanh"], tmp_path / "huyen.json")
    commune = write_dossier_file(demos()["demo-xa-bach-dang"], tmp_path / "xa.json")
    out = tmp_path / "out"
    assert main(["report", str(district), "--with", str(commune), "--out", str(out),
                 "--format", "both"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["BaoCaoKetQuaDotThiDua.docx",
                                                     "BaoCaoKetQuaDotThiDua.pdf"]
    assert "Đã ghi 2 tệp" in capsys.readouterr().out


def test_hoso_report_exit_codes(tmp_path, capsys):
    assert main(["report", str(tmp_path / "none.json"), "--out", str(tmp_path)]) == 2
    data = json.loads(demos()["demo-xa-bach-dang"].model_dump_json())
    data["nominees"][0]["staff_count"] = "nhiều"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["report", str(bad), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()
    capsys.readouterr()


def test_hoso_report_stamps_a_dossier_with_errors_as_a_draft(tmp_path, capsys):
    """The report of a dossier that still has errors is a draft: the watermark on every page."""
    import io

    from pypdf import PdfReader

    dossier = demos()["demo-xa-bach-dang"]
    broken = dossier.model_copy(update={"council": dossier.council.model_copy(
        update={"votes": dossier.council.votes[:1]})})  # a nominee without votes: an error
    path = write_dossier_file(broken, tmp_path / "xa.json")
    assert main(["report", str(path), "--out", str(tmp_path / "out")]) == 0
    assert "bản dự thảo" in capsys.readouterr().out
    def pages(folder):
        data = (tmp_path / folder / "BaoCaoKetQuaDotThiDua.pdf").read_bytes()
        return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]

    assert len(pages("out")) >= 2 and all("BẢN XEM TRƯỚC" in p for p in pages("out"))
    clean = write_dossier_file(dossier, tmp_path / "clean.json")
    assert main(["report", str(clean), "--out", str(tmp_path / "ok")]) == 0
    assert not any("BẢN XEM TRƯỚC" in p for p in pages("ok"))
