"""``hoso render``: files written, refusal with exit 1, bad input with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main

TODAY = "2023-07-03"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_dir(tmp_path, capsys) -> Path:
    code, _, _ = run(capsys, "demo", "--out", str(tmp_path / "demo"))
    assert code == 0
    return tmp_path / "demo"


def test_render_writes_pdf_and_docx(demo_dir, tmp_path, capsys):
    out = tmp_path / "out"
    code, stdout, err = run(capsys, "render", str(demo_dir / "demo-xa-bach-dang.json"),
                            "--out", str(out), "--format", "both", "--today", TODAY)
    assert code == 0, stdout + err
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{stem}.{ext}" for ext in ("pdf", "docx") for stem in (
        "01_ToTrinh", "02_DanhSach", "03_BienBan", "04-1_BCTT_XomNaMeXaBachDang",
        "04-2_BCTT_NongThiMai", "05-1_TTTT_NongVanThuan")])
    assert "Đã ghi 12 tệp" in stdout
    assert "01_ToTrinh.pdf  Tờ trình đề nghị khen thưởng (" in stdout
    assert all(p.read_bytes()[:4] in (b"%PDF", b"PK\x03\x04") for p in out.iterdir())


def test_render_refuses_final_with_errors_and_allows_preview(demo_dir, tmp_path, capsys):
    data = json.loads((demo_dir / "demo-so-tnmt.json").read_text(encoding="utf-8"))
    data["nominees"].append(json.loads(json.dumps(data["nominees"][0])))
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "final"
    code, stdout, _ = run(capsys, "render", str(broken), "--out", str(out), "--today", TODAY)
    assert code == 1
    assert "LỖI" in stdout and "Không thể in bản chính thức" in stdout
    assert not out.exists() or not any(out.iterdir())
    code, stdout, _ = run(capsys, "render", str(broken), "--out", str(tmp_path / "preview"),
                          "--preview", "--today", TODAY)
    assert code == 0
    assert "bản xem trước" in stdout
    assert (tmp_path / "preview" / "01_ToTrinh.pdf").is_file()


def test_render_bad_input_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "render", str(tmp_path / "missing.json"), "--out",
                       str(tmp_path / "o"))
    assert code == 2
    assert "Không tìm thấy tệp" in err
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "render", str(bad), "--out", str(tmp_path / "o"))
    assert code == 2


def test_render_leaves_no_temporary_files(demo_dir, tmp_path, capsys):
    out = tmp_path / "out"
    code, _, _ = run(capsys, "render", str(demo_dir / "demo-so-tnmt.json"), "--out", str(out),
                     "--today", TODAY, "--format", "docx")
    assert code == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
