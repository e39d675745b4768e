"""``hoso demo --giay-khen`` and ``hoso render`` of a Giấy khen round (decision, list,
certificates, calibration page, offsets remembered per printer)."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader

from desktop.cli import main
from desktop.documents.award_round import MM


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _name_x(pdf: bytes) -> float:
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip() == "Xóm Khuổi Lùng, xã Bạch Đằng":
            found.append(tm[4])

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found[0]


def test_render_a_round_with_saved_printer_offsets(tmp_path, capsys, hoso_data_dir):
    code, out, _ = run(capsys, "demo", "--giay-khen", "--out", str(tmp_path / "demo"))
    assert code == 0 and "0 lỗi" in out
    dossier = str(tmp_path / "demo" / "demo-xa-bach-dang-giay-khen.json")
    plain = tmp_path / "plain"
    code, out, err = run(capsys, "render", dossier, "--out", str(plain), "--today",
                         "2023-07-12", "--format", "both")
    assert code == 0, out + err
    assert sorted(p.name for p in plain.iterdir()) == sorted(
        f"{s}.{e}" for e in ("pdf", "docx")
        for s in ("01_BienBan", "02_QuyetDinh", "03_DanhSach", "04_GiayKhen"))
    # measure once, remember for the printer, print again without giving the offsets
    code, out, err = run(capsys, "render", dossier, "--out", str(tmp_path / "cal"),
                         "--today", "2023-07-12", "--preprinted", "--printer", "Canon LBP2900",
                         "--dx", "4", "--dy", "-2.5", "--save-offsets", "--calibration")
    assert code == 0, out + err
    assert "Đã lưu độ lệch cho máy in “Canon LBP2900”: ngang 4 mm, dọc -2,5 mm." in out
    assert (tmp_path / "cal" / "00_CanChinh_GiayKhen.pdf").is_file()
    saved = json.loads((hoso_data_dir / "printers.json").read_text(encoding="utf-8"))
    assert saved["printers"]["Canon LBP2900"] == {"dx_mm": 4.0, "dy_mm": -2.5}
    again = tmp_path / "again"
    code, out, err = run(capsys, "render", dossier, "--out", str(again), "--today",
                         "2023-07-12", "--preprinted", "--printer", "Canon LBP2900")
    assert code == 0, out + err
    shift = _name_x((again / "04_GiayKhen.pdf").read_bytes()) - _name_x(
        (plain / "04_GiayKhen.pdf").read_bytes())
    assert abs(shift - 4 * MM) < 0.01


def test_a_wild_offset_is_bad_input(tmp_path, capsys):
    run(capsys, "demo", "--giay-khen", "--out", str(tmp_path / "demo"))
    code, _, err = run(capsys, "render", str(tmp_path / "demo" /
                                             "demo-xa-bach-dang-giay-khen.json"),
                       "--out", str(tmp_path / "o"), "--dx", "80")
    assert code == 2 and "Độ lệch ngang" in err
